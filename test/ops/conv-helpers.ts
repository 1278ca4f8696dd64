// Helpers shared by the convolution and pooling tests: leaf tensors from flat data, PyTorch
// fixtures, closeness checks and a central-difference gradient check in float64.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "vitest";
import { tensor, type Tensor } from "axone";

export interface FixtureTensor {
  shape: number[];
  data: number[];
}
export interface FixtureCase {
  name: string;
  op: string;
  inputs: FixtureTensor[];
  options: Record<string, unknown>;
  output: FixtureTensor;
  probe: FixtureTensor;
  grads: FixtureTensor[];
  indices?: FixtureTensor;
}

export function fixtureCases(prefix: string): FixtureCase[] {
  const json = JSON.parse(readFileSync(join(__dirname, "fixtures", "conv-pool.json"), "utf8")) as { cases: FixtureCase[] };
  return json.cases.filter((c) => c.op.startsWith(prefix));
}

/** A leaf tensor (requiresGrad) of `shape` holding `data`. */
export function leaf(shape: readonly number[], data: ArrayLike<number>, dtype: "float32" | "float64" = "float32"): Tensor {
  const values = dtype === "float64" ? Float64Array.from(data) : Float32Array.from(data);
  return tensor(values).reshape([...shape]).detach().requiresGrad_(true);
}

export function fromFixture(t: FixtureTensor, dtype: "float32" | "float64" = "float32"): Tensor {
  return leaf(t.shape, t.data, dtype);
}

/** Asserts same shape and |a - b| ≤ tol·(1 + |b|) everywhere. */
export function expectTensorClose(actual: Tensor | null, expected: FixtureTensor, tol = 1e-4, what = ""): void {
  expect(actual, `${what}: missing`).not.toBeNull();
  expect(actual!.shape, `${what}: shape`).toEqual(expected.shape);
  const values = actual!.data();
  let worst = 0, at = -1;
  for (let i = 0; i < expected.data.length; i++) {
    const error = Math.abs(values[i] - expected.data[i]) / (1 + Math.abs(expected.data[i]));
    if (!(error <= worst)) {
      worst = error;
      at = i;
    }
  }
  expect(worst, `${what}: worst error at ${at}: ${values[at]} vs ${expected.data[at]}`).toBeLessThanOrEqual(tol);
}

let state = 987654321;
/** Deterministic values in [-1, 1). */
export function randomValues(length: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < length; i++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    out.push((state / 2 ** 32) * 2 - 1);
  }
  return out;
}

/**
 * Checks the gradients of `fn` against central differences, in float64: loss = Σ fn(inputs)·probe,
 * each input element perturbed by ±1e-6.
 */
export function gradcheck(fn: (...inputs: Tensor[]) => Tensor, shapes: number[][], tol = 1e-6): void {
  const data = shapes.map((shape) => randomValues(shape.reduce((a, b) => a * b, 1)));
  const inputs = shapes.map((shape, i) => leaf(shape, data[i], "float64"));
  const y = fn(...inputs);
  const probeValues = randomValues(y.numel());
  const probe = leaf(y.shape, probeValues, "float64").detach();
  y.backward(probe);
  const loss = (values: number[][]): number => {
    const out = fn(...shapes.map((shape, i) => leaf(shape, values[i], "float64").detach())).data();
    let sum = 0;
    for (let k = 0; k < out.length; k++) sum += out[k] * probeValues[k];
    return sum;
  };
  const eps = 1e-6;
  inputs.forEach((input, i) => {
    const grad = input.grad;
    expect(grad, `gradient of input ${i} ${JSON.stringify(shapes[i])}`).not.toBeNull();
    const analytic = grad!.data();
    for (let k = 0; k < data[i].length; k++) {
      const plus = data.map((d) => [...d]), minus = data.map((d) => [...d]);
      plus[i][k] += eps;
      minus[i][k] -= eps;
      const numeric = (loss(plus) - loss(minus)) / (2 * eps);
      expect(Math.abs(analytic[k] - numeric), `input ${i} element ${k}: analytic ${analytic[k]}, numeric ${numeric}`).toBeLessThanOrEqual(tol * (1 + Math.abs(numeric)));
    }
  });
}
