import { asFloat, record, Tensor, toTensor, unaryKernel, type TensorLike } from "./helpers";

/**
 * 1/√x element-wise.
 * @example
 * rsqrt(tensor([4])); // tensor([0.5000])
 */
export function rsqrt(x: TensorLike): Tensor {
  const t = asFloat(toTensor(x));
  const y = unaryKernel(t, "rsqrt");
  return record("RsqrtBackward", y, [t], (g) => [g.mul(y.mul(y).mul(y)).mul(-0.5)]);
}

declare module "../core/tensor" {
  interface Tensor {
    rsqrt(): Tensor;
  }
}
Tensor.prototype.rsqrt = function (this: Tensor) {
  return rsqrt(this);
};
