// Shared drawing: colour maps, theme colours from JupyterLab's CSS variables, DOM helpers that
// only ever set textContent, ticks for linear/log/mel axes, and a matrix panel with axes, colour
// bar and a hover read-out.

import type { Axis, ColorScale } from "./decode";

const STOPS: Record<string, [number, number, number][]> = {
  viridis: [[68, 1, 84], [72, 40, 120], [62, 73, 137], [49, 104, 142], [38, 130, 142], [31, 158, 137], [53, 183, 121], [110, 206, 88], [253, 231, 37]],
  gray: [[0, 0, 0], [255, 255, 255]],
  RdBu: [[103, 0, 31], [178, 24, 43], [214, 96, 77], [244, 165, 130], [253, 219, 199], [247, 247, 247], [209, 229, 240], [146, 197, 222], [67, 147, 195], [33, 102, 172], [5, 48, 97]],
};
const luts = new Map<string, Uint8Array>();

export function lut(name: string): Uint8Array {
  let l = luts.get(name);
  if (l) return l;
  const stops = STOPS[name] ?? STOPS.viridis;
  l = new Uint8Array(256 * 3);
  for (let i = 0; i < 256; i++) {
    const t = (i / 255) * (stops.length - 1);
    const k = Math.min(stops.length - 2, Math.floor(t));
    const f = t - k;
    for (let c = 0; c < 3; c++) l[i * 3 + c] = Math.round(stops[k][c] * (1 - f) + stops[k + 1][c] * f);
  }
  luts.set(name, l);
  return l;
}

export const SERIES_COLORS = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f"];

/** Creates an element with a class and text (never HTML). */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}

export interface Theme { fg: string; muted: string; bg: string; border: string; font: string }

/** Colours from JupyterLab's CSS variables (light and dark themes), with fallbacks outside JupyterLab. */
export function theme(node: HTMLElement): Theme {
  // A renderer draws before JupyterLab attaches it: a detached node has no inherited variables.
  const s = getComputedStyle(node.isConnected ? node : document.body);
  const v = (name: string, fallback: string) => s.getPropertyValue(name).trim() || fallback;
  return {
    fg: v("--jp-ui-font-color1", "#212121"),
    muted: v("--jp-ui-font-color2", "#616161"),
    bg: v("--jp-layout-color0", "#ffffff"),
    border: v("--jp-border-color1", "#bdbdbd"),
    font: `${v("--jp-ui-font-size0", "11px")} ${v("--jp-ui-font-family", "sans-serif")}`,
  };
}

/** A canvas sized in CSS pixels, drawn at device resolution. */
export function canvas(w: number, h: number): { canvas: HTMLCanvasElement; ctx: CanvasRenderingContext2D } {
  const c = el("canvas", "axone-canvas");
  const dpr = window.devicePixelRatio || 1;
  c.width = Math.round(w * dpr);
  c.height = Math.round(h * dpr);
  c.style.width = `${w}px`;
  c.style.height = `${h}px`;
  const ctx = c.getContext("2d") as CanvasRenderingContext2D;
  ctx.scale(dpr, dpr);
  return { canvas: c, ctx };
}

/** Resizes an existing canvas (keeps the element: no flicker on redraw). */
export function resize(c: HTMLCanvasElement, w: number, h: number): CanvasRenderingContext2D {
  const dpr = window.devicePixelRatio || 1;
  if (c.width !== Math.round(w * dpr) || c.height !== Math.round(h * dpr)) {
    c.width = Math.round(w * dpr);
    c.height = Math.round(h * dpr);
    c.style.width = `${w}px`;
    c.style.height = `${h}px`;
  }
  const ctx = c.getContext("2d") as CanvasRenderingContext2D;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  return ctx;
}

/** A [rows, cols] slice of values as an image (one pixel per cell), coloured over `range`. */
export function matrixImage(values: ArrayLike<number>, offset: number, rows: number, cols: number, map: string, range: [number, number], flipY = false): HTMLCanvasElement {
  const c = document.createElement("canvas");
  c.width = Math.max(1, cols);
  c.height = Math.max(1, rows);
  const ctx = c.getContext("2d") as CanvasRenderingContext2D;
  const img = ctx.createImageData(c.width, c.height);
  const l = lut(map);
  const span = range[1] - range[0] || 1;
  for (let r = 0; r < rows; r++) {
    const src = flipY ? rows - 1 - r : r;
    for (let k = 0; k < cols; k++) {
      const v = values[offset + src * cols + k];
      const q = Number.isFinite(v) ? Math.max(0, Math.min(255, Math.round(((v - range[0]) / span) * 255))) : 0;
      const o = (r * cols + k) * 4;
      img.data[o] = l[q * 3]; img.data[o + 1] = l[q * 3 + 1]; img.data[o + 2] = l[q * 3 + 2]; img.data[o + 3] = 255;
    }
  }
  ctx.putImageData(img, 0, 0);
  return c;
}

