// Live training curves: one display, updated in place (display_id) at most ~10 times a second.
//
// How it reaches the notebook: lib/viz never imports the kernel. At each (throttled) update it
// calls a display function — `options.display` if given, else `globalThis.display`, which the Axone
// kernel defines in cells — as `display(figure, { displayId })` the first time and
// `display(figure, { displayId, update: true })` afterwards (→ display_data, then
// update_display_data with the same display_id). Without a display function nothing is sent live,
// and the object still shows its current state when it is a cell's value.

import { chartLayout, drawAxes, drawChartText, makeScale, projector } from "./axes";
import { encodeArray, finiteRange, fmt, LIMITS } from "./encode";
import { VizFigure } from "./figure";
import { Raster } from "./raster";
import { PAYLOAD_VERSION, type Axis, type CurvesPayload, type MimeBundle } from "./types";

export type DisplayFunction = (value: unknown, options: { displayId: string; update?: boolean }) => unknown;

export interface CurvesOptions {
  title?: string;
  xLabel?: string;
  yLabel?: string;
  yScale?: "linear" | "log";
  /** where updates go (default: globalThis.display, defined by the Axone kernel) */
  display?: DisplayFunction;
  /** fixed display id (default: a fresh one) */
  displayId?: string;
  /** minimum time between two updates in ms (default 100: at most 10 per second) */
  minIntervalMs?: number;
}

/** Colours of successive series (PNG fallback; the front end uses the same order). */
export const SERIES_COLORS: [number, number, number][] = [
  [31, 119, 180], [255, 127, 14], [44, 160, 44], [214, 39, 40], [148, 103, 189], [140, 86, 75], [227, 119, 194], [127, 127, 127],
];

let idCounter = 0;

export class LiveCurves {
  readonly displayId: string;
  private readonly options: CurvesOptions;
  private readonly series = new Map<string, { x: number[]; y: number[] }>();
  private readonly epochs: { step: number; epoch: number }[] = [];
  private step = 0;
  private live = true;
  private shown = false;
  private lastEmit = -Infinity;
  private timer: ReturnType<typeof setTimeout> | null = null;
  /** how many times a display or update was sent */
  updates = 0;

  constructor(options: CurvesOptions = {}) {
    this.options = options;
    this.displayId = options.displayId ?? `axone-curves-${process.pid}-${Date.now().toString(36)}-${idCounter++}`;
  }

  /**
   * Adds one point per named value at `step` (default: one past the previous step).
   * @example
   * const live = viz.curves({ title: "training" });
   * for (let step = 0; step < 100; step++) live.push({ loss: 1 / (step + 1) });
   * live.close();
   */
  push(values: Record<string, number>, step?: number): void {
    if (!values || typeof values !== "object") throw new Error("curves.push: expected an object of named values, e.g. push({ loss: 0.3, accuracy: 0.9 })");
    const s = step ?? this.step;
    if (!Number.isFinite(s)) throw new Error(`curves.push: step must be a finite number, got ${s}`);
    this.step = s + 1;
    for (const [name, value] of Object.entries(values)) {
      const v = typeof value === "number" ? value : Number((value as { item?: () => number })?.item?.() ?? value);
      let series = this.series.get(name);
      if (!series) this.series.set(name, (series = { x: [], y: [] }));
      series.x.push(s);
      series.y.push(v);
    }
    this.schedule();
  }

  /** Marks the end of an epoch at the current step (drawn as a vertical line). */
  endEpoch(epoch?: number): void {
    this.epochs.push({ step: this.step - 1, epoch: epoch ?? this.epochs.length + 1 });
    this.schedule();
  }

  // push/endEpoch/flush/close return nothing, so that a cell ending with one of them does not
  // show the curves a second time as its value.

