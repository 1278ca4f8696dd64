// plot(traces, layout): a plotly.js figure (application/vnd.plotly.v1+json) with a PNG and text
// fallback for front ends without plotly. Scatter/line, bar and heatmap traces are drawn in the PNG.

import { inspect } from "node:util";
import { chartLayout, drawAxes, drawChartText, makeScale, projector, type ChartText } from "./axes";
import { finiteRange, toFloat32 } from "./encode";
import { escapeHtml } from "./figure";
import { Raster } from "./raster";
import { SERIES_COLORS } from "./curves";
import { PLOTLY_MIME, type ArrayLikeTensor, type MimeBundle } from "./types";

export interface PlotTrace {
  type?: string;
  x?: ArrayLike<number> | ArrayLikeTensor | string[];
  y?: ArrayLike<number> | ArrayLikeTensor;
  z?: number[][] | ArrayLikeTensor;
  name?: string;
  [key: string]: unknown;
}

/** Values a trace may hold in any plotly field, with tensors turned into plain arrays. */
const MAX_VALUES = 200_000;

function plain(v: unknown, budget: { left: number; cut: string[] }, where: string): unknown {
  if (v && typeof v === "object" && Array.isArray((v as ArrayLikeTensor).shape) && typeof (v as ArrayLikeTensor).data === "function") {
    const t = v as ArrayLikeTensor;
    const data = Array.from(toFloat32(t.data()));
    if (t.shape.length === 2) {
      const [rows, cols] = t.shape;
      return Array.from({ length: rows }, (_, i) => data.slice(i * cols, (i + 1) * cols));
    }
    return plain(data, budget, where);
  }
  if (ArrayBuffer.isView(v)) return plain(Array.from(v as unknown as ArrayLike<number>), budget, where);
  if (Array.isArray(v)) {
    if (v.length > budget.left) {
      budget.cut.push(`${where}: ${Math.max(0, budget.left)} of ${v.length} values kept`);
      v = v.slice(0, Math.max(0, budget.left));
    }
    budget.left -= (v as unknown[]).length;
    return (v as unknown[]).map((e, i) => (Array.isArray(e) || ArrayBuffer.isView(e) ? plain(e, budget, `${where}[${i}]`) : e));
  }
  return v;
}

export class PlotFigure {
  readonly data: Record<string, unknown>[];
  readonly layout: Record<string, unknown>;
  readonly cut: string[];
  readonly png: string;
  readonly width: number;
  readonly height: number;

