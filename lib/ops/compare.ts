// Comparisons: broadcasting, numbers accepted, result dtype bool, not differentiable.
import { binaryKernel, binaryOperands, Tensor, type TensorLike } from "./helpers";

function compare(op: string, a: TensorLike, b: TensorLike): Tensor {
  const [x, y] = binaryOperands(op, a, b);
  return binaryKernel(op, op, x, y, "bool");
}

/** a == b element-wise. @example eq(tensor([1, 2]), 2); // tensor([False,  True]) */
export const eq = (a: TensorLike, b: TensorLike): Tensor => compare("eq", a, b);
/** a != b element-wise. */
export const ne = (a: TensorLike, b: TensorLike): Tensor => compare("ne", a, b);
/** a < b element-wise. @example lt(tensor([1, 3]), 2); // tensor([ True, False]) */
export const lt = (a: TensorLike, b: TensorLike): Tensor => compare("lt", a, b);
/** a <= b element-wise. */
export const le = (a: TensorLike, b: TensorLike): Tensor => compare("le", a, b);
/** a > b element-wise. */
export const gt = (a: TensorLike, b: TensorLike): Tensor => compare("gt", a, b);
/** a >= b element-wise. */
export const ge = (a: TensorLike, b: TensorLike): Tensor => compare("ge", a, b);
/** Logical and of two tensors (non-zero is true). */
export const logicalAnd = (a: TensorLike, b: TensorLike): Tensor => compare("and", a, b);
/** Logical or. */
export const logicalOr = (a: TensorLike, b: TensorLike): Tensor => compare("or", a, b);
/** Logical exclusive or. */
export const logicalXor = (a: TensorLike, b: TensorLike): Tensor => compare("xor", a, b);

/** Whether two tensors have the same shape and all elements within atol + rtol·|b| (NaNs never match). */
export function allclose(a: Tensor, b: Tensor, rtol = 1e-5, atol = 1e-8): boolean {
  if (a.shape.join() !== b.shape.join()) return false;
  const x = a.data(), y = b.data();
  for (let i = 0; i < x.length; i++) if (!(Math.abs(x[i] - y[i]) <= atol + rtol * Math.abs(y[i]))) return false;
  return true;
}

declare module "../core/tensor" {
  interface Tensor {
    eq(other: TensorLike): Tensor;
    ne(other: TensorLike): Tensor;
    lt(other: TensorLike): Tensor;
    le(other: TensorLike): Tensor;
    gt(other: TensorLike): Tensor;
    ge(other: TensorLike): Tensor;
    logicalAnd(other: TensorLike): Tensor;
    logicalOr(other: TensorLike): Tensor;
    logicalXor(other: TensorLike): Tensor;
    allclose(other: Tensor, rtol?: number, atol?: number): boolean;
  }
}
for (const [name, fn] of Object.entries({ eq, ne, lt, le, gt, ge, logicalAnd, logicalOr, logicalXor }))
  (Tensor.prototype as unknown as Record<string, unknown>)[name] = function (this: Tensor, other: TensorLike) {
    return fn(this, other);
  };
Tensor.prototype.allclose = function (this: Tensor, other: Tensor, rtol?: number, atol?: number) {
  return allclose(this, other, rtol, atol);
};
