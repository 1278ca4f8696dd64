import { normDim } from "../core/shape";
import { Tensor } from "./helpers";
import { reshape } from "./reshape";

/**
 * Merges dims startDim..endDim into one.
 * @example
 * flatten(zeros(2, 3, 4), 1).shape; // [2, 12]
 */
export function flatten(x: Tensor, startDim = 0, endDim = -1): Tensor {
  if (x.ndim === 0) return reshape(x, [1]);
  const s = normDim("flatten", startDim, x.ndim, x.shape), e = normDim("flatten", endDim, x.ndim, x.shape);
  if (s > e) throw new Error(`flatten: startDim ${startDim} comes after endDim ${endDim} for shape [${x.shape.join(",")}]`);
  const merged = x.shape.slice(s, e + 1).reduce((a, b) => a * b, 1);
  return reshape(x, [...x.shape.slice(0, s), merged, ...x.shape.slice(e + 1)]);
}

/** Splits dim into the given sizes (PyTorch's unflatten). */
export function unflatten(x: Tensor, dim: number, sizes: readonly number[]): Tensor {
  const d = normDim("unflatten", dim, x.ndim, x.shape);
  return reshape(x, [...x.shape.slice(0, d), ...sizes, ...x.shape.slice(d + 1)]);
}

declare module "../core/tensor" {
  interface Tensor {
    flatten(startDim?: number, endDim?: number): Tensor;
    unflatten(dim: number, sizes: readonly number[]): Tensor;
  }
}
Tensor.prototype.flatten = function (this: Tensor, startDim?: number, endDim?: number) {
  return flatten(this, startDim, endDim);
};
Tensor.prototype.unflatten = function (this: Tensor, dim: number, sizes: readonly number[]) {
  return unflatten(this, dim, sizes);
};
