// The inline pictures inside Axone's JupyterLab (app/, which bundles the extension as a mime
// extension): the same kernel cells and per-kind checks as the standalone render page test
// (render-checks.ts), typed into one notebook of one lab session on the real Axone kernel.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { existsSync } from "node:fs";
import { join } from "node:path";
import type { Locator } from "playwright-core";
import { cellFinished, emptyAxoneNotebook, openLab, runNewCell, screenshot, screenshotDir, waitForKernelIdle, type LabSession } from "./lab-helpers";
import { IMPORTS, RENDER_CASES, type CellRunner } from "./render-checks";

const root = join(__dirname, "..", "..");
const canRun = existsSync(join(root, "app", "build", "static", "lab.js")) && existsSync(join(root, "kernel", "dist", "main.js")) && existsSync("/usr/bin/chromium");

describe.skipIf(!canRun)("inline pictures in Axone's JupyterLab: the render page's checks", () => {
  let session: LabSession;
  let runner: CellRunner;
  const shot = async (cell: Locator, name: string) => {
    await cell.scrollIntoViewIfNeeded();
    await cell.screenshot({ path: join(screenshotDir, `lab-${name}.png`) });
  };

  beforeAll(async () => {
    session = await openLab({ kernels: ["axone"], path: "render-checks.ipynb", files: { "render-checks.ipynb": emptyAxoneNotebook() } });
    const { page } = session;
    await page.locator("#jp-main-dock-panel .lm-TabBar-tab.lm-mod-current", { hasText: "render-checks.ipynb" }).waitFor({ timeout: 30_000 });
    await waitForKernelIdle(page, "TypeScript (Axone)", 90_000);
    runner = {
      page,
      async run(code) {
        const cell = await runNewCell(page, code);
        await cellFinished(cell);
        return cell;
      },
      async start(code) {
        const cell = await runNewCell(page, code);
        return { cell, finished: () => cellFinished(cell) };
      },
    };
    await runner.run(IMPORTS, "imports");
  }, 180_000);

  afterAll(async () => {
    await session?.close();
  });

  afterEach(async (context) => {
    if (context.task.result?.state === "fail" && session) await screenshot(session.page, `lab-failed-${context.task.name.replace(/\W+/g, "-").slice(0, 50)}`);
  });

  for (const c of RENDER_CASES) it(c.name, () => c.check(runner, shot), 120_000);

  it("logged no error in the page", async () => {
    await screenshot(session.page, "lab-render-checks");
    expect(session.pageErrors).toEqual([]);
  });
});
