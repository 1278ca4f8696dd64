import { asFloat, record, Tensor, toTensor, unaryKernel, type TensorLike } from "./helpers";

/**
 * √x element-wise.
 * @example
 * sqrt(tensor([4, 9])); // tensor([2., 3.])
 */
export function sqrt(x: TensorLike): Tensor {
  const t = asFloat(toTensor(x));
  const y = unaryKernel(t, "sqrt");
  return record("SqrtBackward", y, [t], (g) => [g.div(y.mul(2))]);
}

declare module "../core/tensor" {
  interface Tensor {
    sqrt(): Tensor;
  }
}
Tensor.prototype.sqrt = function (this: Tensor) {
  return sqrt(this);
};
