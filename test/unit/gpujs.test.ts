// The gpujs backend: which gpu.js mode it runs in, results kept on the device between ops (no
// readback until user code reads data), moving tensors between backends, and the convolution and
// pooling kernels against PyTorch's fixtures (test/ops/conformance.test.ts runs every other op on it).
import { afterEach, describe, expect, it } from "vitest";
import * as ax from "axone";
import type { Tensor } from "axone";
import { GPU } from "gpu.js";
import { chooseGpuJsMode, DEVICE_KERNEL_NAMES, gpujsBackend, GpuJsStorage, hardwareGpuRenderer, HOST_KERNELS } from "../../lib/backends/gpujs";
import { conv1d } from "../../lib/ops/conv1d";
import { conv2d } from "../../lib/ops/conv2d";
import { convTranspose1d } from "../../lib/ops/convTranspose1d";
import { convTranspose2d } from "../../lib/ops/convTranspose2d";
import { maxPool1d } from "../../lib/ops/maxPool1d";
import { maxPool2d } from "../../lib/ops/maxPool2d";
import { avgPool1d } from "../../lib/ops/avgPool1d";
import { avgPool2d } from "../../lib/ops/avgPool2d";
import { expectTensorClose, fixtureCases, type FixtureTensor } from "../ops/conv-helpers";

const initial = ax.getBackend();
afterEach(() => ax.setBackend(initial));

const onGpujs = (values: number[], shape: number[], requiresGrad = false): Tensor => {
  const t = ax.tensor(Float32Array.from(values), { device: "gpujs" }).reshape(shape).detach();
  return requiresGrad ? t.requiresGrad_() : t;
};
const fixture = (t: FixtureTensor, requiresGrad = true) => onGpujs(t.data, t.shape, requiresGrad);

describe("mode detection", () => {
  it("runs in a GL mode exactly when gpu.js finds a GL context, else in gpu.js's cpu mode (never silently in webasm)", () => {
    const b = gpujsBackend();
    const expected = process.env.AXONE_GPUJS_MODE ?? (GPU.isHeadlessGLSupported ? "headlessgl" : "cpu");
    expect(chooseGpuJsMode()).toBe(expected);
    expect(b.mode).toBe(expected);
    const kernelClass: Record<string, string> = { cpu: "CPUKernel", headlessgl: "HeadlessGLKernel", webgl2: "WebGL2Kernel", webgl: "WebGLKernel" };
    expect(b.gpu.Kernel.name).toBe(kernelClass[expected]);
  });

  it("keeps results where the mode says: textures in GL modes, Float32Arrays in cpu mode", () => {
    const y = onGpujs([1, 2, 3], [3]).mul(2);
    const storage = y.storage as GpuJsStorage;
    expect(storage).toBeInstanceOf(GpuJsStorage);
    if (gpujsBackend().onDevice) expect(storage.device).not.toBeInstanceOf(Float32Array);
    else expect(storage.device).toBeInstanceOf(Float32Array);
    expect(Array.from(y.data())).toEqual([2, 4, 6]);
  });

  it("is chosen automatically only where a hardware GPU renderer exists (software GL such as llvmpipe does not count)", () => {
    // this process imported axone with the default choice untouched (afterEach restores it)
    expect(initial).toBe(hardwareGpuRenderer() === null ? "cpu" : "gpujs");
    expect(ax.listBackends()).toEqual(expect.arrayContaining(["cpu", "gpujs"]));
  });
});

describe("pipelining: tensors stay on the device between ops", () => {
  it("runs a forward and backward pass without one readback, then reads once when asked", () => {
    const b = gpujsBackend();
    const x = onGpujs([0.5, -1, 2, 3, -0.25, 1.5], [2, 3]);
    const w = onGpujs([1, 2, -1, 0.5, 0, 3], [3, 2], true);
    const before = { ...b.stats };
    const h = x.matmul(w).relu();
    const loss = h.softmax(1).mul(h).sum();
    loss.backward();
    const grad = w.grad!;
    expect(b.stats.readbacks - before.readbacks, "readbacks during forward + backward").toBe(0);
    expect(b.stats.deviceKernels - before.deviceKernels).toBeGreaterThan(10);
    // everything in this graph has a device kernel: nothing went through the host
    expect(b.stats.hostKernels - before.hostKernels, "kernels run on the host").toBe(0);
    const values = grad.data();
    expect(b.stats.readbacks - before.readbacks).toBe(1);
    // the same computation on the cpu backend
    const xc = x.to("cpu"), wc = ax.tensor(Float32Array.from([1, 2, -1, 0.5, 0, 3])).reshape([3, 2]).detach().requiresGrad_();
    const hc = xc.matmul(wc).relu();
    hc.softmax(1).mul(hc).sum().backward();
    const expected = wc.grad!.data();
    expected.forEach((e, i) => expect(values[i]).toBeCloseTo(e, 5));
  });

  it("lists the kernels that run on the host (scatter-adds) and counts them", () => {
    expect(HOST_KERNELS.every((k) => !DEVICE_KERNEL_NAMES.includes(k))).toBe(true);
    const b = gpujsBackend();
    const before = b.stats.hostKernels;
    const x = onGpujs([1, 2, 3, 4], [2, 2], true);
    x.index(null, 1).sum().backward(); // slicing's gradient is a strided scatter-add
    expect(b.stats.hostKernels - before).toBeGreaterThanOrEqual(1);
    expect(x.grad!.toArray()).toEqual([[0, 1], [0, 1]]);
    expect(x.grad!.device).toBe("gpujs");
  });

  it("computes float64 on the host (gpu.js has no float64), exactly", () => {
    const b = gpujsBackend();
    const before = { ...b.stats };
    const x = ax.tensor(Float64Array.from([1 / 3, 1e-12]), { device: "gpujs" });
    const y = x.add(1).sub(1);
    expect(y.dtype).toBe("float64");
    expect(y.device).toBe("gpujs");
    expect(b.stats.deviceKernels - before.deviceKernels).toBe(0);
    expect(Array.from(y.data())).toEqual([1 + 1 / 3 - 1, 1 + 1e-12 - 1]);
  });

  it("keeps int32 and bool exact and truncates float → int32 toward zero", () => {
    const x = ax.tensor([1.7, -1.7, 2.5, -0.2], { device: "gpujs" });
    expect(x.to("int32").toArray()).toEqual([1, -1, 2, 0]);
    const i = ax.tensor([3, -4, 1000000], { device: "gpujs" });
    expect(i.dtype).toBe("int32");
    expect(i.mul(3).toArray()).toEqual([9, -12, 3000000]);
    expect(i.gt(0).toArray()).toEqual([true, false, true]);
    expect(ax.argmax(ax.tensor([[1, 5, 2], [7, 0, 7]], { device: "gpujs" }), { dim: 1 }).toArray()).toEqual([1, 0]);
  });
});