export function fmt(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (v === 0) return "0";
  const a = Math.abs(v);
  if (a >= 1e5 || a < 1e-3) return v.toExponential(2);
  return String(Number(v.toPrecision(4)));
}

/** The text, shortened with an ellipsis to fit `width` pixels in the context's font. */
export function fit(ctx: CanvasRenderingContext2D, text: string, width: number): string {
  if (ctx.measureText(text).width <= width) return text;
  let n = text.length;
  while (n > 1 && ctx.measureText(`${text.slice(0, n)}…`).width > width) n--;
  return `${text.slice(0, n)}…`;
}

/** Round tick values between lo and hi (about n of them). */
export function niceTicks(lo: number, hi: number, n = 5): number[] {
  if (!(hi > lo)) return [lo];
  const raw = (hi - lo) / n;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  const out: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) out.push(Number(v.toPrecision(12)));
  return out;
}

const hzToMel = (hz: number) => 2595 * Math.log10(1 + hz / 700);

/** Ticks of an axis as [fraction along the axis 0..1, text]. */
export function axisTicks(a: Axis, n = 5): [number, string][] {
  const [lo, hi] = a.range;
  if (a.scale === "mel") {
    const m0 = hzToMel(lo), m1 = hzToMel(hi);
    const candidates = [0, 100, 200, 500, 1000, 2000, 4000, 8000, 16000].filter((f) => f >= lo && f <= hi);
    const out: [number, string][] = [];
    for (const f of candidates) {
      const pos = (hzToMel(f) - m0) / (m1 - m0 || 1);
      if (!out.length || pos - out[out.length - 1][0] >= 0.06) out.push([pos, f >= 1000 ? `${f / 1000}k` : String(f)]);
    }
    return out;
  }
  if (a.scale === "log" && lo > 0 && hi > lo) {
    const out: [number, string][] = [];
    for (let e = Math.ceil(Math.log10(lo)); e <= Math.floor(Math.log10(hi)); e++) out.push([(e - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo)), fmt(10 ** e)]);
    if (out.length >= 2) return out;
  }
  return niceTicks(lo, hi, n).map((v) => [(v - lo) / (hi - lo || 1), fmt(v)]);
}

export const axisTitle = (a: { label: string; unit?: string }) => (a.unit ? `${a.label} (${a.unit})` : a.label);

export interface MatrixPanelOptions {
  values: Float32Array;
  offset?: number;
  rows: number;
  cols: number;
  x: Axis;
  y: Axis;
  color: ColorScale;
  /** draw row 0 at the bottom (spectrograms: low frequencies below) */
  flipY?: boolean;
  /** hover text of a cell */
  describe: (row: number, col: number, value: number) => string;
  maxWidth?: number;
  maxHeight?: number;
}

/**
 * A matrix drawn on one canvas with real axes (ticks or cell labels, titles with units), a colour
 * bar with ticks, and a read-out line under it that shows the value under the pointer.
 */
