import { Tensor } from "../core";
import { fromHost, makeLargestPositive, requireSquare, rotate } from "./matrix";

/** Eigen-decomposition of a symmetric matrix: A = Q diag(λ) Qᵀ. */
export interface Eigh {
  /** λ in ascending order, [n]. */
  eigenvalues: Tensor;
  /** Q [n, n]: column i is the unit eigenvector of eigenvalues[i]. */
  eigenvectors: Tensor;
}

/**
 * Eigenvalues (ascending) and orthonormal eigenvectors of a real symmetric matrix (torch.linalg.eigh),
 * by cyclic Jacobi rotations in float64. Only the lower triangle is read, as PyTorch does. Each
 * eigenvector's largest component is made positive so results are reproducible. Not differentiable:
 * the outputs are plain tensors. PCA: the eigenvectors of the covariance matrix with the largest eigenvalues.
 * @example
 * const { eigenvalues, eigenvectors } = linalg.eigh(tensor([[2, 1], [1, 2]], { dtype: "float64" }));
 * eigenvalues.toArray(); // [1, 3]
 */
export function eigh(a: Tensor): Eigh {
  const { rows: n, values } = requireSquare("eigh", a);
  const s = new Float64Array(n * n);
  for (let r = 0; r < n; r++) for (let c = 0; c <= r; c++) s[r * n + c] = s[c * n + r] = values[r * n + c];
  const q = new Float64Array(n * n);
  for (let i = 0; i < n; i++) q[i * n + i] = 1;
  const total = s.reduce((acc, v) => acc + v * v, 0);
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let r = 0; r < n; r++) for (let c = 0; c < n; c++) if (r !== c) off += s[r * n + c] ** 2;
    if (off <= total * 1e-30 || off === 0) break;
    for (let p = 0; p < n - 1; p++) {
      for (let k = p + 1; k < n; k++) {
        const apk = s[p * n + k];
        if (apk === 0) continue;
        // The rotation angle that zeroes s[p][k] (numerically stable form of tan 2θ = 2 apk / (akk − app)).
        const theta = (s[k * n + k] - s[p * n + p]) / (2 * apk);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const sn = t * c;
        rotate(s, n, p, k, n, c, sn); // columns p and k
        rotate(s, n, p * n, k * n, 1, c, sn); // rows p and k
        rotate(q, n, p, k, n, c, sn);
      }
    }
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((x, y) => s[x * n + x] - s[y * n + y]);
  const lambda = Float64Array.from(order, (i) => s[i * n + i]);
  const vectors = new Float64Array(n * n);
  order.forEach((from, to) => {
    for (let i = 0; i < n; i++) vectors[i * n + to] = q[i * n + from];
    makeLargestPositive({ rows: n, cols: n, values: vectors }, to);
  });
  return { eigenvalues: fromHost(lambda, [n], a), eigenvectors: fromHost(vectors, [n, n], a) };
}