  constructor(traces: PlotTrace[], layout: Record<string, unknown> = {}) {
    if (!Array.isArray(traces)) throw new Error("plot: expected an array of traces, e.g. plot([{ x: [1, 2, 3], y: [2, 4, 8] }], { title: 'growth' })");
    const budget = { left: MAX_VALUES, cut: [] as string[] };
    this.data = traces.map((t, i) => {
      if (!t || typeof t !== "object") throw new Error(`plot: trace ${i} is ${t === null ? "null" : typeof t}, expected an object like { x, y, type }`);
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(t)) out[k] = plain(v, budget, `trace ${i}.${k}`);
      return out;
    });
    // plotly.js 3+ reads titles only as {text}: accept plain strings for the figure and its axes.
    this.layout = { ...layout };
    const titled = (v: unknown) => (typeof v === "string" ? { text: v } : v);
    if ("title" in this.layout) this.layout.title = titled(this.layout.title);
    for (const [k, v] of Object.entries(this.layout)) {
      if (/^[xy]axis\d*$/.test(k) && v && typeof v === "object" && "title" in (v as object)) this.layout[k] = { ...(v as object), title: titled((v as { title: unknown }).title) };
    }
    this.cut = budget.cut;
    const raster = this.draw();
    this.png = raster.toBase64();
    this.width = raster.width;
    this.height = raster.height;
  }

  get title(): string {
    const t = this.layout.title;
    return typeof t === "string" ? t : t && typeof t === "object" && typeof (t as { text?: unknown }).text === "string" ? (t as { text: string }).text : "Plot";
  }

  /** Text of a layout title ({text} or a string) of the figure ("") or of an axis ("xaxis"). */
  private titleOf(key?: string): string | undefined {
    const holder = key ? this.layout[key] : this.layout;
    const t = holder && typeof holder === "object" ? (holder as { title?: unknown }).title : undefined;
    const text = typeof t === "string" ? t : t && typeof t === "object" ? (t as { text?: unknown }).text : undefined;
    return typeof text === "string" && text.trim() ? text : undefined;
  }

  /** What the PNG writes around the plot: title, axis titles, and a legend as plotly shows it. */
  private chartText(): ChartText {
    // plotly shows a legend when two or more traces are drawn, unless layout.showlegend is false;
    // unnamed traces appear as "trace i" there, but only named ones make a useful key in a picture.
    const named = this.data.map((d, i) => ({ name: typeof d.name === "string" ? d.name : "", color: SERIES_COLORS[i % SERIES_COLORS.length], heat: d.type === "heatmap" })).filter((d) => d.name && !d.heat);
    const show = this.layout.showlegend === true ? named.length >= 1 : this.layout.showlegend !== false && named.length >= 2;
    return { title: this.titleOf(), xTitle: this.titleOf("xaxis"), yTitle: this.titleOf("yaxis"), legend: show ? named : [] };
  }

  private draw(): Raster {
    const W = 480, L = 40, R = 10;
    const layout = chartLayout(W, 250, L, R, this.chartText());
    const r = new Raster(W, layout.height);
    drawChartText(r, layout);
    const T = layout.box.top, pw = W - L - R, ph = layout.box.height;
    const heat = this.data.find((d) => d.type === "heatmap" && Array.isArray(d.z));
    if (heat) {
      const z = heat.z as number[][];
      const rows = z.length, cols = Math.max(0, ...z.map((row) => row.length));
      const flat = new Float32Array(rows * cols);
      z.forEach((row, i) => row.forEach((v, j) => (flat[i * cols + j] = Number(v))));
      const range = finiteRange(flat);
      r.drawMatrix(flat, 0, rows, cols, L, T, pw - 50, ph, "viridis", range, true);
      r.drawColorBar(L + pw - 40, T, 8, ph, "viridis", range);
      return r;
    }
    const series = this.data.map((d) => {
      const y = Array.isArray(d.y) ? (d.y as unknown[]).map(Number) : [];
      const x = Array.isArray(d.x) && (d.x as unknown[]).every((v) => typeof v === "number") ? (d.x as number[]) : y.map((_, i) => i);
      // plotly draws a scatter trace as lines unless its mode leaves them out ("markers", "markers+text", "text").
      const linesDrawn = typeof d.mode !== "string" || d.mode.includes("lines");
      return { x, y, bar: d.type === "bar", points: d.type !== "bar" && !linesDrawn };
    });
    // The layout's axis type ("log") and fixed range (in decades on a log axis, as plotly reads it).
    const axisOption = (key: string) => (this.layout[key] && typeof this.layout[key] === "object" ? (this.layout[key] as { type?: unknown; range?: unknown }) : {});
    const xa = axisOption("xaxis"), ya = axisOption("yaxis");
    const xs = makeScale(series.flatMap((s) => s.x), { type: String(xa.type), range: xa.range });
    const ys = makeScale(series.flatMap((s) => s.y), { type: String(ya.type), range: ya.range, includeZero: series.some((s) => s.bar) });
    const box = { left: L + 4, top: T, width: pw - 4, height: ph };
    drawAxes(r, box, xs, ys);
    const { px, py } = projector(box, xs, ys);
    const xOk = (v: number) => Number.isFinite(v) && (xs.type !== "log" || v > 0);
    const yOk = (v: number) => Number.isFinite(v) && (ys.type !== "log" || v > 0);
    // Bars grow from 0, or from the bottom of a log axis.
    const base = ys.type === "log" ? box.top + box.height - 1 : py(0);
    r.clipTo(box);
    series.forEach((s, i) => {
      const c = SERIES_COLORS[i % SERIES_COLORS.length];
      const bw = Math.max(1, Math.floor(box.width / Math.max(1, s.x.length) / 2));
      for (let j = 0; j < s.x.length; j++) {
        if (!yOk(s.y[j]) || !xOk(s.x[j])) continue;
        const X = px(s.x[j]), Y = py(s.y[j]);
        if (s.bar) r.fillRect(X - bw / 2, Math.min(base, Y), bw, Math.abs(base - Y) + 1, c);
        else if (s.points) r.fillRect(X - 2, Y - 2, 5, 5, c);
        else if (j > 0 && yOk(s.y[j - 1]) && xOk(s.x[j - 1])) r.line(px(s.x[j - 1]), py(s.y[j - 1]), X, Y, c);
        else r.fillRect(X - 1, Y - 1, 3, 3, c);
      }
    });
    r.clipTo(null);
    return r;
  }

  get text(): string {
    const kinds = this.data.map((d, i) => `${(d.name as string) ?? `trace ${i}`} (${(d.type as string) ?? "scatter"})`).join(", ");
    return `${this.title}: ${this.data.length} trace${this.data.length === 1 ? "" : "s"}${kinds ? `: ${kinds}` : ""}${this.cut.length ? ` (${this.cut.join("; ")})` : ""}`;
  }

  bundle(): MimeBundle {
    return {
      [PLOTLY_MIME]: { data: this.data, layout: this.layout },
      "image/png": this.png,
      // The PNG writes its own title, axes and legend; HTML would only store its bytes a second time.
      ...(this.cut.length ? { "text/html": `<figure style="margin:0"><img src="data:image/png;base64,${this.png}" width="${this.width}" height="${this.height}" alt="${escapeHtml(this.title)}"><figcaption>${escapeHtml(this.title)}<br><small>${escapeHtml(this.cut.join("; "))}</small></figcaption></figure>` } : {}),
      "text/plain": this.text,
    };
  }

  [Symbol.for("Jupyter.display")](): MimeBundle {
    return this.bundle();
  }

  toString(): string {
    return this.text;
  }

  [inspect.custom](): string {
    return this.text;
  }
}

/**
 * A plotly.js figure; tensors and typed arrays in traces become plain arrays.
 * @example
 * plot([{ x: [1, 2, 3], y: [1, 4, 9], name: "x²" }], { title: "squares" })
 */
export function plot(traces: PlotTrace[], layout: Record<string, unknown> = {}): PlotFigure {
  return new PlotFigure(traces, layout);
}
