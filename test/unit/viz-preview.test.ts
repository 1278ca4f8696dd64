// A tensor or module left as a cell's value: its notebook bundle keeps the text unchanged and adds a
// small Axone payload (heatmap / maps / layer table), no PNG; the extension's decoder reads it.
import { describe, expect, it } from "vitest";
import { arange, nn, randn, tensor, viz, zeros } from "axone";
import { checkPayload, decodeArray } from "../../extension/src/decode";

const DISPLAY = Symbol.for("Jupyter.display");
const AXONE = "application/vnd.axone.v1+json";
const bundleOf = (v: unknown) => (v as { [DISPLAY](): Record<string, unknown> })[DISPLAY]();

describe("tensor as a cell value", () => {
  it("keeps the text exactly and adds an exact heatmap of a small matrix, no PNG", () => {
    const t = arange(0, 64).reshape([8, 8]);
    const bundle = bundleOf(t);
    expect(bundle["text/plain"]).toBe(t.toString());
    expect(bundle["image/png"]).toBeUndefined();
    expect(bundle["text/html"]).toBeUndefined();
    const p = checkPayload(bundle[AXONE]);
    expect(p.kind).toBe("heatmap");
    expect(p.showText).toBe(true);
    expect(p.cut).toEqual([]);
    const values = decodeArray(p.values, "values");
    expect(values.shape).toEqual([8, 8]);
    expect(Array.from(values.values)).toEqual(Array.from({ length: 64 }, (_, i) => i));
    expect((p.color as { range: number[] }).range).toEqual([0, 63]);
  });

  it("quantises a matrix of more than maxExactCells values to 8 bits", () => {
    const t = arange(0, 40 * 40).reshape([40, 40]);
    const p = checkPayload(bundleOf(t)[AXONE]);
    const values = decodeArray(p.values, "values");
    expect((p.values as { dtype: string }).dtype).toBe("uint8");
    values.values.forEach((v, i) => expect(Math.abs(v - i)).toBeLessThanOrEqual(1599 / 255 / 2 + 1e-3));
    expect(p.cut.join(" ")).toMatch(/quantised to 8 bits over \[0, 1599\]/);
  });

  it("shows no picture for scalars, vectors, tiny or degenerate matrices", () => {
    for (const t of [tensor(3), arange(0, 100), zeros([2, 2]), zeros([1, 50]), zeros([50, 1])]) {
      expect(Object.keys(bundleOf(t))).toEqual(["text/plain"]);
    }
  });

  it("stays a few KB for big matrices and says what was averaged", () => {
    const big = randn([600, 500]);
    const bundle = bundleOf(big);
    const p = checkPayload(bundle[AXONE]);
    const { shape } = decodeArray(p.values, "values");
    expect(shape[0] * shape[1]).toBeLessThanOrEqual(viz.PREVIEW_LIMITS.maxCells);
    expect(JSON.stringify(p).length).toBeLessThan(6000);
    expect(p.cut.join(" ")).toMatch(/averaged over 9×9 blocks \(600×500 → 67×56\)/);
    expect(p.cut.join(" ")).toMatch(/quantised to 8 bits/);
  });

  it("draws an image batch as the maps of its first sample, capped and bounded", () => {
    const batch = randn([4, 32, 28, 28]);
    const p = checkPayload(bundleOf(batch)[AXONE]);
    expect(p.kind).toBe("featuremaps");
    const maps = decodeArray(p.maps, "maps");
    expect(maps.shape[0]).toBe(viz.PREVIEW_LIMITS.maxMaps);
    expect(maps.shape[0] * maps.shape[1] * maps.shape[2]).toBeLessThanOrEqual(viz.PREVIEW_LIMITS.maxCells);
    expect(p.cut.join("; ")).toMatch(/slice \[0, …\] of \[4, 32, 28, 28\]/);
    expect(p.cut.join("; ")).toMatch(/16 of 32 maps shown/);
    expect(JSON.stringify(p).length).toBeLessThan(6000);
    // the first map is the first sample's first channel (block averages of it)
    const first = batch.data().slice(0, 28 * 28);
    const f = 28 / maps.shape[1];
    let sum = 0;
    for (let y = 0; y < f; y++) for (let x = 0; x < f; x++) sum += first[y * 28 + x];
    expect(Math.abs(maps.values[0] - sum / (f * f))).toBeLessThan(0.05);
  });

  it("a single MNIST-like image [1, 28, 28] keeps every pixel", () => {
    const img = randn([1, 28, 28]).sigmoid();
    const p = checkPayload(bundleOf(img)[AXONE]);
    const maps = decodeArray(p.maps, "maps");
    expect(maps.shape).toEqual([1, 28, 28]);
    expect(Array.from(maps.values)).toEqual(Array.from(img.data()));
    expect(p.cut).toEqual([]);
  });
});

describe("module as a cell value", () => {
  it("keeps the tree text and adds the layer table (kind summary) without running the model", () => {
    const model = new nn.Sequential(new nn.Conv2d(1, 8, 3), new nn.ReLU(), new nn.Flatten(), new nn.Linear(8 * 26 * 26, 10));
    const bundle = bundleOf(model);
    expect(bundle["text/plain"]).toBe(model.toString());
    expect(bundle["image/png"]).toBeUndefined();
    const p = checkPayload(bundle[AXONE]);
    expect(p.kind).toBe("summary");
    expect(p.showText).toBe(true);
    expect(p.columns).toEqual(["Layer (type)", "Param #"]);
    const rows = p.rows as { name: string; type: string; params: number }[];
    expect(rows.map((r) => `${r.name}:${r.type}:${r.params}`)).toEqual(["0:Conv2d:80", "1:ReLU:0", "2:Flatten:0", "3:Linear:54090"]);
    expect(p.totals).toEqual({ total: 80 + 54090, trainable: 80 + 54090, nonTrainable: 0 });
  });

  it("counts frozen parameters as non-trainable", () => {
    const layer = new nn.Linear(3, 2);
    layer.weight.requiresGrad = false;
    const p = checkPayload(bundleOf(layer)[AXONE]);
    expect(p.rows).toEqual([{ name: "Linear", type: "Linear", outputShape: [], activationSize: 0, params: 8, trainable: false }]);
    expect(p.totals).toEqual({ total: 8, trainable: 2, nonTrainable: 6 });
  });
});
