// Axes of the PNG fallbacks (curves and plot): a linear or log10 scale over a range, "nice" ticks
// (1-2-5 steps, or powers of ten with 2 and 5 between them over few decades), tick marks and their
// numbers in the raster's small font, and a clip box so that points outside a fixed range vanish.

import { fmt } from "./encode";
import { drawnText } from "./font5x7";
import { fitLabel, labelWidth, Raster } from "./raster";

export interface PlotScale {
  type: "linear" | "log";
  /** data values at the two ends of the axis (both > 0 for log) */
  lo: number;
  hi: number;
}

/** Where `v` falls along the axis, 0 at `lo` and 1 at `hi` (NaN for v ≤ 0 on a log axis). */
export function fraction(s: PlotScale, v: number): number {
  if (s.type === "log") {
    if (!(v > 0)) return NaN;
    const a = Math.log10(s.lo), b = Math.log10(s.hi);
    return (Math.log10(v) - a) / (b - a || 1);
  }
  return (v - s.lo) / (s.hi - s.lo || 1);
}

/**
 * The scale of an axis from the data's range or a fixed range. For log axes only positive values
 * count, and a fixed range is in decades as plotly gives it (`range: [0, 3]` is 1…1000).
 */
export function makeScale(values: ArrayLike<number>, options: { type?: string; range?: unknown; includeZero?: boolean } = {}): PlotScale {
  const type = options.type === "log" ? "log" : "linear";
  const fixed = Array.isArray(options.range) && options.range.length === 2 && options.range.every((v) => typeof v === "number" && Number.isFinite(v)) ? (options.range as [number, number]) : undefined;
  if (fixed && fixed[0] !== fixed[1]) return type === "log" ? { type, lo: 10 ** fixed[0], hi: 10 ** fixed[1] } : { type, lo: fixed[0], hi: fixed[1] };
  let lo = Infinity, hi = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v) || (type === "log" && v <= 0)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (options.includeZero && type === "linear") {
    lo = Math.min(lo, 0);
    hi = Math.max(hi, 0);
  }
  if (!(lo <= hi)) return type === "log" ? { type, lo: 1, hi: 10 } : { type, lo: 0, hi: 1 };
  if (type === "log") {
    if (lo === hi) return { type, lo: lo / 10 ** 0.5, hi: hi * 10 ** 0.5 };
    return { type, lo, hi };
  }
  if (lo === hi) return { type, lo: lo - 1, hi: hi + 1 };
  return { type, lo, hi };
}

/** Text of a tick value: powers of ten far from 1 as 1e5 / 1e-4, others as fmt does. */
export function tickLabel(v: number): string {
  if (v === 0) return "0";
  const e = Math.log10(Math.abs(v));
  if (Number.isInteger(Math.round(e * 1e9) / 1e9) && Math.abs(Math.round(e)) >= 4) return `${v < 0 ? "-" : ""}1e${Math.round(e)}`;
  return fmt(Number(v.toPrecision(6)));
}

/** Tick values inside the scale: 1-2-5 steps (about `count` of them) or powers of ten on a log axis. */
export function ticks(s: PlotScale, count = 5): number[] {
  const lo = Math.min(s.lo, s.hi), hi = Math.max(s.lo, s.hi);
  const out: number[] = [];
  if (s.type === "log") {
    const e0 = Math.ceil(Math.log10(lo) - 1e-9), e1 = Math.floor(Math.log10(hi) + 1e-9);
    // Few decades: 1, 2, 5 of each decade, so that a short log axis still has numbers.
    const steps = e1 - e0 < 2 ? [1, 2, 5] : [1];
    for (let e = e0 - 1; e <= e1; e++) {
      for (const m of steps) {
        const v = m * 10 ** e;
        if (v >= lo * (1 - 1e-9) && v <= hi * (1 + 1e-9)) out.push(Number(v.toPrecision(12)));
      }
    }
    return out;
  }
  const raw = (hi - lo) / Math.max(1, count);
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((st) => st >= raw) ?? 10 * mag;
  for (let v = Math.ceil(lo / step - 1e-9) * step; v <= hi + step * 1e-9; v += step) out.push(Number(v.toPrecision(12)));
  return out;
}

