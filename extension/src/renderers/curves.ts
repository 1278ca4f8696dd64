// kind "curves": several series against step, epoch markers, legend, hover read-out. Updates
// (update_display_data) redraw into the same canvas, so the output never flickers or jumps.
import { axis, decodeArray, type Payload } from "../decode";
import { axisTicks, axisTitle, el, fmt, resize, SERIES_COLORS, theme } from "../draw";

interface State { canvas: HTMLCanvasElement; legend: HTMLElement; title: HTMLElement; readout: HTMLElement; cut: HTMLElement; draws: number; payload?: Payload }
const states = new WeakMap<HTMLElement, State>();

export function renderCurves(host: HTMLElement, p: Payload): void {
  let s = states.get(host);
  if (!s || !host.contains(s.canvas)) {
    host.replaceChildren();
    s = { canvas: el("canvas", "axone-canvas axone-curves"), legend: el("div", "axone-legend"), title: el("div", "axone-title"), readout: el("div", "axone-readout", "\u00a0"), cut: el("div", "axone-cut"), draws: 0 };
    host.append(s.title, s.cut, s.canvas, s.legend, s.readout);
    states.set(host, s);
    const st = s;
    st.canvas.addEventListener("mousemove", (ev) => hover(st, ev));
  }
  s.payload = p;
  s.title.textContent = p.title;
  s.cut.textContent = p.cut.length ? `Shown in part: ${p.cut.join("; ")}` : "";
  s.draws++;
  host.dataset.draws = String(s.draws);
  draw(host, s);
}

const W = 560, H = 280, L = 56, R = 12, T = 10, B = 38;

function series(p: Payload) {
  const list = Array.isArray(p.series) ? (p.series as Record<string, unknown>[]) : [];
  return list.map((e, i) => ({ name: String(e.name ?? `series ${i}`), x: decodeArray(e.x, `series ${i} x`).values, y: decodeArray(e.y, `series ${i} y`).values, last: typeof e.last === "number" ? e.last : null }));
}

function draw(host: HTMLElement, s: State): void {
  const p = s.payload as Payload;
  const t = theme(host);
  const ctx = resize(s.canvas, W, H);
  const all = series(p);
  const x = axis(p, "x", { label: "step", scale: "linear", range: [0, 1] });
  const y = axis(p, "y", { label: "value", scale: "linear", range: [0, 1] });
  const [x0, x1] = x.range[1] > x.range[0] ? x.range : [x.range[0], x.range[0] + 1];
  const logY = y.scale === "log" && y.range[0] > 0;
  const [y0, y1] = y.range[1] > y.range[0] ? y.range : [y.range[0] - 0.5, y.range[0] + 0.5];
  const pw = W - L - R, ph = H - T - B;
  const tx = (v: number) => L + ((v - x0) / (x1 - x0)) * pw;
  const ty = (v: number) => (logY ? T + ph - ((Math.log10(v) - Math.log10(y0)) / (Math.log10(y1) - Math.log10(y0) || 1)) * ph : T + ph - ((v - y0) / (y1 - y0)) * ph);
  ctx.clearRect(0, 0, W, H);
  ctx.font = t.font;
  ctx.fillStyle = t.fg;
  ctx.strokeStyle = t.border;
  ctx.strokeRect(L - 0.5, T - 0.5, pw + 1, ph + 1);
  ctx.textAlign = "center"; ctx.textBaseline = "top";
  for (const [f, label] of axisTicks({ ...x, range: [x0, x1] })) { ctx.fillRect(L + f * pw, T + ph, 1, 4); ctx.fillText(label, L + f * pw, T + ph + 5); }
  ctx.fillText(axisTitle(x), L + pw / 2, H - 14);
  ctx.textAlign = "right"; ctx.textBaseline = "middle";
  for (const [f, label] of axisTicks({ ...y, scale: logY ? "log" : "linear", range: [y0, y1] })) { ctx.fillRect(L - 4, T + ph - f * ph, 4, 1); ctx.fillText(label, L - 6, T + ph - f * ph); }
  ctx.save(); ctx.translate(12, T + ph / 2); ctx.rotate(-Math.PI / 2); ctx.textAlign = "center"; ctx.fillText(axisTitle(y), 0, 0); ctx.restore();
  const epochs = Array.isArray(p.epochs) ? (p.epochs as { step: number; epoch: number }[]) : [];
  ctx.strokeStyle = t.border;
  ctx.setLineDash([3, 3]);
  for (const e of epochs) { ctx.beginPath(); ctx.moveTo(tx(e.step), T); ctx.lineTo(tx(e.step), T + ph); ctx.stroke(); }
  ctx.setLineDash([]);
  ctx.save();
  ctx.beginPath(); ctx.rect(L, T, pw, ph); ctx.clip();
  all.forEach((sr, i) => {
    ctx.strokeStyle = SERIES_COLORS[i % SERIES_COLORS.length];
    ctx.lineWidth = 1.5;
    ctx.beginPath();
    let pen = false;
    for (let j = 0; j < sr.x.length; j++) {
      const v = sr.y[j];
      if (!Number.isFinite(v) || (logY && v <= 0)) { pen = false; continue; }
      if (pen) ctx.lineTo(tx(sr.x[j]), ty(v)); else ctx.moveTo(tx(sr.x[j]), ty(v));
      pen = true;
    }
    if (sr.x.length === 1) ctx.arc(tx(sr.x[0]), ty(sr.y[0]), 2, 0, 2 * Math.PI);
    ctx.stroke();
  });
  ctx.restore();
  // Legend: reuse spans so updates change text only.
  while (s.legend.children.length > all.length) s.legend.lastChild?.remove();
  all.forEach((sr, i) => {
    let item = s.legend.children[i] as HTMLElement | undefined;
    if (!item) { item = el("span", "axone-legend-item"); item.append(el("span", "axone-swatch"), el("span")); s.legend.append(item); }
    (item.firstChild as HTMLElement).style.background = SERIES_COLORS[i % SERIES_COLORS.length];
    (item.lastChild as HTMLElement).textContent = `${sr.name}: ${sr.last === null ? "–" : fmt(sr.last)}`;
  });
  s.canvas.dataset.live = String(p.live === true);
  s.canvas.setAttribute("role", "img");
  s.canvas.setAttribute("aria-label", `x axis: ${axisTitle(x)}; y axis: ${axisTitle(y)}; series: ${all.map((sr) => sr.name).join(", ")}`);

}

function hover(s: State, ev: MouseEvent): void {
  if (!s.payload) return;
  const r = s.canvas.getBoundingClientRect();
  const px = ev.clientX - r.left;
  const x = axis(s.payload, "x", { label: "step", scale: "linear", range: [0, 1] });
  const step = x.range[0] + ((px - L) / (W - L - R)) * (x.range[1] - x.range[0]);
  const parts = series(s.payload).map((sr) => {
    let best = -1;
    for (let j = 0; j < sr.x.length; j++) if (best < 0 || Math.abs(sr.x[j] - step) < Math.abs(sr.x[best] - step)) best = j;
    return best < 0 ? "" : `${sr.name} ${fmt(sr.y[best])}`;
  });
  s.readout.textContent = `${x.label} ${fmt(Math.round(step))}: ${parts.filter(Boolean).join(", ")}`;
}
