// One conformance suite for every registered backend: forward values and input gradients of every op
// against PyTorch 1.13 (fixtures/ops.json, written by fixtures/generate.py), and finite-difference
// gradient checks in float64 for every differentiable case.
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import * as ax from "axone";
import type { DType, Tensor } from "axone";
import { CASES } from "./cases";

interface Dumped {
  shape: number[];
  dtype: DType;
  values: (number | boolean)[];
}
interface Fixture {
  inputs: Dumped[];
  output: Dumped;
  gradOutput?: Dumped;
  grads?: (Dumped | null)[];
}
const fixtures: Record<string, Fixture> = JSON.parse(readFileSync(join(__dirname, "fixtures", "ops.json"), "utf8")).cases;

function load(d: Dumped, device: string, dtype: DType = d.dtype, requiresGrad = false): Tensor {
  const t = ax.tensor(d.values.map(Number), { dtype, device }).reshape(d.shape);
  // reshape is recorded only for tensors that require grad; make a fresh leaf
  const leaf = t.detach();
  if (requiresGrad) leaf.requiresGrad = true;
  return leaf;
}

function expectClose(op: string, what: string, actual: Tensor, expected: Dumped, rtol: number, atol: number): void {
  expect(actual.shape, `${op}: ${what} shape`).toEqual(expected.shape);
  const a = actual.data();
  const e = expected.values.map(Number);
  expect(a.length, `${op}: ${what} size`).toBe(e.length);
  for (let i = 0; i < e.length; i++) {
    const ok = Math.abs(a[i] - e[i]) <= atol + rtol * Math.abs(e[i]) || (Number.isNaN(a[i]) && Number.isNaN(e[i]));
    if (!ok) expect.fail(`${op}: ${what}[${i}] = ${a[i]}, PyTorch gives ${e[i]} (shape ${JSON.stringify(expected.shape)})`);
  }
}

const backends = ax.listBackends();

describe.each(backends)("backend %s", (backend) => {
  describe("forward and gradients against PyTorch", () => {
    for (const [name, fx] of Object.entries(fixtures)) {
      it(name, () => {
        const fn = CASES[name];
        expect(fn, `case ${name} has no axone definition in test/ops/cases.ts`).toBeTypeOf("function");
        const inputs = fx.inputs.map((d, i) => load(d, backend, d.dtype, !!fx.grads?.[i]));
        const out = fn(...inputs);
        expect(out.device).toBe(backend);
        const expectedDtype = fx.output.dtype;
        expect(out.dtype, `${name}: dtype`).toBe(expectedDtype);
        expectClose(name, "output", out, fx.output, 1e-4, 1e-5);
        if (!fx.gradOutput || !fx.grads) return;
        out.mul(load(fx.gradOutput, backend)).sum().backward();
        fx.grads.forEach((g, i) => {
          if (!g) return;
          expect(inputs[i].grad, `${name}: input ${i} got no gradient`).not.toBeNull();
          expectClose(name, `grad of input ${i}`, inputs[i].grad!, g, 1e-3, 1e-4);
        });
      });
    }
  });

  describe("finite-difference gradient checks in float64", () => {
    const differentiable = Object.entries(fixtures).filter(([, fx]) => fx.grads);
    for (const [name, fx] of differentiable) {
      it(name, () => {
        const fn = CASES[name];
        const as64 = (d: Dumped) => (d.dtype === "float32" ? "float64" : d.dtype);
        const inputs = fx.inputs.map((d, i) => load(d, backend, as64(d), !!fx.grads![i]));
        const gout = load(fx.gradOutput!, backend, "float64");
        const out = fn(...inputs);
        expect(out.dtype, `${name}: float64 inputs must give a float64 result`).toBe("float64");
        out.mul(gout).sum().backward();
        const loss = (args: Tensor[]) => ax.noGrad(() => fn(...args).mul(gout).sum().item());
        const h = 1e-6;
        inputs.forEach((x, i) => {
          if (!fx.grads![i]) return;
          const analytic = x.grad!.data();
          const base = x.data() as Float64Array;
          const n = base.length;
          const picks = n <= 12 ? [...Array(n).keys()] : Array.from({ length: 12 }, (_, k) => Math.floor((k * n) / 12));
          for (const j of picks) {
            const shifted = (delta: number) => {
              const v = Float64Array.from(base);
              v[j] += delta;
              const args = inputs.map((t, k) => (k === i ? ax.tensor(v, { device: backend }).reshape(x.shape) : t.detach()));
              return loss(args);
            };
            const numeric = (shifted(h) - shifted(-h)) / (2 * h);
            if (!(Math.abs(analytic[j] - numeric) <= 1e-5 + 1e-4 * Math.abs(numeric)))
              expect.fail(`${name}: d loss / d input${i}[${j}]: autograd ${analytic[j]}, finite difference ${numeric}`);
          }
        });
      });
    }
  });

  describe("the course's worked examples", () => {
    it("t = [1, 2, 4]; sum(t**2).backward() gives grad [2, 4, 8]", () => {
      const t = ax.tensor([1, 2, 4], { dtype: "float32", requiresGrad: true, device: backend });
      ax.sum(t.pow(2)).backward();
      expect(t.grad!.toArray()).toEqual([2, 4, 8]);
    });
  });
});

describe("every case has a fixture and every fixture a case", () => {
  it("matches the generator's names", () => {
    expect(Object.keys(CASES).sort()).toEqual(Object.keys(fixtures).sort());
  });
});
