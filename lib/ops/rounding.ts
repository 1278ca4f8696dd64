// Piecewise-constant functions: their gradient is zero almost everywhere, so they are not recorded.
import { Tensor, toTensor, unaryKernel, type TensorLike } from "./helpers";

/** -1, 0 or 1 by the sign of x. @example sign(tensor([-2, 0, 3])); // tensor([-1,  0,  1], dtype=int32) */
export const sign = (x: TensorLike): Tensor => unaryKernel(toTensor(x), "sign");
/** Largest integer ≤ x. @example floor(tensor([1.5, -1.5])); // tensor([ 1., -2.]) */
export const floor = (x: TensorLike): Tensor => unaryKernel(toTensor(x), "floor");
/** Smallest integer ≥ x. @example ceil(tensor([1.5])); // tensor([2.]) */
export const ceil = (x: TensorLike): Tensor => unaryKernel(toTensor(x), "ceil");
/** Nearest integer, halves to even (as PyTorch). @example round(tensor([0.5, 1.5])); // tensor([0., 2.]) */
export const round = (x: TensorLike): Tensor => unaryKernel(toTensor(x), "round");
/** Integer part toward zero. @example trunc(tensor([-1.7])); // tensor([-1.]) */
export const trunc = (x: TensorLike): Tensor => unaryKernel(toTensor(x), "trunc");
/** Boolean mask of NaN elements. */
export const isnan = (x: TensorLike): Tensor => unaryKernel(toTensor(x), "isnan", 0, 0, "bool");
/** Boolean mask of ±∞ elements. */
export const isinf = (x: TensorLike): Tensor => unaryKernel(toTensor(x), "isinf", 0, 0, "bool");

declare module "../core/tensor" {
  interface Tensor {
    sign(): Tensor;
    floor(): Tensor;
    ceil(): Tensor;
    round(): Tensor;
    trunc(): Tensor;
    isnan(): Tensor;
    isinf(): Tensor;
  }
}
Tensor.prototype.sign = function (this: Tensor) {
  return sign(this);
};
Tensor.prototype.floor = function (this: Tensor) {
  return floor(this);
};
Tensor.prototype.ceil = function (this: Tensor) {
  return ceil(this);
};
Tensor.prototype.round = function (this: Tensor) {
  return round(this);
};
Tensor.prototype.trunc = function (this: Tensor) {
  return trunc(this);
};
Tensor.prototype.isnan = function (this: Tensor) {
  return isnan(this);
};
Tensor.prototype.isinf = function (this: Tensor) {
  return isinf(this);
};
