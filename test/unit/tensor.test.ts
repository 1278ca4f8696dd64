// The Tensor class: creation, dtypes, readback, printing, autograd engine, RNG, backend registry.
import { describe, expect, it } from "vitest";
import { inspect } from "node:util";
import { execFileSync } from "node:child_process";
import * as ax from "axone";
import { arange, eye, full, getBackend, linspace, manualSeed, noGrad, ones, rand, randint, randn, setBackend, tensor, Tensor, zeros, zerosLike } from "axone";

describe("creation and readback", () => {
  it("infers dtypes and shapes from nested arrays", () => {
    expect(tensor([[1, 2], [3, 4]]).dtype).toBe("int32");
    expect(tensor([1, 2.5]).dtype).toBe("float32");
    expect(tensor([true, false]).dtype).toBe("bool");
    expect(tensor([1e10, 1]).dtype).toBe("float32"); // integers beyond int32 stay numbers
    const t = tensor([[1, 2, 3], [4, 5, 6]], { dtype: "float32" });
    expect(t.shape).toEqual([2, 3]);
    expect(t.ndim).toBe(2);
    expect(t.numel()).toBe(6);
    expect(t.size(-1)).toBe(3);
    expect(t.data()).toBeInstanceOf(Float32Array);
    expect(t.toArray()).toEqual([[1, 2, 3], [4, 5, 6]]);
    expect(tensor(3.5).item()).toBe(3.5);
    expect(tensor(3.5).shape).toEqual([]);
  });
  it("rejects ragged arrays, bad dtypes and item() on many elements", () => {
    expect(() => tensor([[1, 2], [3]])).toThrow(/ragged/);
    expect(() => tensor([1], { dtype: "float16" as never })).toThrow(/unknown dtype "float16"/);
    expect(() => tensor([1, 2]).item()).toThrow(/shape \[2\]/);
    expect(() => zeros(2, -1)).toThrow(/non-negative/);
  });
  it("creates filled, ranged and identity tensors", () => {
    expect(zeros(2, 3).toArray()).toEqual([[0, 0, 0], [0, 0, 0]]);
    expect(ones([2]).toArray()).toEqual([1, 1]);
    expect(full([2], 7).toArray()).toEqual([7, 7]);
    expect(arange(5).toArray()).toEqual([0, 1, 2, 3, 4]);
    expect(arange(1, 2, 0.25).toArray()).toEqual([1, 1.25, 1.5, 1.75]);
    expect(linspace(0, 1, 5).toArray()).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(eye(2).toArray()).toEqual([[1, 0], [0, 1]]);
    expect(zerosLike(tensor([1, 2])).dtype).toBe("int32");
    expect(ax.onesLike(tensor([1.5])).toArray()).toEqual([1]);
  });
  it("starts from a fixed seed, as PyTorch does, so a fresh process draws the same numbers", () => {
    // Fresh processes: vitest may run several test files in one worker, whose draws would move the generator.
    const firstDraws = () =>
      execFileSync(process.execPath, ["-e", 'process.stdout.write(JSON.stringify(require("axone").rand(4).toArray()))'], { encoding: "utf8" });
    const fresh = JSON.parse(firstDraws());
    expect(JSON.parse(firstDraws())).toEqual(fresh);
    manualSeed(ax.initialSeed());
    expect(rand(4).toArray()).toEqual(fresh);
    expect(ax.initialSeed()).toBe(67280421);
  });
  it("is reproducible with manualSeed", () => {
    manualSeed(42);
    const a = rand(5).toArray(), b = randn(5).toArray(), c = randint(0, 10, [5]).toArray();
    manualSeed(42);
    expect(rand(5).toArray()).toEqual(a);
    expect(randn(5).toArray()).toEqual(b);
    expect(randint(0, 10, [5]).toArray()).toEqual(c);
    const big = randn(20000).data();
    let m = 0, v = 0;
    for (const x of big) m += x / big.length;
    for (const x of big) v += (x - m) ** 2 / big.length;
    expect(Math.abs(m)).toBeLessThan(0.03);
    expect(Math.abs(v - 1)).toBeLessThan(0.05);
    for (const x of randint(3, 6, [1000]).data()) expect(x >= 3 && x < 6).toBe(true);
  });
});

