import { normDims } from "../core/shape";
import { Tensor } from "./helpers";
import { reshape } from "./reshape";

/**
 * Removes size-1 dims (all of them, or the given ones; a given dim of another size is left alone, as in PyTorch).
 * @example
 * squeeze(zeros(1, 3, 1)).shape; // [3]
 */
export function squeeze(x: Tensor, dim?: number | number[]): Tensor {
  const dims = normDims("squeeze", dim, x.ndim, x.shape);
  return reshape(x, x.shape.filter((s, d) => !(s === 1 && dims.includes(d))));
}

declare module "../core/tensor" {
  interface Tensor {
    squeeze(dim?: number | number[]): Tensor;
  }
}
Tensor.prototype.squeeze = function (this: Tensor, dim?: number | number[]) {
  return squeeze(this, dim);
};
