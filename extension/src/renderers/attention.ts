// kind "attention": one head at a time (selector), query tokens down, key tokens across, hover weight.
import { colorScale, decodeArray, PayloadError, strings, type Payload } from "../decode";
import { el, fmt, header, matrixPanel } from "../draw";

export function renderAttention(host: HTMLElement, p: Payload): void {
  const { shape, values } = decodeArray(p.weights, "attention weights");
  if (shape.length !== 3) throw new PayloadError(`attention weights: expected [heads, queries, keys], got [${shape.join(", ")}]`);
  const [H, Q, K] = shape;
  const queries = strings(p.queries), keys = strings(p.keys);
  if (queries.length !== Q || keys.length !== K) throw new PayloadError(`attention: ${queries.length} query and ${keys.length} key labels for weights [${shape.join(", ")}]`);
  const color = colorScale(p, [0, 1]);
  header(host, p.title, p.cut);
  const controls = el("div", "axone-controls");
  const select = el("select", "axone-head-select");
  select.setAttribute("aria-label", "attention head");
  for (let h = 0; h < H; h++) {
    const opt = el("option", undefined, `head ${h}`);
    opt.value = String(h);
    select.append(opt);
  }
  if (H > 1) {
    const mean = el("option", undefined, "mean of heads");
    mean.value = "mean";
    select.append(mean);
  }
  controls.append(el("label", undefined, "Head: "), select);
  host.append(controls);
  const panel = el("div", "axone-panel");
  host.append(panel);
  const mean = new Float32Array(Q * K);
  for (let h = 0; h < H; h++) for (let i = 0; i < Q * K; i++) mean[i] += values[h * Q * K + i] / H;
  const draw = () => {
    panel.replaceChildren();
    const head = select.value === "mean" ? -1 : Number(select.value);
    matrixPanel(panel, {
      values: head < 0 ? mean : values, offset: head < 0 ? 0 : head * Q * K, rows: Q, cols: K, color,
      x: { label: "key", scale: "linear", range: [0, K], labels: keys },
      y: { label: "query", scale: "linear", range: [0, Q], labels: queries },
      describe: (q, k, v) => `${head < 0 ? "mean" : `head ${head}`}: query “${queries[q]}” → key “${keys[k]}”: ${fmt(v)}`,
    });
  };
  select.addEventListener("change", draw);
  draw();
}
