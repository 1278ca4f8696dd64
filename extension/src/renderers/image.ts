// kind "image": grey or RGB pixels, scaled up without smoothing, hover shows the pixel.
import { decodeArray, PayloadError, type Payload } from "../decode";
import { canvas, el, header } from "../draw";

export function renderImage(host: HTMLElement, p: Payload): void {
  const { shape, values } = decodeArray(p.pixels, "image pixels");
  if (shape.length !== 3 || (shape[2] !== 1 && shape[2] !== 3)) throw new PayloadError(`image pixels: expected [height, width, 1 or 3], got [${shape.join(", ")}]`);
  const [H, W, C] = shape;
  const src = document.createElement("canvas");
  src.width = W; src.height = H;
  const sctx = src.getContext("2d") as CanvasRenderingContext2D;
  const img = sctx.createImageData(W, H);
  for (let i = 0; i < H * W; i++) {
    for (let c = 0; c < 3; c++) img.data[i * 4 + c] = values[i * C + (C === 3 ? c : 0)];
    img.data[i * 4 + 3] = 255;
  }
  sctx.putImageData(img, 0, 0);
  const zoom = Math.max(1, Math.min(16, Math.floor(256 / Math.max(H, W))));
  header(host, p.title, p.cut);
  const { canvas: c, ctx } = canvas(W * zoom, H * zoom);
  ctx.imageSmoothingEnabled = false;
  ctx.drawImage(src, 0, 0, W * zoom, H * zoom);
  const readout = el("div", "axone-readout", `${W}×${H} ${C === 3 ? "RGB" : "grey"}`);
  const vr = Array.isArray(p.valueRange) ? (p.valueRange as number[]) : [0, 255];
  c.addEventListener("mousemove", (ev) => {
    const r = c.getBoundingClientRect();
    const x = Math.floor((ev.clientX - r.left) / zoom), y = Math.floor((ev.clientY - r.top) / zoom);
    if (x < 0 || y < 0 || x >= W || y >= H) return;
    const px = Array.from({ length: C }, (_, k) => values[(y * W + x) * C + k]);
    const val = px.map((q) => Number((vr[0] + (q / 255) * (vr[1] - vr[0])).toPrecision(3)));
    readout.textContent = `x ${x}, y ${y}: ${C === 3 ? `rgb(${val.join(", ")})` : val[0]}`;
  });
  host.append(c, readout);
}
