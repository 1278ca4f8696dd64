import { broadcastShapes, castRecorded, fmtShape, record, runKernel, sumToShape, Tensor, toTensor, zerosOf, type TensorLike } from "./helpers";
import { promoteTypes, promoteWithScalar } from "../core/dtype";

/**
 * Picks x where `condition` is true and y elsewhere (all three broadcast).
 * @example
 * where(tensor([true, false]), tensor([1, 2]), 0); // tensor([1, 0], dtype=int32)
 */
export function where(condition: TensorLike, x: TensorLike, y: TensorLike): Tensor {
  const c = toTensor(condition);
  if (c.dtype !== "bool") throw new Error(`where: the condition must be a bool tensor (e.g. x.gt(0)), got ${c.dtype} of shape ${fmtShape(c.shape)}`);
  const like = x instanceof Tensor ? x : y instanceof Tensor ? y : undefined;
  let dtype = x instanceof Tensor && y instanceof Tensor ? promoteTypes(x.dtype, y.dtype) : like ? like.dtype : "float32";
  if (like && !(x instanceof Tensor) && typeof x === "number") dtype = promoteWithScalar(dtype, x);
  if (like && !(y instanceof Tensor) && typeof y === "number") dtype = promoteWithScalar(dtype, y);
  const a = castRecorded(toTensor(x, like ?? c, dtype), dtype);
  const b = castRecorded(toTensor(y, like ?? c, dtype), dtype);
  const shape = broadcastShapes("where", broadcastShapes("where", c.shape, a.shape), b.shape);
  const out = runKernel("where", [c, a, b], {}, { shape, dtype }, "where");
  return record("WhereBackward", out, [a, b], (g) => {
    const zero = zerosOf(g);
    return [a.requiresGrad ? sumToShape(where(c, g, zero), a.shape) : null, b.requiresGrad ? sumToShape(where(c, zero, g), b.shape) : null];
  });
}

/**
 * Replaces the elements where `mask` is true by `value` (mask broadcasts to x).
 * @example
 * maskedFill(tensor([1, 2, 3]), tensor([false, true, false]), 0); // tensor([1, 0, 3], dtype=int32)
 */
export function maskedFill(x: Tensor, mask: TensorLike, value: number | Tensor): Tensor {
  const m = toTensor(mask);
  if (m.dtype !== "bool") throw new Error(`maskedFill: the mask must be a bool tensor, got ${m.dtype} of shape ${fmtShape(m.shape)}`);
  const shape = broadcastShapes("maskedFill", x.shape, m.shape);
  if (shape.join() !== x.shape.join()) throw new Error(`maskedFill: mask of shape ${fmtShape(m.shape)} does not broadcast to the input's shape ${fmtShape(x.shape)}`);
  const v = value instanceof Tensor ? value : toTensor(value, x, x.dtype);
  return where(m, v, x);
}

declare module "../core/tensor" {
  interface Tensor {
    /** PyTorch's x.where(condition, y): x where condition, else y. */
    where(condition: TensorLike, other: TensorLike): Tensor;
    maskedFill(mask: TensorLike, value: number | Tensor): Tensor;
  }
}
Tensor.prototype.where = function (this: Tensor, condition: TensorLike, other: TensorLike) {
  return where(condition, this, other);
};
Tensor.prototype.maskedFill = function (this: Tensor, mask: TensorLike, value: number | Tensor) {
  return maskedFill(this, mask, value);
};
