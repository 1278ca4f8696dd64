import { fmtShape, stridedView, stridesOf, Tensor } from "./helpers";

/**
 * One entry per dim of a slice:
 * - `null` or `":"` — the whole dim;
 * - a number — that index (negative counts from the end); the dim is removed;
 * - `[start, end?, step?]` or `"start:end:step"` — a range, Python style (negatives count from the end, step > 0);
 * - `"..."` — as many whole dims as needed; `"none"` — insert a new size-1 dim.
 */
export type IndexSpec = number | null | string | readonly (number | null | undefined)[];

interface Range {
  start: number;
  step: number;
  count: number;
}

function parseRange(spec: string | readonly (number | null | undefined)[], size: number, dim: number, x: Tensor): Range {
  let parts: (number | null | undefined)[];
  if (typeof spec === "string") {
    const pieces = spec.split(":");
    if (pieces.length < 2 || pieces.length > 3) throw new Error(`slice: cannot read "${spec}" for dim ${dim}; write "start:end" or "start:end:step"`);
    parts = pieces.map((p) => {
      if (p.trim() === "") return null;
      const n = Number(p);
      if (!Number.isInteger(n)) throw new Error(`slice: "${p}" in "${spec}" is not an integer`);
      return n;
    });
  } else parts = [...spec];
  const step = parts[2] ?? 1;
  if (!Number.isInteger(step) || step <= 0) throw new Error(`slice: step must be a positive integer, got ${step} for dim ${dim} of shape ${fmtShape(x.shape)}`);
  const clampIdx = (v: number | null | undefined, dflt: number) => {
    if (v === null || v === undefined) return dflt;
    const r = v < 0 ? v + size : v;
    return Math.min(Math.max(r, 0), size);
  };
  const start = clampIdx(parts[0], 0), end = clampIdx(parts[1], size);
  const count = Math.max(0, Math.ceil((end - start) / step));
  return { start, step, count };
}

/**
 * A sub-tensor selected per dim (see IndexSpec); missing trailing dims are taken whole. Differentiable.
 * @example
 * const x = arange(12).reshape(3, 4);
 * x.slice([null, [1, null, 2]]);   // columns 1 and 3: tensor([[ 1,  3], [ 5,  7], [ 9, 11]], dtype=int32)
 * x.index(-1, "1:3");              // last row, columns 1..2: tensor([ 9, 10], dtype=int32)
 */
export function slice(x: Tensor, specs: readonly IndexSpec[]): Tensor {
  const ellipsis = specs.filter((s) => s === "...").length;
  if (ellipsis > 1) throw new Error("slice: only one \"...\" is allowed");
  const consuming = specs.filter((s) => s !== "..." && s !== "none").length;
  if (consuming > x.ndim) throw new Error(`slice: ${consuming} indices given for a tensor of shape ${fmtShape(x.shape)} (${x.ndim} dims)`);
  const expanded: IndexSpec[] = [];
  for (const s of specs) {
    if (s === "...") for (let k = 0; k < x.ndim - consuming; k++) expanded.push(null);
    else expanded.push(s);
  }
  const strides = stridesOf(x.shape);
  const shape: number[] = [], outStrides: number[] = [];
  let offset = 0, dim = 0;
  for (const s of expanded) {
    if (s === "none") {
      shape.push(1);
      outStrides.push(0);
      continue;
    }
    const size = x.shape[dim];
    if (typeof s === "number") {
      if (!Number.isInteger(s) || s < -size || s >= size) throw new Error(`slice: index ${s} is out of range for dim ${dim} of size ${size} (shape ${fmtShape(x.shape)})`);
      offset += (s < 0 ? s + size : s) * strides[dim];
    } else if (s === null || s === ":") {
      shape.push(size);
      outStrides.push(strides[dim]);
    } else {
      const r = parseRange(s as string | (number | null)[], size, dim, x);
      offset += r.start * strides[dim];
      shape.push(r.count);
      outStrides.push(r.step * strides[dim]);
    }
    dim++;
  }
  for (; dim < x.ndim; dim++) {
    shape.push(x.shape[dim]);
    outStrides.push(strides[dim]);
  }
  return stridedView("SliceBackward", x, shape, outStrides, offset);
}

/** The elements in reverse order along the given dims. @example flip(tensor([1, 2, 3]), 0); // tensor([3, 2, 1], dtype=int32) */
export function flip(x: Tensor, dims: number | number[]): Tensor {
  const list = (typeof dims === "number" ? [dims] : dims).map((d) => (d < 0 ? d + x.ndim : d));
  for (const d of list) if (d < 0 || d >= x.ndim) throw new Error(`flip: dimension ${d} is out of range for shape ${fmtShape(x.shape)}`);
  const strides = stridesOf(x.shape);
  let offset = 0;
  const out = strides.map((s, d) => {
    if (!list.includes(d)) return s;
    offset += (x.shape[d] - 1) * s;
    return -s;
  });
  return stridedView("FlipBackward", x, x.shape, out, offset);
}

declare module "../core/tensor" {
  interface Tensor {
    /** See slice(): x.slice([null, [1, null, 2]]). */
    slice(specs: readonly IndexSpec[]): Tensor;
    /** Variadic slice: x.index(0, "1:3", null). */
    index(...specs: IndexSpec[]): Tensor;
    flip(dims: number | number[]): Tensor;
    /** Iterates over the first dim (`for (const row of t)`), like PyTorch. */
    [Symbol.iterator](): Iterator<Tensor>;
  }
}
Tensor.prototype[Symbol.iterator] = function* (this: Tensor): Generator<Tensor> {
  if (this.ndim === 0) throw new Error("iteration over a 0-d tensor: use .item() to get its value");
  for (let i = 0; i < this.shape[0]; i++) yield slice(this, [i]);
};
Tensor.prototype.slice = function (this: Tensor, specs: readonly IndexSpec[]) {
  return slice(this, specs);
};
Tensor.prototype.index = function (this: Tensor, ...specs: IndexSpec[]) {
  return slice(this, specs);
};
Tensor.prototype.flip = function (this: Tensor, dims: number | number[]) {
  return flip(this, dims);
};
