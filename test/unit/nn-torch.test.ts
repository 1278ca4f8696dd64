// Every layer's forward values and gradients against PyTorch (weights copied in from PyTorch's
// state dict): test/fixtures/nn/torch-reference.json, made by test/fixtures/nn/generate.py.
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { nn, tensor, Tensor } from "axone";

interface T {
  shape: number[];
  data: number[];
  dtype: "float32" | "int32";
}
interface LayerCase {
  name: string;
  train: boolean;
  args?: unknown[];
  options?: Record<string, unknown>;
  state: Record<string, T>;
  inputs: T[];
  outputs: T[];
  probes: T[];
  inputGrads: (T | null)[];
  paramGrads: Record<string, T>;
  stateAfter: Record<string, T>;
  stateIn?: boolean;
  perHead?: boolean;
  causal?: boolean;
}

const reference = JSON.parse(readFileSync(join(__dirname, "..", "fixtures", "nn", "torch-reference.json"), "utf8"));
const toTensor = (t: T, requiresGrad = false) => {
  const x = tensor(t.dtype === "int32" ? Int32Array.from(t.data) : Float32Array.from(t.data), { dtype: t.dtype }).reshape(t.shape);
  if (requiresGrad && t.dtype === "float32") x.requiresGrad = true;
  return x;
};

function expectClose(actual: Tensor, expected: T, what: string, tolerance = 2e-4): void {
  expect(actual.shape, `${what} shape`).toEqual(expected.shape);
  const a = actual.data();
  let worst = 0, at = -1;
  for (let i = 0; i < expected.data.length; i++) {
    const err = Math.abs(a[i] - expected.data[i]) / (1 + Math.abs(expected.data[i]));
    if (err > worst) [worst, at] = [err, i];
  }
  expect(worst, `${what}: element ${at} is ${a[at]}, PyTorch has ${expected.data[at]}`).toBeLessThan(tolerance);
}

function build(c: LayerCase): nn.Module<any, any> {
  const args = c.args ?? [];
  const opts = c.options ?? {};
  switch (c.name) {
    case "Linear": return new nn.Linear(4, 3);
    case "Flatten": return new nn.Flatten();
    case "Conv2d": return new nn.Conv2d(args[0] as number, args[1] as number, args[2] as number, opts);
    case "Conv1d": return new nn.Conv1d(args[0] as number, args[1] as number, args[2] as number, opts);
    case "ConvTranspose2d": return new nn.ConvTranspose2d(args[0] as number, args[1] as number, args[2] as number, opts);
    case "RNN": return new nn.RNN(args[0] as number, args[1] as number, opts);
    case "GRU": return new nn.GRU(args[0] as number, args[1] as number, opts);
    case "LSTM": return new nn.LSTM(args[0] as number, args[1] as number, opts);
    case "MultiheadAttention": return new nn.MultiheadAttention(args[0] as number, args[1] as number, opts);
    case "TransformerEncoderLayer": return new nn.TransformerEncoderLayer(args[0] as number, args[1] as number, opts);
    case "TransformerDecoderLayer": return new nn.TransformerDecoderLayer(args[0] as number, args[1] as number, opts);
    default: {
      const Layer = (nn as unknown as Record<string, new (...a: unknown[]) => nn.Module<any, any>>)[c.name];
      return c.options ? new Layer(...args, opts) : new Layer(...args);
    }
  }
}

function flatOutputs(out: unknown): Tensor[] {
  if (out instanceof Tensor) return [out];
  if (Array.isArray(out)) return out.flatMap(flatOutputs);
  return [];
}

describe("layers against PyTorch (forward and gradients)", () => {
  for (const c of reference.layers as LayerCase[]) {
    const label = `${c.name}${c.args ? `(${JSON.stringify(c.args).slice(1, -1)})` : ""}${c.options && Object.keys(c.options).length ? " " + JSON.stringify(c.options) : ""}${c.train ? "" : " eval"}${c.stateIn ? " with initial state" : ""}${c.causal ? " causal mask" : ""}`;
    it(label, () => {
      const layer = build(c);
      const state = Object.fromEntries(Object.entries(c.state).map(([k, v]) => [k, toTensor(v)]));
      layer.loadStateDict(state);
      layer.train(c.train);
      const inputs = c.inputs.map((t) => toTensor(t, true));
      let out: unknown;
      if (c.name === "LSTM" && c.stateIn) out = layer(inputs[0], [inputs[1], inputs[2]]);
      else if (c.name === "MultiheadAttention")
        out = layer(inputs[0], inputs[1], inputs[2], { averageAttnWeights: !c.perHead, attnMask: c.causal ? nn.generateSquareSubsequentMask(inputs[0].shape[1]) : undefined });
      else out = layer(...inputs);
      const outs = flatOutputs(out);
      expect(outs.length).toBe(c.outputs.length);
      outs.forEach((o, i) => expectClose(o, c.outputs[i], `output ${i}`));
      let loss = outs[0].mul(toTensor(c.probes[0])).sum();
      for (let i = 1; i < outs.length; i++) loss = loss.add(outs[i].mul(toTensor(c.probes[i])).sum());
      loss.backward();
      c.inputGrads.forEach((g, i) => {
        if (g) expectClose(inputs[i].grad!, g, `gradient of input ${i}`);
      });
      const params = Object.fromEntries(layer.namedParameters());
      for (const [name, g] of Object.entries(c.paramGrads)) expectClose(params[name].grad!, g, `gradient of ${name}`);
      const after = layer.stateDict();
      for (const [name, v] of Object.entries(c.stateAfter))
        if (name.startsWith("running") || name.endsWith("num_batches_tracked")) expectClose(after[name], v, `${name} after the step`);
    });
  }
});

describe("losses against PyTorch", () => {
  for (const c of reference.losses as { name: string; options: Record<string, unknown>; inputs: T[]; value: number; inputGrad: T }[]) {
    it(`${c.name} ${JSON.stringify(c.options)}`, () => {
      const [input, target] = [toTensor(c.inputs[0], true), toTensor(c.inputs[1])];
      const Loss = (nn as unknown as Record<string, new (o?: unknown) => nn.Module<[Tensor, Tensor], Tensor>>)[c.name];
      const options = { ...c.options, weight: Array.isArray(c.options.weight) ? tensor(c.options.weight as number[], { dtype: "float32" }) : undefined };
      const loss = ["MSELoss", "L1Loss"].includes(c.name) ? new Loss((c.options.reduction as string) ?? "mean") : new Loss(options);
      const value = loss(input, target);
      expect(value.item()).toBeCloseTo(c.value, 5);
      value.backward();
      expectClose(input.grad!, c.inputGrad, "input gradient");
    });
  }
});
