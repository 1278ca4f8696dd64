import { asFloat, record, Tensor, toTensor, unaryKernel, type TensorLike } from "./helpers";

/**
 * eˣ element-wise.
 * @example
 * exp(tensor([0, 1])); // tensor([1.0000, 2.7183])
 */
export function exp(x: TensorLike): Tensor {
  const t = asFloat(toTensor(x));
  const y = unaryKernel(t, "exp");
  return record("ExpBackward", y, [t], (g) => [g.mul(y)]);
}

declare module "../core/tensor" {
  interface Tensor {
    exp(): Tensor;
  }
}
Tensor.prototype.exp = function (this: Tensor) {
  return exp(this);
};
