import { noGrad } from "../core/tensor";
import { asFloat, keptShape, record, reduceArgs, Tensor, toTensor, type TensorLike } from "./helpers";
import { where } from "./where";

/**
 * The p-norm (default 2) of all elements or over dims; p may be Infinity, -Infinity, 0 (count of non-zeros) or any positive number.
 * @example
 * norm(tensor([3, 4])); // tensor(5.)
 */
export function norm(x: TensorLike, p: number | "fro" = 2, dim?: number | number[] | null, keepdim = false): Tensor {
  const t = asFloat(toTensor(x));
  const q = p === "fro" ? 2 : p;
  if (typeof q !== "number" || Number.isNaN(q) || q < 0) throw new Error(`norm: p must be a non-negative number, Infinity or "fro", got ${String(p)}`);
  const { dims } = reduceArgs("norm", t, dim ?? null, keepdim);
  const a = t.abs();
  if (q === Infinity) return dims.length === t.ndim && !keepdim ? a.max() : a.amax(dims, keepdim);
  if (q === -Infinity) return dims.length === t.ndim && !keepdim ? a.min() : a.amin(dims, keepdim);
  if (q === 0) return a.ne(0).float().sum(dims, keepdim).to(t.dtype);
  if (q === 1) return a.sum(dims, keepdim);
  if (q === 2) {
    // recorded as one op so that the gradient at a zero vector is 0 (PyTorch's subgradient), not NaN
    const y = noGrad(() => t.mul(t).sum(dims, keepdim).sqrt());
    const kept = keptShape(t.shape, dims);
    return record("NormBackward", y, [t], (g) => {
      const yk = y.reshape(kept);
      return [where(yk.eq(0), 0, t.mul(g.reshape(kept)).div(where(yk.eq(0), 1, yk)))];
    });
  }
  return a.pow(q).sum(dims, keepdim).pow(1 / q);
}

declare module "../core/tensor" {
  interface Tensor {
    norm(p?: number | "fro", dim?: number | number[] | null, keepdim?: boolean): Tensor;
  }
}
Tensor.prototype.norm = function (this: Tensor, p?: number | "fro", dim?: number | number[] | null, keepdim?: boolean) {
  return norm(this, p, dim, keepdim);
};
