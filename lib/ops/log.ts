import { asFloat, record, Tensor, toTensor, unaryKernel, type TensorLike } from "./helpers";

/**
 * Natural logarithm element-wise.
 * @example
 * log(tensor([1, Math.E])); // tensor([0., 1.])
 */
export function log(x: TensorLike): Tensor {
  const t = asFloat(toTensor(x));
  const y = unaryKernel(t, "log");
  return record("LogBackward", y, [t], (g) => [g.div(t)]);
}

declare module "../core/tensor" {
  interface Tensor {
    log(): Tensor;
  }
}
Tensor.prototype.log = function (this: Tensor) {
  return log(this);
};
