// Float32Array-in, Float32Array-out entry points of the WebAssembly kernels. Each call
// copies its operands into the shared memory arena, runs the kernels (in parallel above
// a size threshold) and copies the result out; the arena is reset afterwards.
import type { ConvGeometry, PoolGeometry } from "../geometry";
import type { WasmRuntime } from "./runtime";

const MR = 4, NR = 8;

export interface MatmulOptions {
  /** A is stored as [K, M] (use Aᵀ) */
  transA?: boolean;
  /** B is stored as [N, K] (use Bᵀ) */
  transB?: boolean;
  /** number of matrix products; A and B hold `batch` matrices unless their batch stride is 0 (broadcast) */
  batch?: number;
  /** floats between consecutive A matrices (default M·K), 0 to reuse one A */
  strideA?: number;
  /** floats between consecutive B matrices (default K·N), 0 to reuse one B */
  strideB?: number;
}

/** C[batch, M, N] = A·B for row-major float32 operands (see MatmulOptions for transposes and batches). */
export function matmulWasm(rt: WasmRuntime, a: Float32Array, b: Float32Array, M: number, K: number, N: number, options: MatmulOptions = {}, out?: Float32Array): Float32Array {
  const batch = options.batch ?? 1;
  const strideA = options.strideA ?? M * K, strideB = options.strideB ?? K * N;
  const mark = rt.mark();
  try {
    const pa = rt.put(a), pb = rt.put(b);
    const c = rt.alloc(batch * M * N * 4);
    const packedA = rt.alloc(Math.ceil(M / MR) * MR * K * 4);
    const packedB = rt.alloc(Math.ceil(N / NR) * NR * K * 4);
    const parallel = M * N * K >= rt.parallelMinWork;
    const [aRow, aCol] = options.transA ? [1, M] : [K, 1];
    const [bRow, bCol] = options.transB ? [1, K] : [N, 1];
    for (let i = 0; i < batch; i++) {
      // a broadcast operand is packed once
      if (i === 0 || strideA !== 0) rt.run("packA", [pa + i * strideA * 4, aRow, aCol, M, K, packedA], parallel);
      if (i === 0 || strideB !== 0) rt.run("packB", [pb + i * strideB * 4, bRow, bCol, K, N, packedB], parallel);
      rt.run("gemmPacked", [packedA, packedB, c + i * M * N * 4, M, N, K, N, 0], parallel);
    }
    return rt.takeF32(c, batch * M * N, out);
  } finally {
    rt.release(mark);
  }
}

function checkGroups(g: ConvGeometry): void {
  if (g.inChannels % g.groups !== 0 || g.outChannels % g.groups !== 0)
    throw new Error(`conv2d: groups ${g.groups} must divide both in-channels ${g.inChannels} and out-channels ${g.outChannels}`);
}

// Samples per call so that one group's column matrix stays under rt.convChunkFloats (big batches
// of big images would otherwise need gigabytes of columns).
function samplesPerChunk(rt: WasmRuntime, g: ConvGeometry): number {
  const perSample = (g.inChannels / g.groups) * g.kernelH * g.kernelW * g.outH * g.outW;
  return Math.max(1, Math.floor(rt.convChunkFloats / Math.max(1, perSample)));
}

/** Runs `chunk(sub-geometry, first sample, samples)` over the batch in pieces of samplesPerChunk. */
function overBatch(rt: WasmRuntime, g: ConvGeometry, chunk: (part: ConvGeometry, n0: number, n: number) => void): void {
  const step = samplesPerChunk(rt, g);
  for (let n0 = 0; n0 < g.batch; n0 += step) {
    const n = Math.min(step, g.batch - n0);
    chunk({ ...g, batch: n }, n0, n);
  }
}

/**
 * y = conv2d(x, w) + bias as GEMMs: per group, W_g[Og, Cg·kh·kw] · cols_g[Cg·kh·kw, N·OH·OW] into
 * y'[O, N, OH·OW], then y = y' with its two outer axes swapped. Big batches go in chunks.
 */
export function conv2dWasm(rt: WasmRuntime, g: ConvGeometry, x: Float32Array, w: Float32Array, bias?: Float32Array | null, out?: Float32Array): Float32Array {
  checkGroups(g);
  if (samplesPerChunk(rt, g) >= g.batch) return conv2dChunk(rt, g, x, w, bias ?? null, out);
  const inSize = g.inChannels * g.height * g.width, outSize = g.outChannels * g.outH * g.outW;
  const y = out ?? new Float32Array(g.batch * outSize);
  overBatch(rt, g, (part, n0, n) => conv2dChunk(rt, part, x.subarray(n0 * inSize, (n0 + n) * inSize), w, bias ?? null, y.subarray(n0 * outSize, (n0 + n) * outSize)));
  return y;
}

