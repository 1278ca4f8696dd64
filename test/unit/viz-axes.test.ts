// PNG fallbacks honour log axes and fixed ranges: plotly's layout.{x,y}axis.type "log" and range
// (in decades on a log axis), and viz.curves({ yScale: "log" }). Checked by decoding the PNG and
// finding where the series colour was drawn.
import { describe, expect, it } from "vitest";
import { PNG } from "pngjs";
import { plot, viz } from "axone";
import { makeScale, ticks, tickLabel } from "../../lib/viz/axes";

const BLUE = [31, 119, 180]; // SERIES_COLORS[0]

function decode(base64: string): PNG {
  return PNG.sync.read(Buffer.from(base64, "base64"));
}

/** Rows (top = 0) where column `x` of the PNG has the colour `rgb`. */
function rowsOf(png: PNG, x: number, rgb: number[]): number[] {
  const rows: number[] = [];
  for (let y = 0; y < png.height; y++) {
    const i = (y * png.width + x) * 4;
    if (png.data[i] === rgb[0] && png.data[i + 1] === rgb[1] && png.data[i + 2] === rgb[2]) rows.push(y);
  }
  return rows;
}

/** Columns where the colour appears at all, left to right. */
function columnsWith(png: PNG, rgb: number[]): number[] {
  const cols: number[] = [];
  for (let x = 0; x < png.width; x++) if (rowsOf(png, x, rgb).length) cols.push(x);
  return cols;
}

const mean = (a: number[]) => a.reduce((s, v) => s + v, 0) / a.length;

describe("axis scales and ticks", () => {
  it("log ticks are powers of ten, with 2 and 5 over a short range", () => {
    expect(ticks(makeScale([1, 1000], { type: "log" }))).toEqual([1, 10, 100, 1000]);
    expect(ticks(makeScale([1, 30], { type: "log" }))).toEqual([1, 2, 5, 10, 20]);
    expect(ticks(makeScale([1e-4, 1], { type: "log" }))).toEqual([1e-4, 1e-3, 0.01, 0.1, 1]);
    expect(tickLabel(1e-4)).toBe("1e-4");
    expect(tickLabel(100000)).toBe("1e5");
    expect(tickLabel(0.01)).toBe("0.01");
  });

  it("linear ticks step by 1, 2 or 5 times a power of ten", () => {
    expect(ticks(makeScale([0, 10]))).toEqual([0, 2, 4, 6, 8, 10]);
    expect(ticks(makeScale([-0.3, 0.7]))).toEqual([-0.2, 0, 0.2, 0.4, 0.6]);
  });

  it("a plotly log range is read in decades, a linear one as values; only positive data count on log", () => {
    expect(makeScale([5], { type: "log", range: [0, 3] })).toEqual({ type: "log", lo: 1, hi: 1000 });
    expect(makeScale([5], { range: [2, 4] })).toEqual({ type: "linear", lo: 2, hi: 4 });
    expect(makeScale([-5, 0, 10, 100], { type: "log" })).toEqual({ type: "log", lo: 10, hi: 100 });
  });
});

