import { asFloat, record, Tensor, toTensor, unaryKernel, type TensorLike } from "./helpers";

/**
 * The logistic function 1 / (1 + e⁻ˣ), computed stably.
 * @example
 * sigmoid(tensor([0])); // tensor([0.5000])
 */
export function sigmoid(x: TensorLike): Tensor {
  const t = asFloat(toTensor(x));
  const y = unaryKernel(t, "sigmoid");
  return record("SigmoidBackward", y, [t], (g) => [g.mul(y.mul(y.neg().add(1)))]);
}

declare module "../core/tensor" {
  interface Tensor {
    sigmoid(): Tensor;
  }
}
Tensor.prototype.sigmoid = function (this: Tensor) {
  return sigmoid(this);
};
