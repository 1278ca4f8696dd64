import { describe, expect, it } from "vitest";
import { PNG } from "pngjs";
import * as viz from "../../lib/viz";
import { AXONE_MIME, PLOTLY_MIME, decodeArray, LIMITS, type ArrayLikeTensor, type MimeBundle } from "../../lib/viz";

/** A tensor stand-in: shape and row-major numbers (what the builders need of a Tensor). */
const t = (shape: number[], f: (i: number) => number): ArrayLikeTensor => {
  const n = shape.reduce((a, b) => a * b, 1);
  const data = Float32Array.from({ length: n }, (_, i) => f(i));
  return { shape, data: () => data };
};

const DISPLAY = Symbol.for("Jupyter.display");

/** Decodes the bundle's PNG and checks it is a real picture: right size, more than one colour. */
function checkPng(bundle: MimeBundle, width?: number, height?: number): PNG {
  const png = PNG.sync.read(Buffer.from(bundle["image/png"] as string, "base64"));
  if (width !== undefined) expect(png.width).toBe(width);
  if (height !== undefined) expect(png.height).toBe(height);
  const colours = new Set<number>();
  for (let i = 0; i < png.data.length; i += 4) colours.add(png.data.readUInt32BE(i));
  expect(colours.size).toBeGreaterThan(2);
  return png;
}

