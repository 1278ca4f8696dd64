// kind "summary": the model table, built with DOM nodes and textContent only.
import { strings, type Payload } from "../decode";
import { el, header } from "../draw";

interface Row { name: string; type: string; outputShape: number[]; activationSize: number; params: number; trainable: boolean }

export function renderSummary(host: HTMLElement, p: Payload): void {
  const rows = (Array.isArray(p.rows) ? p.rows : []) as Row[];
  const n = (v: unknown) => (typeof v === "number" ? v.toLocaleString("en-US") : "");
  // The payload names its columns: summary(model, shape) has all four, a module shown without an
  // input (its cell value) only the layer and its parameters.
  const known: Record<string, (r: Row) => string> = {
    "Layer (type)": (r) => `${String(r.name)} (${String(r.type)})`,
    "Output Shape": (r) => `[${(r.outputShape ?? []).join(", ")}]`,
    "Activation size": (r) => n(r.activationSize),
    "Param #": (r) => n(r.params),
  };
  const given = strings(p.columns).filter((c) => c in known);
  const columns = given.length ? given : Object.keys(known);
  header(host, p.title ? `Model: ${p.title}` : "Model", p.cut);
  const table = el("table", "axone-summary");
  const head = el("tr");
  for (const c of columns) head.append(el("th", undefined, c));
  table.append(el("thead"), el("tbody"));
  table.tHead!.append(head);
  const addRow = (cells: string[], cls?: string) => {
    const tr = el("tr", cls);
    cells.forEach((s, i) => tr.append(el("td", i > 0 && columns[i] !== "Output Shape" ? "axone-num" : undefined, s)));
    table.tBodies[0].append(tr);
  };
  const input = Array.isArray(p.inputShape) ? (p.inputShape as number[]) : [];
  if (input.length) {
    const inputCells: Record<string, string> = { "Layer (type)": "Input", "Output Shape": `[-1, ${input.join(", ")}]`, "Activation size": n(input.reduce((a, b) => a * b, 1)), "Param #": "0" };
    addRow(columns.map((c) => inputCells[c]));
  }
  for (const r of rows) addRow(columns.map((c) => known[c](r)), r.trainable === false ? "axone-frozen" : undefined);
  host.append(table);
  const t = (p.totals ?? {}) as { total?: number; trainable?: number; nonTrainable?: number };
  host.append(el("div", "axone-totals", `Total params: ${n(t.total)} · trainable: ${n(t.trainable)} · non-trainable: ${n(t.nonTrainable)}`));
}
