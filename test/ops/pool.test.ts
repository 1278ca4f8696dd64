// maxPool1d/2d and avgPool1d/2d: PyTorch fixtures (values, indices, gradients), float64
// finite-difference gradient checks, and bad-input errors.
import { describe, expect, it } from "vitest";
import { tensor, type Tensor } from "axone";
import { maxPool1d } from "../../lib/ops/maxPool1d";
import { maxPool2d } from "../../lib/ops/maxPool2d";
import { avgPool1d } from "../../lib/ops/avgPool1d";
import { avgPool2d } from "../../lib/ops/avgPool2d";
import { expectTensorClose, fixtureCases, fromFixture, gradcheck } from "./conv-helpers";

type SizeArg = number | number[];
const pools: Record<string, (x: Tensor, kernelSize: SizeArg, options: object) => Tensor | [Tensor, Tensor]> = {
  maxPool1d: (x, k, o) => maxPool1d(x, k, o),
  maxPool2d: (x, k, o) => maxPool2d(x, k, o),
  avgPool1d: (x, k, o) => avgPool1d(x, k, o),
  avgPool2d: (x, k, o) => avgPool2d(x, k, o),
};

describe("pooling against PyTorch (test/ops/fixtures/generate_conv.py)", () => {
  it.each([...fixtureCases("maxPool"), ...fixtureCases("avgPool")].map((c) => [c.name, c] as const))("%s", (_name, c) => {
    const x = fromFixture(c.inputs[0]);
    const { kernelSize, ...options } = c.options as { kernelSize: SizeArg };
    const result = pools[c.op](x, kernelSize, options);
    const y = Array.isArray(result) ? result[0] : result;
    expectTensorClose(y, c.output, 1e-6, "output");
    if (c.indices) {
      expect(Array.isArray(result), "returnIndices gives [values, indices]").toBe(true);
      const indices = (result as [Tensor, Tensor])[1];
      expect(indices.dtype).toBe("int32");
      expect(indices.shape).toEqual(c.indices.shape);
      expect(Array.from(indices.data())).toEqual(c.indices.data);
    }
    y.backward(fromFixture(c.probe).detach());
    expectTensorClose(x.grad, c.grads[0], 1e-5, "input gradient");
  });
});

describe("gradients by central differences (float64)", () => {
  it("maxPool2d with overlapping windows and padding", () => {
    gradcheck((x) => maxPool2d(x, 3, { stride: 2, padding: 1 }), [[2, 2, 5, 6]]);
  });
  it("maxPool1d with dilation", () => {
    gradcheck((x) => maxPool1d(x, 2, { stride: 1, dilation: 2 }), [[1, 3, 8]]);
  });
  it("avgPool2d, padding counted and not, ceil mode", () => {
    gradcheck((x) => avgPool2d(x, 3, { stride: 2, padding: 1 }), [[1, 2, 5, 6]]);
    gradcheck((x) => avgPool2d(x, [2, 3], { stride: 2, padding: 1, countIncludePad: false, ceilMode: true }), [[1, 2, 5, 7]]);
  });
  it("avgPool1d", () => {
    gradcheck((x) => avgPool1d(x, 3, 2, 1), [[2, 2, 9]]);
  });
});

describe("shapes and positional arguments", () => {
  it("unbatched input, positional stride/padding, and returnIndices", () => {
    const x = tensor([[[1, 5, 2, 0], [3, 4, 8, 6], [0, 1, 2, 3], [9, 8, 7, 6]]], { dtype: "float32" });
    const [values, indices] = maxPool2d(x, 2, null, 0, 1, false, true);
    expect(values.toArray()).toEqual([[[5, 8], [9, 7]]]);
    expect(indices.toArray()).toEqual([[[1, 6], [12, 14]]]);
    expect(avgPool2d(x, 2).toArray()).toEqual([[[3.25, 4], [4.5, 4.5]]]);
  });
});

describe("bad input names the op and the shapes", () => {
  it("rank, window larger than the input, padding over half the window, dtype", () => {
    expect(() => maxPool2d(tensor([1, 2, 3], { dtype: "float32" }), 2)).toThrow(/maxPool2d: expected an input of shape \[N, C, H, W\] or \[C, H, W\], got \[3\]/);
    expect(() => avgPool2d(tensor(new Float32Array(4)).reshape([1, 1, 2, 2]), 3)).toThrow(/avgPool2d: input \[1,1,2,2\] is smaller than the window 3/);
    expect(() => maxPool1d(tensor(new Float32Array(8)).reshape([1, 1, 8]), 2, { padding: 2 })).toThrow(/maxPool1d: padding 2 must be at most half of kernelSize 2 \(input \[1,1,8\]\)/);
    expect(maxPool2d(tensor([[[[1, 2], [3, 4]]]], { dtype: "int32" }), 2).toArray()).toEqual([[[[4]]]]); // ints become float32
    expect(() => maxPool2d(tensor(new Float32Array(16)).reshape([1, 1, 4, 4]), [2, 2, 2])).toThrow(/maxPool2d: kernelSize must be a positive integer or 2 of them/);
  });
});

describe("special values, as PyTorch", () => {
  it("a NaN in a window wins; a window of -Infinity reports its first element", () => {
    const x = tensor([[[[1, NaN, 0, 0], [3, 2, 0, 0], [-Infinity, -Infinity, 5, 6], [-Infinity, -Infinity, 7, 8]]]], { dtype: "float32" });
    const [values, indices] = maxPool2d(x, 2, { returnIndices: true });
    const v = Array.from(values.data());
    expect(Number.isNaN(v[0])).toBe(true);
    expect(v.slice(1)).toEqual([0, -Infinity, 8]);
    expect(Array.from(indices.data())).toEqual([1, 2, 8, 15]);
  });
});
