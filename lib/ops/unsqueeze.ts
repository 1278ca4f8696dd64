import { fmtShape } from "../core/shape";
import { Tensor } from "./helpers";
import { reshape } from "./reshape";

/**
 * Inserts a size-1 dim at `dim` (-1 appends).
 * @example
 * unsqueeze(zeros(3), 0).shape; // [1, 3]
 */
export function unsqueeze(x: Tensor, dim: number): Tensor {
  const n = x.ndim + 1;
  if (!Number.isInteger(dim) || dim < -n || dim >= n) throw new Error(`unsqueeze: dimension ${dim} is out of range for a tensor of shape ${fmtShape(x.shape)} (valid: ${-n}..${n - 1})`);
  const d = dim < 0 ? dim + n : dim;
  return reshape(x, [...x.shape.slice(0, d), 1, ...x.shape.slice(d)]);
}

declare module "../core/tensor" {
  interface Tensor {
    unsqueeze(dim: number): Tensor;
  }
}
Tensor.prototype.unsqueeze = function (this: Tensor, dim: number) {
  return unsqueeze(this, dim);
};
