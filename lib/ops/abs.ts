import { record, Tensor, toTensor, unaryKernel, type TensorLike } from "./helpers";

/**
 * |x| element-wise (gradient sign(x), 0 at 0).
 * @example
 * abs(tensor([-1.5, 2])); // tensor([1.5000, 2.0000])
 */
export function abs(x: TensorLike): Tensor {
  const t = toTensor(x);
  const y = unaryKernel(t, "abs");
  return record("AbsBackward", y, [t], (g) => [g.mul(unaryKernel(t, "sign"))]);
}

declare module "../core/tensor" {
  interface Tensor {
    abs(): Tensor;
  }
}
Tensor.prototype.abs = function (this: Tensor) {
  return abs(this);
};
