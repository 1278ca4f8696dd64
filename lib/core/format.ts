// PyTorch-style printing: tensor([[ 1.0000, -2.5000], …]) with `...` summaries for big tensors.

import type { Tensor } from "./tensor";

/**
 * Extra MIME data shown beside a tensor's or a module's text in a notebook. lib/viz fills it in
 * (a small picture payload) when it is loaded, so that core depends on neither viz nor the kernel.
 */
export const notebookPreviews: {
  tensor?: (t: Tensor) => Record<string, unknown> | undefined;
  module?: (m: object) => Record<string, unknown> | undefined;
} = {};

/** The notebook bundle of a value: its text plus the installed preview; a failing preview leaves the text. */
export function notebookBundle(text: string, preview: (() => Record<string, unknown> | undefined) | undefined): Record<string, unknown> {
  let extra: Record<string, unknown> | undefined;
  try {
    extra = preview?.();
  } catch {
    extra = undefined; // a picture is a nicety: never lose the values' text because of it
  }
  return { ...extra, "text/plain": text };
}

const THRESHOLD = 1000; // more elements than this are summarised
const EDGE = 3; // items kept at each end of a summarised dimension
const LINE = 80;

/** Formats numbers the way PyTorch does: integers as `1.`, fixed 4 decimals, or scientific when the range is wide. */
function numberFormatter(values: ArrayLike<number>, isFloat: boolean): (v: number) => string {
  if (!isFloat) return (v) => String(v);
  let allInt = true, maxAbs = 0, minAbs = Infinity, any = false;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) continue;
    if (v !== Math.round(v)) allInt = false;
    const a = Math.abs(v);
    if (a > 0) {
      any = true;
      maxAbs = Math.max(maxAbs, a);
      minAbs = Math.min(minAbs, a);
    }
  }
  const special = (v: number) => (Number.isNaN(v) ? "nan" : v > 0 ? "inf" : "-inf");
  if (allInt) {
    if (any && (maxAbs / minAbs > 1000 || maxAbs > 1e8)) return (v) => (Number.isFinite(v) ? sci(v) : special(v));
    return (v) => (Number.isFinite(v) ? `${v === 0 && 1 / v < 0 ? "-0" : v.toFixed(0)}.` : special(v));
  }
  if (any && (maxAbs / minAbs > 1000 || maxAbs > 1e8 || minAbs < 1e-4)) return (v) => (Number.isFinite(v) ? sci(v) : special(v));
  return (v) => (Number.isFinite(v) ? v.toFixed(4) : special(v));
}

function sci(v: number): string {
  const [m, e] = v.toExponential(4).split("e");
  const exp = Number(e);
  return `${m}e${exp < 0 ? "-" : "+"}${String(Math.abs(exp)).padStart(2, "0")}`;
}

/** Indices kept along a dimension of `size` (null marks the `...`). */
function kept(size: number, summarise: boolean): (number | null)[] {
  if (!summarise || size <= 2 * EDGE) return Array.from({ length: size }, (_, i) => i);
  return [...Array.from({ length: EDGE }, (_, i) => i), null, ...Array.from({ length: EDGE }, (_, i) => size - EDGE + i)];
}

export function formatTensor(t: Tensor): string {
  const data = t.data();
  const shape = t.shape;
  const summarise = t.numel() > THRESHOLD;
  const isBool = t.dtype === "bool";
  const isFloat = t.dtype === "float32" || t.dtype === "float64";

  // Gather the values that will be shown, to size the columns.
  const strides: number[] = [];
  for (let d = shape.length - 1, s = 1; d >= 0; d--) {
    strides[d] = s;
    s *= shape[d];
  }
  const shown: number[] = [];
  const collect = (dim: number, offset: number) => {
    if (dim === shape.length) {
      shown.push(data[offset]);
      return;
    }
    for (const i of kept(shape[dim], summarise)) if (i !== null) collect(dim + 1, offset + i * strides[dim]);
  };
  if (t.numel() > 0) collect(0, 0);
  const fmt = isBool ? (v: number) => (v ? "True" : "False") : numberFormatter(shown, isFloat);
  let width = 0;
  for (const v of shown) width = Math.max(width, fmt(v).length);

  const prefix = "tensor(";
  const render = (dim: number, offset: number, indent: number): string => {
    if (dim === shape.length) return fmt(data[offset]).padStart(width);
    const idx = kept(shape[dim], summarise);
    if (dim === shape.length - 1) {
      const items = idx.map((i) => (i === null ? " ..." : fmt(data[offset + i * strides[dim]]).padStart(width)));
      // wrap long rows like PyTorch
      const lines: string[] = [];
      let line = "";
      for (const item of items) {
        const next = line ? `${line}, ${item}` : item;
        if (line && indent + next.length + 2 > LINE) {
          lines.push(line + ",");
          line = item;
        } else line = next;
      }
      lines.push(line);
      return `[${lines.join("\n" + " ".repeat(indent + 1))}]`;
    }
    const sep = "," + "\n".repeat(shape.length - dim - 1) + " ".repeat(indent + 1);
    const parts = idx.map((i) => (i === null ? "..." : render(dim + 1, offset + i * strides[dim], indent + 1)));
    return `[${parts.join(sep)}]`;
  };

  let body: string;
  if (t.numel() === 0) body = "[]";
  else body = render(0, 0, prefix.length);

  const extras: string[] = [];
  if (t.numel() === 0 && shape.length > 1) extras.push(`size=(${shape.join(", ")})`);
  if (t.device !== "cpu") extras.push(`device='${t.device}'`);
  if (t.dtype === "int32" || t.dtype === "float64") extras.push(`dtype=${t.dtype}`);
  if (t.gradFn) extras.push(`grad_fn=<${t.gradFn.name}>`);
  else if (t.requiresGrad) extras.push("requires_grad=True");
  return `${prefix}${body}${extras.length ? ", " + extras.join(", ") : ""})`;
}
