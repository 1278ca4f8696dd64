import { record, Tensor, toTensor, unaryKernel, type TensorLike } from "./helpers";

/**
 * max(x, 0) element-wise.
 * @example
 * relu(tensor([-1, 2])); // tensor([0, 2], dtype=int32)
 */
export function relu(x: TensorLike): Tensor {
  const t = toTensor(x);
  const y = unaryKernel(t, "relu");
  return record("ReluBackward", y, [t], (g) => [g.mul(unaryKernel(t, "step"))]);
}

declare module "../core/tensor" {
  interface Tensor {
    relu(): Tensor;
  }
}
Tensor.prototype.relu = function (this: Tensor) {
  return relu(this);
};
