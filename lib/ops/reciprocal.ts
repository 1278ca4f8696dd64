import { asFloat, record, Tensor, toTensor, unaryKernel, type TensorLike } from "./helpers";

/**
 * 1/x element-wise.
 * @example
 * reciprocal(tensor([4])); // tensor([0.2500])
 */
export function reciprocal(x: TensorLike): Tensor {
  const t = asFloat(toTensor(x));
  const y = unaryKernel(t, "reciprocal");
  return record("ReciprocalBackward", y, [t], (g) => [g.mul(y.mul(y)).neg()]);
}

declare module "../core/tensor" {
  interface Tensor {
    reciprocal(): Tensor;
  }
}
Tensor.prototype.reciprocal = function (this: Tensor) {
  return reciprocal(this);
};
