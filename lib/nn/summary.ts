// summary(model, inputShape): runs one forward pass on zeros with hooks on every leaf layer and lists
// layer / output shape / activation size / parameter count, with totals, as text and as a `summary`
// viz payload (application/vnd.axone.v1+json, kind "summary").

import { Tensor, zeros, noGrad } from "../core";
import { Module } from "./module";
import type { SummaryPayload } from "../viz/types";
import { summary as vizSummary } from "../viz/builders";

export interface SummaryRow {
  /** Dotted name in the model ("0", "features.conv1", …). */
  name: string;
  /** Layer type, e.g. "Conv2d". */
  type: string;
  /** Output shape with the batch dimension written as -1 (shape of the first output when a layer returns several). */
  outputShape: number[];
  /** Values in one sample's output (the product of outputShape without the batch). */
  activationSize: number;
  /** Parameters owned by the layer itself. */
  params: number;
  trainable: boolean;
}

export interface SummaryResult {
  rows: SummaryRow[];
  inputShape: number[];
  totalParams: number;
  trainableParams: number;
  nonTrainableParams: number;
  /** The table as text (what `toString()` returns and the notebook shows as text/plain). */
  text: string;
  /** The viz payload: `{kind: "summary", version, title, cut, inputShape, columns, rows, totals}`. */
  payload: SummaryPayload;
}

/** The `summary` payload kind of application/vnd.axone.v1+json (the type lib/viz defines). */
export type { SummaryPayload };

const group = (n: number) => n.toLocaleString("en-US");

function firstTensor(value: unknown): Tensor | undefined {
  if (value instanceof Tensor) return value;
  if (Array.isArray(value)) for (const v of value) {
    const t = firstTensor(v);
    if (t) return t;
  }
  return undefined;
}

/**
 * Prints (as text) and returns a model's layer table: output shapes for one input of `inputShape`
 * (without the batch dimension), parameter counts and totals.
 * @example
 * const net = new nn.Sequential(new nn.Conv2d(3, 32, 3), new nn.ReLU(), new nn.MaxPool2d(2));
 * summary(net, [3, 32, 32]).totalParams; // 896
 */
export function summary(model: Module<any, any>, inputShape: number[] | number[][], options: { title?: string; batchSize?: number } = {}): SummaryResult & { toString(): string } {
  const shapes = (Array.isArray(inputShape[0]) ? inputShape : [inputShape]) as number[][];
  const batch = options.batchSize ?? 1;
  const rows: SummaryRow[] = [];
  const handles: { remove(): void }[] = [];
  const namedModules = model.namedModules();
  const leaves = namedModules.filter(([, m]) => m.children().length === 0 || m._parameters.size > 0);
  for (const [name, m] of leaves) {
    handles.push(
      m.registerForwardHook((mod, _inputs, output) => {
        const t = firstTensor(output);
        const own = [...mod._parameters.values()].filter((p): p is Tensor => p !== null);
        const shape = t ? [-1, ...t.shape.slice(1)] : [];
        rows.push({
          name: name || mod.typeName,
          type: mod.typeName,
          outputShape: shape,
          activationSize: t ? t.shape.slice(1).reduce((a, b) => a * b, 1) : 0,
          params: own.reduce((n, p) => n + p.numel(), 0),
          trainable: own.every((p) => p.requiresGrad),
        });
      }),
    );
  }
  const wasTraining = model.training;
  model.eval();
  try {
    noGrad(() => model(...shapes.map((s) => zeros([batch, ...s]))));
  } catch (error) {
    throw new Error(`summary: the forward pass on input shape [${shapes.map((s) => `[${[batch, ...s].join(", ")}]`).join(", ")}] failed: ${(error as Error).message}`);
  } finally {
    for (const h of handles) h.remove();
    model.train(wasTraining);
  }
  // Only the leaves that ran are shown; the totals count every parameter, once.
  const all = model.parameters();
  const totalParams = all.reduce((n, p) => n + p.numel(), 0);
  const trainableParams = all.filter((p) => p.requiresGrad).reduce((n, p) => n + p.numel(), 0);
  const title = options.title ?? model.typeName;
  const header = ["Layer (type)", "Output Shape", "Activation size", "Param #"] as const;
  const cells = rows.map((r) => [`${r.name} (${r.type})`, `[${r.outputShape.join(", ")}]`, group(r.activationSize), group(r.params)]);
  const inputRow = ["Input", `[-1, ${shapes[0].join(", ")}]`, group(shapes[0].reduce((a, b) => a * b, 1)), "0"];
  const widths = header.map((h, c) => Math.max(h.length, inputRow[c].length, ...cells.map((row) => row[c].length)) + 2);
  const line = (row: readonly string[]) => row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join("");
  const width = widths.reduce((a, b) => a + b, 0);
  const text = [
    `Model: "${title}"`,
    "=".repeat(width),
    line(header),
    "=".repeat(width),
    line(inputRow),
    ...cells.map(line),
    "=".repeat(width),
    `Total params: ${group(totalParams)}`,
    `Trainable params: ${group(trainableParams)}`,
    `Non-trainable params: ${group(totalParams - trainableParams)}`,
    "-".repeat(width),
  ].join("\n");
  const payload: SummaryPayload = {
    kind: "summary",
    version: 1,
    cut: [],
    title,
    inputShape: shapes[0],
    columns: [...header],
    rows: rows.map((r) => ({ ...r })),
    totals: { total: totalParams, trainable: trainableParams, nonTrainable: totalParams - trainableParams },
  };
  const result = { rows, inputShape: shapes[0], totalParams, trainableParams, nonTrainableParams: totalParams - trainableParams, text, payload };
  return Object.assign(result, {
    toString: () => text,
    [Symbol.for("nodejs.util.inspect.custom")]: () => text,
    // The notebook bundle comes from lib/viz's summary builder (payload, PNG, HTML table), with this text table.
    [Symbol.for("Jupyter.display")]: () => ({ ...vizSummary(payload).bundle(), "text/plain": text }),
  });
}
