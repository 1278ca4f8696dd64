import { asFloat, record, Tensor, toTensor, unaryKernel, type TensorLike } from "./helpers";

/**
 * cos x element-wise.
 * @example
 * cos(tensor([0])); // tensor([1.])
 */
export function cos(x: TensorLike): Tensor {
  const t = asFloat(toTensor(x));
  const y = unaryKernel(t, "cos");
  return record("CosBackward", y, [t], (g) => [g.mul(unaryKernel(t, "sin")).neg()]);
}

declare module "../core/tensor" {
  interface Tensor {
    cos(): Tensor;
  }
}
Tensor.prototype.cos = function (this: Tensor) {
  return cos(this);
};
