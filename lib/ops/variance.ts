import { floatOf } from "../core/dtype";
import { castRecorded, reduceArgs, Tensor, toTensor, type TensorLike } from "./helpers";

export interface VarOptions {
  dim?: number | number[] | null;
  keepdim?: boolean;
  /** divide by N − correction (default 1: unbiased, as PyTorch) */
  correction?: number;
  /** false is correction 0 (PyTorch's unbiased=False) */
  unbiased?: boolean;
}

function parse(op: string, x: Tensor, dim?: number | number[] | null | VarOptions, keepdim?: boolean) {
  const opts: VarOptions = dim !== null && typeof dim === "object" && !Array.isArray(dim) ? dim : { dim, keepdim };
  const { dims, keepdim: keep } = reduceArgs(op, x, opts.dim ?? null, opts.keepdim ?? keepdim ?? false);
  const correction = opts.correction ?? (opts.unbiased === false ? 0 : 1);
  return { dims, keep, correction };
}

/**
 * Variance over all elements or over dims; unbiased (N − 1) unless `{ unbiased: false }` or `{ correction: 0 }`.
 * @example
 * variance(tensor([1, 2, 3, 4])); // tensor(1.6667)
 * tensor([1, 2, 3, 4]).var({ unbiased: false }); // tensor(1.2500)
 */
export function variance(x: TensorLike, dim?: number | number[] | null | VarOptions, keepdim?: boolean): Tensor {
  const t0 = toTensor(x);
  const t = castRecorded(t0, floatOf(t0.dtype));
  const { dims, keep, correction } = parse("var", t, dim, keepdim);
  const n = dims.reduce((p, d) => p * t.shape[d], 1);
  const centred = t.sub(t.mean(dims, true));
  return centred.mul(centred).sum(dims, keep).div(Math.max(n - correction, 0));
}

/** Standard deviation: √variance (same arguments). @example std(tensor([1, 2, 3, 4])); // tensor(1.2910) */
export function std(x: TensorLike, dim?: number | number[] | null | VarOptions, keepdim?: boolean): Tensor {
  return variance(x, dim, keepdim).sqrt();
}

export { variance as var };

declare module "../core/tensor" {
  interface Tensor {
    var(dim?: number | number[] | null | VarOptions, keepdim?: boolean): Tensor;
    std(dim?: number | number[] | null | VarOptions, keepdim?: boolean): Tensor;
  }
}
Tensor.prototype.var = function (this: Tensor, dim?: number | number[] | null | VarOptions, keepdim?: boolean) {
  return variance(this, dim, keepdim);
};
Tensor.prototype.std = function (this: Tensor, dim?: number | number[] | null | VarOptions, keepdim?: boolean) {
  return std(this, dim, keepdim);
};