describe("printing like PyTorch", () => {
  it("formats floats, ints, bools and autograd state", () => {
    expect(String(tensor([[1, -2.5], [3, 4]]))).toBe("tensor([[ 1.0000, -2.5000],\n        [ 3.0000,  4.0000]])");
    expect(String(tensor([1, 2], { dtype: "float32" }))).toBe("tensor([1., 2.])");
    expect(String(tensor([1, 2]))).toBe("tensor([1, 2], dtype=int32)");
    expect(String(tensor([true, false]))).toBe("tensor([ True, False])");
    expect(String(tensor([1.5], { requiresGrad: true }))).toBe("tensor([1.5000], requires_grad=True)");
    expect(String(tensor([1.5], { requiresGrad: true }).mul(2))).toBe("tensor([3.], grad_fn=<MulBackward>)");
    expect(String(tensor([1e-5, 1]))).toBe("tensor([1.0000e-05, 1.0000e+00])");
    expect(String(tensor(2.5))).toBe("tensor(2.5000)");
    expect(String(zeros(0, 3))).toBe("tensor([], size=(0, 3))");
  });
  it("summarises big tensors with ... and exposes inspect and the Jupyter display symbol", () => {
    const s = String(arange(2000, undefined, 1, { dtype: "float32" }));
    expect(s).toBe("tensor([0.0000e+00, 1.0000e+00, 2.0000e+00,  ..., 1.9970e+03, 1.9980e+03,\n        1.9990e+03])");
    const m = String(zeros(100, 100));
    expect(m.split("\n")).toHaveLength(7);
    expect(m).toContain("...");
    const t = tensor([1.25]);
    expect(inspect(t)).toBe("tensor([1.2500])");
    expect((t as unknown as Record<symbol, () => unknown>)[Symbol.for("Jupyter.display")]()).toEqual({ "text/plain": "tensor([1.2500])" });
  });
});

