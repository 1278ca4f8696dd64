// The WebAssembly SIMD kernels of the cpu backend against plain reference loops, for both
// module variants (relaxed SIMD and plain SIMD), on one thread and on two, on sizes that
// are not multiples of the 4×8 tile, 1×1 cases and odd channel counts.
import { afterAll, describe, expect, it } from "vitest";
import { loadWasmRuntime, type WasmVariant } from "../../lib/backends/cpu/wasm/runtime";
import {
  matmulWasm, conv2dWasm, conv2dInputGradWasm, conv2dWeightGradWasm,
  maxPool2dWasm, maxPool2dBackwardWasm, avgPool2dWasm, avgPool2dBackwardWasm,
} from "../../lib/backends/cpu/wasm/kernels";
import { conv2dReference, conv2dInputGradReference, conv2dWeightGradReference } from "../../lib/backends/cpu/conv2d";
import { maxPool2dReference, maxPool2dBackwardReference, avgPool2dReference, avgPool2dBackwardReference } from "../../lib/backends/cpu/pool2d";
import { convOutputSize, type ConvGeometry, type PoolGeometry } from "../../lib/backends/cpu/geometry";

let seed = 12345;
function random(length: number): Float32Array {
  const out = new Float32Array(length);
  for (let i = 0; i < length; i++) {
    seed = (seed * 1103515245 + 12345) >>> 0;
    out[i] = (seed / 2 ** 32) * 2 - 1;
  }
  return out;
}

function expectClose(actual: Float32Array, expected: Float32Array, tolerance = 1e-4): void {
  expect(actual.length).toBe(expected.length);
  let worst = 0, at = -1;
  for (let i = 0; i < actual.length; i++) {
    const error = Math.abs(actual[i] - expected[i]) / (1 + Math.abs(expected[i]));
    if (!(error <= worst)) { worst = error; at = i; }
  }
  expect(worst, `largest error at ${at}: ${actual[at]} vs ${expected[at]}`).toBeLessThanOrEqual(tolerance);
}

function matmulReference(a: Float32Array, b: Float32Array, M: number, K: number, N: number, transA: boolean, transB: boolean): Float32Array {
  const c = new Float32Array(M * N);
  for (let i = 0; i < M; i++)
    for (let j = 0; j < N; j++) {
      let sum = 0;
      for (let k = 0; k < K; k++) sum += (transA ? a[k * M + i] : a[i * K + k]) * (transB ? b[j * K + k] : b[k * N + j]);
      c[i * N + j] = sum;
    }
  return c;
}

function convGeometry(batch: number, C: number, H: number, W: number, O: number, kh: number, kw: number, o: Partial<ConvGeometry> = {}): ConvGeometry {
  const g = { batch, inChannels: C, height: H, width: W, outChannels: O, kernelH: kh, kernelW: kw, strideH: 1, strideW: 1, padTop: 0, padLeft: 0, dilationH: 1, dilationW: 1, groups: 1, outH: 0, outW: 0, ...o };
  g.outH = o.outH ?? convOutputSize(H, kh, g.strideH, g.padTop, g.padTop, g.dilationH);
  g.outW = o.outW ?? convOutputSize(W, kw, g.strideW, g.padLeft, g.padLeft, g.dilationW);
  return g;
}

function poolGeometry(planes: number, H: number, W: number, kh: number, kw: number, o: Partial<PoolGeometry> = {}): PoolGeometry {
  const g = { planes, height: H, width: W, kernelH: kh, kernelW: kw, strideH: kh, strideW: kw, padTop: 0, padLeft: 0, dilationH: 1, dilationW: 1, outH: 0, outW: 0, countIncludePad: true, ...o };
  g.outH = convOutputSize(H, kh, g.strideH, g.padTop, g.padTop, g.dilationH);
  g.outW = convOutputSize(W, kw, g.strideW, g.padLeft, g.padLeft, g.dilationW);
  return g;
}

