import { floatOf } from "../core/dtype";
import { castRecorded, reduceArgs, Tensor, toTensor, type ReduceOptions, type TensorLike } from "./helpers";
import { sum } from "./sum";

/**
 * Arithmetic mean over all elements or over `dim` (see sum for the arguments). Integers give float32.
 * @example
 * mean(tensor([[1, 2], [3, 4]]), 0); // tensor([2., 3.])
 */
export function mean(x: TensorLike, dim?: number | number[] | null | ReduceOptions, keepdim?: boolean): Tensor {
  const t = castRecorded(toTensor(x), floatOf(toTensor(x).dtype));
  const { dims } = reduceArgs("mean", t, dim, keepdim);
  const count = dims.reduce((n, d) => n * t.shape[d], 1);
  return sum(t, dim, keepdim).div(count);
}

declare module "../core/tensor" {
  interface Tensor {
    mean(dim?: number | number[] | null | ReduceOptions, keepdim?: boolean): Tensor;
  }
}
Tensor.prototype.mean = function (this: Tensor, dim?: number | number[] | null | ReduceOptions, keepdim?: boolean) {
  return mean(this, dim, keepdim);
};
