import { reduceArgs, Tensor, toTensor, type ReduceOptions, type TensorLike } from "./helpers";

/** Whether any element (over dims) is non-zero, as bool. @example any(tensor([0, 2])); // tensor(True) */
export function any(x: TensorLike, dim?: number | number[] | null | ReduceOptions, keepdim?: boolean): Tensor {
  const t = toTensor(x);
  reduceArgs("any", t, dim, keepdim);
  return t.ne(0).int().sum(dim, keepdim).gt(0);
}

/** Whether every element (over dims) is non-zero, as bool. @example all(tensor([1, 2])); // tensor(True) */
export function all(x: TensorLike, dim?: number | number[] | null | ReduceOptions, keepdim?: boolean): Tensor {
  const t = toTensor(x);
  reduceArgs("all", t, dim, keepdim);
  return t.eq(0).int().sum(dim, keepdim).eq(0);
}

declare module "../core/tensor" {
  interface Tensor {
    any(dim?: number | number[] | null | ReduceOptions, keepdim?: boolean): Tensor;
    all(dim?: number | number[] | null | ReduceOptions, keepdim?: boolean): Tensor;
  }
}
Tensor.prototype.any = function (this: Tensor, dim?: number | number[] | null | ReduceOptions, keepdim?: boolean) {
  return any(this, dim, keepdim);
};
Tensor.prototype.all = function (this: Tensor, dim?: number | number[] | null | ReduceOptions, keepdim?: boolean) {
  return all(this, dim, keepdim);
};
