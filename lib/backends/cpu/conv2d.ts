// Plain typed-array reference kernels of 2-D convolution: forward, input gradient
// (which is also the transposed convolution) and weight gradient. Direct loops, no
// tricks: they define the semantics that the WebAssembly kernels must reproduce, and
// they run where WebAssembly SIMD is missing.
import type { ConvGeometry } from "./geometry";

/** y[n,o,oh,ow] = bias[o] + Σ_{c,i,j} x[n, g·Cg + c, oh·sh - pt + i·dh, ow·sw - pl + j·dw] · w[o,c,i,j]. */
export function conv2dReference(g: ConvGeometry, x: Float32Array, w: Float32Array, bias?: Float32Array | null): Float32Array {
  const { batch, inChannels: C, height: H, width: W, outChannels: O, kernelH: kh, kernelW: kw, outH: OH, outW: OW } = g;
  const Cg = C / g.groups, Og = O / g.groups;
  const y = new Float32Array(batch * O * OH * OW);
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

/** dx = ∂(Σ y·dy)/∂x for y = conv2d(x, w): the transposed convolution of dy by w. */
export function conv2dInputGradReference(g: ConvGeometry, dy: Float32Array, w: Float32Array): Float32Array {
  const { batch, inChannels: C, height: H, width: W, outChannels: O, kernelH: kh, kernelW: kw, outH: OH, outW: OW } = g;
  const Cg = C / g.groups, Og = O / g.groups;
  const dx = new Float32Array(batch * C * H * W);
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

/** dw = ∂(Σ y·dy)/∂w for y = conv2d(x, w), summed over the batch. */
export function conv2dWeightGradReference(g: ConvGeometry, x: Float32Array, dy: Float32Array): Float32Array {
  const { batch, inChannels: C, height: H, width: W, outChannels: O, kernelH: kh, kernelW: kw, outH: OH, outW: OW } = g;
  const Cg = C / g.groups, Og = O / g.groups;
  const dw = new Float32Array(O * Cg * kh * kw);
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