describe("autograd engine", () => {
  it("does the course example: sum(t**2).backward() gives 2t", () => {
    const t = tensor([1, 2, 4], { dtype: "float32", requiresGrad: true });
    ax.sum(t.pow(2)).backward();
    expect(t.grad!.toArray()).toEqual([2, 4, 8]);
  });
  it("autograd.grad returns gradients without touching .grad (the course's torch.autograd.grad example)", () => {
    const t = tensor([1, 2, 4], { dtype: "float32" }).requiresGrad_();
    const a = t.pow(2).sum();
    const [g] = ax.autograd.grad(a, [t]);
    expect(g!.toArray()).toEqual([2, 4, 8]);
    expect(t.grad).toBeNull();
    const u = tensor([1], { dtype: "float32", requiresGrad: true });
    expect(() => ax.autograd.grad(t.mul(u).sum(), [t, tensor([1], { dtype: "float32", requiresGrad: true })])).toThrow(/input 1 \(shape \[1\]\) was not used/);
    const h = t.mul(3);
    expect(ax.autograd.grad(h.sum(), h)[0]!.toArray()).toEqual([1, 1, 1]);
  });
  it("reads the course line tensor([1., 2., 4.]).requiresGrad_() (JavaScript makes 1. an integer) as float32", () => {
    const t = tensor([1., 2., 4.]).requiresGrad_();
    expect(t.dtype).toBe("float32");
    t.pow(2).sum().backward();
    expect(t.grad!.toArray()).toEqual([2, 4, 8]);
    expect(tensor([1, 2], { requiresGrad: true }).dtype).toBe("float32");
    expect(String(tensor([1, 2], { requiresGrad: true }))).toBe("tensor([1., 2.], requires_grad=True)");
  });
  it("accumulates into .grad until cleared", () => {
    const w = tensor([1, 2], { dtype: "float32", requiresGrad: true });
    w.mul(3).sum().backward();
    w.mul(3).sum().backward();
    expect(w.grad!.toArray()).toEqual([6, 6]);
    w.zeroGrad();
    expect(w.grad).toBeNull();
  });
  it("takes a gradient for non-scalar outputs and explains what is missing", () => {
    const x = tensor([1, 2, 3], { dtype: "float32", requiresGrad: true });
    const y = x.mul(x);
    expect(() => y.backward()).toThrow(/only be implied for a scalar output, this one has shape \[3\]/);
    y.backward(tensor([1, 0.5, 0]));
    expect(x.grad!.toArray()).toEqual([2, 2, 0]);
    expect(() => x.mul(2).backward(tensor([1, 2]))).toThrow(/gradient of shape \[2\] does not match the output's shape \[3\]/);
  });
  it("refuses a second backward through a freed graph unless retainGraph", () => {
    const x = tensor([2], { dtype: "float32", requiresGrad: true });
    const y = x.mul(x).sum();
    y.backward(undefined, { retainGraph: true });
    y.backward();
    expect(x.grad!.toArray()).toEqual([8]);
    expect(() => y.backward()).toThrow(/second time.*freed/);
  });
  it("shares subexpressions (diamond graphs) correctly", () => {
    const x = tensor([3], { dtype: "float32", requiresGrad: true });
    const a = x.mul(2), b = a.add(a.mul(a)); // b = 2x + 4x², db/dx = 2 + 8x
    b.sum().backward();
    expect(x.grad!.item()).toBe(26);
  });
  it("noGrad covers an async function until it settles, and restores recording after errors", async () => {
    const x = tensor([1], { dtype: "float32", requiresGrad: true });
    const y = await noGrad(async () => {
      await new Promise((r) => setTimeout(r, 1));
      return x.mul(2);
    });
    expect(y.requiresGrad).toBe(false);
    expect(x.mul(2).requiresGrad).toBe(true);
    expect(() => noGrad(() => x.matmul(tensor([1, 2])))).toThrow(/matmul/);
    expect(ax.isGradEnabled()).toBe(true);
  });
  it("noGrad and detach stop recording; backward on a constant explains", () => {
    const x = tensor([1], { dtype: "float32", requiresGrad: true });
    const y = noGrad(() => x.mul(2));
    expect(y.requiresGrad).toBe(false);
    expect(x.detach().requiresGrad).toBe(false);
    expect(() => y.sum().backward()).toThrow(/does not require grad/);
    expect(() => tensor([true]).requiresGrad_()).toThrow(/only floating-point tensors can require gradients, this one is bool/);
  });
});

describe("backends", () => {
  it("has the cpu backend registered and current", () => {
    expect(getBackend()).toBe("cpu");
    expect(ax.listBackends()).toContain("cpu");
    expect(() => setBackend("nope")).toThrow(/unknown backend "nope"/);
    expect(tensor([1]).device).toBe("cpu");
  });
  it("refuses to mix tensors of two backends with a message that says how to move them", () => {
    // a second registered backend that stores like cpu but under another name
    const cpu = ax.backendByName("cpu");
    type Wrapped = ax.Storage & { inner: ax.Storage };
    const wrap = (inner: ax.Storage): Wrapped => ({ backend: "other", dtype: inner.dtype, size: inner.size, inner });
    ax.registerBackend("other", () => ({
      name: "other",
      allocate: (n, d) => wrap(cpu.allocate(n, d)),
      upload: (v, d) => wrap(cpu.upload(v, d)),
      read: (s) => cpu.read((s as Wrapped).inner),
      readAsync: async (s) => cpu.read((s as Wrapped).inner),
      run: () => {
        throw new Error("no kernels");
      },
      has: () => false,
    }));
    const a = tensor([1, 2]), b = a.to("other");
    expect(b.device).toBe("other");
    expect(b.toArray()).toEqual([1, 2]);
    expect(() => a.add(b)).toThrow('add: tensors are on different backends ("cpu" and "other"); move one with .to("cpu")');
    expect(b.to("cpu").add(a).toArray()).toEqual([2, 4]);
  });
  it("Tensor is exported as a class", () => {
    expect(tensor([1])).toBeInstanceOf(Tensor);
  });
});

describe("public API surface", () => {
  it("exports the creation functions, the ops as functions and as methods", () => {
    const names = ["tensor", "zeros", "ones", "full", "arange", "linspace", "eye", "rand", "randn", "randint", "zerosLike", "onesLike", "randLike", "randnLike", "fullLike", "manualSeed", "noGrad", "setBackend", "getBackend", "Tensor", "empty", "randperm"];
    const ops = ["neg", "abs", "exp", "log", "sqrt", "pow", "sin", "cos", "tanh", "sigmoid", "relu", "leakyRelu", "elu", "gelu", "softplus", "clamp", "add", "sub", "mul", "div", "maximum", "minimum", "eq", "ne", "lt", "le", "gt", "ge", "where", "maskedFill", "maskedSelect", "sum", "mean", "max", "min", "argmax", "argmin", "var", "std", "logsumexp", "norm", "softmax", "logSoftmax", "matmul", "linear", "reshape", "transpose", "permute", "squeeze", "unsqueeze", "expand", "flatten", "slice", "narrow", "cat", "stack", "split", "chunk", "gather", "scatter", "scatterAdd", "indexSelect", "dropout", "batchNorm", "layerNorm", "embedding", "pad", "oneHot", "conv2d"];
    const api = ax as unknown as Record<string, unknown>;
    for (const n of [...names, ...ops]) expect(typeof api[n], n).toBe("function");
    const methods = ["neg", "abs", "exp", "log", "sqrt", "pow", "relu", "add", "sub", "mul", "div", "matmul", "sum", "mean", "max", "argmax", "var", "std", "softmax", "logSoftmax", "reshape", "view", "transpose", "permute", "squeeze", "unsqueeze", "expand", "flatten", "slice", "index", "narrow", "gather", "scatter", "scatterAdd", "indexSelect", "maskedFill", "maskedSelect", "clamp", "detach", "backward", "requiresGrad_", "zeroGrad", "item", "data", "toArray", "dataAsync", "toArrayAsync", "numel", "size", "clone", "to", "float", "int"];
    const proto = Tensor.prototype as unknown as Record<string, unknown>;
    for (const m of methods) expect(typeof proto[m], `Tensor.${m}`).toBe("function");
  });
  it("reads back asynchronously too", async () => {
    const t = tensor([[1, 2], [3, 4]]);
    expect(await t.toArrayAsync()).toEqual([[1, 2], [3, 4]]);
    expect(Array.from(await t.dataAsync())).toEqual([1, 2, 3, 4]);
  });
});
