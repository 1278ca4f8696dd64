import { fmtShape, normDim } from "../core/shape";
import { stridedView, stridesOf, Tensor } from "./helpers";

/**
 * Reorders the dims: out.shape[i] = x.shape[dims[i]].
 * @example
 * permute(zeros(2, 3, 4), [2, 0, 1]).shape; // [4, 2, 3]
 */
export function permute(x: Tensor, dims: readonly number[]): Tensor {
  if (dims.length !== x.ndim) throw new Error(`permute: got ${dims.length} dims [${dims.join(",")}] for a tensor of shape ${fmtShape(x.shape)} (${x.ndim} dims)`);
  const order = dims.map((d) => normDim("permute", d, x.ndim, x.shape));
  if (new Set(order).size !== order.length) throw new Error(`permute: [${dims.join(",")}] repeats a dimension`);
  if (order.every((d, i) => d === i)) return x;
  const strides = stridesOf(x.shape);
  return stridedView("PermuteBackward", x, order.map((d) => x.shape[d]), order.map((d) => strides[d]), 0);
}

declare module "../core/tensor" {
  interface Tensor {
    permute(...dims: number[]): Tensor;
    permute(dims: readonly number[]): Tensor;
  }
}
Tensor.prototype.permute = function (this: Tensor, ...dims: (number | readonly number[])[]) {
  return permute(this, dims.length === 1 && Array.isArray(dims[0]) ? (dims[0] as number[]) : (dims as number[]));
} as Tensor["permute"];
