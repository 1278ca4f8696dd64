import { keptShape, record, reduceArgs, reduceDims, reducedShape, Tensor, toTensor, type ReduceOptions, type TensorLike } from "./helpers";

/**
 * Sum over all elements, or over `dim` (a number or a list) keeping reduced dims as size 1 when `keepdim`.
 * Both `x.sum(1, true)` and `x.sum({ dim: 1, keepdim: true })` work (the convention of every reduction).
 * Integers and bools sum to int32.
 * @example
 * sum(tensor([[1, 2], [3, 4]]), 1); // tensor([3, 7], dtype=int32)
 */
export function sum(x: TensorLike, dim?: number | number[] | null | ReduceOptions, keepdim?: boolean): Tensor {
  const t = toTensor(x);
  const { dims, keepdim: keep } = reduceArgs("sum", t, dim, keepdim);
  const dtype = t.dtype === "bool" ? "int32" : t.dtype;
  const input = t.dtype === "bool" ? t.int() : t;
  const kept = dims.length ? reduceDims(input, "sum", dims, dtype) : input === t ? t.clone() : input;
  const out = kept.reshape(reducedShape(t.shape, dims, keep));
  return record("SumBackward", out, [t], (g) => [g.reshape(keptShape(t.shape, dims)).expand(t.shape)]);
}

declare module "../core/tensor" {
  interface Tensor {
    sum(dim?: number | number[] | null | ReduceOptions, keepdim?: boolean): Tensor;
  }
}
Tensor.prototype.sum = function (this: Tensor, dim?: number | number[] | null | ReduceOptions, keepdim?: boolean) {
  return sum(this, dim, keepdim);
};
