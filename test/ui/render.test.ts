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
import { colours, IMPORTS, RENDER_CASES, type CellRunner } from "./render-checks";

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

const shot = (cell: Locator, name: string) => cell.screenshot({ path: join(shots, `${name}.png`) });

const runner: CellRunner = {
  get page() {
    return page;
  },
  run,
  async start(code, label) {
    const pending = page.evaluate(([c, l]) => (window as any).axoneUI.run(c, l), [code, label]);
    const cell = page.locator(`.test-cell[data-label="${label}"]`);
    await cell.waitFor();
    return {
      cell,
      async finished() {
        const result = await pending;
        expect(result.error ?? "", `cell "${label}" failed`).toBe("");
        expect(result.status).toBe("ok");
      },
    };
  },
};

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
    await run(IMPORTS, "imports");
  });

  afterAll(async () => {
    await page?.evaluate(() => (window as any).axoneUI.shutdown()).catch(() => undefined);
    await browser?.close();
    server?.kill("SIGTERM");
  });

  // The per-kind checks, shared with the JupyterLab app test (render-lab.test.ts).
  for (const c of RENDER_CASES) it(c.name, () => c.check(runner, shot));

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
