// kind "summary": the model table, built with DOM nodes and textContent only.
import { strings, type Payload } from "../decode";
import { el, header } from "../draw";

interface Row { name: string; type: string; outputShape: number[]; activationSize: number; params: number; trainable: boolean }

export function renderSummary(host: HTMLElement, p: Payload): void {
  const rows = (Array.isArray(p.rows) ? p.rows : []) as Row[];
  const columns = strings(p.columns);
  const n = (v: unknown) => (typeof v === "number" ? v.toLocaleString("en-US") : "");
  header(host, p.title ? `Model: ${p.title}` : "Model", p.cut);
  const table = el("table", "axone-summary");
  const head = el("tr");
  for (const c of columns.length ? columns : ["Layer (type)", "Output Shape", "Activation size", "Param #"]) head.append(el("th", undefined, c));
  table.append(el("thead"), el("tbody"));
  table.tHead!.append(head);
  const input = Array.isArray(p.inputShape) ? (p.inputShape as number[]) : [];
  const addRow = (cells: string[], cls?: string) => {
    const tr = el("tr", cls);
    cells.forEach((s, i) => tr.append(el("td", i >= 2 ? "axone-num" : undefined, s)));
    table.tBodies[0].append(tr);
  };
  addRow(["Input", `[-1, ${input.join(", ")}]`, n(input.reduce((a, b) => a * b, 1)), "0"]);
  for (const r of rows) addRow([`${String(r.name)} (${String(r.type)})`, `[${(r.outputShape ?? []).join(", ")}]`, n(r.activationSize), n(r.params)], r.trainable === false ? "axone-frozen" : undefined);
  host.append(table);
  const t = (p.totals ?? {}) as { total?: number; trainable?: number; nonTrainable?: number };
  host.append(el("div", "axone-totals", `Total params: ${n(t.total)} · trainable: ${n(t.trainable)} · non-trainable: ${n(t.nonTrainable)}`));
}
