// conv1d, conv2d, convTranspose1d/2d: PyTorch fixtures (forward and gradients), the course's
// worked examples, float64 finite-difference gradient checks, and bad-input errors.
import { describe, expect, it } from "vitest";
import { tensor as tensorOf, matmul, type Tensor } from "axone";
import { conv1d } from "../../lib/ops/conv1d";
import { conv2d } from "../../lib/ops/conv2d";
import { convTranspose1d } from "../../lib/ops/convTranspose1d";
import { convTranspose2d } from "../../lib/ops/convTranspose2d";
import { expectTensorClose, fixtureCases, fromFixture, gradcheck } from "./conv-helpers";

// conv ops take floating-point tensors only (as PyTorch): build the examples as float32
const tensor = (data: Parameters<typeof tensorOf>[0], options: Parameters<typeof tensorOf>[1] = { dtype: "float32" }) => tensorOf(data, options);

const ops: Record<string, (x: Tensor, w: Tensor, b: Tensor | null, options: object) => Tensor> = {
  conv1d: (x, w, b, o) => conv1d(x, w, b, o),
  conv2d: (x, w, b, o) => conv2d(x, w, b, o),
  convTranspose1d: (x, w, b, o) => convTranspose1d(x, w, b, o),
  convTranspose2d: (x, w, b, o) => convTranspose2d(x, w, b, o),
};

describe("convolutions against PyTorch (test/ops/fixtures/generate_conv.py)", () => {
  it.each(fixtureCases("conv").map((c) => [c.name, c] as const))("%s", (_name, c) => {
    const inputs = c.inputs.map((t) => fromFixture(t));
    const [x, w, b] = inputs;
    const y = ops[c.op](x, w, b ?? null, c.options);
    expectTensorClose(y, c.output, 1e-4, "output");
    y.backward(fromFixture(c.probe).detach());
    inputs.forEach((input, i) => expectTensorClose(input.grad, c.grads[i], 1e-4, `gradient of argument ${i}`));
  });
});

describe("the course's worked examples", () => {
  it("6×6 image with the vertical-edge filter [[1,0,-1]]×3 (cross-correlation, as PyTorch)", () => {
    const image = [
      [3, 0, 1, 2, 7, 4],
      [1, 5, 8, 9, 3, 1],
      [2, 7, 2, 5, 1, 3],
      [0, 1, 3, 1, 7, 8],
      [4, 2, 1, 6, 2, 8],
      [2, 4, 5, 2, 3, 9],
    ];
    const edge = [[1, 0, -1], [1, 0, -1], [1, 0, -1]];
    const y = conv2d(tensor([[image]]), tensor([[edge]]));
    expect(y.toArray()).toEqual([[[[-5, -4, 0, 8], [-10, -2, 2, 3], [0, -2, -4, -7], [-3, -2, -3, -16]]]]);
  });

  it("convolution as a 4×16 matrix on the flattened 4×4 input gives [[122,148],[126,134]] and equals conv2d", () => {
    const input = [[4, 5, 8, 7], [1, 8, 8, 8], [3, 6, 6, 4], [6, 5, 7, 8]];
    const kernel = [[1, 4, 1], [1, 4, 3], [3, 3, 1]];
    // row (oh, ow) of the matrix holds the kernel at the input positions its window covers
    const rows: number[][] = [];
    for (let oh = 0; oh < 2; oh++)
      for (let ow = 0; ow < 2; ow++) {
        const row = new Array(16).fill(0);
        for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) row[(oh + i) * 4 + ow + j] = kernel[i][j];
        rows.push(row);
      }
    const flat = input.flat().map((v) => [v]);
    const product = matmul(tensor(rows), tensor(flat));
    expect(product.toArray()).toEqual([[122], [148], [126], [134]]);
    expect(conv2d(tensor([[input]]), tensor([[kernel]])).toArray()).toEqual([[[[122, 148], [126, 134]]]]);
  });

  it("transposed convolution of [[55,52],[57,50]] by [[1,2,1],[2,1,2],[1,1,2]] (kernel not flipped, as PyTorch)", () => {
    const y = convTranspose2d(tensor([[[[55, 52], [57, 50]]]]), tensor([[[[1, 2, 1], [2, 1, 2], [1, 1, 2]]]]));
    expect(y.toArray()).toEqual([[[[55, 162, 159, 52], [167, 323, 319, 154], [169, 264, 326, 204], [57, 107, 164, 100]]]]);
  });

  it("the transposed convolution is the adjoint of the 4×16 convolution matrix: Cᵀ·y", () => {
    // <conv(x), y> = <x, convT(y)> for the course's kernel
    const kernel = tensor([[[[1, 4, 1], [1, 4, 3], [3, 3, 1]]]]);
    const x = tensor([[[[4, 5, 8, 7], [1, 8, 8, 8], [3, 6, 6, 4], [6, 5, 7, 8]]]]);
    const y = tensor([[[[1, -2], [3, 0.5]]]]);
    const left = conv2d(x, kernel).mul(y).sum().item();
    const right = x.mul(convTranspose2d(y, kernel)).sum().item();
    expect(left).toBeCloseTo(right, 3);
  });

  it("1-D convolution of (0,0,0,0,1,2,3,4,4,4,4) with (-1,1): PyTorch's cross-correlation takes the kernel as written", () => {
    const y = conv1d(tensor([[[0, 0, 0, 0, 1, 2, 3, 4, 4, 4, 4]]]), tensor([[[-1, 1]]]));
    expect(y.toArray()).toEqual([[[0, 0, 0, 1, 1, 1, 1, 0, 0, 0]]]);
    // a textbook convolution (flipped kernel) is the cross-correlation with (1, -1): the same numbers negated
    const flipped = conv1d(tensor([[[0, 0, 0, 0, 1, 2, 3, 4, 4, 4, 4]]]), tensor([[[1, -1]]]));
    expect(flipped.toArray()).toEqual([[[0, 0, 0, -1, -1, -1, -1, 0, 0, 0]]]);
  });
});

