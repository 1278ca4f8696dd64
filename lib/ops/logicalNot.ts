import { Tensor, toTensor, unaryKernel, type TensorLike } from "./helpers";

/** Logical not (zero becomes true). @example logicalNot(tensor([true, false])); // tensor([False,  True]) */
export function logicalNot(x: TensorLike): Tensor {
  return unaryKernel(toTensor(x), "not", 0, 0, "bool");
}

declare module "../core/tensor" {
  interface Tensor {
    logicalNot(): Tensor;
  }
}
Tensor.prototype.logicalNot = function (this: Tensor) {
  return logicalNot(this);
};
