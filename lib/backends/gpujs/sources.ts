// gpu.js kernel sources of the gpujs backend. Every kernel writes a flat output [n] (gpu.js packs it
// into a near-square texture) and computes its own indices from this.thread.x, so one compiled kernel
// serves every shape: sizes, strides and geometry travel as scalar arguments or a small `meta` array,
// never as constants (each new constant set would be a new shader compile, 0.3–1 s under Mesa).
//
// The sources are written in the JavaScript subset gpu.js translates to GLSL (and runs as JavaScript
// in its cpu mode): numbers are float32 on the device, so index arithmetic is done in floats with
// Math.floor((i + 0.5) / n), which stays exact for indices below 2^20 even with GLSL's loose division.

/** Unary expressions of `v` (the element) and the parameters a, b — the formulas of the cpu backend's UNARY_EXPR. */
export const UNARY_SOURCE: Record<string, string> = {
  neg: "-v",
  abs: "Math.abs(v)",
  sign: "(v > 0 ? 1 : (v < 0 ? -1 : v))",
  exp: "Math.exp(v)",
  expm1: "Math.expm1(v)",
  log: "Math.log(v)",
  log1p: "Math.log1p(v)",
  sqrt: "Math.sqrt(v)",
  rsqrt: "1 / Math.sqrt(v)",
  sin: "Math.sin(v)",
  cos: "Math.cos(v)",
  tan: "Math.tan(v)",
  tanh: "Math.tanh(v)",
  sigmoid: "(v >= 0 ? 1 / (1 + Math.exp(-v)) : Math.exp(v) / (1 + Math.exp(v)))",
  relu: "(v > 0 ? v : (v === v ? 0 : v))",
  leakyRelu: "(v > 0 ? v : v * a)",
  elu: "(v > 0 ? v : a * Math.expm1(v))",
  gelu: "0.5 * v * (1 + erfApprox(v * 0.7071067811865476))",
  erf: "erfApprox(v)",
  softplus: "(v * a > b ? v : Math.log1p(Math.exp(v * a)) / a)",
  pow: "powReal(v, a)",
  clamp: "(v < a ? a : (v > b ? b : v))",
  floor: "Math.floor(v)",
  ceil: "Math.ceil(v)",
  round: "roundHalfEven(v)",
  trunc: "(v >= 0 ? Math.floor(v) : Math.ceil(v))",
  reciprocal: "1 / v",
  square: "v * v",
  not: "(v !== 0 ? 0 : 1)",
  isnan: "(v !== v ? 1 : 0)",
  isinf: "(v === v && v - v !== 0 ? 1 : 0)",
  step: "(v > 0 ? 1 : 0)",
  inside: "(v >= a && v <= b ? 1 : 0)",
};

/** Binary expressions of x (left) and y (right). */
export const BINARY_SOURCE: Record<string, string> = {
  add: "x + y",
  sub: "x - y",
  mul: "x * y",
  div: "x / y",
  pow: "powReal(x, y)",
  maximum: "(x > y || x !== x ? x : y)",
  minimum: "(x < y || x !== x ? x : y)",
  eq: "(x === y ? 1 : 0)",
  ne: "(x !== y ? 1 : 0)",
  lt: "(x < y ? 1 : 0)",
  le: "(x <= y ? 1 : 0)",
  gt: "(x > y ? 1 : 0)",
  ge: "(x >= y ? 1 : 0)",
  and: "(x !== 0 && y !== 0 ? 1 : 0)",
  or: "(x !== 0 || y !== 0 ? 1 : 0)",
  xor: "((x !== 0) !== (y !== 0) ? 1 : 0)",
  atan2: "Math.atan2(x, y)",
  remainder: "(x - Math.floor(x / y) * y)",
  floorDivide: "Math.floor(x / y)",
  // GLSL has no truncating modulo: x - trunc(x / y) * y, trunc written with floor and ceil.
  fmod: "(x - (x / y < 0 ? Math.ceil(x / y) : Math.floor(x / y)) * y)",
};

/** Element conversions by target dtype (float32 and int32 values live as float32 on the device, bool as 0/1). */
export const CAST_SOURCE: Record<string, string> = {
  float32: "v",
  int32: "(v >= 0 ? Math.floor(v) : Math.ceil(v))",
  bool: "(v !== 0 ? 1 : 0)",
};

