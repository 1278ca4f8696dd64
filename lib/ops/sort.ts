import { normDim } from "../core/shape";
import { fmtShape, stridesOf, Tensor, toTensor, type TensorLike } from "./helpers";
import type { ValuesIndices } from "./max";

function pair(values: Tensor, indices: Tensor): ValuesIndices {
  return {
    values,
    indices,
    *[Symbol.iterator]() {
      yield values;
      yield indices;
    },
  };
}

/** int32 indices that sort each slice along dim (stable; NaN last), computed on the host. */
function sortIndices(x: Tensor, d: number, descending: boolean): Tensor {
  const data = x.data();
  const shape = x.shape, strides = stridesOf(shape);
  const n = shape[d], stride = strides[d];
  const out = new Int32Array(data.length);
  const order = Array.from({ length: n }, (_, i) => i);
  const outer = shape.slice(0, d).reduce((a, b) => a * b, 1), inner = shape.slice(d + 1).reduce((a, b) => a * b, 1);
  for (let o = 0; o < outer; o++)
    for (let i = 0; i < inner; i++) {
      const base = o * n * inner + i;
      for (let k = 0; k < n; k++) order[k] = k;
      order.sort((a, b) => {
        const va = data[base + a * stride], vb = data[base + b * stride];
        if (va !== va) return vb !== vb ? a - b : 1;
        if (vb !== vb) return -1;
        return (descending ? vb - va : va - vb) || a - b;
      });
      for (let k = 0; k < n; k++) out[base + k * stride] = order[k];
    }
  return toTensor(out, x, "int32").reshape(shape);
}

/**
 * Sorted values along dim (default the last) and the indices they came from; values are differentiable.
 * @example
 * const { values, indices } = sort(tensor([3, 1, 2])); // values [1, 2, 3], indices [1, 2, 0]
 */
export function sort(x: TensorLike, dim: number | { dim?: number; descending?: boolean } = -1, descending = false): ValuesIndices {
  if (typeof dim === "object") [dim, descending] = [dim.dim ?? -1, dim.descending ?? false];
  const t = toTensor(x);
  if (t.ndim === 0) return pair(t, toTensor(0, t, "int32"));
  const d = normDim("sort", dim, t.ndim, t.shape);
  const indices = sortIndices(t, d, descending);
  return pair(t.gather(d, indices), indices);
}

/** Indices that sort x along dim. */
export function argsort(x: TensorLike, dim = -1, descending = false): Tensor {
  return sort(x, dim, descending).indices;
}

/**
 * The k largest (or smallest) values along dim with their indices, largest first.
 * @example
 * topk(tensor([1, 5, 3]), 2).values; // tensor([5, 3], dtype=int32)
 */
export function topk(x: TensorLike, k: number, dim = -1, largest = true): ValuesIndices {
  const t = toTensor(x);
  const d = normDim("topk", dim, t.ndim, t.shape);
  if (!Number.isInteger(k) || k < 0 || k > t.shape[d]) throw new Error(`topk: k = ${k} must be between 0 and ${t.shape[d]}, the size of dimension ${dim} of shape ${fmtShape(t.shape)}`);
  const { values, indices } = sort(t, d, largest);
  return pair(values.narrow(d, 0, k), indices.narrow(d, 0, k));
}

declare module "../core/tensor" {
  interface Tensor {
    /** sort(dim, descending) or sort({ dim, descending }) */
    sort(dim?: number | { dim?: number; descending?: boolean }, descending?: boolean): ValuesIndices;
    argsort(dim?: number, descending?: boolean): Tensor;
    topk(k: number, dim?: number, largest?: boolean): ValuesIndices;
  }
}
Tensor.prototype.sort = function (this: Tensor, dim?: number | { dim?: number; descending?: boolean }, descending?: boolean) {
  return sort(this, dim, descending);
};
Tensor.prototype.argsort = function (this: Tensor, dim?: number, descending?: boolean) {
  return argsort(this, dim, descending);
};
Tensor.prototype.topk = function (this: Tensor, k: number, dim?: number, largest?: boolean) {
  return topk(this, k, dim, largest);
};
