import { normDim } from "../core/shape";
import { castRecorded, Tensor, toTensor, type TensorLike } from "./helpers";
import { pad } from "./pad";

/**
 * Running sum along `dim`, composed of differentiable ops as a Hillis–Steele scan: log2(n) rounds of
 * "add a copy shifted by 1, 2, 4, … places", so O(n log n) work and O(n) memory along `dim`.
 * @example
 * cumsum(tensor([1, 2, 3]), 0); // tensor([1., 3., 6.])
 */
export function cumsum(x: TensorLike, dim: number): Tensor {
  const t0 = toTensor(x);
  const t = t0.dtype === "float64" ? t0 : castRecorded(t0, "float32");
  const d = normDim("cumsum", dim, t.ndim, t.shape);
  if (t.ndim === 0) return t.mul(1);
  const n = t.shape[d];
  let sums = t.transpose(d, -1).mul(1);
  // pad [shift, -shift] on the last dim moves every value `shift` places right, zeros coming in.
  for (let shift = 1; shift < n; shift *= 2) sums = sums.add(pad(sums, [shift, -shift]));
  return sums.transpose(d, -1);
}

declare module "../core/tensor" {
  interface Tensor {
    cumsum(dim: number): Tensor;
  }
}
Tensor.prototype.cumsum = function (this: Tensor, dim: number) {
  return cumsum(this, dim);
};
