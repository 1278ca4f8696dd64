import { fmtShape, Tensor, toTensor } from "./helpers";
import { where } from "./where";

function triangle(op: string, x: Tensor, diagonal: number, lower: boolean): Tensor {
  if (x.ndim < 2) throw new Error(`${op}: needs at least 2 dims, got shape ${fmtShape(x.shape)}`);
  const rows = x.shape[x.ndim - 2], cols = x.shape[x.ndim - 1];
  const keep = new Uint8Array(rows * cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) keep[i * cols + j] = (lower ? j - i <= diagonal : j - i >= diagonal) ? 1 : 0;
  const mask = toTensor(keep, x, "bool").reshape([rows, cols]);
  return where(mask, x, 0);
}

/**
 * The lower triangle of the last two dims (elements with j − i ≤ diagonal), zeros elsewhere.
 * @example
 * tril(ones(2, 2)); // tensor([[1., 0.], [1., 1.]])
 */
export const tril = (x: Tensor, diagonal = 0): Tensor => triangle("tril", x, diagonal, true);
/** The upper triangle (j − i ≥ diagonal), zeros elsewhere. */
export const triu = (x: Tensor, diagonal = 0): Tensor => triangle("triu", x, diagonal, false);

declare module "../core/tensor" {
  interface Tensor {
    tril(diagonal?: number): Tensor;
    triu(diagonal?: number): Tensor;
  }
}
Tensor.prototype.tril = function (this: Tensor, diagonal?: number) {
  return tril(this, diagonal);
};
Tensor.prototype.triu = function (this: Tensor, diagonal?: number) {
  return triu(this, diagonal);
};
