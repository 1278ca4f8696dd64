import { fmtShape } from "../core/shape";
import { eye, record, Tensor } from "../core";
import { fromHost, hostMatrix, luFactor, luSolve, requireSquare, resultDtype } from "./matrix";

/**
 * Solves A X = B for a square, invertible A [n, n] and B [n] or [n, k] (torch.linalg.solve), by LU
 * with partial pivoting. Differentiable in A and B: dB = A⁻ᵀ G and dA = −dB Xᵀ.
 * @example
 * linalg.solve(tensor([[3, 1], [1, 2]], { dtype: "float64" }), tensor([9, 8], { dtype: "float64" })); // tensor([2., 3.], dtype=float64)
 */
export function solve(a: Tensor, b: Tensor): Tensor {
  const m = requireSquare("solve", a);
  const vector = b.ndim === 1;
  const rhs = hostMatrix("solve", vector ? b.reshape([-1, 1]) : b, "B");
  if (rhs.rows !== m.rows) throw new Error(`linalg.solve: A ${fmtShape(a.shape)} and B ${fmtShape(b.shape)} do not match: B needs ${m.rows} rows`);
  const factors = luFactor(m);
  if (factors.singular) throw new Error(`linalg.solve: the matrix A ${fmtShape(a.shape)} is singular (not invertible); use linalg.lstsq for a least-squares solution`);
  const x = fromHost(luSolve(factors, rhs.values, rhs.cols), b.shape, a, b);
  return record("LinalgSolveBackward", x, [a, b], (g) => {
    const gb = solve(a.t().detach(), g);
    const ga = vector ? gb.reshape([-1, 1]).matmul(x.detach().reshape([1, -1])).neg() : gb.matmul(x.detach().t()).neg();
    return [a.requiresGrad ? ga : null, b.requiresGrad ? gb : null];
  });
}

/**
 * The inverse of a square, invertible matrix (torch.linalg.inv), as solve(A, I); differentiable.
 * Prefer `linalg.solve(A, B)` to `inv(A).matmul(B)`: it is faster and more accurate.
 * @example
 * linalg.inv(tensor([[2, 0], [0, 4]], { dtype: "float64" })); // tensor([[0.5, 0], [0, 0.25]], dtype=float64)
 */
export function inv(a: Tensor): Tensor {
  const n = requireSquare("inv", a).rows;
  return solve(a, eye(n, n, { dtype: resultDtype(a), device: a.device }));
}