export interface PlotBox {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** Pixel position of a value on each axis of the box (y grows upwards). */
export function projector(box: PlotBox, x: PlotScale, y: PlotScale): { px: (v: number) => number; py: (v: number) => number } {
  return {
    px: (v) => box.left + fraction(x, v) * (box.width - 1),
    py: (v) => box.top + (1 - fraction(y, v)) * (box.height - 1),
  };
}

const INK: [number, number, number] = [40, 40, 40];
const GRID: [number, number, number] = [232, 232, 232];

/** Frame, light grid lines at the ticks, tick marks and numbers on both axes. */
export function drawAxes(r: Raster, box: PlotBox, x: PlotScale, y: PlotScale): void {
  const { px, py } = projector(box, x, y);
  const bottom = box.top + box.height - 1;
  for (const v of ticks(y)) {
    const yy = Math.round(py(v));
    r.fillRect(box.left + 1, yy, box.width - 2, 1, GRID);
    r.fillRect(box.left - 3, yy, 3, 1, INK);
    const s = tickLabel(v);
    r.text(s, Math.max(0, box.left - 5 - 4 * s.length), yy - 2, INK);
  }
  let lastEnd = -Infinity;
  for (const v of ticks(x)) {
    const xx = Math.round(px(v));
    r.fillRect(xx, box.top + 1, 1, box.height - 2, GRID);
    r.fillRect(xx, bottom + 1, 1, 3, INK);
    const s = tickLabel(v);
    const start = Math.min(r.width - 4 * s.length, Math.max(0, xx - 2 * s.length));
    // Labels that would overlap the previous one are left out (their tick mark stays).
    if (start > lastEnd + 3) {
      r.text(s, start, bottom + 5, INK);
      lastEnd = start + 4 * s.length;
    }
  }
  r.strokeRect(box.left - 1, box.top - 1, box.width + 2, box.height + 2, [96, 96, 96]);
}

/** What a chart PNG writes around its plot area, in the 5×7 font. */
export interface ChartText {
  title?: string;
  xTitle?: string;
  yTitle?: string;
  /** the colour key: a swatch and the name of each series */
  legend?: { name: string; color: readonly number[] }[];
}

/** A chart picture's geometry: its size, the plot area, and where each piece of text goes. */
export interface ChartLayout {
  width: number;
  height: number;
  box: PlotBox;
  texts: { kind: "title" | "legend" | "xTitle" | "yTitle"; text: string; x: number; top: number; color?: readonly number[] }[];
}

/** Spacing of chart text: margin, line pitch, legend swatch width and gap between legend items. */
export const CHART_TEXT = { pad: 5, line: 12, swatch: 10, itemGap: 14, maxLegendName: 150 };

/**
 * Lays out a chart of `width` pixels whose plot area is `plotHeight` high, `left`/`right` pixels in
 * from the sides (room for tick numbers): title centred on top, then the legend in rows (left to
 * right, wrapping), then the y-axis title above the axis (written level, which reads better than
 * turned text at this size), and the x-axis title centred under the tick numbers.
 */
export function chartLayout(width: number, plotHeight: number, left: number, right: number, text: ChartText): ChartLayout {
  const { pad, line, swatch, itemGap, maxLegendName } = CHART_TEXT;
  const texts: ChartLayout["texts"] = [];
  let y = pad;
  if (text.title) {
    for (const t of wrapLabel(text.title, width - 2 * pad, 2)) {
      texts.push({ kind: "title", text: t, x: Math.max(pad, Math.round((width - labelWidth(t)) / 2)), top: y });
      y += line;
    }
    y += 2;
  }
  if (text.legend?.length) {
    let x = left;
    for (const item of text.legend) {
      const name = fitLabel(item.name, maxLegendName);
      const w = swatch + 4 + labelWidth(name);
      if (x > left && x + w > width - pad) {
        x = left;
        y += line;
      }
      texts.push({ kind: "legend", text: name, x: x + swatch + 4, top: y, color: item.color });
      x += w + itemGap;
    }
    y += line;
  }
  if (text.yTitle) {
    texts.push({ kind: "yTitle", text: fitLabel(text.yTitle, width - 2 * pad), x: pad, top: y });
    y += line;
  }
  const top = texts.length ? y + 2 : 10;
  const box = { left, top, width: width - left - right, height: plotHeight };
  const bottom = top + plotHeight - 1;
  let height = bottom + 1 + 20;
  if (text.xTitle) {
    const t = fitLabel(text.xTitle, width - 2 * pad);
    texts.push({ kind: "xTitle", text: t, x: Math.max(pad, Math.min(width - pad - labelWidth(t), Math.round(left + (box.width - labelWidth(t)) / 2))), top: bottom + 14 });
    height = bottom + 14 + 7 + pad;
  }
  return { width, height, box, texts };
}

/** `s` in at most `maxLines` lines of `maxWidth` pixels, broken between words; the last one shortened with "...". */
export function wrapLabel(s: string, maxWidth: number, maxLines: number): string[] {
  const lines: string[] = [];
  let rest = drawnText(s).trim();
  while (rest && lines.length < maxLines - 1 && labelWidth(rest) > maxWidth) {
    const room = Math.floor((maxWidth + 1) / 6);
    const cut = rest.lastIndexOf(" ", room);
    if (cut <= 0) break;
    lines.push(rest.slice(0, cut));
    rest = rest.slice(cut + 1).trim();
  }
  if (rest) lines.push(fitLabel(rest, maxWidth));
  return lines;
}

const TITLE_INK: [number, number, number] = [20, 20, 20];

/** Writes a layout's text (and the legend's colour swatches) into the raster. */
export function drawChartText(r: Raster, layout: ChartLayout): void {
  for (const t of layout.texts) {
    if (t.kind === "legend" && t.color) r.fillRect(t.x - 4 - CHART_TEXT.swatch, t.top + 2, CHART_TEXT.swatch, 3, t.color);
    r.label(t.text, t.x, t.top, t.kind === "legend" ? INK : TITLE_INK);
  }
}
