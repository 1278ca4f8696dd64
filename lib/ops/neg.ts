import { record, Tensor, toTensor, unaryKernel, type TensorLike } from "./helpers";

/**
 * −x element-wise.
 * @example
 * neg(tensor([1, -2])); // tensor([-1,  2], dtype=int32)
 */
export function neg(x: TensorLike): Tensor {
  const t = toTensor(x);
  const y = unaryKernel(t, "neg");
  return record("NegBackward", y, [t], (g) => [g.neg()]);
}

declare module "../core/tensor" {
  interface Tensor {
    neg(): Tensor;
  }
}
Tensor.prototype.neg = function (this: Tensor) {
  return neg(this);
};
