// Plain typed-array reference kernels of 2-D convolution: forward, input gradient
// (which is also the transposed convolution) and weight gradient. Direct loops, no
// tricks: they define the semantics that the WebAssembly kernels must reproduce, and
// they run where WebAssembly SIMD is missing.
import type { ConvGeometry } from "./geometry";
import type { CpuKernel } from "./index";
import { wasmRuntime, conv2dWasm, conv2dInputGradWasm, conv2dWeightGradWasm } from "./wasm";

/** float32 for models, float64 for exact gradient checks */
export type FloatArray = Float32Array | Float64Array;

/** Fills y [batch, O, OH, OW] with y[n,o,oh,ow] = bias[o] + Σ_{c,i,j} x[n, g·Cg + c, oh·sh - pt + i·dh, ow·sw - pl + j·dw] · w[o,c,i,j]. */
export function conv2dReference(g: ConvGeometry, x: FloatArray, w: FloatArray, bias: FloatArray | null, y: FloatArray): FloatArray {
  const { batch, inChannels: C, height: H, width: W, outChannels: O, kernelH: kh, kernelW: kw, outH: OH, outW: OW } = g;
  const Cg = C / g.groups, Og = O / g.groups;
  for (let n = 0; n < batch; n++)
    for (let o = 0; o < O; o++) {
      const c0 = Math.floor(o / Og) * Cg;
      for (let oh = 0; oh < OH; oh++)
        for (let ow = 0; ow < OW; ow++) {
          let sum = bias ? bias[o] : 0;
          for (let c = 0; c < Cg; c++)
            for (let i = 0; i < kh; i++) {
              const ih = oh * g.strideH - g.padTop + i * g.dilationH;
              if (ih < 0 || ih >= H) continue;
              for (let j = 0; j < kw; j++) {
                const iw = ow * g.strideW - g.padLeft + j * g.dilationW;
                if (iw < 0 || iw >= W) continue;
                sum += x[((n * C + c0 + c) * H + ih) * W + iw] * w[((o * Cg + c) * kh + i) * kw + j];
              }
            }
          y[((n * O + o) * OH + oh) * OW + ow] = sum;
        }
    }
  return y;
}

/** Fills dx [batch, C, H, W] with ∂(Σ y·dy)/∂x for y = conv2d(x, w): the transposed convolution of dy by w. */
export function conv2dInputGradReference(g: ConvGeometry, dy: FloatArray, w: FloatArray, dx: FloatArray): FloatArray {
  const { batch, inChannels: C, height: H, width: W, outChannels: O, kernelH: kh, kernelW: kw, outH: OH, outW: OW } = g;
  const Cg = C / g.groups, Og = O / g.groups;
  dx.fill(0);
  for (let n = 0; n < batch; n++)
    for (let o = 0; o < O; o++) {
      const c0 = Math.floor(o / Og) * Cg;
      for (let oh = 0; oh < OH; oh++)
        for (let ow = 0; ow < OW; ow++) {
          const d = dy[((n * O + o) * OH + oh) * OW + ow];
          if (d === 0) continue;
          for (let c = 0; c < Cg; c++)
            for (let i = 0; i < kh; i++) {
              const ih = oh * g.strideH - g.padTop + i * g.dilationH;
              if (ih < 0 || ih >= H) continue;
              for (let j = 0; j < kw; j++) {
                const iw = ow * g.strideW - g.padLeft + j * g.dilationW;
                if (iw < 0 || iw >= W) continue;
                dx[((n * C + c0 + c) * H + ih) * W + iw] += d * w[((o * Cg + c) * kh + i) * kw + j];
              }
            }
        }
    }
  return dx;
}

/** Fills dw [O, C/groups, kh, kw] with ∂(Σ y·dy)/∂w for y = conv2d(x, w), summed over the batch. */
export function conv2dWeightGradReference(g: ConvGeometry, x: FloatArray, dy: FloatArray, dw: FloatArray): FloatArray {
  const { batch, inChannels: C, height: H, width: W, outChannels: O, kernelH: kh, kernelW: kw, outH: OH, outW: OW } = g;
  const Cg = C / g.groups, Og = O / g.groups;
  for (let o = 0; o < O; o++) {
    const c0 = Math.floor(o / Og) * Cg;
    for (let c = 0; c < Cg; c++)
      for (let i = 0; i < kh; i++)
        for (let j = 0; j < kw; j++) {
          let sum = 0;
          for (let n = 0; n < batch; n++)
            for (let oh = 0; oh < OH; oh++) {
              const ih = oh * g.strideH - g.padTop + i * g.dilationH;
              if (ih < 0 || ih >= H) continue;
              for (let ow = 0; ow < OW; ow++) {
                const iw = ow * g.strideW - g.padLeft + j * g.dilationW;
                if (iw < 0 || iw >= W) continue;
                sum += x[((n * C + c0 + c) * H + ih) * W + iw] * dy[((n * O + o) * OH + oh) * OW + ow];
              }
            }
          dw[((o * Cg + c) * kh + i) * kw + j] = sum;
        }
  }
  return dw;
}

/**
 * The cpu kernels "conv2d" (inputs x, w[, bias] → y), "conv2dInputGrad" (dy, w[, bias] → dx; also the
 * transposed convolution, whose bias is the optional third input) and "conv2dWeightGrad" (x, dy → dw), all with a ConvGeometry as params:
 * WebAssembly SIMD for float32 when available, the reference loops otherwise (and for float64).
 */
export const conv2dKernels: Record<string, CpuKernel> = {
  conv2d([x, w, bias], g: ConvGeometry, [y]) {
    const rt = x.data instanceof Float32Array ? wasmRuntime() : null;
    if (rt) conv2dWasm(rt, g, x.data as Float32Array, w.data as Float32Array, (bias?.data as Float32Array) ?? null, y as Float32Array);
    else conv2dReference(g, x.data as FloatArray, w.data as FloatArray, (bias?.data as FloatArray) ?? null, y as FloatArray);
  },
  conv2dInputGrad([dy, w, bias], g: ConvGeometry, [dx]) {
    const rt = dy.data instanceof Float32Array ? wasmRuntime() : null;
    if (rt) conv2dInputGradWasm(rt, g, dy.data as Float32Array, w.data as Float32Array, dx as Float32Array);
    else conv2dInputGradReference(g, dy.data as FloatArray, w.data as FloatArray, dx as FloatArray);
    // the transposed convolution's bias, one per channel of its output (= this kernel's dx)
    if (bias) {
      const plane = g.height * g.width;
      for (let n = 0; n < g.batch; n++)
        for (let c = 0; c < g.inChannels; c++) {
          const b = bias.data[c], start = (n * g.inChannels + c) * plane;
          for (let p = start; p < start + plane; p++) dx[p] += b;
        }
    }
  },
  conv2dWeightGrad([x, dy], g: ConvGeometry, [dw]) {
    const rt = x.data instanceof Float32Array ? wasmRuntime() : null;
    if (rt) dw.set(conv2dWeightGradWasm(rt, g, x.data as Float32Array, dy.data as Float32Array));
    else conv2dWeightGradReference(g, x.data as FloatArray, dy.data as FloatArray, dw as FloatArray);
  },
};
