import { normDim, fmtShape } from "../core/shape";
import { Tensor } from "./helpers";
import { permute } from "./permute";

/**
 * Swaps two dims.
 * @example
 * transpose(zeros(2, 3), 0, 1).shape; // [3, 2]
 */
export function transpose(x: Tensor, dim0: number, dim1: number): Tensor {
  const a = normDim("transpose", dim0, x.ndim, x.shape), b = normDim("transpose", dim1, x.ndim, x.shape);
  if (x.ndim < 2) return x;
  const order = x.shape.map((_, i) => i);
  [order[a], order[b]] = [order[b], order[a]];
  return permute(x, order);
}

declare module "../core/tensor" {
  interface Tensor {
    transpose(dim0: number, dim1: number): Tensor;
    /** Transpose of a matrix (≤ 2 dims). */
    t(): Tensor;
    /** The matrix transpose of the last two dims. */
    readonly mT: Tensor;
    /** All dims reversed (PyTorch's .T). */
    readonly T: Tensor;
  }
}
Tensor.prototype.transpose = function (this: Tensor, dim0: number, dim1: number) {
  return transpose(this, dim0, dim1);
};
Tensor.prototype.t = function (this: Tensor) {
  if (this.ndim > 2) throw new Error(`t: expects a tensor with at most 2 dims, got shape ${fmtShape(this.shape)}; use transpose(dim0, dim1) or .mT`);
  return this.ndim < 2 ? this : transpose(this, 0, 1);
};
Object.defineProperty(Tensor.prototype, "mT", {
  get(this: Tensor) {
    if (this.ndim < 2) throw new Error(`mT: needs at least 2 dims, got shape ${fmtShape(this.shape)}`);
    return transpose(this, -2, -1);
  },
});
Object.defineProperty(Tensor.prototype, "T", {
  get(this: Tensor) {
    return permute(this, this.shape.map((_, i) => this.ndim - 1 - i));
  },
});
