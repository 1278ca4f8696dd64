// With WebAssembly disabled (AXONE_WASM=0, as on an engine without WebAssembly SIMD) the cpu
// backend runs its plain typed-array kernels: the same PyTorch fixtures must hold there.
import { beforeAll, describe, expect, it } from "vitest";
import type * as Axone from "axone";

process.env.AXONE_WASM = "0";
let ax: typeof Axone;
let helpers: typeof import("../ops/conv-helpers");
let wasm: typeof import("../../lib/backends/cpu/wasm");

beforeAll(async () => {
  ax = await import("axone");
  helpers = await import("../ops/conv-helpers");
  wasm = await import("../../lib/backends/cpu/wasm");
});

describe("cpu backend without WebAssembly", () => {
  it("reports no runtime and one thread", () => {
    expect(wasm.wasmRuntime()).toBeNull();
    expect(ax.getNumThreads()).toBe(1);
    expect(wasm.wasmMatmul(new Float32Array(4), new Float32Array(4), 2, 2, 2, {})).toBeNull();
  });

  it("conv and pool fixtures pass on the reference kernels", () => {
    const cases = [...helpers.fixtureCases("conv"), ...helpers.fixtureCases("maxPool"), ...helpers.fixtureCases("avgPool")];
    expect(cases.length).toBeGreaterThan(20);
    for (const c of cases) {
      const inputs = c.inputs.map((t) => helpers.fromFixture(t));
      const { kernelSize, ...options } = c.options as { kernelSize?: number };
      const fn = (ax as unknown as Record<string, (...args: unknown[]) => Axone.Tensor | [Axone.Tensor, Axone.Tensor]>)[c.op];
      const result = kernelSize !== undefined ? fn(inputs[0], kernelSize, options) : fn(inputs[0], inputs[1], inputs[2] ?? null, options);
      const y = Array.isArray(result) ? result[0] : result;
      helpers.expectTensorClose(y, c.output, 1e-4, `${c.name}: output`);
      y.backward(helpers.fromFixture(c.probe).detach());
      inputs.forEach((input, i) => helpers.expectTensorClose(input.grad, c.grads[i], 1e-4, `${c.name}: gradient ${i}`));
    }
  });

  it("matmul falls back to JavaScript", () => {
    const a = ax.tensor(Float32Array.from({ length: 40 * 30 }, (_, i) => (i % 7) - 3)).reshape([40, 30]);
    const b = ax.tensor(Float32Array.from({ length: 30 * 20 }, (_, i) => (i % 5) - 2)).reshape([30, 20]);
    const c = ax.matmul(a, b).data();
    const A = a.data(), B = b.data();
    for (let i = 0; i < 40; i += 7)
      for (let j = 0; j < 20; j += 3) {
        let sum = 0;
        for (let k = 0; k < 30; k++) sum += A[i * 30 + k] * B[k * 20 + j];
        expect(c[i * 20 + j]).toBe(sum);
      }
  });
});
