import { describe, expect, it } from "vitest";
import { data, manualSeed, nn, optim, tensor } from "axone";

describe("fit, evaluate and accuracy", () => {
  it("learns the two moons with a small MLP through fit(), with a validation split", () => {
    manualSeed(0);
    const moons = data.moons({ count: 300, noise: 0.1, seed: 0 });
    const { train, test } = data.trainTestSplit(moons.dataset, { testSize: 0.2, seed: 0, stratify: true });
    const model = new nn.Sequential(new nn.Linear(2, 16), new nn.Tanh(), new nn.Linear(16, 2));
    const loader = new data.DataLoader(train, { batchSize: 16, shuffle: true, seed: 0 });
    const history = nn.fit(model, loader, {
      optimizer: new optim.Adam(model.parameters(), { lr: 0.02 }),
      lossFn: nn.functional.crossEntropy,
      epochs: 30,
      validation: new data.DataLoader(test, { batchSize: 100 }),
      progress: false,
    });
    expect(history.length).toBe(30);
    expect(history[29].loss).toBeLessThan(history[0].loss);
    expect(history[29].valAccuracy!).toBeGreaterThan(0.95);
    const again = nn.evaluate(model, new data.DataLoader(test, { batchSize: 7 }), nn.functional.crossEntropy);
    expect(again.count).toBe(60);
    expect(again.accuracy).toBeCloseTo(history[29].valAccuracy!, 10);
    expect(model.training).toBe(true);
  });

  it("steps a schedule per epoch and draws live curves through the notebook display", () => {
    manualSeed(0);
    const calls: { options: { displayId: string; update?: boolean }; bundle: Record<string, unknown> }[] = [];
    (globalThis as { display?: unknown }).display = (value: Record<symbol, () => Record<string, unknown>>, options: { displayId: string; update?: boolean }) =>
      calls.push({ options, bundle: value[Symbol.for("Jupyter.display")]() });
    try {
      const { x, y } = data.xor();
      const model = new nn.Sequential(new nn.Linear(2, 4), new nn.Tanh(), new nn.Linear(4, 2));
      const opt = new optim.SGD(model.parameters(), { lr: 0.4 });
      const scheduler = new optim.StepLR(opt, { stepSize: 1, gamma: 0.5 });
      nn.fit(model, [[x, y]], { optimizer: opt, lossFn: nn.functional.crossEntropy, epochs: 3, scheduler, curves: true, validation: [[x, y]] });
      expect(opt.paramGroups[0].lr).toBeCloseTo(0.05, 10);
      const curveCalls = calls.filter((c) => (c.bundle["application/vnd.axone.v1+json"] as { kind?: string } | undefined)?.kind === "curves");
      expect(curveCalls.length).toBeGreaterThan(0);
      expect(curveCalls.at(-1)!.options.displayId).toBe(curveCalls[0].options.displayId);
      expect(JSON.stringify(curveCalls.at(-1)!.bundle["application/vnd.axone.v1+json"])).toContain("valAccuracy");
    } finally {
      delete (globalThis as { display?: unknown }).display;
    }
  });

  it("computes accuracy and says what shapes it needs", () => {
    expect(nn.accuracy(tensor([[0.1, 2], [3, 0], [0, 1]]), tensor([1, 1, 1], { dtype: "int32" }))).toBeCloseTo(2 / 3, 10);
    expect(() => nn.accuracy(tensor([1, 2]), tensor([1], { dtype: "int32" }))).toThrow(/scores \[N, C\] and labels \[N\]/);
  });

  it("clips gradients by global norm and by value", () => {
    const a = tensor([1, 1], { dtype: "float32", requiresGrad: true });
    const b = tensor([1], { dtype: "float32", requiresGrad: true });
    a.mul(tensor([3, 0])).sum().add(b.mul(4).sum()).backward(); // grads [3, 0] and [4]: norm 5
    expect(nn.clipGradNorm([a, b], 1)).toBeCloseTo(5, 6);
    expect(Array.from(a.grad!.data()).map((v) => +v.toFixed(5))).toEqual([0.6, 0]);
    expect(b.grad!.item()).toBeCloseTo(0.8, 5);
    nn.clipGradValue([a, b], 0.7);
    expect(b.grad!.item()).toBeCloseTo(0.7, 6);
    expect(nn.clipGradNorm([a, b], 10)).toBeCloseTo(Math.sqrt(0.36 + 0.49), 5);
    expect(b.grad!.item()).toBeCloseTo(0.7, 6);
  });

  it("stops with a message when the loss is not finite", () => {
    const model = new nn.Linear(1, 1);
    const x = tensor([[1e30], [2e30]]);
    const y = tensor([[0], [1]], { dtype: "float32" });
    expect(() =>
      nn.fit(model, [[x, y]], { optimizer: new optim.SGD(model.parameters(), { lr: 1e10 }), lossFn: nn.functional.mseLoss, epochs: 3, progress: false }),
    ).toThrow(/loss became (Infinity|NaN).*lower the learning rate/);
  });
});
