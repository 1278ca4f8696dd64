// Plug points for faster implementations of cpu kernels (the WebAssembly SIMD kernels of ./wasm).
// The wasm module sets these when it loads; the cpu kernels call them when set and worth it,
// and fall back to their typed-array loops otherwise (or when the accelerator returns null).

/** Parameters of the "matmul" kernel: C[batch, M, N] = op(A)[M, K] · op(B)[K, N]. */
export interface MatmulParams {
  M: number;
  K: number;
  N: number;
  /** number of products (default 1) */
  batch?: number;
  /** elements between consecutive A matrices (default M·K; 0 = one A for every batch) */
  strideA?: number;
  /** elements between consecutive B matrices (default K·N; 0 = one B for every batch) */
  strideB?: number;
  /** A is stored [K, M] */
  transA?: boolean;
  /** B is stored [N, K] */
  transB?: boolean;
}

export interface CpuAccelerators {
  /** float32 matmul; same layout rules as MatmulParams; writes C [batch·M·N] into `out` when given and returns it, or null to decline */
  matmul: ((a: Float32Array, b: Float32Array, M: number, K: number, N: number, options: { transA?: boolean; transB?: boolean; batch?: number; strideA?: number; strideB?: number }, out?: Float32Array) => Float32Array | null) | null;
  /** products with fewer multiply-adds than this (M·N·K) stay in JavaScript */
  matmulMinWork: number;
}

export const accelerators: CpuAccelerators = {
  matmul: null,
  matmulMinWork: 16 * 16 * 16,
};