/** dx of conv2d (= the transposed convolution of dy by w). Big batches go in chunks. */
export function conv2dInputGradWasm(rt: WasmRuntime, g: ConvGeometry, dy: Float32Array, w: Float32Array, out?: Float32Array): Float32Array {
  checkGroups(g);
  if (samplesPerChunk(rt, g) >= g.batch) return conv2dInputGradChunk(rt, g, dy, w, out);
  const inSize = g.inChannels * g.height * g.width, outSize = g.outChannels * g.outH * g.outW;
  const dx = out ?? new Float32Array(g.batch * inSize);
  overBatch(rt, g, (part, n0, n) => conv2dInputGradChunk(rt, part, dy.subarray(n0 * outSize, (n0 + n) * outSize), w, dx.subarray(n0 * inSize, (n0 + n) * inSize)));
  return dx;
}

/** dw of conv2d, summed over the batch (in chunks for big batches). */
export function conv2dWeightGradWasm(rt: WasmRuntime, g: ConvGeometry, x: Float32Array, dy: Float32Array): Float32Array {
  checkGroups(g);
  if (samplesPerChunk(rt, g) >= g.batch) return conv2dWeightGradChunk(rt, g, x, dy);
  const inSize = g.inChannels * g.height * g.width, outSize = g.outChannels * g.outH * g.outW;
  const dw = new Float32Array(g.outChannels * (g.inChannels / g.groups) * g.kernelH * g.kernelW);
  overBatch(rt, g, (part, n0, n) => {
    const partial = conv2dWeightGradChunk(rt, part, x.subarray(n0 * inSize, (n0 + n) * inSize), dy.subarray(n0 * outSize, (n0 + n) * outSize));
    for (let i = 0; i < dw.length; i++) dw[i] += partial[i];
  });
  return dw;
}

// im2col arguments (after the image address) for group `group`.
function geometryArgs(g: ConvGeometry, group: number): number[] {
  const Cg = g.inChannels / g.groups;
  return [g.batch, g.inChannels, g.height, g.width, group * Cg, Cg, g.kernelH, g.kernelW, g.strideH, g.strideW, g.padTop, g.padLeft, g.dilationH, g.dilationW, g.outH, g.outW];
}

// Stride 1, one group: a direct convolution over a zero-padded copy of the input (no column matrix).
function conv2dDirect(rt: WasmRuntime, g: ConvGeometry, x: Float32Array, w: Float32Array, bias: Float32Array | null, out?: Float32Array): Float32Array {
  const { batch: N, inChannels: C, outChannels: O, kernelH: kh, kernelW: kw, dilationH: dh, dilationW: dw, outH: OH, outW: OW } = g;
  const depth = C * kh * kw, P = OH * OW;
  const Hp = OH + dh * (kh - 1), Wp = OW + dw * (kw - 1);
  const parallel = O * depth * N * P >= rt.parallelMinWork;
  const mark = rt.mark();
  try {
    const px = rt.put(x), pw = rt.put(w);
    const xp = rt.alloc((N * C * Hp * Wp + 8) * 4);
    const packedW = rt.alloc(Math.ceil(O / MR) * MR * depth * 4);
    const koff = rt.alloc(depth * 4);
    const offsets = rt.i32;
    for (let c = 0, k = 0; c < C; c++) for (let i = 0; i < kh; i++) for (let j = 0; j < kw; j++, k++) offsets[(koff >> 2) + k] = ((c * Hp + i * dh) * Wp + j * dw) * 4;
    const y = rt.alloc(N * O * P * 4);
    rt.run("padPlanes", [px, N * C, g.height, g.width, g.padTop, g.padLeft, Hp, Wp, xp], parallel);
    rt.f32.fill(0, (xp >> 2) + N * C * Hp * Wp, (xp >> 2) + N * C * Hp * Wp + 8);
    rt.run("packA", [pw, depth, 1, O, depth, packedW], false);
    rt.run("convDirect", [xp, N, C, Hp, Wp, O, OH, OW, depth, packedW, koff, y], parallel);
    if (bias) rt.run("addChannelBias", [y, rt.put(bias), N, O, P], parallel);
    return rt.takeF32(y, N * O * P, out);
  } finally {
    rt.release(mark);
  }
}

