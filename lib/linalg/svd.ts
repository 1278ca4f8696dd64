import { Tensor } from "../core";
import { fromHost, hostMatrix, makeLargestPositive, rotate, unitOrthogonalTo } from "./matrix";

/** A = U diag(S) Vh, reduced: k = min(m, n). */
export interface SVD {
  /** [m, k], orthonormal columns. */
  U: Tensor;
  /** [k], descending, ≥ 0. */
  S: Tensor;
  /** [k, n], orthonormal rows. */
  Vh: Tensor;
}

/**
 * The reduced singular value decomposition A = U diag(S) Vh of a matrix [m, n]
 * (torch.linalg.svd(A, full_matrices=False)), by one-sided Jacobi rotations in float64. Singular values
 * descend; each column of U has its largest component positive so results are reproducible. Not
 * differentiable: the outputs are plain tensors. The best rank-d approximation keeps the first d terms
 * (Eckart–Young), which is what PCA and the X = U Vᵀ factorisation of the course use.
 * @example
 * const { U, S, Vh } = linalg.svd(tensor([[3, 0], [0, -2]], { dtype: "float64" }));
 * S.toArray(); // [3, 2]
 */
export function svd(a: Tensor): SVD {
  const { rows, cols, values } = hostMatrix("svd", a);
  const transposed = rows < cols;
  // Work on a tall matrix W [m, n] (m ≥ n): the SVD of Aᵀ swaps U and V.
  const m = transposed ? cols : rows, n = transposed ? rows : cols;
  const w = new Float64Array(m * n);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) w[transposed ? c * n + r : r * n + c] = values[r * cols + c];
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++) v[i * n + i] = 1;
  for (let sweep = 0; sweep < 100; sweep++) {
    let rotated = false;
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        let alpha = 0, beta = 0, gamma = 0;
        for (let i = 0; i < m; i++) {
          const wp = w[i * n + p], wq = w[i * n + q];
          alpha += wp * wp;
          beta += wq * wq;
          gamma += wp * wq;
        }
        if (Math.abs(gamma) <= 1e-15 * Math.sqrt(alpha * beta) || gamma === 0) continue;
        rotated = true;
        // The rotation that makes columns p and q orthogonal.
        const zeta = (beta - alpha) / (2 * gamma);
        const t = Math.sign(zeta || 1) / (Math.abs(zeta) + Math.sqrt(1 + zeta * zeta));
        const c = 1 / Math.sqrt(1 + t * t), s = c * t;
        rotate(w, m, p, q, n, c, s);
        rotate(v, n, p, q, n, c, s);
      }
    }
    if (!rotated) break;
  }
  const sigma = Array.from({ length: n }, (_, j) => {
    let sum = 0;
    for (let i = 0; i < m; i++) sum += w[i * n + j] ** 2;
    return Math.sqrt(sum);
  });
  const order = Array.from({ length: n }, (_, j) => j).sort((x, y) => sigma[y] - sigma[x]);
  const tolerance = (sigma[order[0]] || 0) * Math.max(m, n) * Number.EPSILON;
  const left = new Float64Array(m * n), right = new Float64Array(n * n), singular = new Float64Array(n);
  order.forEach((from, to) => {
    singular[to] = sigma[from];
    for (let i = 0; i < n; i++) right[i * n + to] = v[i * n + from];
    if (sigma[from] > tolerance) for (let i = 0; i < m; i++) left[i * n + to] = w[i * n + from] / sigma[from];
    else {
      // A zero singular value gives no direction: complete U's columns with an orthogonal unit vector.
      const earlier = Array.from({ length: to }, (_, c) => Float64Array.from({ length: m }, (_, i) => left[i * n + c]));
      unitOrthogonalTo(earlier, m).forEach((x, i) => (left[i * n + to] = x));
    }
    makeLargestPositive({ rows: m, cols: n, values: left }, to, { rows: n, cols: n, values: right });
  });
  // left is U of W [m, n]; right is V of W [n, n]. For A = Wᵀ: U_A = V_W and Vh_A = U_Wᵀ.
  const k = n;
  const transpose = (x: Float64Array, r: number, c: number) => {
    const out = new Float64Array(r * c);
    for (let i = 0; i < r; i++) for (let j = 0; j < c; j++) out[j * r + i] = x[i * c + j];
    return out;
  };
  return transposed
    ? { U: fromHost(right, [rows, k], a), S: fromHost(singular, [k], a), Vh: fromHost(transpose(left, m, n), [k, cols], a) }
    : { U: fromHost(left, [rows, k], a), S: fromHost(singular, [k], a), Vh: fromHost(transpose(right, n, n), [k, cols], a) };
}
