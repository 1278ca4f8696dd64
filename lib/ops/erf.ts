import { asFloat, record, Tensor, toTensor, unaryKernel, type TensorLike } from "./helpers";

/**
 * The error function.
 * @example
 * erf(tensor([0])); // tensor([0.])
 */
export function erf(x: TensorLike): Tensor {
  const t = asFloat(toTensor(x));
  const y = unaryKernel(t, "erf");
  return record("ErfBackward", y, [t], (g) => [g.mul(t.mul(t).neg().exp()).mul(2 / Math.sqrt(Math.PI))]);
}

declare module "../core/tensor" {
  interface Tensor {
    erf(): Tensor;
  }
}
Tensor.prototype.erf = function (this: Tensor) {
  return erf(this);
};
