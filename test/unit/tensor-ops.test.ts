// Op behaviour beyond the PyTorch fixtures: dtype promotion, scalars, dropout, in-place updates, multi-output ops.
import { describe, expect, it } from "vitest";
import * as ax from "axone";
import { arange, manualSeed, noGrad, ones, randn, tensor, zeros } from "axone";

describe("dtype promotion and scalars", () => {
  it("follows PyTorch's rules", () => {
    expect(tensor([1, 2]).add(1).dtype).toBe("int32");
    expect(tensor([1, 2]).add(0.5).dtype).toBe("float32");
    expect(tensor([1, 2]).div(2).toArray()).toEqual([0.5, 1]);
    expect(tensor([1, 2]).add(tensor([0.5, 0.5])).dtype).toBe("float32");
    expect(tensor([true, false]).add(1).dtype).toBe("int32");
    expect(tensor([1.5], { dtype: "float64" }).mul(2).dtype).toBe("float64");
    expect(tensor([1.5]).mul(tensor([2], { dtype: "float64" })).dtype).toBe("float64");
    expect(tensor([1, 2]).pow(2).toArray()).toEqual([1, 4]);
    expect(tensor([4]).pow(-1).toArray()).toEqual([0.25]);
    expect(tensor([1, 2]).mean().item()).toBe(1.5);
    expect(tensor([true, true, false]).sum().item()).toBe(2);
    expect(ax.sub(10, tensor([1, 2])).toArray()).toEqual([9, 8]);
    expect(tensor([1, 2]).add(3e9).toArray()).toEqual([3000000000, 3000000000]); // float32 rounding, no int32 wrap
  });
  it("gradients flow through a float32 → float64 promotion", () => {
    const a = tensor([1, 2], { dtype: "float32", requiresGrad: true });
    a.mul(tensor([3, 4], { dtype: "float64" })).sum().backward();
    expect(a.grad!.dtype).toBe("float32");
    expect(a.grad!.toArray()).toEqual([3, 4]);
  });
});

describe("multi-output and list ops", () => {
  it("max/min over a dim return values and indices, also as a pair", () => {
    const x = tensor([[1, 5], [7, 2]]);
    const { values, indices } = x.max(1);
    expect(values.toArray()).toEqual([5, 7]);
    expect(indices.toArray()).toEqual([1, 0]);
    const [v, i] = x.min(0, true);
    expect(v.toArray()).toEqual([[1, 2]]);
    expect(i.toArray()).toEqual([[0, 1]]);
    expect(x.max(tensor([[3, 3], [3, 3]])).toArray()).toEqual([[3, 5], [7, 3]]);
    expect(x.max({ dim: 1, keepdim: true }).values.shape).toEqual([2, 1]);
    expect(x.argmax({ dim: 0, keepdim: true }).toArray()).toEqual([[1, 0]]);
    expect(x.sum({ dim: 0 }).toArray()).toEqual([8, 7]);
  });
  it("split, chunk and unbind give views whose gradients add up", () => {
    const x = arange(10, undefined, 1, { dtype: "float32" }).reshape(2, 5).requiresGrad_();
    const parts = x.chunk(2, 1);
    expect(parts.map((p) => p.shape)).toEqual([[2, 3], [2, 2]]);
    parts[0].sum().add(parts[1].mul(2).sum()).backward();
    expect(x.grad!.toArray()).toEqual([[1, 1, 1, 2, 2], [1, 1, 1, 2, 2]]);
    expect(ax.unbind(arange(6).reshape(3, 2), 1).map((t) => t.toArray())).toEqual([[0, 2, 4], [1, 3, 5]]);
  });
  it("expand's gradient sums over the broadcast dims", () => {
    const b = tensor([[1], [2]], { dtype: "float32", requiresGrad: true });
    b.expand(2, 3).mul(tensor([1, 2, 3])).sum().backward();
    expect(b.grad!.toArray()).toEqual([[6], [6]]);
  });
  it("slices with negative indices and steps, and T / mT", () => {
    const x = arange(12).reshape(3, 4);
    expect(x.index("...", -1).toArray()).toEqual([3, 7, 11]);
    expect(x.index("::2", "1::2").toArray()).toEqual([[1, 3], [9, 11]]);
    expect(x.index("none", 0).shape).toEqual([1, 4]);
    expect(x.T.shape).toEqual([4, 3]);
    expect(zeros(2, 3, 4).mT.shape).toEqual([2, 4, 3]);
  });
});

