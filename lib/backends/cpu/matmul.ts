// Matrix product of the cpu backend: the WebAssembly accelerator when one is plugged in and the
// product is big enough, else a plain typed-array loop (row of C += a_ik · row of B).

import type { TypedArray } from "../../core/dtype";
import { accelerators, type MatmulParams } from "./accelerators";

/** C[batch, M, N] = op(A)·op(B) (see MatmulParams); out is zero-filled. */
export function matmul(a: TypedArray, b: TypedArray, out: TypedArray, p: MatmulParams): void {
  const { M, K, N } = p;
  const batch = p.batch ?? 1;
  const accel = accelerators.matmul;
  if (accel && a instanceof Float32Array && b instanceof Float32Array && out instanceof Float32Array && M * N * K >= accelerators.matmulMinWork) {
    const result = accel(a, b, M, K, N, { transA: p.transA, transB: p.transB, batch, strideA: p.strideA, strideB: p.strideB }, out);
    if (result) {
      if (result !== out) out.set(result);
      return;
    }
  }
  const strideA = p.strideA ?? M * K, strideB = p.strideB ?? K * N;
  let tA: TypedArray | null = null, tB: TypedArray | null = null;
  for (let t = 0; t < batch; t++) {
    let A = a.subarray(t * strideA, t * strideA + M * K);
    let B = b.subarray(t * strideB, t * strideB + K * N);
    // Transposed operands are copied to row-major once (per distinct matrix) so the inner loop stays contiguous.
    if (p.transA) {
      if (!tA || strideA !== 0) tA = transpose(A, K, M, tA);
      A = tA;
    }
    if (p.transB) {
      if (!tB || strideB !== 0) tB = transpose(B, N, K, tB);
      B = tB;
    }
    gemm(A, B, out.subarray(t * M * N, (t + 1) * M * N), M, K, N);
  }
}

/** x [rows, cols] → [cols, rows]. */
function transpose(x: TypedArray, rows: number, cols: number, into: TypedArray | null): TypedArray {
  const out = into && into.length === rows * cols ? into : new (x.constructor as new (n: number) => TypedArray)(rows * cols);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out[c * rows + r] = x[r * cols + c];
  return out;
}

/** C += A·B for row-major A [M,K], B [K,N], C [M,N], four rows of C at a time to reuse each row of B. */
function gemm(A: TypedArray, B: TypedArray, C: TypedArray, M: number, K: number, N: number): void {
  let i = 0;
  for (; i + 4 <= M; i += 4) {
    const c0 = i * N, c1 = c0 + N, c2 = c1 + N, c3 = c2 + N;
    const a0 = i * K, a1 = a0 + K, a2 = a1 + K, a3 = a2 + K;
    for (let k = 0; k < K; k++) {
      const x0 = A[a0 + k], x1 = A[a1 + k], x2 = A[a2 + k], x3 = A[a3 + k];
      const bk = k * N;
      for (let j = 0; j < N; j++) {
        const y = B[bk + j];
        C[c0 + j] += x0 * y;
        C[c1 + j] += x1 * y;
        C[c2 + j] += x2 * y;
        C[c3 + j] += x3 * y;
      }
    }
  }
  for (; i < M; i++) {
    const ci = i * N, ai = i * K;
    for (let k = 0; k < K; k++) {
      const x = A[ai + k];
      const bk = k * N;
      for (let j = 0; j < N; j++) C[ci + j] += x * B[bk + j];
    }
  }
}
