import { record, Tensor, toTensor, unaryKernel, type TensorLike } from "./helpers";

/**
 * x² element-wise.
 * @example
 * square(tensor([3])); // tensor([9], dtype=int32)
 */
export function square(x: TensorLike): Tensor {
  const t = toTensor(x);
  const y = unaryKernel(t, "square");
  return record("SquareBackward", y, [t], (g) => [g.mul(t).mul(2)]);
}

declare module "../core/tensor" {
  interface Tensor {
    square(): Tensor;
  }
}
Tensor.prototype.square = function (this: Tensor) {
  return square(this);
};
