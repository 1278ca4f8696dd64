// The inline pictures inside Axone's JupyterLab (app/, which bundles the extension as a mime
// extension): demo notebooks from notebooks/demos run on the real Axone kernel in Chromium.
// Each demo gets its own lab session, opened on that notebook (one kernel at a time).
import { describe, expect, it } from "vitest";
import { existsSync } from "node:fs";
import { join } from "node:path";
import type { Locator } from "playwright-core";
import { activeNotebook, currentTabLabel, openLab, runCommand, screenshot, waitForKernelIdle, type LabSession } from "./lab-helpers";

const root = join(__dirname, "..", "..");
const canRun = existsSync(join(root, "app", "build", "static", "lab.js")) && existsSync(join(root, "kernel", "dist", "main.js")) && existsSync("/usr/bin/chromium");

const colours = (canvas: Locator) =>
  canvas.evaluate((c: HTMLCanvasElement) => {
    const d = (c.getContext("2d") as CanvasRenderingContext2D).getImageData(0, 0, c.width, c.height).data;
    const seen = new Set<number>();
    for (let i = 0; i < d.length; i += 4 * 3) seen.add((d[i] << 16) | (d[i + 1] << 8) | d[i + 2]);
    return seen.size;
  });

/** Opens a lab on demos/<name>.ipynb, runs all its cells, hands the notebook to `check`. */
async function withDemo(name: string, check: (notebook: Locator, session: LabSession) => Promise<void>) {
  const session = await openLab({ kernels: ["axone"], path: `demos/${name}.ipynb` });
  try {
    const { page } = session;
    await expect.poll(() => currentTabLabel(page), { timeout: 30_000 }).toBe(`${name}.ipynb`);
    await waitForKernelIdle(page, "TypeScript (Axone)");
    await runCommand(page, "notebook:run-all-cells");
    try {
      await check(activeNotebook(page), session);
    } catch (error) {
      await screenshot(page, `lab-${name}-failed`);
      throw error;
    }
    await screenshot(page, `lab-${name}`);
    expect(session.pageErrors).toEqual([]);
  } finally {
    await session.close();
  }
}

describe.skipIf(!canRun)("inline pictures in Axone's JupyterLab", () => {
  it("attention demo: canvas, head selector with token labels, hover read-out", async () => {
    await withDemo("attention", async (notebook, { page }) => {
      const output = notebook.locator(".axone-output[data-kind=attention]");
      await output.waitFor({ timeout: 60_000 });
      const canvas = output.locator("canvas");
      expect(await colours(canvas)).toBeGreaterThan(10);
      expect(await output.locator("select option").allTextContents()).toEqual(["head 0", "head 1", "mean of heads"]);
      await canvas.scrollIntoViewIfNeeded();
      const box = (await canvas.boundingBox())!;
      let text = "";
      for (let f = 0.3; f < 0.9 && !/→/.test(text); f += 0.05) {
        await page.mouse.move(box.x + box.width * f, box.y + box.height * 0.3);
        text = (await output.locator(".axone-readout").textContent()) ?? "";
      }
      expect(text).toMatch(/query “(le|chat|dort|sur|tapis)” → key “(le|chat|dort|sur|tapis)”: 0\.\d+/);
    });
  }, 180_000);

  it("curves demo: one output updated in place, final state", async () => {
    await withDemo("curves", async (notebook) => {
      const canvas = notebook.locator(".axone-output[data-kind=curves] canvas[data-live=false]");
      await canvas.waitFor({ timeout: 90_000 });
      expect(await notebook.locator(".axone-output[data-kind=curves]").count()).toBe(1);
      expect(Number(await notebook.locator(".axone-output[data-kind=curves]").getAttribute("data-draws"))).toBeGreaterThanOrEqual(3);
      expect(await colours(canvas)).toBeGreaterThan(5);
    });
  }, 180_000);

  it("plotly demo: an SVG figure", async () => {
    await withDemo("plotly", async (notebook) => {
      await notebook.locator(".axone-plotly svg.main-svg").first().waitFor({ timeout: 90_000 });
      expect(await notebook.locator(".axone-plotly svg text").allTextContents()).toContain("sin and cos");
    });
  }, 180_000);
});
