import { describe, expect, it } from "vitest";
import { data, tensor, Tensor } from "axone";

const xs = tensor(Float32Array.from({ length: 10 * 3 }, (_, i) => i)).reshape([10, 3]);
const ys = tensor(Int32Array.from({ length: 10 }, (_, i) => i), { dtype: "int32" });

describe("DataLoader", () => {
  it("batches a TensorDataset in order, with the last batch smaller or dropped", () => {
    const ds = new data.TensorDataset(xs, ys);
    const loader = new data.DataLoader(ds, { batchSize: 4 });
    const batches = [...loader];
    expect(loader.length).toBe(3);
    expect(batches.map(([x]) => x.shape)).toEqual([[4, 3], [4, 3], [2, 3]]);
    expect(batches[2][1].toArray()).toEqual([8, 9]);
    expect(batches[2][1].dtype).toBe("int32");
    expect(batches[0][0].toArray()).toEqual([[0, 1, 2], [3, 4, 5], [6, 7, 8], [9, 10, 11]]);
    const dropped = new data.DataLoader(ds, { batchSize: 4, dropLast: true });
    expect(dropped.length).toBe(2);
    expect([...dropped].length).toBe(2);
  });

  it("shuffles reproducibly from a seed, differently each epoch, covering every sample", () => {
    const ds = new data.TensorDataset(xs, ys);
    const order = (loader: data.DataLoader) => [...loader].flatMap(([, y]) => y.toArray() as number[]);
    const a = new data.DataLoader(ds, { batchSize: 3, shuffle: true, seed: 5 });
    const b = new data.DataLoader(ds, { batchSize: 3, shuffle: true, seed: 5 });
    const epoch1 = order(a);
    expect(epoch1).toEqual(order(b));
    expect([...epoch1].sort((p, q) => p - q)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(epoch1).not.toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(order(a)).not.toEqual(epoch1);
    // rows stay paired with their labels
    for (const [x, y] of new data.DataLoader(ds, { batchSize: 4, shuffle: true, seed: 1 }))
      (y.toArray() as number[]).forEach((label, i) => expect((x.toArray() as number[][])[i][0]).toBe(label * 3));
  });

  it("collates a custom Dataset and applies a batch transform", () => {
    class Squares extends data.Dataset<[Tensor, number]> {
      get length() {
        return 5;
      }
      getItem(i: number): [Tensor, number] {
        return [tensor([i, i * i]), i];
      }
    }
    const loader = new data.DataLoader<Tensor[]>(new Squares(), { batchSize: 2, transform: ([x, y]) => [x.mul(10), y] });
    const [x, y] = [...loader][1];
    expect(x.toArray()).toEqual([[20, 40], [30, 90]]);
    expect(y.toArray()).toEqual([2, 3]);
    expect(() => new data.DataLoader(new Squares(), { batchSize: 0 })).toThrow(/batchSize/);
  });

  it("splits into train and test subsets", () => {
    const ds = new data.TensorDataset(xs, ys);
    const { train, test } = data.trainTestSplit(ds, { testSize: 0.3, seed: 0 });
    expect([train.length, test.length]).toEqual([7, 3]);
    const seen = [...new data.DataLoader(train, { batchSize: 10 }), ...new data.DataLoader(test, { batchSize: 10 })].flatMap(([, y]) => y.toArray() as number[]);
    expect(seen.sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(data.randomSplit(ds, [0.5, 0.5]).map((s) => s.length)).toEqual([5, 5]);
  });
});

describe("transforms", () => {
  it("normalises per channel, one-hot encodes, flattens", () => {
    const img = tensor([[[1, 3]], [[10, 20]]]); // [2, 1, 2]
    expect(data.transforms.normalize([2, 15], [1, 5])(img).toArray()).toEqual([[[-1, 1]], [[-1, 1]]]);
    expect(data.transforms.oneHot(3)(tensor([2, 0], { dtype: "int32" })).toArray()).toEqual([[0, 0, 1], [1, 0, 0]]);
    expect(() => data.transforms.oneHot(3)(tensor([3], { dtype: "int32" }))).toThrow(/label 3/);
    expect(data.transforms.flatten()(img).shape).toEqual([4]);
  });
  it("flips and crops for augmentation", () => {
    const img = tensor([[[1, 2, 3], [4, 5, 6]]]); // [1, 2, 3]
    expect(data.transforms.randomHorizontalFlip(1)(img).toArray()).toEqual([[[3, 2, 1], [6, 5, 4]]]);
    expect(data.transforms.randomHorizontalFlip(0)(img).toArray()).toEqual(img.toArray());
    const crop = data.transforms.randomCrop(2, { padding: 1, seed: 3 })(img);
    expect(crop.shape).toEqual([1, 2, 2]);
    expect(data.transforms.randomCrop([2, 3])(img).toArray()).toEqual(img.toArray());
  });
});

describe("data sets as tensors", () => {
  it("splits the package's 10,000 MNIST digits 8,000 / 2,000, stratified", () => {
    const { train, test } = data.mnist();
    expect(train.x.shape).toEqual([8000, 1, 28, 28]);
    expect(test.x.shape).toEqual([2000, 1, 28, 28]);
    expect(test.y.dtype).toBe("int32");
    const counts = new Array(10).fill(0);
    for (const y of test.y.data()) counts[y]++;
    expect(counts.every((c) => c >= 170 && c <= 230)).toBe(true);
  });
  it("gives iris, XOR, moons, spirals and house prices as tensors", () => {
    const { train, test, all } = data.iris();
    expect([train.x.shape, test.x.shape, all.x.shape]).toEqual([[120, 4], [30, 4], [150, 4]]);
    expect(data.xor().x.toArray()).toEqual([[0, 0], [0, 1], [1, 0], [1, 1]]);
    expect(data.moons({ count: 50 }).x.shape).toEqual([50, 2]);
    expect(data.spirals({ perClass: 10, classes: 4 }).y.shape).toEqual([40]);
    expect(data.housePrices().y.toArray()).toEqual([460, 232, 315, 178, 240]);
  });
});
