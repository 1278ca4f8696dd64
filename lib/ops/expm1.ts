import { asFloat, record, Tensor, toTensor, unaryKernel, type TensorLike } from "./helpers";

/**
 * eˣ − 1, accurate near 0.
 * @example
 * expm1(tensor([0])); // tensor([0.])
 */
export function expm1(x: TensorLike): Tensor {
  const t = asFloat(toTensor(x));
  const y = unaryKernel(t, "expm1");
  return record("Expm1Backward", y, [t], (g) => [g.mul(y.add(1))]);
}

declare module "../core/tensor" {
  interface Tensor {
    expm1(): Tensor;
  }
}
Tensor.prototype.expm1 = function (this: Tensor) {
  return expm1(this);
};
