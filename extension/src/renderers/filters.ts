// kind "filters": conv kernels as an out × in grid (RdBu around 0) or as RGB tiles; hover reads weights.
import { colorScale, decodeArray, PayloadError, range, type Payload } from "../decode";
import { canvas, colorBar, el, fmt, header, matrixImage, theme } from "../draw";

export function renderFilters(host: HTMLElement, p: Payload): void {
  const { shape, values } = decodeArray(p.weights, "filter weights");
  if (shape.length !== 4) throw new PayloadError(`filter weights: expected [out, in, kh, kw], got [${shape.join(", ")}]`);
  const [O, I, KH, KW] = shape;
  const [lo, hi] = range(values);
  const m = Math.max(Math.abs(lo), Math.abs(hi)) || 1;
  const color = colorScale(p, [-m, m]);
  const rgb = p.mode === "rgb" && I === 3;
  // One input channel: the O kernels as a near-square grid rather than one tall column.
  const single = !rgb && I === 1;
  const z = Math.max(2, Math.min(16, Math.floor(40 / Math.max(KH, KW))));
  const tw = KW * z, th = KH * z, gap = 3;
  const cols = rgb || single ? Math.ceil(Math.sqrt(O)) : I;
  const rows = rgb || single ? Math.ceil(O / cols) : O;
  // tile (o, i) → grid position
  const place = (o: number, i: number): [number, number] => (single ? [o % cols, Math.floor(o / cols)] : [i, o]);
  header(host, p.title, p.cut);
  const t = theme(host);
  const W = cols * (tw + gap) + 100, H = Math.max(rows * (th + gap), 80);
  const { canvas: c, ctx } = canvas(W, H);
  ctx.imageSmoothingEnabled = false;
  const k2 = KH * KW;
  if (rgb) {
    for (let o = 0; o < O; o++) {
      const tile = document.createElement("canvas");
      tile.width = KW; tile.height = KH;
      const tctx = tile.getContext("2d") as CanvasRenderingContext2D;
      const img = tctx.createImageData(KW, KH);
      for (let k = 0; k < k2; k++) {
        for (let ch = 0; ch < 3; ch++) img.data[k * 4 + ch] = Math.round(((values[(o * 3 + ch) * k2 + k] / m) * 0.5 + 0.5) * 255);
        img.data[k * 4 + 3] = 255;
      }
      tctx.putImageData(img, 0, 0);
      ctx.drawImage(tile, (o % cols) * (tw + gap), Math.floor(o / cols) * (th + gap), tw, th);
    }
  } else {
    for (let o = 0; o < O; o++) for (let i = 0; i < I; i++) {
      const [gx, gy] = place(o, i);
      ctx.drawImage(matrixImage(values, (o * I + i) * k2, KH, KW, color.map, color.range), gx * (tw + gap), gy * (th + gap), tw, th);
    }
    colorBar(ctx, t, cols * (tw + gap) + 8, 0, 10, Math.min(H, 160), { ...color, label: "weight" });
  }
  const readout = el("div", "axone-readout", `${O}×${I} kernels of ${KH}×${KW}`);
  c.addEventListener("mousemove", (ev) => {
    const r = c.getBoundingClientRect();
    const x = ev.clientX - r.left, y = ev.clientY - r.top;
    const tc = Math.floor(x / (tw + gap)), tr = Math.floor(y / (th + gap));
    const kx = Math.floor((x - tc * (tw + gap)) / z), ky = Math.floor((y - tr * (th + gap)) / z);
    if (tc >= cols || tr >= rows || kx >= KW || ky >= KH) return;
    if (rgb) {
      const o = tr * cols + tc;
      if (o >= O) return;
      const w = [0, 1, 2].map((ch) => fmt(values[(o * 3 + ch) * k2 + ky * KW + kx]));
      readout.textContent = `filter ${o}, (${ky}, ${kx}): R ${w[0]}, G ${w[1]}, B ${w[2]}`;
    } else {
      const [o, i] = single ? [tr * cols + tc, 0] : [tr, tc];
      if (o >= O) return;
      readout.textContent = `out ${o}, in ${i}, (${ky}, ${kx}): ${fmt(values[(o * I + i) * k2 + ky * KW + kx])}`;
    }
  });
  host.append(c, readout);
}