/** Helper functions added to every kernel (GLSL has no erf, and its pow is undefined for negative bases). */
export const HELPER_FUNCTIONS: string[] = [
  // Abramowitz & Stegun 7.1.26: |error| < 1.5e-7, below float32 resolution of 1 + erf
  `function erfApprox(x) {
    const s = x < 0 ? -1 : 1;
    const a = Math.abs(x);
    const t = 1 / (1 + 0.3275911 * a);
    const p = ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t;
    return s * (1 - p * Math.exp(-a * a));
  }`,
  `function powReal(x, y) {
    if (y === 0) { return 1; }
    if (x < 0 && Math.floor(y) === y) {
      const m = Math.pow(-x, y);
      const half = y * 0.5;
      return Math.floor(half) === half ? m : -m;
    }
    return Math.pow(x, y);
  }`,
  `function roundHalfEven(v) {
    const f = Math.floor(v);
    const d = v - f;
    if (d === 0.5) { return Math.floor(f * 0.5) * 2 === f ? f : f + 1; }
    return Math.floor(v + 0.5);
  }`,
];

// The offset of operand k for output element `rem`, with meta = [output strides (nd), strides of operand 0 (nd), …].
function offsets(count: number): string {
  const decl = Array.from({ length: count }, (_, k) => `let o${k} = 0;`).join(" ");
  const add = Array.from({ length: count }, (_, k) => `o${k} = o${k} + c * meta[${k + 1} * nd + d];`).join(" ");
  return `let rem = this.thread.x * 1.0; ${decl}
    for (let d = 0; d < nd; d++) {
      const st = meta[d];
      const c = Math.floor((rem + 0.5) / st);
      rem = rem - c * st;
      ${add}
    }`;
}

