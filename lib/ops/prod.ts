import { keptShape, record, reduceArgs, reduceDims, reducedShape, Tensor, toTensor, type ReduceOptions, type TensorLike } from "./helpers";
import { where } from "./where";

/**
 * Product of all elements or over dims (see sum for the arguments).
 * @example
 * prod(tensor([[1, 2], [3, 4]]), 1); // tensor([ 2, 12], dtype=int32)
 */
export function prod(x: TensorLike, dim?: number | number[] | null | ReduceOptions, keepdim?: boolean): Tensor {
  const t0 = toTensor(x);
  const t = t0.dtype === "bool" ? t0.int() : t0;
  const { dims, keepdim: keep } = reduceArgs("prod", t, dim, keepdim);
  const kept = dims.length ? reduceDims(t, "prod", dims) : t.clone();
  const out = kept.reshape(reducedShape(t.shape, dims, keep));
  return record("ProdBackward", out, [t], (g) => {
    // ∂/∂xᵢ Π x = Π_{j≠i} xⱼ, computed as a product over the others so zeros are handled
    const gk = g.reshape(keptShape(t.shape, dims));
    const zero = t.eq(0);
    const safe = where(zero, 1, t);
    const prodSafe = safe.prod(dims, true);
    const zeros = zero.float().sum(dims, true);
    // no zero in the slice: out/x; exactly one zero: product of the rest at that position; more: 0
    const others = where(zero, where(zeros.eq(1), prodSafe, 0), where(zeros.eq(0), prodSafe.div(safe), 0));
    return [others.mul(gk)];
  });
}

declare module "../core/tensor" {
  interface Tensor {
    prod(dim?: number | number[] | null | ReduceOptions, keepdim?: boolean): Tensor;
  }
}
Tensor.prototype.prod = function (this: Tensor, dim?: number | number[] | null | ReduceOptions, keepdim?: boolean) {
  return prod(this, dim, keepdim);
};