describe("plot PNG with layout axes", () => {
  const x = Array.from({ length: 31 }, (_, i) => i / 10); // 0 … 3
  const y = x.map((v) => 10 ** v); // 1 … 1000: a straight line on a log y axis

  it("yaxis type log: an exponential is drawn as a straight line", () => {
    const png = decode(plot([{ x, y }], { yaxis: { type: "log" } }).png);
    const cols = columnsWith(png, BLUE);
    const [left, right] = [cols[0], cols[cols.length - 1]];
    const at = (c: number) => mean(rowsOf(png, c, BLUE));
    const top = at(right), bottom = at(left);
    // the middle of the x range (x = 1.5, y ≈ 31.6) is halfway up on a log axis
    const mid = at(Math.round((left + right) / 2));
    expect(Math.abs(mid - (top + bottom) / 2)).toBeLessThanOrEqual(2);
    // on a linear axis the same point sits near the bottom (31.6 of 1000)
    const lin = decode(plot([{ x, y }]).png);
    const lcols = columnsWith(lin, BLUE);
    const lmid = mean(rowsOf(lin, Math.round((lcols[0] + lcols[lcols.length - 1]) / 2), BLUE));
    const ltop = mean(rowsOf(lin, lcols[lcols.length - 1], BLUE)), lbottom = mean(rowsOf(lin, lcols[0], BLUE));
    expect((lbottom - lmid) / (lbottom - ltop)).toBeLessThan(0.1);
  });

  it("a fixed x range cuts the trace at the plot edge and stretches the rest", () => {
    const full = decode(plot([{ x, y: x }]).png);
    const half = decode(plot([{ x, y: x }], { xaxis: { range: [0, 1.5] }, yaxis: { range: [0, 1.5] } }).png);
    const fc = columnsWith(full, BLUE), hc = columnsWith(half, BLUE);
    // same plot area width: the half range spans it all, and nothing is drawn past its right edge
    expect(hc[hc.length - 1] - hc[0]).toBeGreaterThanOrEqual(fc[fc.length - 1] - fc[0] - 2);
    expect(hc[hc.length - 1]).toBeLessThanOrEqual(fc[fc.length - 1]);
    // y = x with equal ranges: the line reaches the top of the plot area at the right edge
    expect(Math.min(...rowsOf(half, hc[hc.length - 1], BLUE))).toBeLessThanOrEqual(Math.min(...rowsOf(full, fc[fc.length - 1], BLUE)) + 1);
  });

  it("log x and y axes with a range in decades", () => {
    const xs = [1, 10, 100, 1000], ys = [1, 10, 100, 1000];
    const png = decode(plot([{ x: xs, y: ys }], { xaxis: { type: "log", range: [0, 3] }, yaxis: { type: "log", range: [0, 3] } }).png);
    const cols = columnsWith(png, BLUE);
    // y = x on log–log with equal decades: a diagonal, so the mid column is at mid height
    const at = (c: number) => mean(rowsOf(png, c, BLUE));
    const mid = at(Math.round((cols[0] + cols[cols.length - 1]) / 2));
    expect(Math.abs(mid - (at(cols[0]) + at(cols[cols.length - 1])) / 2)).toBeLessThanOrEqual(2);
  });
});

describe("curves PNG with yScale log", () => {
  it("a loss falling by powers of ten is a straight line, points ≤ 0 are skipped", () => {
    const live = viz.curves({ yScale: "log", display: () => undefined });
    for (let step = 0; step <= 40; step++) live.push({ loss: 10 ** (-step / 10) }, step);
    live.push({ loss: 0 }, 41); // log(0): not drawn, no error
    const fig = live.figure();
    expect(fig.payload.y.scale).toBe("log");
    const png = decode(fig.png);
    const cols = columnsWith(png, BLUE).filter((c) => c > 60); // leave the colour key out
    const at = (c: number) => mean(rowsOf(png, c, BLUE));
    const left = cols[0], right = cols[cols.length - 1];
    const mid = at(Math.round((left + right) / 2));
    expect(Math.abs(mid - (at(left) + at(right)) / 2)).toBeLessThanOrEqual(2.5);
    const linear = viz.curves({ display: () => undefined });
    for (let step = 0; step <= 40; step++) linear.push({ loss: 10 ** (-step / 10) }, step);
    const lp = decode(linear.figure().png);
    const lc = columnsWith(lp, BLUE).filter((c) => c > 60);
    const lmid = mean(rowsOf(lp, Math.round((lc[0] + lc[lc.length - 1]) / 2), BLUE));
    const ltop = mean(rowsOf(lp, lc[0], BLUE)), lbottom = mean(rowsOf(lp, lc[lc.length - 1], BLUE));
    // linear: 10^-2 of the way up at the middle, i.e. next to the bottom
    expect((lbottom - lmid) / (lbottom - ltop)).toBeLessThan(0.05);
  });
});