export const sources = {
  unary: (op: string) => `function(X, a, b) { const v = X[this.thread.x]; return ${UNARY_SOURCE[op]}; }`,
  cast: (dtype: string) => `function(X) { const v = X[this.thread.x]; return ${CAST_SOURCE[dtype]}; }`,
  binarySame: (op: string) => `function(A, B) { const x = A[this.thread.x]; const y = B[this.thread.x]; return ${BINARY_SOURCE[op]}; }`,
  binary: (op: string) => `function(A, B, meta, nd) { ${offsets(2)} const x = A[o0]; const y = B[o1]; return ${BINARY_SOURCE[op]}; }`,
  where: () => `function(C, A, B, meta, nd) { ${offsets(3)} return C[o0] !== 0 ? A[o1] : B[o2]; }`,
  strided: () => `function(X, meta, nd, offset) { ${offsets(1)} return X[offset + o0]; }`,
  gather: () => `function(X, I, meta, nd, sd) { ${offsets(1)} return X[o0 + I[this.thread.x] * sd]; }`,
  indexSelect: () => `function(X, I, size, inner, m) {
    const i = this.thread.x * 1.0;
    const mi = m * inner;
    const o = Math.floor((i + 0.5) / mi);
    const r = i - o * mi;
    const k = Math.floor((r + 0.5) / inner);
    const j = r - k * inner;
    return X[(o * size + I[k]) * inner + j];
  }`,
  cat2: () => `function(A, B, la, lb) {
    const i = this.thread.x * 1.0;
    const row = la + lb;
    const o = Math.floor((i + 0.5) / row);
    const j = i - o * row;
    if (j < la) { return A[o * la + j]; }
    return B[o * lb + j - la];
  }`,
  reduce: (op: string) => {
    const head = `function(X, size, inner) {
      const i = this.thread.x * 1.0;
      const o = Math.floor((i + 0.5) / inner);
      const j = i - o * inner;
      const base = o * size * inner + j;`;
    if (op === "sum" || op === "prod")
      return `${head} let acc = ${op === "sum" ? 0 : 1};
        for (let k = 0; k < size; k++) { acc = acc ${op === "sum" ? "+" : "*"} X[base + k * inner]; }
        return acc; }`;
    const better = op === "max" || op === "argmax" ? "v > best" : "v < best";
    const result = op.startsWith("arg") ? "at" : "best";
    return `${head} let best = X[base]; let at = 0;
      if (best === best) {
        for (let k = 1; k < size; k++) {
          const v = X[base + k * inner];
          if (v !== v) { best = v; at = k; break; }
          if (${better}) { best = v; at = k; }
        }
      }
      return ${result}; }`;
  },
  matmul: () => `function(A, B, M, K, N, sA, sB, tA, tB) {
    const i = this.thread.x * 1.0;
    const mn = M * N;
    const t = Math.floor((i + 0.5) / mn);
    const r = i - t * mn;
    const m = Math.floor((r + 0.5) / N);
    const n = r - m * N;
    const a0 = t * sA + (tA > 0 ? m : m * K);
    const ak = tA > 0 ? M : 1;
    const b0 = t * sB + (tB > 0 ? n * K : n);
    const bk = tB > 0 ? 1 : N;
    let acc = 0;
    for (let k = 0; k < K; k++) { acc = acc + A[a0 + k * ak] * B[b0 + k * bk]; }
    return acc;
  }`,
  // y[n, oc, oh, ow] = Σ x[n, g·Cg + c, oh·sh − pt + r·dh, ow·sw − pl + s·dw] · w[oc, c, r, s] (+ bias[oc])
  conv2d: (bias: boolean) => `function(X, Wt, ${bias ? "Bias, " : ""}C, H, W, O, kh, kw, sh, sw, pt, pl, dh, dw, groups, outH, outW) {
    const i = this.thread.x * 1.0;
    const plane = outH * outW;
    const q = Math.floor((i + 0.5) / plane);
    const p = i - q * plane;
    const oh = Math.floor((p + 0.5) / outW);
    const ow = p - oh * outW;
    const n = Math.floor((q + 0.5) / O);
    const oc = q - n * O;
    const Cg = C / groups;
    const g = Math.floor((oc + 0.5) / (O / groups));
    let acc = ${bias ? "Bias[oc]" : "0"};
    for (let c = 0; c < Cg; c++) {
      for (let r = 0; r < kh; r++) {
        const ih = oh * sh - pt + r * dh;
        if (ih >= 0 && ih < H) {
          for (let s = 0; s < kw; s++) {
            const iw = ow * sw - pl + s * dw;
            if (iw >= 0 && iw < W) {
              acc = acc + X[((n * C + g * Cg + c) * H + ih) * W + iw] * Wt[((oc * Cg + c) * kh + r) * kw + s];
            }
          }
        }
      }
    }
    return acc;
  }`,
  // dx[n, c, ih, iw] = Σ over (o in c's group, r, s) with ih = oh·sh − pt + r·dh (same for w) of gy · w (+ bias[c]: transposed convolution)
  conv2dInputGrad: (bias: boolean) => `function(G, Wt, ${bias ? "Bias, " : ""}C, H, W, O, kh, kw, sh, sw, pt, pl, dh, dw, groups, outH, outW) {
    const i = this.thread.x * 1.0;
    const hw = H * W;
    const q = Math.floor((i + 0.5) / hw);
    const p = i - q * hw;
    const ih = Math.floor((p + 0.5) / W);
    const iw = p - ih * W;
    const n = Math.floor((q + 0.5) / C);
    const c = q - n * C;
    const Cg = C / groups;
    const Og = O / groups;
    const g = Math.floor((c + 0.5) / Cg);
    const cc = c - g * Cg;
    let acc = ${bias ? "Bias[c]" : "0"};
    for (let r = 0; r < kh; r++) {
      const th = ih + pt - r * dh;
      const oh = Math.floor((th + 0.5) / sh);
      if (th >= 0 && oh * sh === th && oh < outH) {
        for (let s = 0; s < kw; s++) {
          const tw = iw + pl - s * dw;
          const ow = Math.floor((tw + 0.5) / sw);
          if (tw >= 0 && ow * sw === tw && ow < outW) {
            for (let o = 0; o < Og; o++) {
              const oc = g * Og + o;
              acc = acc + G[((n * O + oc) * outH + oh) * outW + ow] * Wt[((oc * Cg + cc) * kh + r) * kw + s];
            }
          }
        }
      }
    }
    return acc;
  }`,
  // dw[oc, c, r, s] = Σ over n, oh, ow of gy[n, oc, oh, ow] · x[n, g·Cg + c, oh·sh − pt + r·dh, ow·sw − pl + s·dw]
  conv2dWeightGrad: () => `function(X, G, batch, C, H, W, O, kh, kw, sh, sw, pt, pl, dh, dw, groups, outH, outW) {
    const i = this.thread.x * 1.0;
    const Cg = C / groups;
    const taps = Cg * kh * kw;
    const oc = Math.floor((i + 0.5) / taps);
    let p = i - oc * taps;
    const c = Math.floor((p + 0.5) / (kh * kw));
    p = p - c * kh * kw;
    const r = Math.floor((p + 0.5) / kw);
    const s = p - r * kw;
    const g = Math.floor((oc + 0.5) / (O / groups));
    let acc = 0;
    for (let n = 0; n < batch; n++) {
      for (let oh = 0; oh < outH; oh++) {
        const ih = oh * sh - pt + r * dh;
        if (ih >= 0 && ih < H) {
          for (let ow = 0; ow < outW; ow++) {
            const iw = ow * sw - pl + s * dw;
            if (iw >= 0 && iw < W) {
              acc = acc + G[((n * O + oc) * outH + oh) * outW + ow] * X[((n * C + g * Cg + c) * H + ih) * W + iw];
            }
          }
        }
      }
    }
    return acc;
  }`,
  // max pooling: the window's maximum (wantIndex 0) or its flat index ih·W + iw in the plane (wantIndex 1); NaN wins
  maxPool2d: () => `function(X, H, W, kh, kw, sh, sw, pt, pl, dh, dw, outH, outW, wantIndex) {
    const i = this.thread.x * 1.0;
    const plane = outH * outW;
    const q = Math.floor((i + 0.5) / plane);
    const p = i - q * plane;
    const oh = Math.floor((p + 0.5) / outW);
    const ow = p - oh * outW;
    let best = 0; let at = -1; let found = 0;
    for (let r = 0; r < kh; r++) {
      const ih = oh * sh - pt + r * dh;
      if (ih >= 0 && ih < H) {
        for (let s = 0; s < kw; s++) {
          const iw = ow * sw - pl + s * dw;
          if (iw >= 0 && iw < W) {
            const v = X[(q * H + ih) * W + iw];
            if (found === 0 || (best === best && (v > best || v !== v))) { best = v; at = ih * W + iw; found = 1; }
          }
        }
      }
    }
    return wantIndex > 0 ? at : best;
  }`,
  // dx[q, ih, iw] = Σ of gy over the windows whose maximum was this element
  maxPool2dBackward: () => `function(G, I, H, W, kh, kw, sh, sw, pt, pl, dh, dw, outH, outW) {
    const i = this.thread.x * 1.0;
    const hw = H * W;
    const q = Math.floor((i + 0.5) / hw);
    const p = i - q * hw;
    const ih = Math.floor((p + 0.5) / W);
    const iw = p - ih * W;
    let acc = 0;
    for (let r = 0; r < kh; r++) {
      const th = ih + pt - r * dh;
      const oh = Math.floor((th + 0.5) / sh);
      if (th >= 0 && oh * sh === th && oh < outH) {
        for (let s = 0; s < kw; s++) {
          const tw = iw + pl - s * dw;
          const ow = Math.floor((tw + 0.5) / sw);
          if (tw >= 0 && ow * sw === tw && ow < outW) {
            const j = (q * outH + oh) * outW + ow;
            if (I[j] === p) { acc = acc + G[j]; }
          }
        }
      }
    }
    return acc;
  }`,
  avgPool2d: () => `function(X, H, W, kh, kw, sh, sw, pt, pl, outH, outW, includePad) {
    const i = this.thread.x * 1.0;
    const plane = outH * outW;
    const q = Math.floor((i + 0.5) / plane);
    const p = i - q * plane;
    const oh = Math.floor((p + 0.5) / outW);
    const ow = p - oh * outW;
    const hs = oh * sh - pt;
    const ws = ow * sw - pl;
    const he = Math.min(hs + kh, H + pt);
    const we = Math.min(ws + kw, W + pl);
    const h0 = Math.max(hs, 0); const h1 = Math.min(he, H);
    const w0 = Math.max(ws, 0); const w1 = Math.min(we, W);
    const divisor = includePad > 0 ? (he - hs) * (we - ws) : (h1 - h0) * (w1 - w0);
    let acc = 0;
    for (let r = 0; r < kh; r++) {
      const ih = hs + r;
      if (ih >= h0 && ih < h1) {
        for (let s = 0; s < kw; s++) {
          const iw = ws + s;
          if (iw >= w0 && iw < w1) { acc = acc + X[(q * H + ih) * W + iw]; }
        }
      }
    }
    return acc / divisor;
  }`,
  avgPool2dBackward: () => `function(G, H, W, kh, kw, sh, sw, pt, pl, outH, outW, includePad) {
    const i = this.thread.x * 1.0;
    const hw = H * W;
    const q = Math.floor((i + 0.5) / hw);
    const p = i - q * hw;
    const ih = Math.floor((p + 0.5) / W);
    const iw = p - ih * W;
    let acc = 0;
    for (let r = 0; r < kh; r++) {
      const th = ih + pt - r;
      const oh = Math.floor((th + 0.5) / sh);
      if (th >= 0 && oh * sh === th && oh < outH) {
        for (let s = 0; s < kw; s++) {
          const tw = iw + pl - s;
          const ow = Math.floor((tw + 0.5) / sw);
          if (tw >= 0 && ow * sw === tw && ow < outW) {
            const hs = oh * sh - pt;
            const ws = ow * sw - pl;
            const he = Math.min(hs + kh, H + pt);
            const we = Math.min(ws + kw, W + pl);
            const divisor = includePad > 0 ? (he - hs) * (we - ws) : (Math.min(he, H) - Math.max(hs, 0)) * (Math.min(we, W) - Math.max(ws, 0));
            acc = acc + G[(q * outH + oh) * outW + ow] / divisor;
          }
        }
      }
    }
    return acc;
  }`,
};
