// kind "heatmap": a matrix with axes (numbers or row/column labels), colour bar and hover value.
import { axis, colorScale, decodeArray, PayloadError, range, type Payload } from "../decode";
import { fmt, header, matrixPanel } from "../draw";

export function renderHeatmap(host: HTMLElement, p: Payload): void {
  const { shape, values } = decodeArray(p.values, "heatmap values");
  if (shape.length !== 2) throw new PayloadError(`heatmap values: expected [rows, cols], got [${shape.join(", ")}]`);
  const [rows, cols] = shape;
  const x = axis(p, "x", { label: "column", scale: "linear", range: [0, cols] });
  const y = axis(p, "y", { label: "row", scale: "linear", range: [0, rows] });
  if (x.labels && x.labels.length !== cols) x.labels = undefined;
  if (y.labels && y.labels.length !== rows) y.labels = undefined;
  const color = colorScale(p, range(values));
  header(host, p.title, p.cut);
  matrixPanel(host, {
    values, rows, cols, x, y, color,
    describe: (r, c, v) => `${y.labels ? y.labels[r] : `${y.label} ${r}`}, ${x.labels ? x.labels[c] : `${x.label} ${c}`}: ${fmt(v)}${color.unit ? ` ${color.unit}` : ""}`,
  });
}