const convCases: Array<[string, ConvGeometry]> = [
  ["1×1 kernel, one pixel", convGeometry(1, 1, 1, 1, 1, 1, 1)],
  ["odd channels 3→5, 3×3", convGeometry(2, 3, 7, 6, 5, 3, 3)],
  ["stride 2, padding 1", convGeometry(2, 4, 9, 10, 6, 3, 3, { strideH: 2, strideW: 2, padTop: 1, padLeft: 1 })],
  ["dilation 2, rectangular kernel", convGeometry(1, 2, 11, 9, 3, 3, 2, { dilationH: 2, dilationW: 2, padTop: 2, padLeft: 1 })],
  ["groups 2", convGeometry(2, 4, 6, 6, 6, 3, 3, { groups: 2, padTop: 1, padLeft: 1 })],
  ["depthwise (groups = channels)", convGeometry(1, 3, 5, 5, 3, 3, 3, { groups: 3 })],
  ["asymmetric 'same' padding (even kernel)", convGeometry(1, 2, 5, 5, 3, 2, 2, { padTop: 0, padLeft: 0, outH: 5, outW: 5 })],
  ["LeNet conv2 shape, batch 3", convGeometry(3, 6, 12, 12, 16, 5, 5)],
  ["height 1 (conv1d)", convGeometry(2, 3, 1, 13, 4, 1, 3, { strideW: 2, padLeft: 1 })],
];

const poolCases: Array<[string, PoolGeometry]> = [
  ["2×2 stride 2", poolGeometry(3, 6, 6, 2, 2)],
  ["3×3 stride 2 padding 1, odd size", poolGeometry(2, 7, 5, 3, 3, { strideH: 2, strideW: 2, padTop: 1, padLeft: 1 })],
  ["overlapping 3×3 stride 1", poolGeometry(1, 5, 6, 3, 3, { strideH: 1, strideW: 1 })],
  ["padding not counted", poolGeometry(2, 5, 5, 3, 3, { strideH: 2, strideW: 2, padTop: 1, padLeft: 1, countIncludePad: false })],
  ["dilated max, height 1", poolGeometry(2, 1, 12, 1, 3, { strideH: 1, strideW: 2, dilationW: 2 })],
];

const variants: WasmVariant[] = ["relaxed", "simd"];

