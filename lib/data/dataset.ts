// Dataset, TensorDataset and DataLoader: batches with a seeded shuffle and dropLast. A TensorDataset
// batches by copying rows of its typed arrays straight into one batch tensor (no per-sample tensors).

import { Tensor, tensor } from "../core";
import { stack } from "../ops";
import { Random } from "./random";

/**
 * A data set: `length` samples, `getItem(i)` returns one (typically `[x, y]`).
 * @example
 * class Squares extends data.Dataset<[Tensor, Tensor]> {
 *   get length() { return 10; }
 *   getItem(i: number): [Tensor, Tensor] { return [tensor([i]), tensor([i * i])]; }
 * }
 */
export abstract class Dataset<T = Tensor[]> {
  abstract get length(): number;
  abstract getItem(index: number): T;
}

function rowsOf(t: Tensor): { values: Float32Array | Int32Array | Uint8Array; rowSize: number; rest: number[] } {
  const values = t.data() as Float32Array | Int32Array | Uint8Array;
  const rest = t.shape.slice(1);
  return { values, rowSize: rest.reduce((a, b) => a * b, 1), rest };
}

/**
 * Samples made of rows of the given tensors (all with the same first dimension).
 * @example
 * const ds = new data.TensorDataset(x, y); ds.getItem(0); // [x[0], y[0]]
 */
export class TensorDataset extends Dataset<Tensor[]> {
  readonly tensors: Tensor[];
  private readonly rows: ReturnType<typeof rowsOf>[];
  constructor(...tensors: Tensor[]) {
    super();
    if (tensors.length === 0) throw new Error("TensorDataset: give at least one tensor");
    const n = tensors[0].shape[0];
    for (const t of tensors)
      if (t.ndim === 0 || t.shape[0] !== n)
        throw new Error(`TensorDataset: every tensor needs the same first dimension; got shapes ${tensors.map((x) => `[${x.shape}]`).join(", ")}`);
    this.tensors = tensors;
    this.rows = tensors.map(rowsOf);
  }
  get length(): number {
    return this.tensors[0].shape[0];
  }
  getItem(index: number): Tensor[] {
    return this.batch([index]);
  }
  /** The samples at `indices` as one tensor per component, each [indices.length, …] (or […] for a single index). */
  batch(indices: ArrayLike<number>, keepBatchDim = indices.length !== 1 || false): Tensor[] {
    const n = this.length;
    return this.rows.map(({ values, rowSize, rest }, k) => {
      const out = new (values.constructor as Float32ArrayConstructor)(indices.length * rowSize);
      for (let i = 0; i < indices.length; i++) {
        const r = indices[i];
        if (!(r >= 0 && r < n)) throw new Error(`TensorDataset: index ${r} out of range for ${n} samples`);
        if (rowSize === 1) out[i] = values[r];
        else out.set(values.subarray(r * rowSize, (r + 1) * rowSize), i * rowSize);
      }
      const dtype = this.tensors[k].dtype;
      const t = tensor(out, { dtype });
      return t.reshape(keepBatchDim ? [indices.length, ...rest] : rest);
    });
  }
}

/** A view of some samples of another data set (what randomSplit and trainTestSplit return). */
export class Subset<T> extends Dataset<T> {
  constructor(readonly dataset: Dataset<T>, readonly indices: ArrayLike<number>) {
    super();
  }
  get length(): number {
    return this.indices.length;
  }
  getItem(index: number): T {
    return this.dataset.getItem(this.indices[index]);
  }
}

export interface DataLoaderOptions<T> {
  batchSize?: number;
  /** Draw a new random order every epoch (reproducible from `seed`). */
  shuffle?: boolean;
  seed?: number;
  /** Leave out the last, smaller batch. */
  dropLast?: boolean;
  /** Applied to every batch after it is assembled (e.g. augmentation): receives and returns the batch components. */
  transform?: (batch: T) => T;
}

/**
 * Iterates over a data set in batches. Each pass (`for … of`) is one epoch; with `shuffle` the order
 * changes every epoch but is the same for the same `seed`.
 * @example
 * const loader = new data.DataLoader(new data.TensorDataset(x, y), { batchSize: 64, shuffle: true, seed: 0 });
 * for (const [xb, yb] of loader) { … }
 */
