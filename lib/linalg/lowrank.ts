// Randomised low-rank SVD and PCA (Halko, Martinsson & Tropp, 2011), as torch.svd_lowrank and
// torch.pca_lowrank: products of A with a random block of q columns find the range of A, a few
// power iterations sharpen it, and the Jacobi svd of a small [q, n] matrix finishes. The big products
// run as backend matmuls, so PCA of MNIST's 784 pixels takes well under a second where the Jacobi
// eigh of the 784 × 784 covariance matrix takes tens of seconds.

import { fmtShape } from "../core/shape";
import { Tensor, randn } from "../core";
import { fromHost, hostMatrix, makeLargestPositive, subtractProjection, unitOrthogonalTo } from "./matrix";
import { svd } from "./svd";

/** A ≈ U diag(S) Vᵀ with q terms (torch.svd_lowrank returns V, not Vh). */
export interface LowrankSVD {
  /** [m, q], orthonormal columns. */
  U: Tensor;
  /** [q], descending, ≥ 0. */
  S: Tensor;
  /** [n, q], orthonormal columns. */
  V: Tensor;
}

export interface LowrankOptions {
  /** Number of singular triplets (default min(6, m, n), as PyTorch). Ask for a few more than you keep. */
  q?: number;
  /** Power iterations (default 2): more make the leading triplets more accurate when the spectrum decays slowly. */
  niter?: number;
}

/** Orthonormal columns spanning those of `a` [m, k] (Gram–Schmidt twice, in float64 on the host). */
function orthonormalColumns(a: Tensor): Tensor {
  const { rows: m, cols: k, values } = hostMatrix("svdLowrank", a);
  const column = (j: number) => Float64Array.from({ length: m }, (_, i) => values[i * k + j]);
  const basis: Float64Array[] = [];
  for (let j = 0; j < k; j++) {
    const v = column(j);
    const original = Math.hypot(...v);
    // Reorthogonalising once more ("twice is enough") keeps the columns orthonormal to rounding.
    for (let pass = 0; pass < 2; pass++) for (const b of basis) subtractProjection(v, b);
    const norm = Math.hypot(...v);
    // A column that depended on the previous ones (A of rank < q) is replaced by a unit vector
    // orthogonal to them, so that U and V keep orthonormal columns.
    if (norm <= 1e-10 * (original || 1)) {
      basis.push(unitOrthogonalTo(basis, m));
      continue;
    }
    for (let i = 0; i < m; i++) v[i] /= norm;
    basis.push(v);
  }
  const out = new Float64Array(m * k);
  basis.forEach((b, j) => b.forEach((x, i) => (out[i * k + j] = x)));
  return fromHost(out, [m, k], a);
}

/**
 * The q leading singular triplets of a matrix A [m, n] by randomised subspace iteration
 * (torch.svd_lowrank): A ≈ U diag(S) Vᵀ. Exact (to rounding) when A has rank ≤ q; otherwise the
 * leading values are accurate and the last few less so. Draws its random block from the global
 * generator, so `manualSeed` makes it reproducible. Each column of U has its largest component positive.
 * @example
 * manualSeed(0);
 * const { U, S, V } = linalg.svdLowrank(randn([100, 3]).matmul(randn([3, 50])), { q: 3 });
 * U.matmul(S.diag()).matmul(V.t()); // the [100, 50] rank-3 matrix again
 */
export function svdLowrank(a: Tensor, options: LowrankOptions = {}): LowrankSVD {
  if (a.ndim !== 2) throw new Error(`linalg.svdLowrank: expected a 2-D matrix, got shape ${fmtShape(a.shape)}`);
  const [m, n] = a.shape;
  const q = options.q ?? Math.min(6, m, n);
  const niter = options.niter ?? 2;
  if (!Number.isInteger(q) || q < 1 || q > Math.min(m, n)) throw new Error(`linalg.svdLowrank: q = ${q} must be an integer from 1 to min(m, n) = ${Math.min(m, n)} for a matrix of shape ${fmtShape(a.shape)}`);
  if (!Number.isInteger(niter) || niter < 0) throw new Error(`linalg.svdLowrank: niter = ${niter} must be an integer ≥ 0`);
  const x = a.dtype === "float64" ? a : a.float();
  let basis = orthonormalColumns(x.matmul(randn([n, q], { dtype: x.dtype })));
  for (let i = 0; i < niter; i++) basis = orthonormalColumns(x.matmul(orthonormalColumns(x.t().matmul(basis))));
  const small = svd(basis.t().matmul(x)); // [q, n] = Ub diag(S) Vh
  const u = hostMatrix("svdLowrank", basis.matmul(small.U));
  const v = hostMatrix("svdLowrank", small.Vh.t());
  // Signs: the largest component of each column of U positive, as linalg.svd does.
  for (let j = 0; j < q; j++) makeLargestPositive(u, j, v);
  return { U: fromHost(u.values, [m, q], a), S: small.S, V: fromHost(v.values, [n, q], a) };
}

/**
 * Principal component analysis of data A [samples, features] (torch.pca_lowrank): the low-rank SVD of
 * A minus its column means. The principal directions are the columns of V, the variance along
 * direction k is S[k]² / (samples − 1), and the coordinates of the centred samples are U diag(S).
 * @example
 * const x = data.mnist({ flatten: true }).train.x;        // [8000, 784]
 * const { S, V } = linalg.pcaLowrank(x, { q: 40, niter: 4 });
 * const codes = x.sub(x.mean(0, true)).matmul(V.narrow(1, 0, 32)); // [8000, 32]
 */
export function pcaLowrank(a: Tensor, options: LowrankOptions & { center?: boolean } = {}): LowrankSVD {
  if (a.ndim !== 2) throw new Error(`linalg.pcaLowrank: expected data [samples, features], got shape ${fmtShape(a.shape)}`);
  const centred = options.center === false ? a : a.sub(a.mean(0, true));
  return svdLowrank(centred, options);
}
