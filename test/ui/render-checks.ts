// The per-kind checks of Axone's inline pictures, shared by the standalone render page test
// (render.test.ts: services + rendermime + outputarea) and the JupyterLab app test
// (render-lab.test.ts): the same kernel cells, the same assertions on what the page shows.
import { expect } from "vitest";
import type { Locator, Page } from "playwright-core";

/** Runs cells on the real Axone kernel in some page and returns the cell holding the outputs. */
export interface CellRunner {
  page: Page;
  /** Runs `code` and waits for it to finish without an error. */
  run(code: string, label: string): Promise<Locator>;
  /** Starts `code`; `cell` is known at once, `finished()` waits for the end (no error). */
  start(code: string, label: string): Promise<{ cell: Locator; finished(): Promise<void> }>;
}

/** Distinct colours in a canvas (sampled): 1 means blank. */
export const colours = (canvas: Locator) =>
  canvas.evaluate((c: HTMLCanvasElement) => {
    const d = (c.getContext("2d") as CanvasRenderingContext2D).getImageData(0, 0, c.width, c.height).data;
    const seen = new Set<number>();
    for (let i = 0; i < d.length; i += 4 * 3) seen.add((d[i] << 16) | (d[i + 1] << 8) | d[i + 2]);
    return seen.size;
  });

/** Moves the pointer across a canvas (at height `fy`) until the read-out matches `want`. */
async function hoverUntil(page: Page, canvas: Locator, readout: Locator, want: RegExp, fy: number, from = 0.3, to = 0.9): Promise<string> {
  await canvas.scrollIntoViewIfNeeded();
  const box = (await canvas.boundingBox())!;
  let text = "";
  for (let f = from; f < to && !want.test(text); f += 0.05) {
    await page.mouse.move(box.x + box.width * f, box.y + box.height * fy);
    text = (await readout.textContent()) ?? "";
  }
  return text;
}

export interface RenderCase {
  name: string;
  check(runner: CellRunner, shot: (cell: Locator, name: string) => Promise<unknown>): Promise<void>;
}

/** Cell code that imports what every case uses. */
export const IMPORTS = `import { viz, tensor, rand, randn, nn, summary, plot } from "axone";`;