  /** Sends the current state now (skipping the throttle). */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.emit();
  }

  /** Ends the live display: the final state is sent, and stays in the saved notebook. */
  close(): void {
    this.live = false;
    this.flush();
  }

  private schedule(): void {
    const interval = this.options.minIntervalMs ?? 100;
    const wait = this.lastEmit + interval - Date.now();
    if (wait <= 0) {
      if (this.timer) clearTimeout(this.timer);
      this.timer = null;
      this.emit();
    } else if (!this.timer) {
      this.timer = setTimeout(() => {
        this.timer = null;
        this.emit();
      }, wait);
      this.timer.unref?.();
    }
  }

  private emit(): void {
    this.lastEmit = Date.now();
    const display = this.options.display ?? (globalThis as { display?: DisplayFunction }).display;
    if (typeof display !== "function") return;
    const figure = this.figure();
    display(figure, this.shown ? { displayId: this.displayId, update: true } : { displayId: this.displayId });
    this.shown = true;
    this.updates++;
  }

  /** The current state as a figure (payload, PNG, text). */
  figure(): VizFigure<CurvesPayload> {
    const cut: string[] = [];
    const title = this.options.title ?? "Training curves";
    const logY = this.options.yScale === "log";
    const series = [...this.series.entries()].map(([name, s]) => {
      let { x, y } = s;
      if (x.length > LIMITS.maxPoints) {
        const k = Math.ceil(x.length / LIMITS.maxPoints);
        const keep = (_: number, i: number) => i % k === 0 || i === s.x.length - 1;
        cut.push(`${name}: every ${k}th of ${x.length} points kept`);
        x = x.filter(keep);
        y = y.filter(keep);
      }
      return { name, x, y, last: s.y.length ? s.y[s.y.length - 1] : null };
    });
    const allX = series.flatMap((s) => s.x);
    const allY = series.flatMap((s) => s.y).filter((v) => !logY || v > 0);
    const xr = finiteRange(allX);
    const yr = finiteRange(allY);
    const x: Axis = { label: this.options.xLabel ?? "step", scale: "linear", range: xr };
    const y: Axis = { label: this.options.yLabel ?? "value", scale: logY ? "log" : "linear", range: yr };
    const payload: CurvesPayload = {
      version: PAYLOAD_VERSION, kind: "curves", title, cut, x, y,
      series: series.map((s) => ({ name: s.name, x: encodeArray(s.x, [s.x.length], { quantise: false }), y: encodeArray(s.y, [s.y.length], { quantise: false }), last: s.last })),
      epochs: [...this.epochs], live: this.live,
    };
    // PNG: title, a legend of the series, axis titles, axes with ticks (log10 ticks on a log y
    // axis), one polyline per series clipped to the plot area, epoch markers.
    const axisTitle = (a: Axis) => (a.unit ? `${a.label} (${a.unit})` : a.label);
    const layout = chartLayout(480, 200, 44, 12, {
      title,
      xTitle: axisTitle(x),
      yTitle: axisTitle(y),
      legend: series.map((s, i) => ({ name: s.name, color: SERIES_COLORS[i % SERIES_COLORS.length] })),
    });
    const box = layout.box;
    const r = new Raster(layout.width, layout.height);
    drawChartText(r, layout);
    const xs = makeScale(allX);
    const ys = makeScale(allY, { type: logY ? "log" : "linear" });
    drawAxes(r, box, xs, ys);
    const { px, py } = projector(box, xs, ys);
    r.clipTo(box);
    for (const e of this.epochs) r.fillRect(px(e.step), box.top, 1, box.height, [200, 200, 200]);
    const drawable = (v: number) => Number.isFinite(v) && (!logY || v > 0);
    series.forEach((s, i) => {
      const c = SERIES_COLORS[i % SERIES_COLORS.length];
      for (let j = 0; j < s.x.length; j++) {
        if (!drawable(s.y[j])) continue;
        if (j > 0 && drawable(s.y[j - 1])) r.line(px(s.x[j - 1]), py(s.y[j - 1]), px(s.x[j]), py(s.y[j]), c);
        else r.setPixel(Math.round(px(s.x[j])), Math.round(py(s.y[j])), c);
      }
    });
    r.clipTo(null);
    const latest = series.map((s) => `${s.name}=${s.last === null ? "–" : fmt(s.last)}`).join(", ");
    const text = `${title}: ${allX.length ? `step ${fmt(xr[1])}` : "no points yet"}${latest ? `, ${latest}` : ""}${this.epochs.length ? `, epoch ${this.epochs[this.epochs.length - 1].epoch}` : ""}`;
    return new VizFigure(payload, r, text, "", true);
  }

  [Symbol.for("Jupyter.display")](): MimeBundle {
    return this.figure().bundle();
  }

  toString(): string {
    return this.figure().text;
  }
}

/**
 * A live curves display that a training loop pushes into; updates in place, throttled.
 * @example
 * const live = viz.curves({ title: "MNIST" });
 * for (let epoch = 1; epoch <= 3; epoch++) {
 *   for (const [x, y] of loader) live.push({ loss: trainStep(x, y) });
 *   live.endEpoch(epoch);
 * }
 * live.close();
 */
export function curves(options: CurvesOptions = {}): LiveCurves {
  return new LiveCurves(options);
}
