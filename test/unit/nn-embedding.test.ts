import { describe, expect, it } from "vitest";
import { embedding, manualSeed, nn, optim, tensor } from "axone";

const ids = (rows: number[][]) => tensor(rows, { dtype: "int32" });

describe("embedding with paddingIdx (PyTorch's padding_idx)", () => {
  it("gives the padding row no gradient and the other rows the sum of their output gradients", () => {
    const weight = tensor([[1, 2], [3, 4], [5, 6]], { requiresGrad: true });
    const out = embedding(ids([[0, 2, 0, 1]]), weight, { paddingIdx: 0 });
    expect(out.toArray()).toEqual([[[1, 2], [5, 6], [1, 2], [3, 4]]]);
    out.mul(tensor([[[1, 1], [2, 2], [3, 3], [4, 4]]])).sum().backward();
    expect(weight.grad!.toArray()).toEqual([[0, 0], [4, 4], [2, 2]]);
  });

  it("counts a negative paddingIdx from the end and rejects one out of range", () => {
    const weight = tensor([[1, 2], [3, 4], [5, 6]], { requiresGrad: true });
    embedding(ids([[2, 1, 2]]), weight, { paddingIdx: -1 }).sum().backward();
    expect(weight.grad!.toArray()).toEqual([[0, 0], [1, 1], [0, 0]]);
    expect(() => embedding(ids([[0]]), weight, { paddingIdx: 3 })).toThrow("embedding: paddingIdx 3 must be an integer in [-3, 3) for 3 embeddings");
  });

  it("nn.Embedding starts the padding row at zero and keeps it there through training", () => {
    manualSeed(0);
    const emb = new nn.Embedding(5, 3, { paddingIdx: 4 });
    expect(String(emb)).toBe("Embedding(5, 3, padding_idx=4)");
    expect(emb.weight.toArray()[4]).toEqual([0, 0, 0]);
    const opt = new optim.SGD(emb.parameters(), { lr: 0.5 });
    for (let step = 0; step < 3; step++) {
      opt.zeroGrad();
      emb.forward(ids([[4, 1, 4, 2]])).pow(2).sum().neg().backward();
      opt.step();
    }
    expect(emb.weight.toArray()[4]).toEqual([0, 0, 0]);
    expect((emb.weight.toArray()[1] as number[]).some((v) => v !== 0)).toBe(true);
  });
});
