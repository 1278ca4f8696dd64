// Division with rounding: remainder (sign of the divisor, Python's %), fmod (sign of the dividend,
// C's fmod) and floorDivide. They share one operand check, so they live together.
import { binaryKernel, binaryOperands, isFloat, record, sumToShape, Tensor, type TensorLike } from "./helpers";

/** Integer division by zero has no value; PyTorch raises too (floats give NaN as IEEE says). */
function checkIntegerDivisor(op: string, x: Tensor, y: Tensor): void {
  if (isFloat(x.dtype) || isFloat(y.dtype)) return;
  const divisor = y.data();
  for (let i = 0; i < divisor.length; i++) {
    if (Number(divisor[i]) === 0) throw new Error(`${op}: integer division by zero (the int divisor of shape [${y.shape}] holds 0 at flat index ${i}); use float tensors to get NaN instead`);
  }
}

/** x − round(x / y)·y for the rounding of `op`; the gradient is 1 for x and −round(x / y) for y. */
function roundedRemainder(op: "remainder" | "fmod", a: TensorLike, b: TensorLike, round: (quotient: Tensor) => Tensor): Tensor {
  const [x, y] = binaryOperands(op, a, b);
  checkIntegerDivisor(op, x, y);
  const out = binaryKernel(op, op, x, y);
  return record(op === "fmod" ? "FmodBackward" : "RemainderBackward", out, [x, y], (g) => [
    x.requiresGrad ? sumToShape(g, x.shape) : null,
    y.requiresGrad ? sumToShape(g.mul(round(x.div(y))).neg(), y.shape) : null,
  ]);
}

/**
 * x − floor(x / y)·y element-wise with broadcasting: the result has the sign of the divisor, like
 * Python's `%` and torch.remainder. Gradient: 1 for x, −floor(x / y) for y.
 * @example
 * remainder(tensor([-3, -1, 1, 3]), 2); // tensor([1, 1, 1, 1], dtype=int32)
 */
export function remainder(a: TensorLike, b: TensorLike): Tensor {
  return roundedRemainder("remainder", a, b, (q) => q.floor());
}

/**
 * x − trunc(x / y)·y element-wise with broadcasting: the result has the sign of the dividend, like C's
 * fmod, JavaScript's `%` and torch.fmod. Gradient: 1 for x, −trunc(x / y) for y.
 * @example
 * fmod(tensor([-3, -1, 1, 3]), 2); // tensor([-1, -1,  1,  1], dtype=int32)
 */
export function fmod(a: TensorLike, b: TensorLike): Tensor {
  return roundedRemainder("fmod", a, b, (q) => q.trunc());
}

/**
 * floor(x / y) element-wise with broadcasting (torch.floor_divide / Python's `//`). Piecewise constant,
 * so it is not differentiated (its gradient is zero almost everywhere).
 * @example
 * floorDivide(tensor([-3, 7]), 2); // tensor([-2,  3], dtype=int32)
 */
export function floorDivide(a: TensorLike, b: TensorLike): Tensor {
  const [x, y] = binaryOperands("floorDivide", a, b);
  checkIntegerDivisor("floorDivide", x, y);
  return binaryKernel("floorDivide", "floorDivide", x, y);
}

declare module "../core/tensor" {
  interface Tensor {
    remainder(other: TensorLike): Tensor;
    fmod(other: TensorLike): Tensor;
    floorDivide(other: TensorLike): Tensor;
  }
}
Tensor.prototype.remainder = function (this: Tensor, other: TensorLike) {
  return remainder(this, other);
};
Tensor.prototype.fmod = function (this: Tensor, other: TensorLike) {
  return fmod(this, other);
};
Tensor.prototype.floorDivide = function (this: Tensor, other: TensorLike) {
  return floorDivide(this, other);
};
