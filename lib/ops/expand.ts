import { fmtShape } from "../core/shape";
import { stridedView, stridesOf, Tensor } from "./helpers";

/**
 * Broadcasts size-1 dims to larger sizes (-1 keeps a size; new leading dims may be added).
 * The result is materialised; its gradient sums over the expanded dims.
 * @example
 * expand(tensor([[1], [2]]), [2, 3]); // tensor([[1, 1, 1], [2, 2, 2]], dtype=int32)
 */
export function expand(x: Tensor, shape: readonly number[]): Tensor {
  const lead = shape.length - x.ndim;
  if (lead < 0) throw new Error(`expand: the target ${fmtShape(shape)} has fewer dims than the input ${fmtShape(x.shape)}`);
  const own = stridesOf(x.shape);
  const target: number[] = [], strides: number[] = [];
  for (let d = 0; d < shape.length; d++) {
    const src = d >= lead ? x.shape[d - lead] : 1;
    let size = shape[d];
    if (size === -1) {
      if (d < lead) throw new Error(`expand: -1 is not allowed for the new leading dim ${d} in ${fmtShape(shape)}`);
      size = src;
    }
    if (src !== size && src !== 1) throw new Error(`expand: cannot expand shape ${fmtShape(x.shape)} to ${fmtShape(shape)}: size ${src} in dim ${d - lead} must be 1 or ${size}`);
    target.push(size);
    strides.push(d < lead || (src === 1 && size !== 1) ? 0 : own[d - lead]);
  }
  if (target.join() === x.shape.join()) return x;
  return stridedView("ExpandBackward", x, target, strides, 0);
}

declare module "../core/tensor" {
  interface Tensor {
    expand(...shape: number[]): Tensor;
    expand(shape: readonly number[]): Tensor;
    expandAs(other: Tensor): Tensor;
  }
}
Tensor.prototype.expand = function (this: Tensor, ...shape: (number | readonly number[])[]) {
  return expand(this, shape.length === 1 && Array.isArray(shape[0]) ? (shape[0] as number[]) : (shape as number[]));
} as Tensor["expand"];
Tensor.prototype.expandAs = function (this: Tensor, other: Tensor) {
  return expand(this, other.shape);
};
