// Host-side helpers of axone.linalg. The factorisations run in float64 JavaScript on the host: the
// matrices of a course (normal equations, PCA of a few dozen features) are small, and exact pivoting
// logic is simpler there than as backend kernels. Results go back to the input's dtype and device.

import { fmtShape } from "../core/shape";
import { Tensor, tensor } from "../core";

/** A dense row-major float64 copy of a 2-D tensor with its size. */
export interface HostMatrix {
  rows: number;
  cols: number;
  values: Float64Array;
}

export function hostMatrix(op: string, a: Tensor, what = "input"): HostMatrix {
  if (a.ndim !== 2) throw new Error(`linalg.${op}: ${what} must be a 2-D matrix, got shape ${fmtShape(a.shape)}`);
  return { rows: a.shape[0], cols: a.shape[1], values: Float64Array.from(a.data() as ArrayLike<number>) };
}

export function requireSquare(op: string, a: Tensor): HostMatrix {
  const m = hostMatrix(op, a);
  if (m.rows !== m.cols) throw new Error(`linalg.${op}: expected a square matrix, got shape ${fmtShape(a.shape)}`);
  return m;
}

/** float64 when any input is float64, else float32 (integer and boolean inputs are converted, not refused). */
export function resultDtype(...inputs: Tensor[]): "float32" | "float64" {
  return inputs.some((t) => t.dtype === "float64") ? "float64" : "float32";
}

/** A tensor of `shape` from host values, in the result dtype of `inputs`, on the first input's device. */
export function fromHost(values: Float64Array, shape: readonly number[], ...inputs: Tensor[]): Tensor {
  return tensor(values, { dtype: resultDtype(...inputs), device: inputs[0].device }).reshape([...shape]);
}

/** LU factorisation with partial pivoting, in place: PA = LU, L unit lower. `sign` is det(P). */
export interface LU {
  n: number;
  lu: Float64Array;
  pivots: Int32Array;
  sign: number;
  singular: boolean;
}

export function luFactor(m: HostMatrix): LU {
  const n = m.rows;
  const lu = Float64Array.from(m.values);
  const pivots = Int32Array.from({ length: n }, (_, i) => i);
  let sign = 1;
  let singular = false;
  const scale = lu.reduce((s, v) => Math.max(s, Math.abs(v)), 0) || 1;
  for (let k = 0; k < n; k++) {
    let best = k;
    for (let r = k + 1; r < n; r++) if (Math.abs(lu[r * n + k]) > Math.abs(lu[best * n + k])) best = r;
    if (Math.abs(lu[best * n + k]) <= scale * n * Number.EPSILON) {
      singular = true;
      continue;
    }
    if (best !== k) {
      for (let c = 0; c < n; c++) [lu[k * n + c], lu[best * n + c]] = [lu[best * n + c], lu[k * n + c]];
      [pivots[k], pivots[best]] = [pivots[best], pivots[k]];
      sign = -sign;
    }
    const pivot = lu[k * n + k];
    for (let r = k + 1; r < n; r++) {
      const factor = (lu[r * n + k] /= pivot);
      if (factor !== 0) for (let c = k + 1; c < n; c++) lu[r * n + c] -= factor * lu[k * n + c];
    }
  }
  return { n, lu, pivots, sign, singular };
}

/** Solves A X = B from A's LU factors; B is n × k row-major. */
export function luSolve(f: LU, b: Float64Array, k: number): Float64Array {
  const { n, lu, pivots } = f;
  const x = new Float64Array(n * k);
  for (let r = 0; r < n; r++) for (let c = 0; c < k; c++) x[r * k + c] = b[pivots[r] * k + c];
  for (let r = 0; r < n; r++) {
    for (let j = 0; j < r; j++) {
      const l = lu[r * n + j];
      if (l !== 0) for (let c = 0; c < k; c++) x[r * k + c] -= l * x[j * k + c];
    }
  }
  for (let r = n - 1; r >= 0; r--) {
    for (let j = r + 1; j < n; j++) {
      const u = lu[r * n + j];
      if (u !== 0) for (let c = 0; c < k; c++) x[r * k + c] -= u * x[j * k + c];
    }
    const d = lu[r * n + r];
    for (let c = 0; c < k; c++) x[r * k + c] /= d;
  }
  return x;
}

/**
 * A Givens rotation of two vectors stored in `m` at `startP` and `startQ` with stride `step` (two
 * columns: start p and q, step = row length; two rows: start p·n and q·n, step 1):
 * x_p ← c·x_p − s·x_q and x_q ← s·x_p + c·x_q.
 */
export function rotate(m: Float64Array, count: number, startP: number, startQ: number, step: number, c: number, s: number): void {
  for (let i = 0, p = startP, q = startQ; i < count; i++, p += step, q += step) {
    const xp = m[p], xq = m[q];
    m[p] = c * xp - s * xq;
    m[q] = s * xp + c * xq;
  }
}

/**
 * Flips column `col` of `u` (and the same column of `partner`, the matching vectors of the other side)
 * so that u's largest component is positive: eigen- and singular vectors are only defined up to sign,
 * and a fixed rule makes notebook outputs reproducible.
 */
export function makeLargestPositive(u: HostMatrix, col: number, partner?: HostMatrix): void {
  let largest = 0;
  for (let i = 0; i < u.rows; i++) if (Math.abs(u.values[i * u.cols + col]) > Math.abs(largest)) largest = u.values[i * u.cols + col];
  if (largest >= 0) return;
  for (const m of partner ? [u, partner] : [u]) for (let i = 0; i < m.rows; i++) m.values[i * m.cols + col] = -m.values[i * m.cols + col];
}

/** v minus its projection on the unit vector `unit`, in place. */
export function subtractProjection(v: Float64Array, unit: Float64Array): void {
  let dot = 0;
  for (let i = 0; i < v.length; i++) dot += v[i] * unit[i];
  for (let i = 0; i < v.length; i++) v[i] -= dot * unit[i];
}

/**
 * A unit vector of length m orthogonal to the orthonormal vectors of `basis`: the first standard basis
 * vector not in their span, orthogonalised twice (Gram–Schmidt, "twice is enough"). It completes a
 * basis where a rank-deficient matrix gives no direction of its own.
 */
export function unitOrthogonalTo(basis: readonly Float64Array[], m: number): Float64Array {
  for (let e = 0; e < m; e++) {
    const v = new Float64Array(m);
    v[e] = 1;
    for (let pass = 0; pass < 2; pass++) for (const b of basis) subtractProjection(v, b);
    const norm = Math.hypot(...v);
    if (norm >= 0.5) return v.map((x) => x / norm);
  }
  throw new Error(`linalg: no unit vector of length ${m} is orthogonal to ${basis.length} vectors`);
}
