import { describe, expect, it } from "vitest";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { manualSeed, nn, optim, randn, summary, tensor, Tensor, zeros } from "axone";

const shapes = (m: nn.Module<any, any>) => m.namedParameters().map(([name, p]) => [name, p.shape]);

describe("nn.Module", () => {
  it("registers parameters and sub-modules explicitly, with dotted names", () => {
    class Net extends nn.Module {
      fc1 = this.module("fc1", new nn.Linear(3, 4));
      scale = this.param("scale", tensor([2], { dtype: "float32" }));
      fc2 = this.module("fc2", new nn.Linear(4, 1));
      forward(x: Tensor) {
        return this.fc2(this.fc1(x).relu()).mul(this.scale);
      }
    }
    const net = new Net();
    expect(net.namedParameters().map(([n]) => n)).toEqual(["scale", "fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias"]);
    expect(net.children().length).toBe(2);
    expect(net.parameters().every((p) => p.requiresGrad)).toBe(true);
    expect(net(randn([5, 3])).shape).toEqual([5, 1]);
    expect(net.forward(randn([2, 3])).shape).toEqual([2, 1]);
    expect(net.numParameters()).toBe(1 + 16 + 5);
  });

  it("also registers layers and parameters assigned to fields, as PyTorch does", () => {
    class Net extends nn.Module {
      fc1: nn.Linear;
      fc2: nn.Linear;
      gain: Tensor;
      constructor() {
        super();
        this.fc1 = new nn.Linear(2, 3);
        this.fc2 = new nn.Linear(3, 1);
        this.gain = tensor([1], { dtype: "float32", requiresGrad: true });
      }
      forward(x: Tensor) {
        return this.fc2(this.fc1(x).tanh()).mul(this.gain);
      }
    }
    const net = new Net();
    expect(net.namedParameters().map(([n]) => n)).toEqual(["gain", "fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias"]);
    expect(Object.keys(net.stateDict())).toContain("fc2.bias");
    net.eval();
    expect(net.fc1.training).toBe(false);
  });

  it("gives nn.Linear(3,1) and nn.Sequential the overview course's parameter shapes", () => {
    expect(shapes(new nn.Linear(3, 1))).toEqual([["weight", [1, 3]], ["bias", [1]]]);
    const model = new nn.Sequential(new nn.Linear(3, 5), new nn.Tanh(), new nn.Linear(5, 2));
    expect(shapes(model)).toEqual([["0.weight", [5, 3]], ["0.bias", [5]], ["2.weight", [2, 5]], ["2.bias", [2]]]);
    expect(String(model)).toBe(
      "Sequential(\n  (0): Linear(in_features=3, out_features=5, bias=true)\n  (1): Tanh()\n  (2): Linear(in_features=5, out_features=2, bias=true)\n)",
    );
  });

  it("switches train/eval recursively and dropout follows it (inverted scaling)", () => {
    manualSeed(1);
    const model = new nn.Sequential(new nn.Dropout(0.5));
    const x = tensor(new Float32Array(1000).fill(1));
    const trainOut = model(x).data();
    const kept = Array.from(trainOut).filter((v) => v !== 0);
    expect(kept.every((v) => Math.abs(v - 2) < 1e-6)).toBe(true);
    expect(kept.length).toBeGreaterThan(400);
    expect(kept.length).toBeLessThan(600);
    model.eval();
    expect(model.training).toBe(false);
    expect(model.at(0).training).toBe(false);
    expect(Array.from(model(x).data())).toEqual(Array.from(x.data()));
  });

  it("clears gradients, saves and loads state dicts in place", () => {
    const a = new nn.Linear(2, 2);
    a(randn([3, 2])).sum().backward();
    expect(a.weight.grad).not.toBeNull();
    a.zeroGrad();
    expect(a.weight.grad).toBeNull();
    const b = new nn.Linear(2, 2);
    const weightObject = b.weight;
    b.loadStateDict(a.stateDict());
    expect(b.weight).toBe(weightObject);
    expect(Array.from(b.weight.data())).toEqual(Array.from(a.weight.data()));
    expect(() => b.loadStateDict({ weight: zeros([3, 2]), bias: zeros([2]) })).toThrow(/"weight" has shape \[3, 2\] .* but \[2, 2\]/);
    expect(() => b.loadStateDict({ weight: zeros([2, 2]) })).toThrow(/missing keys \[bias\]/);
  });

  it("round-trips weights through a safetensors file", () => {
    const dir = mkdtempSync(join(tmpdir(), "axone-nn-"));
    try {
      const model = new nn.Sequential(new nn.Conv2d(1, 2, 3), new nn.BatchNorm2d(2), new nn.Flatten(), new nn.Linear(8, 3));
      const file = join(dir, "model.safetensors");
      nn.save(model, file);
      const copy = new nn.Sequential(new nn.Conv2d(1, 2, 3), new nn.BatchNorm2d(2), new nn.Flatten(), new nn.Linear(8, 3));
      nn.load(copy, file);
      for (const [name, t] of Object.entries(model.stateDict())) expect(Array.from(copy.stateDict()[name].data())).toEqual(Array.from(t.data()));
      const x = randn([2, 1, 4, 4]);
      model.eval();
      copy.eval();
      expect(Array.from(copy(x).data())).toEqual(Array.from(model(x).data()));
      expect(Object.keys(nn.load(file))).toContain("1.running_var");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("runs forward hooks (feature maps) and removes them", () => {
    const model = new nn.Sequential(new nn.Conv2d(1, 4, 3), new nn.ReLU());
    const seen: number[][] = [];
    const handle = model.at(0).registerForwardHook((_m, _inputs, out) => {
      seen.push((out as Tensor).shape);
    });
    model(randn([2, 1, 6, 6]));
    handle.remove();
    model(randn([2, 1, 6, 6]));
    expect(seen).toEqual([[2, 4, 4, 4]]);
  });

  it("names the layer and both shapes when the input is wrong", () => {
    expect(() => new nn.Linear(3, 1)(randn([2, 4]))).toThrow(/Linear\(3, 1\).*\[2, 4\].*3 features/);
    expect(() => new nn.Conv2d(3, 8, 3)(randn([1, 1, 8, 8]))).toThrow(/Conv2d\(3, 8\).*\[1, 1, 8, 8\].*1 channels.*expects 3.*\[8, 3, 3, 3\]/);
    expect(() => new nn.Conv2d(3, 8, 3)(randn([8, 8]))).toThrow(/Conv2d\(3, 8\): expected a 3 or 4-D input/);
    expect(() => new nn.LSTM(4, 8)(randn([5, 2, 3]))).toThrow(/LSTM\(4, 8\).*\[5, 2, 3\]/);
    expect(() => new nn.BatchNorm1d(4)(randn([2, 3]))).toThrow(/BatchNorm1d\(4\).*\[2, 3\]/);
    expect(() => new nn.CrossEntropyLoss()(randn([4, 3]), tensor([0, 1], { dtype: "int32" }))).toThrow(/crossEntropy|nllLoss/);
  });
});

describe("nn.init", () => {
  it("initialises layers like PyTorch's defaults, reproducibly after manualSeed", () => {
    manualSeed(3);
    const a = new nn.Linear(100, 50);
    manualSeed(3);
    const b = new nn.Linear(100, 50);
    expect(Array.from(b.weight.data())).toEqual(Array.from(a.weight.data()));
    // kaiming-uniform with a = √5 gives U(±1/√fan_in) for the weight; the bias is U(±1/√fan_in) too.
    const bound = 1 / Math.sqrt(100);
    const w = Array.from(a.weight.data());
    expect(w.every((v) => Math.abs(v) <= bound + 1e-7)).toBe(true);
    expect(Math.max(...w.map(Math.abs))).toBeGreaterThan(bound * 0.95);
  });

  it("He (kaiming) normal has std sqrt(2/fan_in), the course's sqrt(2/dim(w))·N(0,1)", () => {
    manualSeed(0);
    const w = zeros([200, 500]);
    nn.init.kaimingNormal(w, { nonlinearity: "relu" });
    const values = w.data();
    let s2 = 0;
    for (const v of values) s2 += v * v;
    expect(Math.sqrt(s2 / values.length)).toBeCloseTo(Math.sqrt(2 / 500), 3);
    const x = zeros([4, 6]);
    nn.init.xavierUniform(x);
    const bound = Math.sqrt(6 / 10);
    expect(Array.from(x.data()).every((v) => Math.abs(v) <= bound)).toBe(true);
  });

  it("zero initialisation keeps every hidden unit identical (the symmetry problem)", () => {
    manualSeed(0);
    const net = new nn.Sequential(new nn.Linear(2, 3), new nn.Tanh(), new nn.Linear(3, 1));
    for (const p of net.parameters()) nn.init.zeros(p);
    const opt = new optim.SGD(net.parameters(), { lr: 0.5 });
    const x = tensor([[0, 0], [0, 1], [1, 0], [1, 1]]);
    const y = tensor([[0], [1], [1], [0]]);
    for (let i = 0; i < 50; i++) {
      opt.zeroGrad();
      nn.functional.mseLoss(net(x), y).backward();
      opt.step();
    }
    const w = (net.at(0) as nn.Linear).weight.toArray() as number[][];
    expect(w[1]).toEqual(w[0]);
    expect(w[2]).toEqual(w[0]);
  });
});

describe("summary", () => {
  it("reproduces the CIFAR-10 Keras model summary: 896, 18,496, 36,928; total 56,320", () => {
    const model = new nn.Sequential(
      new nn.Conv2d(3, 32, 3), new nn.ReLU(), new nn.MaxPool2d(2),
      new nn.Conv2d(32, 64, 3), new nn.ReLU(), new nn.MaxPool2d(2),
      new nn.Conv2d(64, 64, 3), new nn.ReLU(),
    );
    const s = nn.summary(model, [3, 32, 32]);
    const convs = s.rows.filter((r) => r.type === "Conv2d");
    expect(convs.map((r) => r.params)).toEqual([896, 18496, 36928]);
    expect(convs.map((r) => r.outputShape)).toEqual([[-1, 32, 30, 30], [-1, 64, 13, 13], [-1, 64, 4, 4]]);
    expect(s.rows.filter((r) => r.type === "MaxPool2d").map((r) => r.outputShape)).toEqual([[-1, 32, 15, 15], [-1, 64, 6, 6]]);
    expect(s.totalParams).toBe(56320);
    expect(s.text).toContain("Total params: 56,320");
    expect(s.text).toMatch(/0 \(Conv2d\)\s+\[-1, 32, 30, 30\]\s+28,800\s+896/);
    expect(s.payload.kind).toBe("summary");
    expect(s.payload.totals).toEqual({ total: 56320, trainable: 56320, nonTrainable: 0 });
    const bundle = (s as unknown as Record<symbol, () => Record<string, unknown>>)[Symbol.for("Jupyter.display")]();
    expect(bundle["text/plain"]).toBe(s.text);
    expect((bundle["application/vnd.axone.v1+json"] as { kind: string }).kind).toBe("summary");
    expect(bundle["image/png"]).toEqual(expect.any(String));
    expect(bundle["text/html"]).toContain("36,928");
  });

  it("gives the LeNet-5 activation shapes and sizes of the course's table", () => {
    // Course table (input 32×32×3, CONV1 8 filters f=5, POOL, CONV2 16 filters f=5, POOL, FC 120, FC 84, softmax 10).
    const model = new nn.Sequential(
      new nn.Conv2d(3, 8, 5), new nn.MaxPool2d(2), new nn.Conv2d(8, 16, 5), new nn.MaxPool2d(2),
      new nn.Flatten(), new nn.Linear(400, 120), new nn.Linear(120, 84), new nn.Linear(84, 10), new nn.Softmax(1),
    );
    const s = nn.summary(model, [3, 32, 32]);
    expect(s.rows.map((r) => r.activationSize)).toEqual([6272, 1568, 1600, 400, 400, 120, 84, 10, 10]);
    expect(s.rows.filter((r) => r.type !== "Flatten").map((r) => r.outputShape.slice(1))).toEqual([[8, 28, 28], [8, 14, 14], [16, 10, 10], [16, 5, 5], [120], [84], [10], [10]]);
    // The real parameter counts (the course's table prints 208 / 416 / 48,001 / 10,081 / 841, which
    // count one input channel per filter and one bias per layer; these are 5·5·3·8+8, …, 84·10+10).
    expect(s.rows.map((r) => r.params)).toEqual([608, 0, 3216, 0, 0, 48120, 10164, 850, 0]);
  });
});

describe("the overview course's MNIST network", () => {
  it("has the shapes that make Linear(256, 200) fit after the second pooling", () => {
    const net = new nn.Sequential(
      new nn.Conv2d(1, 32, 5), new nn.ReLU(), new nn.MaxPool2d(3),
      new nn.Conv2d(32, 64, 5), new nn.ReLU(), new nn.MaxPool2d(2),
      new nn.Flatten(), new nn.Linear(256, 200), new nn.ReLU(), new nn.Linear(200, 10),
    );
    const s = summary(net, [1, 28, 28]);
    expect(s.rows.map((r) => r.outputShape)).toEqual([
      [-1, 32, 24, 24], [-1, 32, 24, 24], [-1, 32, 8, 8], [-1, 64, 4, 4], [-1, 64, 4, 4], [-1, 64, 2, 2], [-1, 256], [-1, 200], [-1, 200], [-1, 10],
    ]);
    expect(s.totalParams).toBe(832 + 51264 + 51400 + 2010);
    expect(String(s)).toContain("Total params: 105,506");
  });
});

describe("positional encoding and masks", () => {
  it("builds the sinusoidal table sin(pos/10000^(2i/d)), cos(…) and adds it", () => {
    const pe = nn.sinusoidalPositionalEncoding(50, 8);
    expect(pe.shape).toEqual([50, 8]);
    const v = pe.toArray() as number[][];
    expect(v[0]).toEqual([0, 1, 0, 1, 0, 1, 0, 1]);
    expect(v[3][2]).toBeCloseTo(Math.sin(3 / Math.pow(10000, 2 / 8)), 6);
    expect(v[3][3]).toBeCloseTo(Math.cos(3 / Math.pow(10000, 2 / 8)), 6);
    const layer = new nn.PositionalEncoding(8, { maxLen: 50, dropout: 0, batchFirst: true });
    const out = layer(zeros([2, 5, 8]));
    expect((out.toArray() as number[][][])[1][4]).toEqual(v[4].map((x) => Math.fround(x)));
    expect(() => layer(zeros([2, 60, 8]))).toThrow(/L ≤ 50/);
    const mask = nn.generateSquareSubsequentMask(3).toArray();
    expect(mask).toEqual([[0, -Infinity, -Infinity], [0, 0, -Infinity], [0, 0, 0]]);
  });
  it("returns per-head attention weights that sum to one over the keys", () => {
    manualSeed(0);
    const mha = new nn.MultiheadAttention(8, 2, { batchFirst: true });
    const x = randn([3, 4, 8]);
    const [out, w] = mha(x, x, x, { averageAttnWeights: false });
    expect(out.shape).toEqual([3, 4, 8]);
    expect(w!.shape).toEqual([3, 2, 4, 4]);
    for (const row of (w!.sum(-1).toArray() as number[][][]).flat(2)) expect(row).toBeCloseTo(1, 5);
    expect(() => mha(x, x, randn([3, 4, 6]))).toThrow(/MultiheadAttention\(8, 2\): value must be \[N, L, E\] with E = 8, got \[3, 4, 6\]/);
  });
});

describe("penalties and backends", () => {
  it("adds L1 and L2 penalties with their gradients", () => {
    const w = tensor([[1, -2], [3, 0]], { dtype: "float32", requiresGrad: true });
    const l2 = nn.functional.l2Penalty([w], 0.5);
    expect(l2.item()).toBeCloseTo(7, 6);
    l2.backward();
    expect(w.grad!.toArray()).toEqual([[1, -2], [3, 0]]);
    expect(nn.functional.l1Penalty([w], 0.1).item()).toBeCloseTo(0.6, 6);
  });
  it("moves a model to a backend in place and names an unknown one", () => {
    const model = new nn.Linear(2, 2);
    const weight = model.weight;
    expect(model.to("cpu")).toBe(model);
    expect(model.weight).toBe(weight);
    expect(model.weight.device).toBe("cpu");
    expect(() => model.to("no-such-backend")).toThrow(/unknown backend "no-such-backend"/);
  });
});

describe("training", () => {
  it("a short LeNet-style training run lowers the loss", () => {
    manualSeed(0);
    const model = new nn.Sequential(
      new nn.Conv2d(1, 4, 3), new nn.ReLU(), new nn.MaxPool2d(2), new nn.Flatten(), new nn.Linear(4 * 3 * 3, 3),
    );
    const x = randn([24, 1, 8, 8]);
    // Labels that depend on the input, so that the network can learn them.
    const means = x.mean([1, 2, 3]).data();
    const y = tensor(Int32Array.from(means, (m) => (m < -0.1 ? 0 : m < 0.1 ? 1 : 2)), { dtype: "int32" });
    const opt = new optim.Adam(model.parameters(), { lr: 0.01 });
    const lossFn = new nn.CrossEntropyLoss();
    const first = lossFn(model(x), y).item();
    for (let i = 0; i < 60; i++) {
      opt.zeroGrad();
      lossFn(model(x), y).backward();
      opt.step();
    }
    const last = lossFn(model(x), y).item();
    expect(last).toBeLessThan(first * 0.5);
  });
});