describe("fused and composite softmax agree", () => {
  it("gives the same values and gradients on a backend without the softmax kernel", () => {
    const cpu = ax.backendByName("cpu");
    // the cpu backend minus its "softmax" kernel: ops fall back to their composite form
    ax.registerBackend("cpu-composite", () => ({
      name: "cpu-composite",
      allocate: (n, d) => tag(cpu.allocate(n, d)),
      upload: (v, d) => tag(cpu.upload(v, d)),
      read: (s) => cpu.read(s),
      readAsync: (s) => cpu.readAsync(s),
      run: (name, inputs, params, outs) => cpu.run(name, inputs, params, outs).map(tag),
      has: (name) => name !== "softmax" && cpu.has(name),
    }));
    function tag(s: ax.Storage): ax.Storage {
      Object.defineProperty(s, "backend", { value: "cpu-composite" });
      return s;
    }
    manualSeed(3);
    const x = randn(3, 5);
    const g = randn(3, 5);
    for (const op of ["softmax", "logSoftmax"] as const)
      for (const dim of [0, 1]) {
        const a = x.clone().requiresGrad_();
        const b = x.to("cpu-composite").requiresGrad_();
        const ya = a[op](dim), yb = b[op](dim);
        expect(yb.device).toBe("cpu-composite");
        expect(ya.allclose(yb.to("cpu"), 1e-5, 1e-6)).toBe(true);
        ya.mul(g).sum().backward();
        yb.mul(g.to("cpu-composite")).sum().backward();
        expect(a.grad!.allclose(b.grad!.to("cpu"), 1e-5, 1e-6)).toBe(true);
      }
  });
});

describe("norm", () => {
  it("has gradient 0 (not NaN) at the zero vector, x/‖x‖ elsewhere", () => {
    const z = zeros(3).requiresGrad_();
    z.norm().backward();
    expect(z.grad!.toArray()).toEqual([0, 0, 0]);
    const x = tensor([3, 4], { dtype: "float32", requiresGrad: true });
    x.norm().backward();
    expect(Array.from(x.grad!.data())).toEqual([0.6000000238418579, 0.800000011920929]);
  });
});

describe("gradients next to infinite values", () => {
  it("stay finite where no infinity is involved (zeros are made, not x·0)", () => {
    const x = tensor([[Infinity, 1], [2, -Infinity]], { dtype: "float32", requiresGrad: true });
    x.gather(1, tensor([[1], [0]])).sum().backward();
    expect(x.grad!.toArray()).toEqual([[0, 1], [1, 0]]);
    const y = tensor([Infinity, 2, 3], { dtype: "float32", requiresGrad: true });
    y.indexSelect(0, tensor([1, 2])).sum().backward();
    expect(y.grad!.toArray()).toEqual([0, 1, 1]);
    const z = tensor([Infinity, NaN]);
    expect(noGrad(() => z.zero_()).toArray()).toEqual([0, 0]);
  });
});

describe("iteration", () => {
  it("iterates over the first dim", () => {
    const rows = [...arange(6).reshape(3, 2)].map((r) => r.toArray());
    expect(rows).toEqual([[0, 1], [2, 3], [4, 5]]);
    expect(() => [...tensor(1)]).toThrow(/0-d tensor/);
  });
});

describe("sort", () => {
  it("sorts descending with the course's sort({ descending: true }) form", () => {
    const [scores, indexes] = tensor([[0.1, 0.7, 0.2]]).view(-1).sort({ descending: true });
    expect(Array.from(scores.data())).toEqual([0.699999988079071, 0.20000000298023224, 0.10000000149011612]);
    expect(indexes.toArray()).toEqual([1, 2, 0]);
  });
});

describe("dropout", () => {
  it("keeps about 1-p of the values, scaled by 1/(1-p), reproducibly", () => {
    manualSeed(7);
    const y = ax.dropout(ones(10000), 0.3);
    const values = y.data();
    let kept = 0;
    for (const v of values) {
      if (v !== 0) {
        kept++;
        expect(v).toBeCloseTo(1 / 0.7, 5);
      }
    }
    expect(Math.abs(kept / 10000 - 0.7)).toBeLessThan(0.02);
    manualSeed(7);
    expect(ax.dropout(ones(10000), 0.3).data()).toEqual(values);
    expect(ax.dropout(ones(3), 0.5, false).toArray()).toEqual([1, 1, 1]);
    expect(() => ax.dropout(ones(3), 1.5)).toThrow(/p must be a probability in \[0, 1\], got 1.5/);
  });
});

