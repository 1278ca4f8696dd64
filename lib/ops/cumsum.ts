import { full } from "../core/creation";
import { normDim } from "../core/shape";
import { castRecorded, Tensor, toTensor, type TensorLike } from "./helpers";
import { tril } from "./tril";

/**
 * Running sum along `dim`, composed as a product with a triangular matrix of ones (differentiable).
 * @example
 * cumsum(tensor([1, 2, 3]), 0); // tensor([1., 3., 6.])
 */
export function cumsum(x: TensorLike, dim: number): Tensor {
  const t0 = toTensor(x);
  const t = t0.dtype === "float64" ? t0 : castRecorded(t0, "float32");
  const d = normDim("cumsum", dim, t.ndim, t.shape);
  if (t.ndim === 0) return t.mul(1);
  const n = t.shape[d];
  const lower = tril(full([n, n], 1, { dtype: t.dtype, device: t.device }));
  const moved = t.transpose(d, -1);
  return moved.matmul(lower.t()).transpose(d, -1);
}

declare module "../core/tensor" {
  interface Tensor {
    cumsum(dim: number): Tensor;
  }
}
Tensor.prototype.cumsum = function (this: Tensor, dim: number) {
  return cumsum(this, dim);
};