describe("moving tensors between backends", () => {
  it("to() copies both ways, and gradients flow back across the move", () => {
    const c = ax.tensor([1, 2, 4], { dtype: "float32", requiresGrad: true });
    const g = c.to("gpujs");
    expect(g.device).toBe("gpujs");
    const back = g.pow(2).to("cpu");
    expect(back.device).toBe("cpu");
    back.sum().backward();
    expect(c.grad!.toArray()).toEqual([2, 4, 8]);
    expect(c.grad!.device).toBe("cpu");
  });

  it("mixing backends in one op fails with a message that says how to move a tensor", () => {
    const c = ax.tensor([1, 2]);
    const g = ax.tensor([3, 4], { device: "gpujs" });
    expect(() => c.add(g)).toThrow(/add: tensors are on different backends \("cpu" and "gpujs"\); move one with \.to\("cpu"\) or \.to\("gpujs"\)/);
    expect(() => ax.matmul(g.reshape([1, 2]), c.reshape([2, 1]))).toThrow(/different backends/);
  });

  it("setBackend('gpujs') puts new tensors there", () => {
    ax.setBackend("gpujs");
    expect(ax.getBackend()).toBe("gpujs");
    expect(ax.zeros(2, 2).device).toBe("gpujs");
    expect(ax.randn([3]).device).toBe("gpujs");
    expect(ax.arange(4).add(1).toArray()).toEqual([1, 2, 3, 4]);
  });
});

describe("convolution and pooling kernels against PyTorch (test/ops/fixtures/conv-pool.json)", () => {
  const convs: Record<string, (x: Tensor, w: Tensor, b: Tensor | null, o: object) => Tensor> = { conv1d, conv2d, convTranspose1d, convTranspose2d };
  it.each(fixtureCases("conv").map((c) => [c.name, c] as const))("%s", (_name, c) => {
    const inputs = c.inputs.map((t) => fixture(t));
    const y = convs[c.op](inputs[0], inputs[1], inputs[2] ?? null, c.options);
    expect(y.device).toBe("gpujs");
    // float32 accumulation in another order than PyTorch's
    expectTensorClose(y, c.output, 1e-4, "output");
    y.backward(fixture(c.probe, false));
    inputs.forEach((input, i) => expectTensorClose(input.grad, c.grads[i], 1e-4, `gradient of argument ${i}`));
  });

  type SizeArg = number | number[];
  const pools: Record<string, (x: Tensor, k: SizeArg, o: object) => Tensor | [Tensor, Tensor]> = { maxPool1d, maxPool2d, avgPool1d, avgPool2d };
  it.each([...fixtureCases("maxPool"), ...fixtureCases("avgPool")].map((c) => [c.name, c] as const))("%s", (_name, c) => {
    const x = fixture(c.inputs[0]);
    const { kernelSize, ...options } = c.options as { kernelSize: SizeArg };
    const result = pools[c.op](x, kernelSize, options);
    const y = Array.isArray(result) ? result[0] : result;
    expect(y.device).toBe("gpujs");
    expectTensorClose(y, c.output, 1e-6, "output");
    if (c.indices) expect(Array.from((result as [Tensor, Tensor])[1].data())).toEqual(c.indices.data);
    y.backward(fixture(c.probe, false));
    expectTensorClose(x.grad, c.grads[0], 1e-5, "input gradient");
  });

  it("the course's 6×6 vertical-edge example", () => {
    const image = [3, 0, 1, 2, 7, 4, 1, 5, 8, 9, 3, 1, 2, 7, 2, 5, 1, 3, 0, 1, 3, 1, 7, 8, 4, 2, 1, 6, 2, 8, 2, 4, 5, 2, 3, 9];
    const y = conv2d(onGpujs(image, [1, 1, 6, 6]), onGpujs([1, 0, -1, 1, 0, -1, 1, 0, -1], [1, 1, 3, 3]));
    expect(y.toArray()).toEqual([[[[-5, -4, 0, 8], [-10, -2, 2, 3], [0, -2, -4, -7], [-3, -2, -3, -16]]]]);
  });

  it("the course's transposed convolution example", () => {
    const y = convTranspose2d(onGpujs([55, 52, 57, 50], [1, 1, 2, 2]), onGpujs([1, 2, 1, 2, 1, 2, 1, 1, 2], [1, 1, 3, 3]));
    expect(y.toArray()).toEqual([[[[55, 162, 159, 52], [167, 323, 319, 154], [169, 264, 326, 204], [57, 107, 164, 100]]]]);
  });
});