export const RENDER_CASES: RenderCase[] = [
  {
    name: "heatmap: a non-blank canvas with real axes, units and a hover read-out",
    async check({ run, page }, shot) {
      const cell = await run(`viz.heatmap(randn(8, 12), { title: "Potentials", x: { label: "time", unit: "s", range: [0, 6] }, y: { label: "electrode" }, unit: "mV", valueLabel: "potential" })`, "heatmap");
      const canvas = cell.locator(".axone-output canvas");
      await expect.poll(() => colours(canvas)).toBeGreaterThan(20);
      expect(await canvas.getAttribute("aria-label")).toMatch(/x axis: time \(s\); y axis: electrode; colour: potential \(mV\)/);
      await expect.poll(() => cell.locator(".axone-title").textContent()).toBe("Potentials");
      const text = await hoverUntil(page, canvas, cell.locator(".axone-readout"), /electrode \d+, time \d+: -?\d/, 0.5, 0.5, 0.9);
      expect(text).toMatch(/electrode \d+, time \d+: -?\d/);
      await shot(cell, "heatmap");
    },
  },
  {
    name: "spectrogram: time in s, frequency in Hz on mel rows, dB colour bar",
    async check({ run }, shot) {
      const cell = await run(`viz.spectrogram(Float32Array.from({ length: 16000 }, (_, i) => Math.sin(2 * Math.PI * (300 + 2000 * i / 16000) * i / 16000)), { sampleRate: 16000, mel: true, nMels: 48 })`, "spectrogram");
      const canvas = cell.locator(".axone-output canvas");
      await expect.poll(() => colours(canvas)).toBeGreaterThan(20);
      expect(await canvas.getAttribute("aria-label")).toMatch(/x axis: time \(s\); y axis: frequency \(Hz\); colour: level \(dB\)/);
      await shot(cell, "spectrogram");
    },
  },
  {
    name: "attention: head selector, token labels, hover value",
    async check({ run, page }, shot) {
      const cell = await run(`viz.attention(rand(2, 4, 5), { queries: ["le", "chat", "dort", "."], keys: ["<s>", "le", "chat", "dort", "."] })`, "attention");
      expect(await cell.locator("select.axone-head-select option").allTextContents()).toEqual(["head 0", "head 1", "mean of heads"]);
      const canvas = cell.locator(".axone-output canvas");
      await expect.poll(() => colours(canvas)).toBeGreaterThan(10);
      const text = await hoverUntil(page, canvas, cell.locator(".axone-readout"), /→/, 0.3);
      expect(text).toMatch(/^head 0: query “(le|chat|dort|\.)” → key “(<s>|le|chat|dort|\.)”: 0\.\d+/);
      await cell.locator("select").selectOption("1");
      const box = (await canvas.boundingBox())!;
      await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.3);
      expect(await cell.locator(".axone-readout").textContent()).toMatch(/^head 1: /);
      await shot(cell, "attention");
    },
  },
  {
    name: "feature maps of a conv layer (forward hook), zoom on a tile; its filters",
    async check({ run }, shot) {
      const cell = await run(`const conv = new nn.Conv2d(1, 6, 5);\nconst digit = rand(1, 1, 28, 28);\nviz.featureMaps(conv, digit)`, "featuremaps");
      const tiles = cell.locator(".axone-tile canvas");
      await expect.poll(() => tiles.count()).toBe(6);
      await expect.poll(() => colours(tiles.nth(2))).toBeGreaterThan(5);
      expect(await cell.locator(".axone-tile figcaption").allTextContents()).toEqual(["0", "1", "2", "3", "4", "5"]);
      await shot(cell, "featuremaps");
      await tiles.nth(3).click();
      expect(await cell.locator(".axone-subtitle").textContent()).toBe("channel 3");
      expect(await colours(cell.locator(".axone-panel canvas"))).toBeGreaterThan(10);
      await shot(cell, "featuremaps-zoom");
      await cell.locator("button.axone-button").click();
      await expect.poll(() => tiles.count()).toBe(6);
      const filters = await run(`viz.filters(conv)`, "filters");
      await expect.poll(() => colours(filters.locator(".axone-output canvas"))).toBeGreaterThan(10);
      await shot(filters, "filters");
    },
  },
  {
    name: "image and model summary",
    async check({ run }, shot) {
      const img = await run(`viz.image(rand(3, 16, 16), { title: "noise" })`, "image");
      await expect.poll(() => colours(img.locator(".axone-output canvas"))).toBeGreaterThan(50);
      await shot(img, "image");
      const sum = await run(`summary(new nn.Sequential(new nn.Conv2d(1, 4, 3), new nn.ReLU(), new nn.Flatten(), new nn.Linear(4 * 26 * 26, 10)), [1, 28, 28])`, "summary");
      const table = sum.locator("table.axone-summary");
      await expect.poll(() => table.locator("tbody tr").count()).toBeGreaterThanOrEqual(4);
      expect(await table.textContent()).toMatch(/Conv2d.*Linear/s);
      expect(await sum.locator(".axone-totals").textContent()).toMatch(/Total params: 27,090/);
      await shot(sum, "summary");
    },
  },
  {
    name: "a tensor and a module left as a cell's value: their text stays, with a heatmap / layer table",
    async check({ run }, shot) {
      const t = await run(`randn(6, 8)`, "tensor-value");
      const output = t.locator(".axone-output[data-kind=heatmap]");
      await expect.poll(() => output.locator("pre.axone-text").textContent()).toMatch(/^tensor\(\[\[[^]*\]\]\)$/);
      await expect.poll(() => colours(output.locator("canvas"))).toBeGreaterThan(10);
      await shot(t, "tensor-value");
      const m = await run(`new nn.Sequential(new nn.Linear(4, 3), new nn.ReLU(), new nn.Linear(3, 2))`, "module-value");
      const table = m.locator(".axone-output[data-kind=summary] table.axone-summary");
      await expect.poll(() => table.locator("th").allTextContents()).toEqual(["Layer (type)", "Param #"]);
      expect(await table.locator("tbody tr").allTextContents()).toEqual(["0 (Linear)15", "1 (ReLU)0", "2 (Linear)8"]);
      expect(await m.locator(".axone-output pre.axone-text").textContent()).toMatch(/^Sequential\(\n {2}\(0\): Linear\(/);
      await shot(m, "module-value");
    },
  },
  {
    name: "live curves: one output updated in place several times, same canvas, final state kept",
    async check({ start }, shot) {
      const code = `const live = viz.curves({ title: "training" });
for (let step = 0; step < 60; step++) {
  live.push({ loss: 2 / (step + 1), accuracy: step / 60 });
  if (step % 20 === 19) live.endEpoch();
  await new Promise((r) => setTimeout(r, 25));
}
live.close();`;
      // Watch the cell while it runs: remember the first canvas and count redraws.
      const started = Date.now();
      const { cell, finished } = await start(code, "curves");
      const first = cell.locator("canvas.axone-curves");
      await first.waitFor();
      await first.evaluate((c) => ((c as any).__firstCanvas = true));
      await finished();
      const seconds = (Date.now() - started) / 1000;
      expect(await cell.locator(".axone-output[data-kind=curves]").count()).toBe(1);
      const canvas = cell.locator("canvas.axone-curves");
      await expect.poll(() => canvas.getAttribute("data-live")).toBe("false");
      expect(await canvas.evaluate((c) => (c as any).__firstCanvas === true)).toBe(true);
      const draws = Number(await cell.locator(".axone-output").getAttribute("data-draws"));
      expect(draws).toBeGreaterThanOrEqual(5); // ~1.5 s of pushes at ≤ 10 updates per second
      expect(draws).toBeLessThanOrEqual(Math.ceil(seconds * 10) + 2); // throttled: ≤ 10 updates per second
      expect(await cell.locator(".axone-legend").textContent()).toMatch(/loss: 0\.0333.*accuracy: 0\.983/);
      expect(await colours(canvas)).toBeGreaterThan(5);
      await shot(cell, "curves");
    },
  },
  {
    name: "plotly: the figure is drawn as SVG",
    async check({ run }, shot) {
      const cell = await run(`plot([{ x: [1, 2, 3, 4], y: [1, 4, 9, 16], type: "scatter", name: "squares" }], { title: "squares", width: 500, height: 300 })`, "plotly");
      await cell.locator("svg.main-svg").first().waitFor({ timeout: 20_000 });
      expect(await cell.locator(".scatterlayer .trace").count()).toBe(1);
      await shot(cell, "plotly");
      expect(await cell.locator("svg text").allTextContents()).toContain("squares");
    },
  },
  {
    name: "hostile labels from a kernel cell render as text and run nothing",
    async check({ run, page }, shot) {
      const cell = await run(`viz.attention(rand(2, 2), { queries: ["<img src=x onerror=window.__pwned=1>", "<script>window.__pwned=2</script>"], keys: ["a", "b"], title: "<img src=x onerror=window.__pwned=3>" })`, "xss");
      await page.waitForTimeout(300);
      expect(await page.evaluate(() => (window as any).__pwned)).toBeUndefined();
      expect(await cell.locator(".axone-output img, .axone-output script").count()).toBe(0);
      expect(await cell.locator(".axone-title").textContent()).toBe("<img src=x onerror=window.__pwned=3>");
      const text = await hoverUntil(page, cell.locator(".axone-output canvas"), cell.locator(".axone-readout"), /query/, 0.25, 0.2, 0.8);
      expect(text).toContain("query “<img src=x onerror=window.__pwned=1>”");
      await shot(cell, "xss");
    },
  },
];
