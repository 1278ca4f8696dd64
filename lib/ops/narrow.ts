import { normDim } from "../core/shape";
import { fmtShape, stridedView, stridesOf, Tensor } from "./helpers";

/**
 * `length` elements of `dim` starting at `start` (negative start counts from the end).
 * @example
 * narrow(arange(6).reshape(2, 3), 1, 1, 2); // tensor([[1, 2], [4, 5]], dtype=int32)
 */
export function narrow(x: Tensor, dim: number, start: number, length: number): Tensor {
  const d = normDim("narrow", dim, x.ndim, x.shape);
  const size = x.shape[d];
  const s = start < 0 ? start + size : start;
  if (!Number.isInteger(s) || !Number.isInteger(length) || s < 0 || length < 0 || s + length > size)
    throw new Error(`narrow: start ${start} and length ${length} do not fit dimension ${dim} of size ${size} (shape ${fmtShape(x.shape)})`);
  const strides = stridesOf(x.shape);
  const shape = [...x.shape];
  shape[d] = length;
  return stridedView("NarrowBackward", x, shape, strides, s * strides[d]);
}

declare module "../core/tensor" {
  interface Tensor {
    narrow(dim: number, start: number, length: number): Tensor;
  }
}
Tensor.prototype.narrow = function (this: Tensor, dim: number, start: number, length: number) {
  return narrow(this, dim, start, length);
};
