// kind "spectrogram": time (s) across, frequency (Hz, linear or mel rows) up, dB colour bar.
import { axis, colorScale, decodeArray, PayloadError, range, type Payload } from "../decode";
import { fmt, header, matrixPanel } from "../draw";

const hzToMel = (hz: number) => 2595 * Math.log10(1 + hz / 700);
const melToHz = (mel: number) => 700 * (10 ** (mel / 2595) - 1);

export function renderSpectrogram(host: HTMLElement, p: Payload): void {
  const { shape, values } = decodeArray(p.values, "spectrogram values");
  if (shape.length !== 2) throw new PayloadError(`spectrogram values: expected [frequency, frames], got [${shape.join(", ")}]`);
  const [rows, cols] = shape;
  const x = axis(p, "x", { label: "frame", scale: "linear", range: [0, cols] });
  const y = axis(p, "y", { label: "frequency bin", scale: "linear", range: [0, rows] });
  const color = colorScale(p, range(values));
  const at = (a: typeof x, i: number, n: number) => {
    const f = (i + 0.5) / n;
    if (a.scale === "mel") return melToHz(hzToMel(a.range[0]) + f * (hzToMel(a.range[1]) - hzToMel(a.range[0])));
    return a.range[0] + f * (a.range[1] - a.range[0]);
  };
  header(host, p.title, p.cut);
  matrixPanel(host, {
    values, rows, cols, x, y, color, flipY: true,
    describe: (r, c, v) => `${x.label} ${fmt(at(x, c, cols))}${x.unit ? ` ${x.unit}` : ""}, ${y.label} ${fmt(at(y, r, rows))}${y.unit ? ` ${y.unit}` : ""}: ${fmt(v)}${color.unit ? ` ${color.unit}` : ""}`,
  });
}