describe("gradients by central differences (float64)", () => {
  it("conv2d with stride, padding, dilation, groups and bias", () => {
    gradcheck((x, w, b) => conv2d(x, w, b, { stride: [2, 1], padding: [1, 2], dilation: [1, 2], groups: 2 }), [[2, 4, 5, 6], [4, 2, 3, 2], [4]]);
  });
  it("conv2d padding same", () => {
    gradcheck((x, w) => conv2d(x, w, null, { padding: "same" }), [[1, 2, 4, 5], [3, 2, 2, 3]]);
  });
  it("conv1d", () => {
    gradcheck((x, w, b) => conv1d(x, w, b, 2, 1), [[2, 3, 7], [2, 3, 3], [2]]);
  });
  it("convTranspose2d with stride, padding, outputPadding and bias", () => {
    gradcheck((x, w, b) => convTranspose2d(x, w, b, { stride: 2, padding: 1, outputPadding: 1 }), [[1, 2, 3, 3], [2, 3, 3, 3], [3]]);
  });
  it("convTranspose1d with groups", () => {
    gradcheck((x, w) => convTranspose1d(x, w, null, { stride: 2, groups: 2 }), [[1, 4, 4], [4, 1, 3]]);
  });
});

describe("float32 on the WebAssembly path agrees with float64 on the reference path", () => {
  it("LeNet-sized conv2d forward and both gradients", () => {
    const shapes = { x: [4, 6, 12, 12], w: [16, 6, 5, 5] };
    const values = (n: number) => Array.from({ length: n }, (_, i) => Math.sin(i * 0.37) + Math.cos(i * 0.11));
    const run = (dtype: "float32" | "float64") => {
      const x = tensor(dtype === "float32" ? Float32Array.from(values(3456)) : Float64Array.from(values(3456))).reshape(shapes.x).detach().requiresGrad_(true);
      const w = tensor(dtype === "float32" ? Float32Array.from(values(2400)) : Float64Array.from(values(2400))).reshape(shapes.w).detach().requiresGrad_(true);
      const y = conv2d(x, w, null, 1, 2);
      y.backward(y.detach());
      return [y, x.grad!, w.grad!].map((t) => Array.from(t.data()));
    };
    const single = run("float32"), double = run("float64");
    single.forEach((values, k) => {
      const scale = Math.max(...double[k].map(Math.abs));
      values.forEach((v, i) => expect(Math.abs(v - double[k][i])).toBeLessThanOrEqual(2e-5 * scale));
    });
  });
});

