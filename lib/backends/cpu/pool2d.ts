// Plain typed-array reference kernels of 2-D max and average pooling, forward and
// backward, over `planes` images (batch·channels). 1-D pooling is the height-1 case.
import type { PoolGeometry } from "./geometry";
import type { FloatArray } from "./conv2d";
import type { CpuKernel } from "./index";
import { wasmRuntime, maxPool2dWasm, maxPool2dBackwardWasm, avgPool2dWasm, avgPool2dBackwardWasm } from "./wasm";

/**
 * Max over each window; `indices` holds the flat position ih·width + iw of each maximum in its plane.
 * As PyTorch: a window starts from its first tap inside the image, and a larger value or a NaN takes over.
 */
export function maxPool2dReference(g: PoolGeometry, x: FloatArray, values: FloatArray, indices: Int32Array): void {
  const { planes, height: H, width: W, outH: OH, outW: OW } = g;
  for (let q = 0; q < planes; q++)
    for (let oh = 0; oh < OH; oh++)
      for (let ow = 0; ow < OW; ow++) {
        let best = -Infinity;
        let bestIndex = -1;
        for (let i = 0; i < g.kernelH; i++) {
          const ih = oh * g.strideH - g.padTop + i * g.dilationH;
          if (ih < 0 || ih >= H) continue;
          for (let j = 0; j < g.kernelW; j++) {
            const iw = ow * g.strideW - g.padLeft + j * g.dilationW;
            if (iw < 0 || iw >= W) continue;
            const value = x[(q * H + ih) * W + iw];
            if (bestIndex < 0 || value > best || Number.isNaN(value)) {
              best = value;
              bestIndex = ih * W + iw;
            }
          }
        }
        const o = (q * OH + oh) * OW + ow;
        values[o] = best;
        indices[o] = bestIndex;
      }
}

export function maxPool2dBackwardReference(g: PoolGeometry, dy: FloatArray, indices: Int32Array, dx: FloatArray): FloatArray {
  const { planes, height: H, width: W, outH: OH, outW: OW } = g;
  dx.fill(0);
  for (let q = 0; q < planes; q++)
    for (let p = 0; p < OH * OW; p++) {
      const index = indices[q * OH * OW + p];
      if (index >= 0) dx[q * H * W + index] += dy[q * OH * OW + p];
    }
  return dx;
}

// Number of elements one average window divides by.
function windowSize(g: PoolGeometry, oh: number, ow: number): number {
  const hs = oh * g.strideH - g.padTop, ws = ow * g.strideW - g.padLeft;
  const he = Math.min(hs + g.kernelH, g.height + g.padTop), we = Math.min(ws + g.kernelW, g.width + g.padLeft);
  if (g.countIncludePad) return (he - hs) * (we - ws);
  return (Math.min(he, g.height) - Math.max(hs, 0)) * (Math.min(we, g.width) - Math.max(ws, 0));
}

export function avgPool2dReference(g: PoolGeometry, x: FloatArray, y: FloatArray): FloatArray {
  const { planes, height: H, width: W, outH: OH, outW: OW } = g;
  for (let q = 0; q < planes; q++)
    for (let oh = 0; oh < OH; oh++)
      for (let ow = 0; ow < OW; ow++) {
        const hs = oh * g.strideH - g.padTop, ws = ow * g.strideW - g.padLeft;
        let sum = 0;
        for (let ih = Math.max(hs, 0); ih < Math.min(hs + g.kernelH, H); ih++)
          for (let iw = Math.max(ws, 0); iw < Math.min(ws + g.kernelW, W); iw++) sum += x[(q * H + ih) * W + iw];
        const size = windowSize(g, oh, ow);
        y[(q * OH + oh) * OW + ow] = size > 0 ? sum / size : 0;
      }
  return y;
}

export function avgPool2dBackwardReference(g: PoolGeometry, dy: FloatArray, dx: FloatArray): FloatArray {
  const { planes, height: H, width: W, outH: OH, outW: OW } = g;
  dx.fill(0);
  for (let q = 0; q < planes; q++)
    for (let oh = 0; oh < OH; oh++)
      for (let ow = 0; ow < OW; ow++) {
        const size = windowSize(g, oh, ow);
        if (size <= 0) continue;
        const share = dy[(q * OH + oh) * OW + ow] / size;
        const hs = oh * g.strideH - g.padTop, ws = ow * g.strideW - g.padLeft;
        for (let ih = Math.max(hs, 0); ih < Math.min(hs + g.kernelH, H); ih++)
          for (let iw = Math.max(ws, 0); iw < Math.min(ws + g.kernelW, W); iw++) dx[(q * H + ih) * W + iw] += share;
      }
  return dx;
}

/**
 * The cpu kernels "maxPool2d" (x → values, int32 indices), "maxPool2dBackward" (dy, indices → dx),
 * "avgPool2d" (x → y) and "avgPool2dBackward" (dy → dx), with a PoolGeometry as params:
 * WebAssembly for float32 when available, the reference loops otherwise (and for float64).
 */
export const pool2dKernels: Record<string, CpuKernel> = {
  maxPool2d([x], g: PoolGeometry, [values, indices]) {
    const rt = x.data instanceof Float32Array ? wasmRuntime() : null;
    if (rt) {
      const result = maxPool2dWasm(rt, g, x.data as Float32Array);
      values.set(result.values);
      indices.set(result.indices);
    } else maxPool2dReference(g, x.data as FloatArray, values as FloatArray, indices as Int32Array);
  },
  maxPool2dBackward([dy, indices], g: PoolGeometry, [dx]) {
    const rt = dy.data instanceof Float32Array ? wasmRuntime() : null;
    if (rt) maxPool2dBackwardWasm(rt, g, dy.data as Float32Array, indices.data as Int32Array, dx as Float32Array);
    else maxPool2dBackwardReference(g, dy.data as FloatArray, indices.data as Int32Array, dx as FloatArray);
  },
  avgPool2d([x], g: PoolGeometry, [y]) {
    const rt = x.data instanceof Float32Array ? wasmRuntime() : null;
    if (rt) avgPool2dWasm(rt, g, x.data as Float32Array, y as Float32Array);
    else avgPool2dReference(g, x.data as FloatArray, y as FloatArray);
  },
  avgPool2dBackward([dy], g: PoolGeometry, [dx]) {
    const rt = dy.data instanceof Float32Array ? wasmRuntime() : null;
    if (rt) avgPool2dBackwardWasm(rt, g, dy.data as Float32Array, dx as Float32Array);
    else avgPool2dBackwardReference(g, dy.data as FloatArray, dx as FloatArray);
  },
};
