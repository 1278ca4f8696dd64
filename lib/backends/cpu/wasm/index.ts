// The cpu backend's WebAssembly SIMD path: a lazily loaded runtime (null where WebAssembly
// SIMD is missing, the build output is absent, or AXONE_WASM=0) and the thread-count setting.
import { loadWasmRuntime, type WasmRuntime } from "./runtime";
import { matmulWasm } from "./kernels";

export { matmulWasm, conv2dWasm, conv2dInputGradWasm, conv2dWeightGradWasm, maxPool2dWasm, maxPool2dBackwardWasm, avgPool2dWasm, avgPool2dBackwardWasm } from "./kernels";
export { loadWasmRuntime, WasmRuntime, type WasmVariant } from "./runtime";

let runtime: WasmRuntime | null | undefined;

/** The best WebAssembly runtime this engine accepts, loaded on first use; null when there is none. */
export function wasmRuntime(): WasmRuntime | null {
  if (runtime === undefined) runtime = loadWasmRuntime();
  return runtime;
}

/**
 * Threads the cpu backend uses for large matmuls, convolutions and poolings (default: the number of
 * cores, or AXONE_THREADS). 1 keeps all work on the calling thread.
 * @example
 * setNumThreads(1); getNumThreads(); // 1
 */
export function setNumThreads(count: number): void {
  const rt = wasmRuntime();
  if (rt) rt.setThreads(count);
  else if (!Number.isInteger(count) || count < 1) throw new Error(`setNumThreads: expected a positive integer, got ${count}`);
}

/** Threads the cpu backend uses for large kernels (1 when WebAssembly is unavailable). */
export function getNumThreads(): number {
  return wasmRuntime()?.threads ?? 1;
}

/** The cpu matmul accelerator: float32 GEMM in WebAssembly, or null (declines) without a runtime. */
export function wasmMatmul(a: Float32Array, b: Float32Array, M: number, K: number, N: number, options: { transA?: boolean; transB?: boolean; batch?: number; strideA?: number; strideB?: number }, out?: Float32Array): Float32Array | null {
  const rt = wasmRuntime();
  return rt ? matmulWasm(rt, a, b, M, K, N, options, out) : null;
}