// conv2dWasm on one chunk of the batch.
function conv2dChunk(rt: WasmRuntime, g: ConvGeometry, x: Float32Array, w: Float32Array, bias: Float32Array | null, out?: Float32Array): Float32Array {
  if (g.groups === 1 && g.strideH === 1 && g.strideW === 1 && rt.directConvolution) return conv2dDirect(rt, g, x, w, bias, out);
  const Cg = g.inChannels / g.groups, Og = g.outChannels / g.groups;
  const depth = Cg * g.kernelH * g.kernelW, P = g.outH * g.outW, columns = g.batch * P;
  const parallel = Og * depth * columns >= rt.parallelMinWork;
  const mark = rt.mark();
  try {
    const px = rt.put(x), pw = rt.put(w);
    // the GEMM reads the column matrix in place, 8 columns at a time: rows padded to a multiple of 8
    const ld = Math.ceil(columns / NR) * NR;
    const cols = rt.alloc(depth * ld * 4);
    const packedA = rt.alloc(Math.ceil(Og / MR) * MR * depth * 4);
    const yT = rt.alloc(g.outChannels * columns * 4);
    const y = rt.alloc(g.outChannels * columns * 4);
    for (let group = 0; group < g.groups; group++) {
      rt.run("im2col", [px, ...geometryArgs(g, group), cols, ld], parallel);
      rt.run("packA", [pw + group * Og * depth * 4, depth, 1, Og, depth, packedA], parallel);
      rt.run("gemmB", [packedA, cols, ld, yT + group * Og * columns * 4, Og, columns, depth, columns, 0], parallel);
    }
    rt.run("swapOuter", [yT, g.outChannels, g.batch, P, y], parallel);
    if (bias) rt.run("addChannelBias", [y, rt.put(bias), g.batch, g.outChannels, P], parallel);
    return rt.takeF32(y, g.outChannels * columns, out);
  } finally {
    rt.release(mark);
  }
}

// conv2dInputGradWasm on one chunk: per group cols = W_gᵀ · dy'_g, then col2im.
function conv2dInputGradChunk(rt: WasmRuntime, g: ConvGeometry, dy: Float32Array, w: Float32Array, out?: Float32Array): Float32Array {
  const Cg = g.inChannels / g.groups, Og = g.outChannels / g.groups;
  const depth = Cg * g.kernelH * g.kernelW, P = g.outH * g.outW, columns = g.batch * P;
  const parallel = Og * depth * columns >= rt.parallelMinWork;
  const size = g.batch * g.inChannels * g.height * g.width;
  const mark = rt.mark();
  try {
    const pdy = rt.put(dy), pw = rt.put(w);
    const dyT = rt.alloc(g.outChannels * columns * 4);
    const cols = rt.alloc(depth * columns * 4);
    const packedA = rt.alloc(Math.ceil(depth / MR) * MR * Og * 4);
    const packedB = rt.alloc(Math.ceil(columns / NR) * NR * Og * 4);
    const dx = rt.alloc(size * 4);
    rt.f32.fill(0, dx >> 2, (dx >> 2) + size);
    rt.run("swapOuter", [pdy, g.batch, g.outChannels, P, dyT], parallel);
    for (let group = 0; group < g.groups; group++) {
      // A = W_gᵀ: element (r, o) of [depth, Og] at w[o·depth + r]
      rt.run("packA", [pw + group * Og * depth * 4, 1, depth, depth, Og, packedA], parallel);
      rt.run("packB", [dyT + group * Og * columns * 4, columns, 1, Og, columns, packedB], parallel);
      rt.run("gemmPacked", [packedA, packedB, cols, depth, columns, Og, columns, 0], parallel);
      rt.run("col2im", [cols, ...geometryArgs(g, group), dx], parallel);
    }
    return rt.takeF32(dx, size, out);
  } finally {
    rt.release(mark);
  }
}