export function matrixPanel(host: HTMLElement, o: MatrixPanelOptions): { canvas: HTMLCanvasElement; readout: HTMLElement } {
  const t = theme(host);
  const xl = o.x.labels, yl = o.y.labels;
  const measure = document.createElement("canvas").getContext("2d") as CanvasRenderingContext2D;
  measure.font = t.font;
  const yLabelWidth = yl ? Math.min(140, Math.max(...yl.map((s) => measure.measureText(s).width)) + 8) : 44;
  const xLabelHeight = xl ? Math.min(120, Math.max(...xl.map((s) => measure.measureText(s).width)) + 8) : 20;
  const cell = Math.max(1, Math.min(32, Math.floor(Math.min((o.maxWidth ?? 560) / o.cols, (o.maxHeight ?? 400) / o.rows))));
  const pw = Math.max(200, o.cols * cell), ph = Math.max(120, o.rows * cell);
  const L = yLabelWidth + 18, T = 8, B = xLabelHeight + 20, R = 90;
  const W = L + pw + R, H = T + ph + B;
  const { canvas: c, ctx } = canvas(W, H);
  ctx.imageSmoothingEnabled = false;
  ctx.drawImage(matrixImage(o.values, o.offset ?? 0, o.rows, o.cols, o.color.map, o.color.range, o.flipY), L, T, pw, ph);
  ctx.strokeStyle = t.border;
  ctx.strokeRect(L - 0.5, T - 0.5, pw + 1, ph + 1);
  ctx.fillStyle = t.fg;
  ctx.font = t.font;
  // x axis
  ctx.textBaseline = "top";
  if (xl) {
    ctx.save();
    xl.map((s) => fit(ctx, s, xLabelHeight - 8)).forEach((s, i) => {
      ctx.save();
      ctx.translate(L + ((i + 0.5) * pw) / o.cols, T + ph + 4);
      ctx.rotate(-Math.PI / 2);
      ctx.textAlign = "right";
      ctx.textBaseline = "middle";
      ctx.fillText(s, 0, 0);
      ctx.restore();
    });
    ctx.restore();
  } else {
    ctx.textAlign = "center";
    for (const [f, s] of axisTicks(o.x)) {
      const x = L + f * pw;
      ctx.fillRect(x, T + ph, 1, 4);
      ctx.fillText(s, x, T + ph + 5);
    }
  }
  ctx.textAlign = "center";
  ctx.fillText(axisTitle(o.x), L + pw / 2, T + ph + B - 14);
  // y axis
  ctx.textAlign = "right";
  ctx.textBaseline = "middle";
  if (yl) yl.map((s) => fit(ctx, s, yLabelWidth - 8)).forEach((s, i) => ctx.fillText(s, L - 4, T + (((o.flipY ? o.rows - 1 - i : i) + 0.5) * ph) / o.rows));
  else for (const [f, s] of axisTicks(o.y)) {
    const y = o.flipY ? T + ph - f * ph : T + f * ph;
    ctx.fillRect(L - 4, y, 4, 1);
    ctx.fillText(s, L - 6, y);
  }
  ctx.save();
  ctx.translate(10, T + ph / 2);
  ctx.rotate(-Math.PI / 2);
  ctx.textAlign = "center";
  ctx.fillText(axisTitle(o.y), 0, 0);
  ctx.restore();
  // colour bar
  colorBar(ctx, t, L + pw + 12, T, 12, ph, o.color);
  // The axes also as text, for screen readers (and tests): the canvas itself holds only pixels.
  c.setAttribute("role", "img");
  c.setAttribute("aria-label", `x axis: ${axisTitle(o.x)}; y axis: ${axisTitle(o.y)}; colour: ${axisTitle({ label: o.color.label ?? "value", unit: o.color.unit })} from ${fmt(o.color.range[0])} to ${fmt(o.color.range[1])}`);
  const readout = el("div", "axone-readout", "\u00a0");
  c.addEventListener("mousemove", (ev) => {
    const rect = c.getBoundingClientRect();
    const px = ev.clientX - rect.left - L, py = ev.clientY - rect.top - T;
    if (px < 0 || py < 0 || px >= pw || py >= ph) return void (readout.textContent = "\u00a0");
    const col = Math.min(o.cols - 1, Math.floor((px / pw) * o.cols));
    let row = Math.min(o.rows - 1, Math.floor((py / ph) * o.rows));
    if (o.flipY) row = o.rows - 1 - row;
    readout.textContent = o.describe(row, col, o.values[(o.offset ?? 0) + row * o.cols + col]);
  });
  c.addEventListener("mouseleave", () => void (readout.textContent = "\u00a0"));
  host.append(c, readout);
  return { canvas: c, readout };
}

/** A vertical colour bar with ticks and its label/unit. */
export function colorBar(ctx: CanvasRenderingContext2D, t: Theme, x: number, y: number, w: number, h: number, color: ColorScale): void {
  const l = lut(color.map);
  for (let i = 0; i < h; i++) {
    const q = Math.round((1 - i / Math.max(1, h - 1)) * 255);
    ctx.fillStyle = `rgb(${l[q * 3]},${l[q * 3 + 1]},${l[q * 3 + 2]})`;
    ctx.fillRect(x, y + i, w, 1);
  }
  ctx.strokeStyle = t.border;
  ctx.strokeRect(x - 0.5, y - 0.5, w + 1, h + 1);
  ctx.fillStyle = t.fg;
  ctx.font = t.font;
  ctx.textAlign = "left";
  ctx.textBaseline = "middle";
  const [lo, hi] = color.range;
  for (const v of niceTicks(lo, hi, 4)) {
    const yy = y + h - ((v - lo) / (hi - lo || 1)) * h;
    ctx.fillRect(x + w, yy, 3, 1);
    ctx.fillText(fmt(v), x + w + 5, yy);
  }
  if (color.label || color.unit) {
    ctx.save();
    ctx.translate(x + w + 54, y + h / 2);
    ctx.rotate(-Math.PI / 2);
    ctx.textAlign = "center";
    ctx.fillText(color.unit ? `${color.label ?? "value"} (${color.unit})` : (color.label as string), 0, 0);
    ctx.restore();
  }
}

/** Title and the notes on what was cut, as text. */
export function header(host: HTMLElement, title: string, cut: string[]): void {
  if (title) host.append(el("div", "axone-title", title));
  if (cut.length) host.append(el("div", "axone-cut", `Shown in part: ${cut.join("; ")}`));
}
