import { binaryKernel, binaryOperands, castRecorded, isFloat, record, sumToShape, Tensor, toTensor, unaryKernel, zerosOf, type TensorLike } from "./helpers";
import { where } from "./where";

/**
 * xᵖ element-wise: a number exponent (fast path) or a broadcasting tensor exponent.
 * @example
 * pow(tensor([1, 2, 4]), 2); // tensor([ 1,  4, 16], dtype=int32)
 */
export function pow(x: TensorLike, exponent: TensorLike): Tensor {
  if (typeof exponent === "number" && (x instanceof Tensor || typeof x !== "number")) {
    let t = toTensor(x);
    if (!isFloat(t.dtype) && (!Number.isInteger(exponent) || exponent < 0)) t = castRecorded(t, "float32");
    const y = unaryKernel(t, "pow", exponent);
    return record("PowBackward", y, [t], (g) => [exponent === 0 ? zerosOf(g) : g.mul(unaryKernel(t, "pow", exponent - 1)).mul(exponent)]);
  }
  const [a, b] = binaryOperands("pow", x, exponent);
  const out = binaryKernel("pow", "pow", a, b);
  return record("PowBackward", out, [a, b], (g) => [
    a.requiresGrad ? sumToShape(g.mul(b).mul(pow(a, b.sub(1))), a.shape) : null,
    // d/db aᵇ = aᵇ·ln a, taken as 0 where a = 0 (as PyTorch does)
    b.requiresGrad ? sumToShape(g.mul(out).mul(where(a.eq(0), 0, a.log())), b.shape) : null,
  ]);
}

declare module "../core/tensor" {
  interface Tensor {
    pow(exponent: TensorLike): Tensor;
  }
}
Tensor.prototype.pow = function (this: Tensor, exponent: TensorLike) {
  return pow(this, exponent);
};
