import { asFloat, reduceArgs, reduceDims, Tensor, toTensor, type ReduceOptions, type TensorLike } from "./helpers";
import { where } from "./where";

/**
 * log Σ exp(x) over dims, computed stably as m + log Σ exp(x − m) with m the (detached) max.
 * @example
 * logsumexp(tensor([0, 0]), 0); // tensor(0.6931)
 */
export function logsumexp(x: TensorLike, dim?: number | number[] | null | ReduceOptions, keepdim?: boolean): Tensor {
  const t = asFloat(toTensor(x));
  const { dims, keepdim: keep } = reduceArgs("logsumexp", t, dim, keepdim);
  if (dims.length === 0) return t.mul(1);
  let m = t.numel() ? reduceDims(t.detach(), "max", dims) : t.detach().sum(dims, true);
  // an all −∞ (or +∞) slice would give ∞ − ∞: shift by 0 there instead
  m = where(m.isinf(), 0, m);
  const out = t.sub(m).exp().sum(dims, true).log().add(m);
  return keep ? out : out.squeeze(dims);
}

declare module "../core/tensor" {
  interface Tensor {
    logsumexp(dim?: number | number[] | null | ReduceOptions, keepdim?: boolean): Tensor;
  }
}
Tensor.prototype.logsumexp = function (this: Tensor, dim?: number | number[] | null | ReduceOptions, keepdim?: boolean) {
  return logsumexp(this, dim, keepdim);
};