export class DataLoader<T = Tensor[]> implements Iterable<T> {
  readonly batchSize: number;
  readonly shuffle: boolean;
  readonly dropLast: boolean;
  private readonly rng: Random;
  private readonly transform?: (batch: T) => T;
  constructor(readonly dataset: Dataset<any>, options: DataLoaderOptions<T> = {}) {
    this.batchSize = options.batchSize ?? 1;
    if (!(Number.isInteger(this.batchSize) && this.batchSize > 0)) throw new Error(`DataLoader: batchSize must be a positive integer, got ${options.batchSize}`);
    this.shuffle = options.shuffle ?? false;
    this.dropLast = options.dropLast ?? false;
    this.rng = new Random(options.seed ?? 0);
    this.transform = options.transform;
  }
  /** Number of batches per epoch. */
  get length(): number {
    const n = this.dataset.length;
    return this.dropLast ? Math.floor(n / this.batchSize) : Math.ceil(n / this.batchSize);
  }
  /** The sample order of the next epoch. */
  private order(): Int32Array {
    const n = this.dataset.length;
    if (this.shuffle) return this.rng.permutation(n);
    return Int32Array.from({ length: n }, (_, i) => i);
  }
  *[Symbol.iterator](): Iterator<T> {
    const order = this.order();
    const batches = this.length;
    for (let b = 0; b < batches; b++) {
      const indices = order.subarray(b * this.batchSize, Math.min(order.length, (b + 1) * this.batchSize));
      let batch = this.collate(indices);
      if (this.transform) batch = this.transform(batch);
      yield batch;
    }
  }
  private collate(indices: Int32Array): T {
    if (this.dataset instanceof TensorDataset) return this.dataset.batch(indices, true) as T;
    if (this.dataset instanceof Subset && this.dataset.dataset instanceof TensorDataset) {
      const inner = Int32Array.from(indices, (i) => (this.dataset as Subset<unknown>).indices[i]);
      return this.dataset.dataset.batch(inner, true) as T;
    }
    const items = Array.from(indices, (i) => this.dataset.getItem(i));
    const first = items[0];
    if (first instanceof Tensor) return stack(items as Tensor[], 0) as T;
    if (Array.isArray(first))
      return first.map((_, k) => {
        const parts = items.map((item) => (item as unknown[])[k]);
        if (parts[0] instanceof Tensor) return stack(parts as Tensor[], 0);
        if (typeof parts[0] === "number") return tensor(parts as number[], { dtype: Number.isInteger(parts[0]) ? "int32" : "float32" });
        return parts;
      }) as T;
    return items as T;
  }
}

/**
 * Splits a data set into train and test subsets (shuffled with `seed`; stratified by the labels of
 * a TensorDataset's last tensor when `stratify` is true).
 */
export function trainTestSplit<T>(dataset: Dataset<T>, options: { testSize?: number; seed?: number; stratify?: boolean } = {}): { train: Subset<T>; test: Subset<T> } {
  const testSize = options.testSize ?? 0.2;
  const n = dataset.length;
  const fraction = testSize >= 1 ? testSize / n : testSize;
  let labels: ArrayLike<number> | undefined;
  if (options.stratify) {
    if (!(dataset instanceof TensorDataset)) throw new Error("trainTestSplit: stratify needs a TensorDataset (its last tensor holds the labels)");
    labels = dataset.tensors[dataset.tensors.length - 1].data() as ArrayLike<number>;
  }
  const { train, test } = splitIndices(n, fraction, { seed: options.seed, stratify: labels });
  return { train: new Subset(dataset, train), test: new Subset(dataset, test) };
}

import { splitIndices } from "./arrays";

/** Splits into subsets of the given lengths (or fractions summing to 1), in a seeded random order. */
export function randomSplit<T>(dataset: Dataset<T>, lengths: number[], seed = 0): Subset<T>[] {
  const n = dataset.length;
  const sizes = lengths.every((l) => l < 1) ? lengths.map((f) => Math.floor(f * n)) : lengths.slice();
  if (lengths.every((l) => l < 1)) for (let i = 0; sizes.reduce((a, b) => a + b, 0) < n; i = (i + 1) % sizes.length) sizes[i]++;
  if (sizes.reduce((a, b) => a + b, 0) !== n) throw new Error(`randomSplit: lengths [${lengths}] must add up to the ${n} samples`);
  const order = new Random(seed).permutation(n);
  let offset = 0;
  return sizes.map((size) => {
    const part = new Subset(dataset, order.slice(offset, offset + size));
    offset += size;
    return part;
  });
}