describe.each(variants)("WebAssembly kernels (%s)", (variant) => {
  const rt = loadWasmRuntime(variant);
  afterAll(async () => {
    await rt?.close();
  });

  it("loads (run `node scripts/build.mjs` if lib/wasm/ is missing)", () => {
    expect(rt, `lib/wasm/kernels-${variant}.wasm did not load`).not.toBeNull();
    expect(rt!.variant).toBe(variant);
  });

  describe.each([1, 2])("%i thread(s)", (threads) => {
    const setThreads = () => {
      rt!.setThreads(threads);
      rt!.parallelMinWork = 0; // send even the tiny cases through the thread pool
    };

    it.each([
      [1, 1, 1], [3, 5, 7], [4, 8, 8], [5, 1, 9], [17, 33, 9], [64, 300, 65], [2, 520, 3],
    ])("matmul %i×%i · %i×… equals the reference with every transpose", (M, K, N) => {
      setThreads();
      for (const transA of [false, true])
        for (const transB of [false, true]) {
          const a = random(M * K), b = random(K * N);
          expectClose(matmulWasm(rt!, a, b, M, K, N, { transA, transB }), matmulReference(a, b, M, K, N, transA, transB));
        }
    });

    it("batched matmul, with a broadcast operand", () => {
      setThreads();
      const [M, K, N, batch] = [7, 13, 10, 3];
      const a = random(batch * M * K), b = random(K * N);
      const c = matmulWasm(rt!, a, b, M, K, N, { batch, strideB: 0 });
      for (let i = 0; i < batch; i++)
        expectClose(c.subarray(i * M * N, (i + 1) * M * N), matmulReference(a.subarray(i * M * K, (i + 1) * M * K), b, M, K, N, false, false));
    });

    it.each(convCases)("conv2d forward, input and weight gradients: %s", (_name, g) => {
      setThreads();
      const x = random(g.batch * g.inChannels * g.height * g.width);
      const w = random(g.outChannels * (g.inChannels / g.groups) * g.kernelH * g.kernelW);
      const bias = random(g.outChannels);
      const dy = random(g.batch * g.outChannels * g.outH * g.outW);
      const y = new Float32Array(dy.length), dx = new Float32Array(x.length), dw = new Float32Array(w.length);
      expectClose(conv2dWasm(rt!, g, x, w, bias), conv2dReference(g, x, w, bias, y) as Float32Array);
      expectClose(conv2dInputGradWasm(rt!, g, dy, w), conv2dInputGradReference(g, dy, w, dx) as Float32Array);
      expectClose(conv2dWeightGradWasm(rt!, g, x, dy), conv2dWeightGradReference(g, x, dy, dw) as Float32Array);
      // the same with the batch split one sample per chunk
      const chunkFloats = rt!.convChunkFloats;
      rt!.convChunkFloats = 1;
      try {
        expectClose(conv2dWasm(rt!, g, x, w, bias), y);
        expectClose(conv2dInputGradWasm(rt!, g, dy, w), dx);
        expectClose(conv2dWeightGradWasm(rt!, g, x, dy), dw);
      } finally {
        rt!.convChunkFloats = chunkFloats;
      }
    });

    it.each(poolCases)("max and average pooling, forward and backward: %s", (_name, g) => {
      setThreads();
      const x = random(g.planes * g.height * g.width);
      const dy = random(g.planes * g.outH * g.outW);
      const outputs = g.planes * g.outH * g.outW;
      const max = maxPool2dWasm(rt!, g, x);
      const maxRef = { values: new Float32Array(outputs), indices: new Int32Array(outputs) };
      maxPool2dReference(g, x, maxRef.values, maxRef.indices);
      expectClose(max.values, maxRef.values, 0);
      expect(Array.from(max.indices)).toEqual(Array.from(maxRef.indices));
      const grad = () => new Float32Array(x.length);
      expectClose(maxPool2dBackwardWasm(rt!, g, dy, max.indices), maxPool2dBackwardReference(g, dy, maxRef.indices, grad()) as Float32Array, 0);
      expectClose(avgPool2dWasm(rt!, g, x), avgPool2dReference(g, x, new Float32Array(outputs)) as Float32Array, 1e-6);
      expectClose(avgPool2dBackwardWasm(rt!, g, dy), avgPool2dBackwardReference(g, dy, grad()) as Float32Array, 1e-6);
    });
  });

  it("a large matmul grows the memory and still agrees (two threads, default threshold)", () => {
    rt!.setThreads(2);
    rt!.parallelMinWork = 1 << 21;
    const [M, K, N] = [300, 257, 129];
    const a = random(M * K), b = random(K * N);
    expectClose(matmulWasm(rt!, a, b, M, K, N), matmulReference(a, b, M, K, N, false, false));
  });
});

describe("thread setting", () => {
  it("rejects counts that are not positive integers, naming the setting", () => {
    const rt = loadWasmRuntime()!;
    expect(() => rt.setThreads(0)).toThrow(/setNumThreads: expected an integer from 1 to 16, got 0/);
    expect(() => rt.setThreads(1.5)).toThrow(/setNumThreads/);
    rt.setThreads(1);
    expect(rt.threads).toBe(1);
  });
});

describe("the cpu backend's matmul kernel goes through the WebAssembly accelerator", () => {
  it("batched, transposed-operand products through the public ops agree with the reference", async () => {
    const ax = await import("axone");
    const [M, K, N] = [33, 70, 21]; // M·N·K above the accelerator's threshold
    const a = random(2 * M * K), b = random(N * K);
    const A = ax.tensor(a).reshape([2, M, K]);
    const Bt = ax.tensor(b).reshape([N, K]);
    const C = ax.matmul(A, Bt.transpose(0, 1)).data() as Float32Array;
    for (let i = 0; i < 2; i++)
      expectClose(C.subarray(i * M * N, (i + 1) * M * N), matmulReference(a.subarray(i * M * K, (i + 1) * M * K), b, M, K, N, false, true));
  });
});
