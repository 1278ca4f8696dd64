// plot(traces, layout): a plotly.js figure (application/vnd.plotly.v1+json) with a PNG and text
// fallback for front ends without plotly. Scatter/line, bar and heatmap traces are drawn in the PNG.

import { inspect } from "node:util";
import { finiteRange, fmt, toFloat32 } from "./encode";
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

  private draw(): Raster {
    const W = 480, H = 300, L = 40, R = 10, T = 10, B = 20;
    const r = new Raster(W, H);
    const pw = W - L - R, ph = H - T - B;
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
    const xr = finiteRange(series.flatMap((s) => s.x));
    const yr = finiteRange(series.flatMap((s) => s.y).concat(series.some((s) => s.bar) ? [0] : []));
    const tx = (v: number) => L + ((v - xr[0]) / (xr[1] - xr[0] || 1)) * pw;
    const ty = (v: number) => T + ph - ((v - yr[0]) / (yr[1] - yr[0] || 1)) * ph;
    r.strokeRect(L, T, pw, ph, [96, 96, 96]);
    series.forEach((s, i) => {
      const c = SERIES_COLORS[i % SERIES_COLORS.length];
      const bw = Math.max(1, Math.floor(pw / Math.max(1, s.x.length) / 2));
      for (let j = 0; j < s.x.length; j++) {
        if (!Number.isFinite(s.y[j])) continue;
        if (s.bar) r.fillRect(tx(s.x[j]) - bw / 2, Math.min(ty(0), ty(s.y[j])), bw, Math.abs(ty(0) - ty(s.y[j])) + 1, c);
        else if (s.points) r.fillRect(tx(s.x[j]) - 2, ty(s.y[j]) - 2, 5, 5, c);
        else if (j > 0 && Number.isFinite(s.y[j - 1])) r.line(tx(s.x[j - 1]), ty(s.y[j - 1]), tx(s.x[j]), ty(s.y[j]), c);
        else r.fillRect(tx(s.x[j]) - 1, ty(s.y[j]) - 1, 3, 3, c);
      }
    });
    r.text(fmt(yr[1]), 2, T, [40, 40, 40]);
    r.text(fmt(yr[0]), 2, T + ph - 5, [40, 40, 40]);
    r.text(fmt(xr[0]), L, T + ph + 4, [40, 40, 40]);
    r.text(fmt(xr[1]), L + pw - 4 * fmt(xr[1]).length, T + ph + 4, [40, 40, 40]);
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
      "text/html": `<figure style="margin:0"><img src="data:image/png;base64,${this.png}" width="${this.width}" height="${this.height}" alt="${escapeHtml(this.title)}"><figcaption>${escapeHtml(this.title)}</figcaption></figure>`,
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
