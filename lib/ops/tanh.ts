import { asFloat, record, Tensor, toTensor, unaryKernel, type TensorLike } from "./helpers";

/**
 * tanh x element-wise.
 * @example
 * tanh(tensor([0, 1])); // tensor([0.0000, 0.7616])
 */
export function tanh(x: TensorLike): Tensor {
  const t = asFloat(toTensor(x));
  const y = unaryKernel(t, "tanh");
  return record("TanhBackward", y, [t], (g) => [g.mul(y.mul(y).neg().add(1))]);
}

declare module "../core/tensor" {
  interface Tensor {
    tanh(): Tensor;
  }
}
Tensor.prototype.tanh = function (this: Tensor) {
  return tanh(this);
};
