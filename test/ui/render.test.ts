// Real-browser end-to-end test of Axone's inline pictures: Debian's jupyter_server runs the real
// Axone kernel; a page built from @jupyterlab/services + rendermime + outputarea + the extension
// runs cells in Debian's Chromium (playwright-core); assertions are on what the page shows.
// Screenshots go to test-results/ui/.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import { chromium, type Browser, type Page, type Locator } from "playwright-core";

const root = join(__dirname, "..", "..");
const shots = join(root, "test-results", "ui");
const pageDir = join(root, "test-results", "ui-page");
const canRun = existsSync("/usr/bin/chromium") && existsSync("/usr/bin/jupyter-server") && existsSync(join(root, "kernel", "dist", "main.js"));

let server: ChildProcess | undefined;
let browser: Browser | undefined;
let page: Page;
let serverLog = "";

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });

async function run(code: string, label: string) {
  const result = await page.evaluate(([c, l]) => (window as any).axoneUI.run(c, l), [code, label]);
  expect(result.error ?? "", `cell "${label}" failed`).toBe("");
  expect(result.status).toBe("ok");
  return page.locator(`.test-cell[data-cell="${result.cell}"]`);
}

async function show(data: unknown, label: string) {
  const cell = await page.evaluate(([d, l]) => (window as any).axoneUI.show(d, l), [data, label] as const);
  return page.locator(`.test-cell[data-cell="${cell}"]`);
}

/** Distinct colours in a canvas (sampled): 1 means blank. */
const colours = (canvas: Locator) =>
  canvas.evaluate((c: HTMLCanvasElement) => {
    const d = (c.getContext("2d") as CanvasRenderingContext2D).getImageData(0, 0, c.width, c.height).data;
    const seen = new Set<number>();
    for (let i = 0; i < d.length; i += 4 * 3) seen.add((d[i] << 16) | (d[i + 1] << 8) | d[i + 2]);
    return seen.size;
  });

const shot = (cell: Locator, name: string) => cell.screenshot({ path: join(shots, `${name}.png`) });

