import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { manualSeed, nn, optim, randn, tensor, Tensor } from "axone";

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
