import { asFloat, record, Tensor, toTensor, unaryKernel, type TensorLike } from "./helpers";

/**
 * sin x element-wise.
 * @example
 * sin(tensor([0])); // tensor([0.])
 */
export function sin(x: TensorLike): Tensor {
  const t = asFloat(toTensor(x));
  const y = unaryKernel(t, "sin");
  return record("SinBackward", y, [t], (g) => [g.mul(unaryKernel(t, "cos"))]);
}

declare module "../core/tensor" {
  interface Tensor {
    sin(): Tensor;
  }
}
Tensor.prototype.sin = function (this: Tensor) {
  return sin(this);
};
