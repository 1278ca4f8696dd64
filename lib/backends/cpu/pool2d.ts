// Plain typed-array reference kernels of 2-D max and average pooling, forward and
// backward, over `planes` images (batch·channels). 1-D pooling is the height-1 case.
import type { PoolGeometry } from "./geometry";

/** Max over each window; `indices` holds the flat position ih·width + iw of each maximum in its plane. */
export function maxPool2dReference(g: PoolGeometry, x: Float32Array): { values: Float32Array; indices: Int32Array } {
  const { planes, height: H, width: W, outH: OH, outW: OW } = g;
  const values = new Float32Array(planes * OH * OW);
  const indices = new Int32Array(planes * OH * OW);
  for (let q = 0; q < planes; q++)
    for (let oh = 0; oh < OH; oh++)
      for (let ow = 0; ow < OW; ow++) {
        let best = -Infinity;
        let bestIndex = -1;
        search: for (let i = 0; i < g.kernelH; i++) {
          const ih = oh * g.strideH - g.padTop + i * g.dilationH;
          if (ih < 0 || ih >= H) continue;
          for (let j = 0; j < g.kernelW; j++) {
            const iw = ow * g.strideW - g.padLeft + j * g.dilationW;
            if (iw < 0 || iw >= W) continue;
            const value = x[(q * H + ih) * W + iw];
            if (value > best || Number.isNaN(value) || bestIndex < 0) {
              best = value;
              bestIndex = ih * W + iw;
              if (Number.isNaN(value)) break search;
            }
          }
        }
        const o = (q * OH + oh) * OW + ow;
        values[o] = best;
        indices[o] = bestIndex;
      }
  return { values, indices };
}

export function maxPool2dBackwardReference(g: PoolGeometry, dy: Float32Array, indices: Int32Array): Float32Array {
  const { planes, height: H, width: W, outH: OH, outW: OW } = g;
  const dx = new Float32Array(planes * H * W);
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

export function avgPool2dReference(g: PoolGeometry, x: Float32Array): Float32Array {
  const { planes, height: H, width: W, outH: OH, outW: OW } = g;
  const y = new Float32Array(planes * OH * OW);
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

export function avgPool2dBackwardReference(g: PoolGeometry, dy: Float32Array): Float32Array {
  const { planes, height: H, width: W, outH: OH, outW: OW } = g;
  const dx = new Float32Array(planes * H * W);
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
