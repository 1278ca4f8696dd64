// Entry point of the CPU kernels module. Built twice by scripts/build/30-wasm.mjs:
// kernels-relaxed.wasm (relaxed-SIMD fused multiply-add) and kernels-simd.wasm (plain SIMD).
export { packA, packB, gemmPacked, gemmB } from "./gemm";
export { im2col, col2im, swapOuter, addChannelBias, padPlanes, convDirect } from "./conv";
export { maxPool2d, maxPool2dBackward, avgPool2d, avgPool2dBackward } from "./pool";

/** First byte after the module's static data: the loader's arena starts above it. */
export function heapBase(): usize {
  return __heap_base;
}
