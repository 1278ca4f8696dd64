import { asFloat, record, Tensor, toTensor, unaryKernel, type TensorLike } from "./helpers";

/**
 * log(1 + x), accurate near 0.
 * @example
 * log1p(tensor([0])); // tensor([0.])
 */
export function log1p(x: TensorLike): Tensor {
  const t = asFloat(toTensor(x));
  const y = unaryKernel(t, "log1p");
  return record("Log1pBackward", y, [t], (g) => [g.div(t.add(1))]);
}

declare module "../core/tensor" {
  interface Tensor {
    log1p(): Tensor;
  }
}
Tensor.prototype.log1p = function (this: Tensor) {
  return log1p(this);
};