describe.skipIf(!canRun)("inline pictures in a real browser with the real Axone kernel", () => {
  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    const { buildPage } = await import("./page/build.mjs" as string);
    await buildPage(join(pageDir, "axone-ui"));
    const port = await freePort();
    const token = randomBytes(16).toString("hex");
    const work = mkdtempSync(join(tmpdir(), "axone-ui-"));
    server = spawn("/usr/bin/jupyter-server", [
      "--ServerApp.ip=127.0.0.1", `--ServerApp.port=${port}`, "--ServerApp.port_retries=0", `--ServerApp.token=${token}`,
      "--ServerApp.open_browser=False", "--ServerApp.allow_root=True", `--ServerApp.root_dir=${work}`,
      `--ServerApp.extra_static_paths=${JSON.stringify([pageDir])}`,
    ], { env: { ...process.env, JUPYTER_NO_CONFIG: "1", JUPYTER_RUNTIME_DIR: join(work, "runtime"), PYDEVD_DISABLE_FILE_VALIDATION: "1" }, stdio: ["ignore", "pipe", "pipe"] });
    server.stdout!.on("data", (b) => (serverLog += b));
    server.stderr!.on("data", (b) => (serverLog += b));
    const base = `http://127.0.0.1:${port}`;
    for (let i = 0; ; i++) {
      try {
        if ((await fetch(`${base}/api/status?token=${token}`)).ok) break;
      } catch {}
      if (i > 150) throw new Error(`jupyter_server did not start:\n${serverLog}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"] });
    page = await browser.newPage({ viewport: { width: 1000, height: 800 } });
    page.on("pageerror", (e) => (serverLog += `\n[page error] ${e.message}`));
    await page.goto(`${base}/static/axone-ui/index.html?token=${token}&kernel=axone`);
    await page.waitForSelector("body[data-ready=true]", { state: "attached" });
    const implementation = await page.evaluate(() => (window as any).axoneUI.start());
    expect(implementation).toMatch(/axone/i);
    await run(`import { viz, tensor, rand, randn, nn, summary, plot } from "axone";`, "imports");
  });

  afterAll(async () => {
    await page?.evaluate(() => (window as any).axoneUI.shutdown()).catch(() => undefined);
    await browser?.close();
    server?.kill("SIGTERM");
  });

  it("heatmap: a non-blank canvas with real axes, units and a hover read-out", async () => {
    const cell = await run(`viz.heatmap(randn(8, 12), { title: "Potentials", x: { label: "time", unit: "s", range: [0, 6] }, y: { label: "electrode" }, unit: "mV", valueLabel: "potential" })`, "heatmap");
    const canvas = cell.locator(".axone-output canvas");
    expect(await colours(canvas)).toBeGreaterThan(20);
    expect(await canvas.getAttribute("aria-label")).toMatch(/x axis: time \(s\); y axis: electrode; colour: potential \(mV\)/);
    await expect.poll(() => cell.locator(".axone-title").textContent()).toBe("Potentials");
    await canvas.scrollIntoViewIfNeeded();
    const box = (await canvas.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    expect(await cell.locator(".axone-readout").textContent()).toMatch(/electrode \d+, time \d+: -?\d/);
    await shot(cell, "heatmap");
  });

  it("spectrogram: time in s, frequency in Hz on mel rows, dB colour bar", async () => {
    const cell = await run(`viz.spectrogram(Float32Array.from({ length: 16000 }, (_, i) => Math.sin(2 * Math.PI * (300 + 2000 * i / 16000) * i / 16000)), { sampleRate: 16000, mel: true, nMels: 48 })`, "spectrogram");
    const canvas = cell.locator(".axone-output canvas");
    expect(await colours(canvas)).toBeGreaterThan(20);
    expect(await canvas.getAttribute("aria-label")).toMatch(/x axis: time \(s\); y axis: frequency \(Hz\); colour: level \(dB\)/);
    await shot(cell, "spectrogram");
  });

  it("attention: head selector, token labels, hover value", async () => {
    const cell = await run(`viz.attention(rand(2, 4, 5), { queries: ["le", "chat", "dort", "."], keys: ["<s>", "le", "chat", "dort", "."] })`, "attention");
    expect(await cell.locator("select.axone-head-select option").allTextContents()).toEqual(["head 0", "head 1", "mean of heads"]);
    const canvas = cell.locator(".axone-output canvas");
    expect(await colours(canvas)).toBeGreaterThan(10);
    await canvas.scrollIntoViewIfNeeded();
    const box = (await canvas.boundingBox())!;
    // Scan across the plot until the read-out names a query and a key.
    let text = "";
    for (let f = 0.3; f < 0.9 && !/→/.test(text); f += 0.05) {
      await page.mouse.move(box.x + box.width * f, box.y + box.height * 0.3);
      text = (await cell.locator(".axone-readout").textContent()) ?? "";
    }
    expect(text).toMatch(/^head 0: query “(le|chat|dort|\.)” → key “(<s>|le|chat|dort|\.)”: 0\.\d+/);
    await cell.locator("select").selectOption("1");
    await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.3);
    expect(await cell.locator(".axone-readout").textContent()).toMatch(/^head 1: /);
    await shot(cell, "attention");
  });

  it("feature maps of a conv layer (forward hook), zoom on a tile; its filters", async () => {
    const cell = await run(`const conv = new nn.Conv2d(1, 6, 5);\nconst digit = rand(1, 1, 28, 28);\nviz.featureMaps(conv, digit)`, "featuremaps");
    const tiles = cell.locator(".axone-tile canvas");
    await expect.poll(() => tiles.count()).toBe(6);
    expect(await colours(tiles.nth(2))).toBeGreaterThan(5);
    expect(await cell.locator(".axone-tile figcaption").allTextContents()).toEqual(["0", "1", "2", "3", "4", "5"]);
    await shot(cell, "featuremaps");
    await tiles.nth(3).click();
    expect(await cell.locator(".axone-subtitle").textContent()).toBe("channel 3");
    expect(await colours(cell.locator(".axone-panel canvas"))).toBeGreaterThan(10);
    await shot(cell, "featuremaps-zoom");
    await cell.locator("button.axone-button").click();
    await expect.poll(() => tiles.count()).toBe(6);
    const filters = await run(`viz.filters(conv)`, "filters");
    expect(await colours(filters.locator(".axone-output canvas"))).toBeGreaterThan(10);
    await shot(filters, "filters");
  });

  it("image and model summary", async () => {
    const img = await run(`viz.image(rand(3, 16, 16), { title: "noise" })`, "image");
    expect(await colours(img.locator(".axone-output canvas"))).toBeGreaterThan(50);
    await shot(img, "image");
    const sum = await run(`summary(new nn.Sequential(new nn.Conv2d(1, 4, 3), new nn.ReLU(), new nn.Flatten(), new nn.Linear(4 * 26 * 26, 10)), [1, 28, 28])`, "summary");
    const table = sum.locator("table.axone-summary");
    await expect.poll(() => table.locator("tbody tr").count()).toBeGreaterThanOrEqual(4);
    expect(await table.textContent()).toMatch(/Conv2d.*Linear/s);
    expect(await sum.locator(".axone-totals").textContent()).toMatch(/Total params: 27,090/);
    await shot(sum, "summary");
  });

  it("live curves: one output updated in place several times, same canvas, final state kept", async () => {
    const code = `const live = viz.curves({ title: "training" });
for (let step = 0; step < 60; step++) {
  live.push({ loss: 2 / (step + 1), accuracy: step / 60 });
  if (step % 20 === 19) live.endEpoch();
  await new Promise((r) => setTimeout(r, 25));
}
live.close();`;
    // Watch the cell while it runs: remember the first canvas and count redraws.
    const started = Date.now();
    const pending = page.evaluate((c) => (window as any).axoneUI.run(c, "curves"), code);
    const first = page.locator('.test-cell[data-label="curves"] canvas.axone-curves');
    await first.waitFor();
    await first.evaluate((c) => ((c as any).__firstCanvas = true));
    const result = await pending;
    const seconds = (Date.now() - started) / 1000;
    expect(result.status).toBe("ok");
    const cell = page.locator(`.test-cell[data-cell="${result.cell}"]`);
    expect(await cell.locator(".axone-output[data-kind=curves]").count()).toBe(1);
    const canvas = cell.locator("canvas.axone-curves");
    expect(await canvas.evaluate((c) => (c as any).__firstCanvas === true)).toBe(true);
    const draws = Number(await cell.locator(".axone-output").getAttribute("data-draws"));
    expect(draws).toBeGreaterThanOrEqual(5); // ~1.5 s of pushes at ≤ 10 updates per second
    expect(draws).toBeLessThanOrEqual(Math.ceil(seconds * 10) + 2); // throttled: ≤ 10 updates per second
    expect(await canvas.getAttribute("data-live")).toBe("false");
    expect(await cell.locator(".axone-legend").textContent()).toMatch(/loss: 0\.0333.*accuracy: 0\.983/);
    expect(await colours(canvas)).toBeGreaterThan(5);
    await shot(cell, "curves");
  });

  it("plotly: the figure is drawn as SVG", async () => {
    const cell = await run(`plot([{ x: [1, 2, 3, 4], y: [1, 4, 9, 16], type: "scatter", name: "squares" }], { title: "squares", width: 500, height: 300 })`, "plotly");
    await cell.locator("svg.main-svg").first().waitFor({ timeout: 20_000 });
    expect(await cell.locator(".scatterlayer .trace").count()).toBe(1);
    await shot(cell, "plotly");
    expect(await cell.locator("svg text").allTextContents()).toContain("squares");
  });

  it("hostile labels from a kernel cell render as text and run nothing", async () => {
    const cell = await run(`viz.attention(rand(2, 2), { queries: ["<img src=x onerror=window.__pwned=1>", "<script>window.__pwned=2</script>"], keys: ["a", "b"], title: "<img src=x onerror=window.__pwned=3>" })`, "xss");
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => (window as any).__pwned)).toBeUndefined();
    expect(await cell.locator(".axone-output img, .axone-output script").count()).toBe(0);
    expect(await cell.locator(".axone-title").textContent()).toBe("<img src=x onerror=window.__pwned=3>");
    const canvas = cell.locator(".axone-output canvas");
    await canvas.scrollIntoViewIfNeeded();
    const box = (await canvas.boundingBox())!;
    let text = "";
    for (let f = 0.2; f < 0.8 && !/query/.test(text); f += 0.05) {
      await page.mouse.move(box.x + box.width * f, box.y + box.height * 0.25);
      text = (await cell.locator(".axone-readout").textContent()) ?? "";
    }
    expect(text).toContain("query “<img src=x onerror=window.__pwned=1>”");
    await shot(cell, "xss");
  });

  it("follows JupyterLab's dark theme variables (axis text light on dark)", async () => {
    /** Mean brightness of the opaque pixels of the canvas's left margin (the y tick labels). */
    const labelBrightness = (canvas: Locator) =>
      canvas.evaluate((c: HTMLCanvasElement) => {
        const ctx = c.getContext("2d") as CanvasRenderingContext2D;
        const w = Math.floor(c.width * 0.12);
        const d = ctx.getImageData(0, 0, w, c.height).data;
        let sum = 0, n = 0;
        for (let i = 0; i < d.length; i += 4) if (d[i + 3] > 120) { sum += (d[i] + d[i + 1] + d[i + 2]) / 3; n++; }
        return n ? sum / n : -1;
      });
    const light = await run(`viz.heatmap(randn(4, 4), { title: "light" })`, "theme-light");
    expect(await labelBrightness(light.locator(".axone-output canvas"))).toBeLessThan(110);
    // The dark theme's own variables, from @jupyterlab/theme-dark-extension.
    const css = readFileSync(join(root, "node_modules", "@jupyterlab", "theme-dark-extension", "style", "variables.css"), "utf8");
    const vars = [...css.matchAll(/(--jp-[\w-]+):\s*([^;]+);/g)].map((m) => [m[1], m[2].trim()]);
    expect(vars.length).toBeGreaterThan(50);
    await page.evaluate((vs) => {
      for (const [k, v] of vs) document.documentElement.style.setProperty(k, v);
      document.body.dataset.jpThemeLight = "false";
    }, vars);
    const dark = await run(`viz.heatmap(randn(4, 4), { title: "dark" })`, "theme-dark");
    expect(await labelBrightness(dark.locator(".axone-output canvas"))).toBeGreaterThan(150);
    // The output drawn before the switch was redrawn with the dark colours too.
    await expect.poll(() => labelBrightness(light.locator(".axone-output canvas"))).toBeGreaterThan(150);
    await shot(dark, "heatmap-dark");
    await page.evaluate((vs) => {
      for (const [k] of vs) document.documentElement.style.removeProperty(k);
      document.body.dataset.jpThemeLight = "true";
    }, vars);
  });

  it("a newer or malformed payload shows a readable message, not a blank", async () => {
    const newer = await show({ "application/vnd.axone.v1+json": { kind: "heatmap", version: 7, title: "future" }, "text/plain": "future heatmap" }, "newer");
    expect(await newer.locator(".axone-error").textContent()).toMatch(/newer Axone \(payload version 7\).*reads version 1/);
    const bad = await show({ "application/vnd.axone.v1+json": { kind: "heatmap", version: 1, title: "bad", values: { dtype: "float32", shape: [2, 2], data: "AAAA" } }, "text/plain": "bad heatmap" }, "malformed");
    expect(await bad.locator(".axone-error").textContent()).toMatch(/heatmap values: shape \[2, 2\] needs 16 bytes of float32, got 3/);
    expect(await bad.locator(".axone-fallback").textContent()).toBe("bad heatmap");
    const unknown = await show({ "application/vnd.axone.v1+json": { kind: "hologram" } }, "unknown");
    expect(await unknown.locator(".axone-error").textContent()).toMatch(/unknown kind "hologram"/);
    await shot(newer, "newer-version");
    expect(serverLog).not.toMatch(/\[page error\]/);
  });
});
