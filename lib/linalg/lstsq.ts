import { fmtShape } from "../core/shape";
import { Tensor } from "../core";
import { hostMatrix } from "./matrix";
import { solve } from "./solve";

/**
 * The least-squares solution X of A X ≈ B (torch.linalg.lstsq(A, B).solution) for A [m, n] of full
 * column rank and B [m] or [m, k]: it minimises ‖A X − B‖², i.e. solves the normal equations
 * Aᵀ A X = Aᵀ B — the closed form of linear regression. Differentiable (composed of matmul and solve).
 * Use float64 for ill-conditioned A: the normal equations square its condition number.
 * @example
 * const A = tensor([[1, 1], [1, 2], [1, 3]], { dtype: "float64" });   // a column of ones for the bias
 * linalg.lstsq(A, tensor([1, 2, 2], { dtype: "float64" })); // [2/3, 1/2]: y ≈ 2/3 + x/2
 */
export function lstsq(a: Tensor, b: Tensor): Tensor {
  const { rows, cols } = hostMatrix("lstsq", a, "A");
  if (b.ndim < 1 || b.ndim > 2 || b.shape[0] !== rows) throw new Error(`linalg.lstsq: B must be [${rows}] or [${rows}, k] to match A ${fmtShape(a.shape)}, got ${fmtShape(b.shape)}`);
  if (rows < cols) throw new Error(`linalg.lstsq: A ${fmtShape(a.shape)} has fewer rows than columns, so the least-squares solution is not unique`);
  const at = a.t();
  try {
    return solve(at.matmul(a), b.ndim === 1 ? at.matmul(b.reshape([-1, 1])).reshape([-1]) : at.matmul(b));
  } catch (error) {
    if (error instanceof Error && error.message.includes("singular")) {
      throw new Error(`linalg.lstsq: the columns of A ${fmtShape(a.shape)} are linearly dependent (AᵀA is singular): drop a redundant column`);
    }
    throw error;
  }
}
