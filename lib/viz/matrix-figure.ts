// The PNG of a matrix (heatmap, spectrogram): the coloured cells, a colour bar with its range and
// label, and both axes written out: the axis titles with units, and per-cell text (class names,
// tokens), cell indices or tick values in the axis's unit (seconds, Hz on linear or mel rows).

import { fmt } from "./encode";
import { fitLabel, labelWidth, Raster, textWidth } from "./raster";
import { makeScale, ticks, tickLabel } from "./axes";
import type { Axis, ColorMapName } from "./types";

/** A mark along an axis: its offset in pixels from the axis start (top or left) and its text. */
interface Mark {
  at: number;
  text: string;
  /** true: 5×7 text (labels), false: 3×5 numbers */
  words: boolean;
}

/** Longest cell label drawn, in pixels (longer ones end in "..."). */
const MAX_LABEL = 66;
const INK: [number, number, number] = [40, 40, 40];
const TITLE_INK: [number, number, number] = [20, 20, 20];

const mel = (f: number) => 2595 * Math.log10(1 + f / 700);

/** Title of an axis with its unit, e.g. "time (s)". */
export const axisTitle = (a: Axis): string => (a.unit ? `${a.label} (${a.unit})` : a.label);

/**
 * Marks of an axis of `n` cells drawn over `length` pixels: the axis's labels (every k-th when the
 * cells are too thin for all), cell indices when the axis counts cells (range [0, n], no unit), else
 * tick values in its scale. `reversed`: the first cell is at the far end (spectrogram rows).
 */
function axisMarks(axis: Axis, n: number, length: number, reversed: boolean, minGap: number, level = false): Mark[] {
  const place = (f: number) => (reversed ? length - f * length : f * length);
  const cell = length / Math.max(1, n);
  const every = Math.max(1, Math.ceil(minGap / cell));
  if (axis.labels && axis.labels.length === n) {
    return axis.labels.flatMap((text, i) => (i % every === 0 ? [{ at: place((i + 0.5) / n), text: fitLabel(text, MAX_LABEL), words: true }] : []));
  }
  const [lo, hi] = axis.range;
  if (lo === 0 && hi === n && !axis.unit && Number.isInteger(n)) {
    // Indices side by side need their width; one above the other, a line of the small font.
    const everyIndex = Math.ceil((level ? textWidth(String(n - 1)) + 4 : 8) / cell);
    return Array.from({ length: n }, (_, i) => i).filter((i) => i % everyIndex === 0).map((i) => ({ at: place((i + 0.5) / n), text: String(i), words: false }));
  }
  const isMel = axis.scale === "mel";
  const pos = (v: number) => (isMel ? (mel(v) - mel(lo)) / (mel(hi) - mel(lo) || 1) : (v - lo) / (hi - lo || 1));
  const values = ticks(makeScale([lo, hi]), isMel ? 8 : 5);
  const marks: Mark[] = [];
  let last = -Infinity;
  // Mel rows crowd the high frequencies: marks closer than minGap pixels to the previous are left out.
  for (const v of values) {
    const at = place(pos(v));
    if (!(at >= -0.5 && at <= length + 0.5)) continue;
    if (Math.abs(at - last) < Math.max(minGap, 10)) continue;
    marks.push({ at, text: tickLabel(v), words: false });
    last = at;
  }
  return marks;
}

/** Geometry of the matrix PNG the tests read back: margin and the gap between cells and tick text. */
export const MATRIX_PNG = { pad: 6, tick: 3, line: 12 };

/**
 * Draws a [rows, cols] matrix with its axes and colour bar. Row 0 is at the top unless `flipY`.
 * Column labels that are wider than their cells are written turned a quarter left.
 */
