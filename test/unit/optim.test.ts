import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { data, manualSeed, nn, optim, randn, tensor, Tensor } from "axone";

const reference = JSON.parse(readFileSync(join(__dirname, "..", "fixtures", "nn", "torch-reference.json"), "utf8"));

describe("optimizers match PyTorch's first steps", () => {
  for (const c of reference.optimizers as { name: string; options: Record<string, unknown>; initial: number[]; grads: number[][]; after: number[][] }[]) {
    it(`${c.name} ${JSON.stringify(c.options)}`, () => {
      const p = tensor(Float32Array.from(c.initial), { requiresGrad: true });
      const Opt = (optim as unknown as Record<string, new (ps: Tensor[], o: unknown) => optim.Optimizer<any>>)[c.name];
      const opt = new Opt([p], c.options);
      c.grads.forEach((g, step) => {
        p.grad = tensor(Float32Array.from(g));
        opt.step();
        const got = Array.from(p.data());
        got.forEach((v, i) => expect(Math.abs(v - c.after[step][i]), `${c.name} step ${step + 1}, element ${i}: ${v} vs ${c.after[step][i]}`).toBeLessThan(1e-5 * (1 + Math.abs(c.after[step][i]))));
      });
    });
  }
});

describe("learning-rate schedules", () => {
  for (const c of reference.schedulers as { name: string; options: Record<string, number>; lr: number; lrs: number[] }[]) {
    it(`${c.name} matches PyTorch`, () => {
      const opt = new optim.SGD([tensor([0], { dtype: "float32", requiresGrad: true })], { lr: c.lr });
      const Sched = (optim.lrScheduler as unknown as Record<string, new (o: optim.Optimizer<any>, x: unknown) => optim.LRScheduler>)[c.name];
      const sched = new Sched(opt, c.options);
      const lrs = c.lrs.map(() => {
        opt.step();
        sched.step();
        return sched.getLastLr()[0];
      });
      lrs.forEach((lr, i) => expect(lr).toBeCloseTo(c.lrs[i], 10));
    });
  }

  it("LambdaLR gives the course's decreasing step 1/(k+1)", () => {
    const opt = new optim.SGD([tensor([0], { dtype: "float32", requiresGrad: true })], { lr: 1 });
    const sched = new optim.LambdaLR(opt, (k) => 1 / (k + 1));
    const lrs = [opt.paramGroups[0].lr];
    for (let k = 0; k < 4; k++) {
      sched.step();
      lrs.push(sched.getLastLr()[0]);
    }
    expect(lrs).toEqual([1, 1 / 2, 1 / 3, 1 / 4, 1 / 5]);
  });

  it("with step 1/(k+1), SGD on (x − a_k)² computes the running mean of the a_k (the course's exercise 2)", () => {
    const values = [4, 8, 3, 9, 1, 5];
    const x = tensor([0], { dtype: "float32", requiresGrad: true });
    const opt = new optim.SGD([x], { lr: 0.5 }); // gradient of (x − a)² is 2(x − a): lr 0.5 makes the step 1/(k+1)
    const sched = new optim.LambdaLR(opt, (k) => 1 / (k + 1));
    for (const a of values) {
      opt.zeroGrad();
      x.sub(a).pow(2).sum().backward();
      opt.step();
      sched.step();
    }
    expect(x.item()).toBeCloseTo(values.reduce((s, v) => s + v, 0) / values.length, 5);
  });
});

describe("the course's exercise 1: SGD with a noisy gradient", () => {
  // Minimise E[(x − a)²/2] with a ~ N(0, 1): the sampled gradient is x − a_k. With a constant step η
  // the iterates keep a variance η/(2 − η) around the optimum; with the step 1/(k+1) they converge.
  const run = (schedule: boolean) => {
    const rng = new data.Random(11);
    const x = tensor([3], { dtype: "float32", requiresGrad: true });
    // η = 0.5 constant, or η_k = 1/(k+1): then x_k is the running mean of the a_k (exercise 2).
    const opt = new optim.SGD([x], { lr: schedule ? 1 : 0.5 });
    const sched = schedule ? new optim.LambdaLR(opt, (k) => 1 / (k + 1)) : undefined;
    const trace: number[] = [];
    for (let k = 0; k < 4000; k++) {
      x.grad = tensor([x.item() - rng.normal()], { dtype: "float32" });
      opt.step();
      sched?.step();
      trace.push(x.item());
    }
    return trace;
  };
  it("keeps a variance η/(2 − η) with a constant step and converges with the step 1/(k+1)", () => {
    const constant = run(false).slice(1000);
    const mean = constant.reduce((a, b) => a + b, 0) / constant.length;
    const variance = constant.reduce((a, b) => a + (b - mean) ** 2, 0) / constant.length;
    expect(variance).toBeGreaterThan(0.25);
    expect(variance).toBeLessThan(0.42); // η = 0.5: 1/3
    const decayed = run(true);
    expect(Math.abs(decayed[decayed.length - 1])).toBeLessThan(0.1);
  });
});

describe("optimizer API", () => {
  it("supports parameter groups and says what is wrong", () => {
    manualSeed(0);
    const model = new nn.Sequential(new nn.Linear(2, 2), new nn.Linear(2, 1));
    const opt = new optim.SGD([{ params: model.at(0).parameters(), lr: 0.1 }, { params: model.at(1).parameters() }], { lr: 0.01 });
    expect(opt.paramGroups.map((g) => g.lr)).toEqual([0.1, 0.01]);
    expect(() => new optim.SGD([], { lr: 0.1 })).toThrow(/empty parameter list/);
    expect(() => new optim.SGD(model.parameters(), { lr: -1 })).toThrow(/learning rate -1/);
    expect(() => new optim.SGD(model.parameters(), { lr: 0.1, nesterov: true })).toThrow(/Nesterov/);
    model(randn([3, 2])).sum().backward();
    const before = Array.from(model.at(1).parameters()[0].data());
    opt.step();
    opt.zeroGrad();
    expect(model.parameters().every((p) => p.grad === null)).toBe(true);
    expect(Array.from(model.at(1).parameters()[0].data())).not.toEqual(before);
  });
});