describe("in-place updates", () => {
  it("keep the tensor object and refuse to run on a recorded parameter", () => {
    const w = tensor([1, 2], { dtype: "float32", requiresGrad: true });
    expect(() => w.sub_(1)).toThrow(/sub_: in-place update of a tensor that requires grad while gradients are recorded; do it inside noGrad/);
    const same = noGrad(() => w.sub_(tensor([0.5, 0.5]), 2));
    expect(same).toBe(w);
    expect(w.toArray()).toEqual([0, 1]);
    noGrad(() => w.mul_(3).add_(1));
    expect(w.toArray()).toEqual([1, 4]);
    noGrad(() => w.copy_(tensor([7, 8])));
    expect(w.toArray()).toEqual([7, 8]);
    expect(w.dtype).toBe("float32");
    noGrad(() => w.zero_());
    expect(w.toArray()).toEqual([0, 0]);
    w.mul(2).sum().backward();
    expect(w.grad!.toArray()).toEqual([2, 2]);
  });
  it("batchNorm updates the running statistics in place (unbiased variance, momentum)", () => {
    const x = tensor([[1, 2], [3, 6]], { dtype: "float32" });
    const rm = zeros(2), rv = ones(2);
    ax.batchNorm(x, rm, rv, { training: true, momentum: 0.5 });
    expect(rm.toArray()).toEqual([1, 2]); // 0.5·0 + 0.5·mean [2, 4]
    expect(rv.toArray()).toEqual([1.5, 4.5]); // 0.5·1 + 0.5·unbiased var [2, 8]
  });
});

describe("misc", () => {
  it("a backward through softmax/cross-entropy style composites matches the closed form", () => {
    const logits = randn(4, 5, { requiresGrad: true });
    const target = tensor([1, 0, 4, 2]);
    const logp = logits.logSoftmax(1);
    logp.gather(1, target.reshape(4, 1)).mean().neg().backward();
    const expected = noGrad(() => logits.softmax(1).sub(ax.oneHot(target, 5).float()).div(4));
    expect(logits.grad!.allclose(expected, 1e-5, 1e-6)).toBe(true);
  });
  it("clone, detach and to() behave", () => {
    const a = tensor([1.5, -1.5]);
    expect(a.to("int32").toArray()).toEqual([1, -1]);
    expect(a.bool().toArray()).toEqual([true, true]);
    const c = a.clone();
    expect(c.storage).not.toBe(a.storage);
    expect(a.detach().storage).toBe(a.storage);
  });
});

describe("autograd end to end", () => {
  it("trains a 2-2-1 tanh network on XOR with plain tensors and manual SGD", () => {
    manualSeed(1);
    const x = tensor([[0, 0], [0, 1], [1, 0], [1, 1]], { dtype: "float32" });
    const y = tensor([[0], [1], [1], [0]], { dtype: "float32" });
    const w1 = randn(2, 2).mul(1.5).requiresGrad_(), b1 = zeros(2).requiresGrad_();
    const w2 = randn(2, 1).mul(1.5).requiresGrad_(), b2 = zeros(1).requiresGrad_();
    const params = [w1, b1, w2, b2];
    const lossAt = () => x.matmul(w1).add(b1).tanh().matmul(w2).add(b2).sigmoid().sub(y).pow(2).mean();
    const first = lossAt().item();
    for (let step = 0; step < 2000; step++) {
      const loss = lossAt();
      for (const p of params) p.zeroGrad();
      loss.backward();
      noGrad(() => params.forEach((p) => p.sub_(p.grad!.mul(2))));
    }
    const last = lossAt().item();
    expect(last).toBeLessThan(first / 10);
    const predictions = noGrad(() => x.matmul(w1).add(b1).tanh().matmul(w2).add(b2).sigmoid().gt(0.5).int());
    expect(predictions.reshape(-1).toArray()).toEqual([0, 1, 1, 0]);
  });
});