function checkBundle(fig: { [DISPLAY](): MimeBundle }, kind: string) {
  const bundle = fig[DISPLAY]();
  const payload = bundle[AXONE_MIME] as { kind: string; version: number; title: string; cut: string[] };
  expect(payload.kind).toBe(kind);
  expect(payload.version).toBe(1);
  expect(typeof bundle["text/plain"]).toBe("string");
  // text/html only where it adds to the PNG (a table, a note of what was cut), never script.
  if (bundle["text/html"] !== undefined) expect(bundle["text/html"]).toMatch(/^<figure[^]*<img src="data:image\/png;base64,/);
  if (payload.cut.length === 0 && kind !== "summary") expect(bundle["text/html"]).toBeUndefined();
  expect(bundle["text/html"] ?? "").not.toMatch(/<script/i);
  expect(JSON.parse(JSON.stringify(payload))).toEqual(payload); // plain JSON
  return { bundle, payload };
}

describe("encoding", () => {
  it("round-trips float32 through base64 exactly", () => {
    const values = Float32Array.from([0, -1.5, 3.25, 1e-7, -65504, Math.PI]);
    const enc = viz.encodeArray(values, [2, 3]);
    expect(enc.dtype).toBe("float32");
    expect(enc.shape).toEqual([2, 3]);
    expect(Array.from(decodeArray(enc))).toEqual(Array.from(values));
    // little-endian bytes: 1.0f is 00 00 80 3f
    expect(Buffer.from(viz.encodeArray([1], [1]).data, "base64")).toEqual(Buffer.from([0, 0, 0x80, 0x3f]));
  });

  it("quantises large arrays to uint8 over their domain and says so", () => {
    const n = LIMITS.quantiseAboveBytes / 4 + 10;
    const values = Float32Array.from({ length: n }, (_, i) => Math.sin(i / 100) * 3);
    const cut: string[] = [];
    const enc = viz.encodeArray(values, [n], { cut });
    expect(enc.dtype).toBe("uint8");
    expect(enc.domain![0]).toBeCloseTo(-3, 3);
    expect(cut.join()).toMatch(/quantised to 8 bits/);
    const back = decodeArray(enc);
    let worst = 0;
    for (let i = 0; i < n; i++) worst = Math.max(worst, Math.abs(back[i] - values[i]));
    expect(worst).toBeLessThanOrEqual(6 / 255 / 2 + 1e-6);
  });

  it("rejects a shape that does not match the data", () => {
    expect(() => viz.encodeArray([1, 2, 3], [2, 2])).toThrow(/shape \[2, 2\] holds 4 values but 3/);
  });
});

describe("featureMaps", () => {
  it("takes an activation [N,C,H,W], shows sample 0 and keeps the values", () => {
    const act = t([2, 4, 6, 5], (i) => (i % 7) - 3);
    const fig = viz.featureMaps(act);
    const { payload } = checkBundle(fig, "featuremaps");
    const p = payload as unknown as viz.FeatureMapsPayload;
    expect(p.maps.shape).toEqual([4, 6, 5]);
    expect(p.channels).toEqual([0, 1, 2, 3]);
    expect(Array.from(decodeArray(p.maps))).toEqual(Array.from(act.data()).slice(0, 120));
    expect(p.cut.join()).toMatch(/sample 0 of a batch of 2/);
    checkPng(fig.bundle());
  });

  it("caps the number of maps and their size", () => {
    const fig = viz.featureMaps(t([1, 100, 300, 300], (i) => i % 13));
    const p = fig.payload;
    expect(p.maps.shape[0]).toBe(LIMITS.maxMaps);
    expect(p.maps.shape[1] * p.maps.shape[2]).toBeLessThanOrEqual(LIMITS.maxMapCells);
    expect(p.totalChannels).toBe(100);
    expect(p.cut.join(" ")).toMatch(/64 of 100 channels/);
    expect(p.cut.join(" ")).toMatch(/averaged over 3×3 blocks/);
    expect(JSON.stringify(fig.bundle()).length).toBeLessThan(3 << 20);
    // Worst case: 64 noisy maps of 128×128 (quantised payload, sampled PNG tiles).
    const noisy = viz.featureMaps(t([1, 64, 128, 128], (i) => Math.sin(i * 12.9898) * 43758.5453 % 1));
    const bundle = noisy.bundle();
    expect(JSON.stringify(bundle).length).toBeLessThan(4 << 20);
    expect(noisy.payload.maps.dtype).toBe("uint8");
    const png = checkPng(bundle);
    expect(Math.max(png.width, png.height)).toBeLessThanOrEqual(8 * 98 + 8 + 14); // + the title band
  });

  it("captures a layer's output with a forward hook, alone or inside a model", () => {
    const hooks: ((m: unknown, i: unknown[], o: unknown) => void)[] = [];
    const out = t([1, 3, 4, 4], (i) => i);
    const layer = Object.assign((x: unknown) => { hooks.forEach((h) => h(layer, [x], out)); return out; }, {
      typeName: "Conv2d",
      registerForwardHook(h: (m: unknown, i: unknown[], o: unknown) => void) { hooks.push(h); return { remove: () => hooks.splice(hooks.indexOf(h), 1) }; },
    });
    const fig = viz.featureMaps(layer, t([1, 1, 6, 6], () => 0));
    expect(fig.payload.maps.shape).toEqual([3, 4, 4]);
    expect(fig.payload.layer).toBe("Conv2d");
    expect(hooks.length).toBe(0); // hook removed
    const model = (x: unknown) => { layer(x); return t([1, 2], () => 0); };
    expect(viz.featureMaps(layer, null, { model }).payload.maps.shape).toEqual([3, 4, 4]);
    expect(() => viz.featureMaps(layer, null, { model: () => 0 })).toThrow(/did not run during model/);
  });

  it("names the shape when it cannot draw it", () => {
    expect(() => viz.featureMaps(t([2, 2, 2, 2, 2], () => 0))).toThrow(/\[2, 2, 2, 2, 2\]/);
    expect(() => viz.featureMaps(t([1, 3, 2, 2], () => 0), undefined, { channels: [5] })).toThrow(/channel 5 does not exist.*3 channels/);
  });
});

describe("filters", () => {
  it("draws [out, in, kh, kw] kernels as a grid with a symmetric RdBu scale", () => {
    const w = t([6, 2, 5, 5], (i) => Math.sin(i));
    const fig = viz.filters({ weight: w });
    const { payload } = checkBundle(fig, "filters");
    const p = payload as unknown as viz.FiltersPayload;
    expect(p.mode).toBe("channels");
    expect(p.weights.shape).toEqual([6, 2, 5, 5]);
    expect(p.color.map).toBe("RdBu");
    expect(p.color.range[0]).toBeCloseTo(-p.color.range[1]);
    checkPng(fig.bundle());
  });

  it("uses RGB tiles for 3 input channels and caps big layers", () => {
    expect(viz.filters(t([8, 3, 3, 3], (i) => i - 100)).payload.mode).toBe("rgb");
    const big = viz.filters(t([512, 64, 3, 3], (i) => i % 5));
    expect(big.payload.weights.shape[0] * big.payload.weights.shape[1]).toBeLessThanOrEqual(LIMITS.maxTiles);
    expect(big.payload.cut.join(" ")).toMatch(/of 512 output filters/);
    expect(() => viz.filters(t([4, 2, 3, 3], () => 0), { mode: "rgb" })).toThrow(/needs 3 input channels.*\[4, 2, 3, 3\] has 2/);
    expect(() => viz.filters(t([4, 4], () => 0))).toThrow(/\[out, in, kh, kw\].*\[4, 4\]/);
  });
});

describe("heatmap", () => {
  it("carries values, axes with labels and a colour range; PNG has the colour bar", () => {
    const m = t([3, 4], (i) => i);
    const fig = viz.heatmap(m, { xLabels: ["a", "b", "c", "d"], yLabels: ["x", "y", "z"], unit: "count" });
    const { payload } = checkBundle(fig, "heatmap");
    const p = payload as unknown as viz.HeatmapPayload;
    expect(p.color.range).toEqual([0, 11]);
    expect(p.x.labels).toEqual(["a", "b", "c", "d"]);
    expect(Array.from(decodeArray(p.values))).toEqual(Array.from({ length: 12 }, (_, i) => i));
    const png = checkPng(fig.bundle());
    // the colour bar: a column whose coloured pixels (frame, text and white left aside) run from the
    // top of viridis (yellow) down to its bottom (purple)
    const at = (x: number, y: number) => Array.from(png.data.subarray((y * png.width + x) * 4, (y * png.width + x) * 4 + 3));
    const plain = new Set(["255,255,255", "96,96,96", "40,40,40", "20,20,20"]);
    const barColumns = Array.from({ length: png.width }, (_, x) => x).filter((x) => {
      const coloured = Array.from({ length: png.height }, (_, y) => at(x, y)).filter((c) => !plain.has(c.join(",")));
      return coloured.length > 20 && coloured[0].join(",") === "253,231,37" && coloured[coloured.length - 1].join(",") === "68,1,84";
    });
    expect(barColumns.length).toBeGreaterThanOrEqual(8);
    expect(barColumns[0]).toBeGreaterThan(png.width / 2);
  });

  it("block-averages big matrices and drops labels it can no longer match", () => {
    const fig = viz.heatmap(t([1200, 1000], (i) => i % 100), { xLabels: Array.from({ length: 1000 }, String) });
    expect(fig.payload.values.shape[0] * fig.payload.values.shape[1]).toBeLessThanOrEqual(LIMITS.maxCells);
    expect(fig.payload.x.labels).toBeUndefined();
    expect(fig.payload.cut.join(" ")).toMatch(/labels dropped/);
    expect(() => viz.heatmap(t([2, 3], () => 0), { xLabels: ["a"] })).toThrow(/1 x labels given for 3 columns/);
    expect(() => viz.heatmap(t([2, 3, 4], () => 0))).toThrow(/2-D.*\[2, 3, 4\]/);
  });
});

describe("spectrogram", () => {
  const sr = 8000;
  const tone = Float32Array.from({ length: sr }, (_, i) => Math.sin((2 * Math.PI * 1000 * i) / sr));

  it("computes an STFT of a signal with time in s and frequency in Hz, the peak at the tone", () => {
    const fig = viz.spectrogram(tone, { sampleRate: sr, nFft: 256, hopLength: 64 });
    const { payload } = checkBundle(fig, "spectrogram");
    const p = payload as unknown as viz.SpectrogramPayload;
    expect(p.x).toMatchObject({ unit: "s", range: [0, 1] });
    expect(p.y).toMatchObject({ unit: "Hz", scale: "linear", range: [0, 4000] });
    expect(p.color.unit).toBe("dB");
    const [bins, frames] = p.values.shape;
    expect(bins).toBe(129);
    const v = decodeArray(p.values);
    let best = 0;
    for (let b = 0; b < bins; b++) if (v[b * frames + 10] > v[best * frames + 10]) best = b;
    expect(best * (sr / 256)).toBeCloseTo(1000, -1);
    expect(p.color.range[1] - p.color.range[0]).toBeCloseTo(80);
    checkPng(fig.bundle());
  });

  it("uses mel rows when asked, and accepts a magnitude matrix", () => {
    const mel = viz.spectrogram({ shape: [sr], data: () => tone }, { sampleRate: sr, mel: true, nMels: 40 });
    expect(mel.payload.y.scale).toBe("mel");
    expect(mel.payload.values.shape[0]).toBe(40);
    const m = viz.spectrogram(t([64, 100], (i) => 1 + (i % 64)), { sampleRate: 16000, hopLength: 160 });
    expect(m.payload.x.range[1]).toBeCloseTo(1.0);
    expect(() => viz.spectrogram(tone)).toThrow(/needs \{ sampleRate \}/);
  });
});

describe("attention", () => {
  it("keeps heads and token labels and normalises rows", () => {
    const w = t([2, 3, 4], (i) => 1 + (i % 5));
    const fig = viz.attention(w, { queries: ["le", "chat", "dort"], keys: ["<s>", "le", "chat", "dort"] });
    const { payload } = checkBundle(fig, "attention");
    const p = payload as unknown as viz.AttentionPayload;
    expect(p.heads).toBe(2);
    expect(p.weights.shape).toEqual([2, 3, 4]);
    const v = decodeArray(p.weights);
    for (let r = 0; r < 6; r++) expect(v.subarray(r * 4, r * 4 + 4).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    expect(p.keys).toEqual(["<s>", "le", "chat", "dort"]);
    checkPng(fig.bundle());
  });

  it("keeps hostile labels as plain text and escapes them in HTML", () => {
    const evil = `<img src=x onerror=alert(1)>`;
    // Negative scores are softmaxed: the payload notes it, so the bundle carries text/html too.
    const fig = viz.attention(t([2, 2], (i) => i - 9), { queries: [evil, "<script>alert(2)</script>"], keys: ["a", "b"], title: evil });
    expect(fig.payload.queries[0]).toBe(evil);
    const html = fig.bundle()["text/html"] as string;
    expect(html).toMatch(/^<figure/);
    expect(html).not.toContain("<img src=x");
    expect(html).toContain("&lt;img src=x onerror=alert(1)&gt;");
  });

  it("softmaxes scores with negative values, and checks label counts", () => {
    const fig = viz.attention(t([2, 2, 3, 3], (i) => i - 9));
    expect(fig.payload.cut.join(" ")).toMatch(/softmax/);
    expect(fig.payload.cut.join(" ")).toMatch(/sample 0 of a batch of 2/);
    expect(() => viz.attention(t([3, 4], () => 1), { queries: ["a"] })).toThrow(/1 query labels.*\[3, 4\] have 3 queries/);
  });
});

describe("image", () => {
  it("draws grey [H,W] in [0,1] at an integer zoom", () => {
    const fig = viz.image(t([28, 28], (i) => (i % 28) / 27));
    const { payload } = checkBundle(fig, "image");
    const p = payload as unknown as viz.ImagePayload;
    expect(p.pixels.shape).toEqual([28, 28, 1]);
    expect(p.valueRange).toEqual([0, 1]);
    checkPng(fig.bundle(), 28 * 4, 28 * 4 + 14); // 14 px: the title band above the picture
  });

  it("reads RGB [3,H,W] (CHW) and [H,W,3], downsampling huge ones", () => {
    const chw = viz.image(t([3, 8, 10], (i) => (i < 80 ? 255 : 0)));
    expect(chw.payload.pixels.shape).toEqual([8, 10, 3]);
    const px = Buffer.from(chw.payload.pixels.data, "base64");
    expect([px[0], px[1], px[2]]).toEqual([255, 0, 0]); // red channel full, others empty
    const big = viz.image(t([2048, 2048], (i) => i % 3));
    expect(big.payload.pixels.shape[0] * big.payload.pixels.shape[1]).toBeLessThanOrEqual(LIMITS.maxImagePixels);
    expect(big.payload.cut.join(" ")).toMatch(/downsampled by 2/);
    expect(() => viz.image(t([5, 5, 5], () => 0))).toThrow(/\[5, 5, 5\]/);
  });
});

describe("summary", () => {
  it("turns summary rows into a table payload, HTML table and text", () => {
    const data = {
      kind: "summary" as const, title: "Net", inputShape: [1, 28, 28], columns: ["Layer (type)", "Output Shape", "Activation size", "Param #"],
      rows: [
        { name: "conv1", type: "Conv2d", outputShape: [-1, 6, 24, 24], activationSize: 3456, params: 156, trainable: true },
        { name: "<b>fc</b>", type: "Linear", outputShape: [-1, 10], activationSize: 10, params: 850, trainable: true },
      ],
      totals: { total: 1006, trainable: 1006, nonTrainable: 0 },
    };
    const fig = viz.summary({ payload: data });
    const { bundle, payload } = checkBundle(fig, "summary");
    expect((payload as unknown as viz.SummaryPayload).rows[1].params).toBe(850);
    expect(bundle["text/html"]).toContain("&lt;b&gt;fc&lt;/b&gt;");
    expect(bundle["text/plain"]).toMatch(/Total params: 1,006/);
    checkPng(bundle);
    expect(() => viz.summary({} as never)).toThrow(/summary\(model, shape\)/);
  });
});

describe("curves (live)", () => {
  it("sends one display then in-place updates, at most ~10 per second, and the final state", async () => {
    const calls: { value: any; options: { displayId: string; update?: boolean } }[] = [];
    const live = viz.curves({ title: "loss", display: (value, options) => void calls.push({ value, options }) });
    const start = Date.now();
    for (let step = 0; step < 400; step++) {
      live.push({ loss: 1 / (step + 1), acc: step / 400 });
      if (step % 100 === 99) live.endEpoch();
      await new Promise((r) => setTimeout(r, 1));
    }
    live.close();
    const seconds = (Date.now() - start) / 1000;
    expect(calls[0].options).toEqual({ displayId: live.displayId });
    expect(calls.slice(1).every((c) => c.options.update === true && c.options.displayId === live.displayId)).toBe(true);
    expect(calls.length).toBeGreaterThan(1);
    expect(calls.length).toBeLessThanOrEqual(Math.ceil(seconds * 10) + 2);
    const last = calls[calls.length - 1].value.bundle();
    const p = last[AXONE_MIME] as viz.CurvesPayload;
    expect(p.live).toBe(false);
    expect(p.series.map((s) => s.name)).toEqual(["loss", "acc"]);
    expect(decodeArray(p.series[0].x).length).toBe(400);
    expect(p.series[0].last).toBeCloseTo(1 / 400);
    expect(p.epochs.map((e) => e.epoch)).toEqual([1, 2, 3, 4]);
    checkPng(last);
  });

  it("finds display on globalThis, thins long series and refuses bad input", () => {
    const seen: unknown[] = [];
    (globalThis as any).display = (v: unknown) => seen.push(v);
    try {
      const live = viz.curves({ minIntervalMs: 0 });
      for (let i = 0; i < 5; i++) live.push({ loss: i });
      expect(seen.length).toBe(5);
      const long = viz.curves({ display: () => undefined, minIntervalMs: 60_000 });
      for (let i = 0; i < LIMITS.maxPoints * 3; i++) long.push({ loss: i });
      long.flush();
      const p = long.figure().payload;
      expect(p.series[0].x.shape[0]).toBeLessThanOrEqual(LIMITS.maxPoints + 1);
      expect(p.cut.join(" ")).toMatch(/every 3th of 12000/);
      expect(() => live.push(null as never)).toThrow(/push\(\{ loss/);
    } finally {
      delete (globalThis as any).display;
    }
  });
});

describe("plot", () => {
  it("emits a plotly figure with tensors as arrays and a PNG fallback", () => {
    const fig = viz.plot([{ x: [1, 2, 3], y: t([3], (i) => i * i), name: "sq" }, { type: "bar", x: [1, 2, 3], y: [3, 1, 2] }], { title: "squares" });
    const bundle = fig[DISPLAY]();
    const fig2 = bundle[PLOTLY_MIME] as { data: { y: number[] }[]; layout: { title: { text: string } } };
    expect(fig2.data[0].y).toEqual([0, 1, 4]);
    expect(fig2.layout.title).toEqual({ text: "squares" });
    expect(viz.plot([], { xaxis: { title: "step" } }).layout.xaxis).toEqual({ title: { text: "step" } });
    expect(bundle["text/plain"]).toMatch(/squares: 2 traces/);
    expect(checkPng(bundle, 480).height).toBe(21 + 250 + 20); // title line, plot area, tick numbers
    checkPng(viz.plot([{ type: "heatmap", z: [[1, 2], [3, 4]] }]).bundle());
    expect(() => viz.plot("x" as never)).toThrow(/array of traces/);
  });

  it("draws a markers-only trace as separate points in the PNG, not joined by lines", () => {
    // Two far-apart points: with lines the pixels between them are coloured, with markers they stay white.
    const pixelAt = (mode: string | undefined) => {
      const png = checkPng(viz.plot([{ x: [0, 1], y: [0, 1], ...(mode ? { mode } : {}) }]).bundle(), 480, 280);
      // middle of the plot area (44 px in, 10 px down, 426 × 250), on the diagonal
      const x = 44 + 213, y = Math.round(10 + (1 - 213 / 425) * 249);
      const at = 4 * (y * png.width + x);
      return [png.data[at], png.data[at + 1], png.data[at + 2]];
    };
    expect(pixelAt(undefined)).not.toEqual([255, 255, 255]);
    expect(pixelAt("lines+markers")).not.toEqual([255, 255, 255]);
    expect(pixelAt("markers")).toEqual([255, 255, 255]);
    expect(pixelAt("markers+text")).toEqual([255, 255, 255]);
  });
});

describe("spectrogram from lib/audio's SpectrogramData", () => {
  it("reads the matrix with its own axes (mel rows, Hz range, dB values)", () => {
    const values = Float64Array.from({ length: 40 * 50 }, (_, i) => 0 - (i % 40) + 0);
    const S = { values, shape: [40, 50] as [number, number], sampleRate: 16000, hopLength: 160, frequencyRange: [0, 8000] as [number, number], frequencyScale: "mel" as const, valueUnit: "dB", times: new Float64Array(50), frequencies: new Float64Array(40) };
    const fig = viz.spectrogram(S);
    expect(fig.payload.y).toMatchObject({ scale: "mel", unit: "Hz", range: [0, 8000] });
    expect(fig.payload.x.range[1]).toBeCloseTo(0.5);
    expect(fig.payload.color.range).toEqual([-39, 0]);
    const mfcc = viz.spectrogram({ ...S, frequencyScale: "index" as const, valueUnit: "mfcc" });
    expect(mfcc.payload.y.label).toBe("coefficient");
  });
});
