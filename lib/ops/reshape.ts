import { checkShape, fmtShape } from "../core/shape";
import { record, Tensor } from "./helpers";

/** Accepts reshape(2, 3) and reshape([2, 3]). */
export function shapeArgs(args: (number | readonly number[])[]): number[] {
  return args.length === 1 && Array.isArray(args[0]) ? [...(args[0] as number[])] : (args as number[]);
}

/**
 * The same elements in a new shape (one size may be -1). Shares the data (tensors are contiguous).
 * @example
 * reshape(arange(6), [2, -1]); // tensor([[0, 1, 2], [3, 4, 5]], dtype=int32)
 */
export function reshape(x: Tensor, shape: readonly number[]): Tensor {
  const n = x.numel();
  const target = checkShape("reshape", shape, n);
  const m = target.reduce((a, b) => a * b, 1);
  if (m !== n) throw new Error(`reshape: cannot reshape a tensor of shape ${fmtShape(x.shape)} (${n} elements) into ${fmtShape(shape)} (${m} elements)`);
  const out = new Tensor(x.storage, target, x.dtype);
  return record("ViewBackward", out, [x], (g) => [g.reshape(x.shape)]);
}

declare module "../core/tensor" {
  interface Tensor {
    reshape(...shape: number[]): Tensor;
    reshape(shape: readonly number[]): Tensor;
    view(...shape: number[]): Tensor;
    view(shape: readonly number[]): Tensor;
    viewAs(other: Tensor): Tensor;
    reshapeAs(other: Tensor): Tensor;
  }
}
Tensor.prototype.reshape = function (this: Tensor, ...shape: (number | readonly number[])[]) {
  return reshape(this, shapeArgs(shape));
} as Tensor["reshape"];
Tensor.prototype.view = Tensor.prototype.reshape;
Tensor.prototype.viewAs = function (this: Tensor, other: Tensor) {
  return reshape(this, other.shape);
};
Tensor.prototype.reshapeAs = Tensor.prototype.viewAs;