export function drawMatrixFigure(values: Float32Array, rows: number, cols: number, map: ColorMapName, range: [number, number], flipY: boolean, x: Axis, y: Axis, colorTitle?: string): Raster {
  const zoom = (size: number, target: number) => Math.max(1, Math.min(16, Math.floor(target / Math.max(1, size))));
  const w = Math.min(640, Math.max(160, cols * zoom(cols, 320)));
  const h = Math.min(480, Math.max(80, rows * zoom(rows, 240)));
  const { pad, tick, line } = MATRIX_PNG;
  const yMarks = axisMarks(y, rows, h, flipY, 9);
  const xWords = !!x.labels;
  const xCell = w / Math.max(1, cols);
  const xMarksLevel = xWords ? axisMarks(x, cols, w, false, 0) : [];
  // Level column labels when every one fits its cell, else turned labels (every k-th if cells < 8 px).
  const xTurned = xWords && xMarksLevel.some((m) => labelWidth(m.text) + 2 > xCell);
  const xMarks = xWords ? (xTurned ? axisMarks(x, cols, w, false, 8) : xMarksLevel) : axisMarks(x, cols, w, false, 24, true);
  const yMarkWidth = Math.max(0, ...yMarks.map((m) => (m.words ? labelWidth(m.text) : textWidth(m.text))));
  const left = pad + yMarkWidth + tick + 3;
  const top = pad + line + 2;
  const xMarkHeight = xTurned ? Math.max(...xMarks.map((m) => labelWidth(m.text))) : xWords ? 7 : 5;
  const colorBarX = left + w + 10;
  const colorBarText = Math.max(textWidth(fmt(range[0])), textWidth(fmt(range[1])));
  const width = Math.max(colorBarX + 10 + 3 + colorBarText + pad, colorTitle ? colorBarX + labelWidth(colorTitle) + pad : 0);
  const height = top + h + tick + 3 + xMarkHeight + 4 + 7 + pad;
  const r = new Raster(width, height);
  r.drawMatrix(values, 0, rows, cols, left, top, w, h, map, range, flipY);
  r.strokeRect(left - 1, top - 1, w + 2, h + 2, [96, 96, 96]);
  r.drawColorBar(colorBarX, top, 10, h, map, range);
  // y: title above the axis, marks to the left of the cells (right-aligned)
  r.label(fitLabel(axisTitle(y), Math.max(60, colorBarX - pad - 8)), pad, pad, TITLE_INK);
  if (colorTitle) r.label(colorTitle, colorBarX, pad, TITLE_INK);
  for (const m of yMarks) {
    const yy = Math.round(top + m.at);
    r.fillRect(left - 1 - tick, yy, tick, 1, INK);
    if (m.words) r.label(m.text, left - 1 - tick - 2 - labelWidth(m.text), Math.min(top + h - 7, Math.max(top, yy - 3)), INK);
    else r.text(m.text, left - 1 - tick - 2 - textWidth(m.text) + 1, Math.min(top + h - 5, Math.max(top - 2, yy - 2)), INK);
  }
  // x: marks under the cells, then the title centred under them
  const below = top + h + 1;
  for (const m of xMarks) {
    const xx = Math.round(left + m.at);
    r.fillRect(xx, below, 1, tick, INK);
    if (!m.words) r.text(m.text, Math.max(0, Math.min(width - textWidth(m.text), xx - Math.floor(textWidth(m.text) / 2))), below + tick + 2, INK);
    else if (xTurned) r.labelUp(m.text, xx - 3, below + tick + 2 + labelWidth(m.text) - 1, INK);
    else r.label(m.text, xx - Math.floor(labelWidth(m.text) / 2), below + tick + 2, INK);
  }
  const xt = fitLabel(axisTitle(x), width - 2 * pad);
  r.label(xt, Math.max(pad, Math.round(left + (w - labelWidth(xt)) / 2)), below + tick + 2 + xMarkHeight + 4, TITLE_INK);
  return r;
}

/** Marks of a token axis: every label that fits (every k-th when cells are under 8 px), and whether they must be turned. */
function tokenMarks(labels: string[], cellSize: number): { marks: Mark[]; turned: boolean; extent: number } {
  const axis: Axis = { label: "", scale: "linear", range: [0, labels.length], labels };
  const level = axisMarks(axis, labels.length, labels.length * cellSize, false, 0);
  const turned = level.some((m) => labelWidth(m.text) + 2 > cellSize);
  const marks = turned ? axisMarks(axis, labels.length, labels.length * cellSize, false, 8) : level;
  return { marks, turned, extent: turned ? Math.max(0, ...marks.map((m) => labelWidth(m.text))) : 7 };
}

/**
 * Attention heads side by side, each [queries, keys] with cell size `zoom`: "head h" above each,
 * query tokens left of the first, key tokens under every head, and a colour bar from 0 to 1.
 */
export function drawAttentionFigure(weights: Float32Array, heads: number, queries: string[], keys: string[], zoom: number, map: ColorMapName): Raster {
  const Q = queries.length, K = keys.length;
  const { pad, tick, line } = MATRIX_PNG;
  const gap = 10;
  const rowsMarks = axisMarks({ label: "", scale: "linear", range: [0, Q], labels: queries }, Q, Q * zoom, false, 8);
  const cols = tokenMarks(keys, zoom);
  const left = pad + Math.max(0, ...rowsMarks.map((m) => labelWidth(m.text))) + tick + 3;
  const top = pad + line;
  const w = K * zoom, h = Q * zoom;
  const colorBarX = left + heads * (w + gap) + 4;
  const r = new Raster(colorBarX + 10 + 3 + textWidth("0.5") + pad, top + h + 1 + tick + 2 + cols.extent + pad);
  for (let head = 0; head < heads; head++) {
    const x0 = left + head * (w + gap);
    r.drawMatrix(weights, head * Q * K, Q, K, x0, top, w, h, map, [0, 1]);
    if (heads > 1) r.label(fitLabel(`head ${head}`, w + gap - 2), x0, pad - 2, TITLE_INK);
    for (const m of cols.marks) {
      const xx = Math.round(x0 + m.at);
      r.fillRect(xx, top + h, 1, tick, INK);
      if (cols.turned) r.labelUp(m.text, xx - 3, top + h + tick + 2 + labelWidth(m.text) - 1, INK);
      else r.label(m.text, xx - Math.floor(labelWidth(m.text) / 2), top + h + tick + 2, INK);
    }
  }
  for (const m of rowsMarks) {
    const yy = Math.round(top + m.at);
    r.fillRect(left - 1 - tick, yy, tick, 1, INK);
    r.label(m.text, left - 1 - tick - 2 - labelWidth(m.text), Math.min(top + h - 7, Math.max(top, yy - 3)), INK);
  }
  r.drawColorBar(colorBarX, top, 8, Math.max(20, h), map, [0, 1]);
  return r;
}