// conv2dWeightGradWasm on one chunk: per group dwᵀ_g[depth, Og] = cols_g · dy'_gᵀ, transposed on the way out.
function conv2dWeightGradChunk(rt: WasmRuntime, g: ConvGeometry, x: Float32Array, dy: Float32Array): Float32Array {
  const Cg = g.inChannels / g.groups, Og = g.outChannels / g.groups;
  const depth = Cg * g.kernelH * g.kernelW, P = g.outH * g.outW, columns = g.batch * P;
  const parallel = Og * depth * columns >= rt.parallelMinWork;
  const mark = rt.mark();
  try {
    const px = rt.put(x), pdy = rt.put(dy);
    const dyT = rt.alloc(g.outChannels * columns * 4);
    const cols = rt.alloc(depth * columns * 4);
    const packedA = rt.alloc(Math.ceil(depth / MR) * MR * columns * 4);
    const packedB = rt.alloc(Math.ceil(Og / NR) * NR * columns * 4);
    const dwT = rt.alloc(g.groups * depth * Og * 4);
    rt.run("swapOuter", [pdy, g.batch, g.outChannels, P, dyT], parallel);
    for (let group = 0; group < g.groups; group++) {
      rt.run("im2col", [px, ...geometryArgs(g, group), cols, columns], parallel);
      rt.run("packA", [cols, columns, 1, depth, columns, packedA], parallel);
      // B = dy'_gᵀ: element (j, o) of [columns, Og] at dyT[o·columns + j]
      rt.run("packB", [dyT + group * Og * columns * 4, 1, columns, columns, Og, packedB], parallel);
      rt.run("gemmPacked", [packedA, packedB, dwT + group * depth * Og * 4, depth, Og, columns, Og, 0], parallel);
    }
    const transposed = rt.takeF32(dwT, g.groups * depth * Og);
    const dw = new Float32Array(g.outChannels * depth);
    for (let group = 0; group < g.groups; group++)
      for (let r = 0; r < depth; r++)
        for (let o = 0; o < Og; o++) dw[(group * Og + o) * depth + r] = transposed[(group * depth + r) * Og + o];
    return dw;
  } finally {
    rt.release(mark);
  }
}

function poolArgs(g: PoolGeometry): number[] {
  return [g.planes, g.height, g.width, g.kernelH, g.kernelW, g.strideH, g.strideW, g.padTop, g.padLeft];
}

export function maxPool2dWasm(rt: WasmRuntime, g: PoolGeometry, x: Float32Array): { values: Float32Array; indices: Int32Array } {
  const outputs = g.planes * g.outH * g.outW;
  const parallel = outputs * g.kernelH * g.kernelW >= rt.parallelMinWork;
  const mark = rt.mark();
  try {
    const px = rt.put(x), y = rt.alloc(outputs * 4), indices = rt.alloc(outputs * 4);
    rt.run("maxPool2d", [px, ...poolArgs(g), g.dilationH, g.dilationW, g.outH, g.outW, y, indices], parallel);
    return { values: rt.takeF32(y, outputs), indices: rt.takeI32(indices, outputs) };
  } finally {
    rt.release(mark);
  }
}

export function maxPool2dBackwardWasm(rt: WasmRuntime, g: PoolGeometry, dy: Float32Array, indices: Int32Array, out?: Float32Array): Float32Array {
  const size = g.planes * g.height * g.width;
  const parallel = size >= rt.parallelMinWork;
  const mark = rt.mark();
  try {
    const pdy = rt.put(dy), pi = rt.put(indices), dx = rt.alloc(size * 4);
    rt.f32.fill(0, dx >> 2, (dx >> 2) + size);
    rt.run("maxPool2dBackward", [pdy, pi, g.planes, g.height, g.width, g.outH, g.outW, dx], parallel);
    return rt.takeF32(dx, size, out);
  } finally {
    rt.release(mark);
  }
}

export function avgPool2dWasm(rt: WasmRuntime, g: PoolGeometry, x: Float32Array, out?: Float32Array): Float32Array {
  const outputs = g.planes * g.outH * g.outW;
  const parallel = outputs * g.kernelH * g.kernelW >= rt.parallelMinWork;
  const mark = rt.mark();
  try {
    const px = rt.put(x), y = rt.alloc(outputs * 4);
    rt.run("avgPool2d", [px, ...poolArgs(g), g.countIncludePad ? 1 : 0, g.outH, g.outW, y], parallel);
    return rt.takeF32(y, outputs, out);
  } finally {
    rt.release(mark);
  }
}

export function avgPool2dBackwardWasm(rt: WasmRuntime, g: PoolGeometry, dy: Float32Array, out?: Float32Array): Float32Array {
  const size = g.planes * g.height * g.width;
  const parallel = g.planes * g.outH * g.outW * g.kernelH * g.kernelW >= rt.parallelMinWork;
  const mark = rt.mark();
  try {
    const pdy = rt.put(dy), dx = rt.alloc(size * 4);
    rt.f32.fill(0, dx >> 2, (dx >> 2) + size);
    rt.run("avgPool2dBackward", [pdy, ...poolArgs(g), g.countIncludePad ? 1 : 0, g.outH, g.outW, dx], parallel);
    return rt.takeF32(dx, size, out);
  } finally {
    rt.release(mark);
  }
}