describe("bad input names the op and both shapes", () => {
  const x = tensor(new Float32Array(108)).reshape([1, 3, 6, 6]);
  it("channel mismatch", () => {
    expect(() => conv2d(x, tensor(new Float32Array(72)).reshape([4, 2, 3, 3]))).toThrow(/conv2d: input \[1,3,6,6\] has 3 channels but weight \[4,2,3,3\] expects 2/);
  });
  it("groups that do not divide the out-channels", () => {
    expect(() => conv2d(tensor(new Float32Array(144)).reshape([1, 4, 6, 6]), tensor(new Float32Array(90)).reshape([5, 2, 3, 3]), null, { groups: 2 })).toThrow(
      /conv2d: weight \[5,2,3,3\] has 5 out-channels, not divisible by groups 2 \(input \[1,4,6,6\]\)/,
    );
  });
  it("kernel larger than the padded input", () => {
    expect(() => conv2d(tensor(new Float32Array(4)).reshape([1, 1, 2, 2]), tensor(new Float32Array(9)).reshape([1, 1, 3, 3]))).toThrow(
      /conv2d: input \[1,1,2,2\] .* smaller than the kernel of weight \[1,1,3,3\]/,
    );
  });
  it("wrong ranks and bias shape", () => {
    expect(() => conv2d(tensor(new Float32Array(36)).reshape([6, 6]), tensor(new Float32Array(9)).reshape([1, 1, 3, 3]))).toThrow(/conv2d: expected an input of shape \[N, C, H, W\] or \[C, H, W\], got \[6,6\]/);
    expect(() => conv1d(tensor(new Float32Array(10)).reshape([1, 1, 10]), tensor(new Float32Array(9)).reshape([1, 1, 3, 3]))).toThrow(/conv1d: expected a 3-D weight, got \[1,1,3,3\] \(input \[1,1,10\]\)/);
    expect(() => conv2d(x, tensor(new Float32Array(108)).reshape([4, 3, 3, 3]), tensor([1, 2]))).toThrow(/conv2d: bias must have shape \[4\] for weight \[4,3,3,3\], got \[2\]/);
  });
  it("dtypes: integers become float32 (as the other float ops); float32 and float64 do not mix", () => {
    const y = conv2d(tensorOf([[[[1, 2], [3, 4]]]]), tensorOf([[[[2]]]]));
    expect(y.dtype).toBe("float32");
    expect(y.toArray()).toEqual([[[[2, 4], [6, 8]]]]);
    expect(() => conv2d(x, tensorOf(new Float64Array(27)).reshape([1, 3, 3, 3]))).toThrow(/conv2d: input \[1,3,6,6\] is float32 but weight \[1,3,3,3\] is float64/);
  });
  it("padding same with a stride, and a bad outputPadding", () => {
    expect(() => conv2d(x, tensor(new Float32Array(27)).reshape([1, 3, 3, 3]), null, { padding: "same", stride: 2 })).toThrow(/conv2d: padding "same" needs stride 1/);
    expect(() => convTranspose2d(x, tensor(new Float32Array(27)).reshape([3, 1, 3, 3]), null, { stride: 2, outputPadding: 2 })).toThrow(/convTranspose2d: outputPadding 2 must be smaller than stride or dilation/);
    expect(() => convTranspose2d(x, tensor(new Float32Array(18)).reshape([2, 1, 3, 3]))).toThrow(/convTranspose2d: input \[1,3,6,6\] has 3 channels but weight \[2,1,3,3\] expects 2/);
  });
});

describe("empty batches", () => {
  it("give empty outputs of the right shape", () => {
    expect(conv2d(tensorOf(new Float32Array(0)).reshape([0, 3, 6, 6]), tensor(new Float32Array(108)).reshape([4, 3, 3, 3])).shape).toEqual([0, 4, 4, 4]);
    expect(convTranspose2d(tensorOf(new Float32Array(0)).reshape([0, 4, 4, 4]), tensor(new Float32Array(108)).reshape([4, 3, 3, 3]), null, 2).shape).toEqual([0, 3, 9, 9]);
  });
});
