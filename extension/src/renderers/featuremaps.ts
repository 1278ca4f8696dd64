// kind "featuremaps": a grid of maps (channel index under each); hover reads a value, a click on a
// tile zooms it to a full panel with axes and colour bar, "back to grid" returns.
import { colorScale, decodeArray, PayloadError, range, type Payload } from "../decode";
import { canvas, el, fmt, header, matrixImage, matrixPanel } from "../draw";

export function renderFeatureMaps(host: HTMLElement, p: Payload): void {
  const { shape, values } = decodeArray(p.maps, "feature maps");
  if (shape.length !== 3) throw new PayloadError(`feature maps: expected [maps, height, width], got [${shape.join(", ")}]`);
  const [N, H, W] = shape;
  const channels = Array.isArray(p.channels) && p.channels.length === N ? (p.channels as number[]) : Array.from({ length: N }, (_, i) => i);
  const perMap = p.normalize !== "global";
  const global = colorScale(p, range(values));
  const per = H * W;
  const mapRange = (i: number): [number, number] => (perMap ? range(values.subarray(i * per, (i + 1) * per)) : global.range);
  header(host, p.title, p.cut);
  const body = el("div", "axone-panel");
  host.append(body);
  const zoom = Math.max(1, Math.min(8, Math.floor(72 / Math.max(H, W))));
  const showGrid = () => {
    body.replaceChildren();
    const gridEl = el("div", "axone-grid");
    const readout = el("div", "axone-readout", "\u00a0");
    for (let i = 0; i < N; i++) {
      const tile = el("figure", "axone-tile");
      const { canvas: c, ctx } = canvas(W * zoom, H * zoom);
      ctx.imageSmoothingEnabled = false;
      ctx.drawImage(matrixImage(values, i * per, H, W, global.map, mapRange(i)), 0, 0, W * zoom, H * zoom);
      c.title = `channel ${channels[i]}: click to zoom`;
      c.addEventListener("mousemove", (ev) => {
        const r = c.getBoundingClientRect();
        const x = Math.min(W - 1, Math.floor((ev.clientX - r.left) / zoom)), y = Math.min(H - 1, Math.floor((ev.clientY - r.top) / zoom));
        readout.textContent = `channel ${channels[i]}, row ${y}, col ${x}: ${fmt(values[i * per + y * W + x])}`;
      });
      c.addEventListener("click", () => showOne(i));
      tile.append(c, el("figcaption", undefined, String(channels[i])));
      gridEl.append(tile);
    }
    body.append(gridEl, readout);
  };
  const showOne = (i: number) => {
    body.replaceChildren();
    const back = el("button", "axone-button", "◀ back to grid");
    back.addEventListener("click", showGrid);
    body.append(back, el("div", "axone-subtitle", `channel ${channels[i]}`));
    matrixPanel(body, {
      values, offset: i * per, rows: H, cols: W,
      x: { label: "column", scale: "linear", range: [0, W] },
      y: { label: "row", scale: "linear", range: [0, H] },
      color: { ...global, range: mapRange(i) },
      describe: (r, c, v) => `channel ${channels[i]}, row ${r}, col ${c}: ${fmt(v)}`,
    });
  };
  showGrid();
}
