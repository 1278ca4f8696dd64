// The lab with the Axone kernel, in a real browser, as a student uses it: a course notebook
// (chapter 10, le son) opens on "TypeScript (Axone)" (the only kernel offered, picked again in the
// picker), Run All draws its spectrograms with the extension, Tab completion and Shift-Tab tooltips
// come from the kernel, an interrupt of a spinning cell keeps the variables, restart drops them,
// save and reopen keep the outputs; then a second course notebook (chapter 7, CNN sur MNIST)
// opened and run at once gets its own Axone kernel without a "Select Kernel" dialog, trains LeNet
// with live curves and draws its feature maps.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Locator, Page } from "playwright-core";
import { activeNotebook, currentTabLabel, elementScreenshot, openLab, readContents, runCommand, runNewCell, screenshot, waitForKernelIdle, type LabSession } from "./lab-helpers";

const kernelName = "TypeScript (Axone)";
/** The course chapter opened first (spectrograms), and the notebook opened second (feature maps). */
const chapter = "course/10-son.ipynb";
const second = "course/07-cnn-mnist.ipynb";

/** Execution counts and error outputs of the active notebook's code cells, read from its model. */
function runState(page: Page): Promise<{ cells: number; ran: number; errors: string[] }> {
  return page.evaluate(() => {
    const panel = (window as any).jupyterapp.shell.currentWidget;
    const cells = panel.content.model.cells;
    let code = 0, ran = 0;
    const errors: string[] = [];
    for (let i = 0; i < cells.length; i++) {
      const cell = cells.get(i);
      if (cell.type !== "code") continue;
      code++;
      if (cell.executionCount) ran++;
      for (let j = 0; j < cell.outputs.length; j++) {
        const output = cell.outputs.get(j).toJSON();
        if (output.output_type === "error") errors.push(`cell ${i}: ${output.ename}: ${output.evalue}`);
      }
    }
    return { cells: code, ran, errors };
  });
}

/** Distinct colours in a canvas (sampled): 1 means blank. */
function canvasColours(canvas: Locator): Promise<number> {
  return canvas.evaluate((node) => {
    const element = node as HTMLCanvasElement;
    const data = element.getContext("2d")!.getImageData(0, 0, element.width, element.height).data;
    const seen = new Set<number>();
    for (let i = 0; i < data.length; i += 4 * 7) seen.add((data[i] << 16) | (data[i + 1] << 8) | data[i + 2]);
    return seen.size;
  });
}

describe("JupyterLab with the Axone kernel", () => {
  let session: LabSession;

  beforeAll(async () => {
    session = await openLab({ kernels: ["axone"], path: chapter });
    await waitForKernelIdle(session.page, kernelName, 90_000);
  }, 150_000);

  afterAll(async () => {
    await session?.close();
  });

  afterEach(async (context) => {
    if (context.task.result?.state === "fail" && session) {
      await screenshot(session.page, `failed-${context.task.name.replace(/\W+/g, "-").slice(0, 60)}`);
      // A dialog left open would block every later test.
      await session.page.keyboard.press("Escape");
    }
  });

  it("offers only TypeScript (Axone) in the kernel picker, and picks it", async () => {
    const { page } = session;
    await runCommand(page, "notebook:change-kernel", {}, { wait: false });
    const dialog = page.locator(".jp-Dialog");
    await dialog.waitFor();
    const options = await dialog.locator("select option").allTextContents();
    // Kernels to start (the same one can sit in the "preferred" and "other" groups);
    // running sessions, listed as "name (id)", are not kernelspecs.
    const kernelspecs = options.filter((text) => text !== "No Kernel" && !/\([0-9a-f]{8}\)$/.test(text));
    expect([...new Set(kernelspecs)], JSON.stringify(options)).toEqual([kernelName]);
    await screenshot(page, "lab-axone-picker");
    await dialog.locator("select").selectOption({ label: kernelName });
    await dialog.locator("button.jp-mod-accept").click();
    await dialog.waitFor({ state: "detached" });
    await waitForKernelIdle(page, kernelName, 60_000);
  }, 90_000);

  it("runs the whole course chapter 10 (le son) with Run All: spectrograms from the extension", async () => {
    const { page } = session;
    // The chapter is saved with its outputs: clear them, so what follows is drawn by this run.
    await runCommand(page, "notebook:clear-all-cell-outputs");
    expect(await activeNotebook(page).locator(".axone-output").count()).toBe(0);
    await runCommand(page, "notebook:run-all-cells");
    await expect.poll(async () => { const s = await runState(page); return s.ran === s.cells; }, { timeout: 180_000, intervals: [1000] }).toBe(true);
    expect((await runState(page)).errors).toEqual([]);
    const spectrogram = activeNotebook(page).locator(".axone-output[data-kind='spectrogram'] canvas").first();
    await spectrogram.waitFor({ timeout: 30_000 });
    await expect.poll(() => canvasColours(spectrogram), { timeout: 30_000 }).toBeGreaterThan(8);
    expect(await spectrogram.getAttribute("aria-label")).toMatch(/y axis: frequency \(Hz\)|y axis: coefficient/);
    await elementScreenshot(activeNotebook(page).locator(".axone-output[data-kind='spectrogram']").first(), "lab-axone-chapter10-spectrogram");
  }, 240_000);

  it("completes with Tab from the kernel (names of earlier cells and tensor members)", async () => {
    const { page } = session;
    await runNewCell(page, "const learningRate = 0.125;\nconst probe = tensor([1, 2, 3]);");
    await waitForKernelIdle(page, kernelName);
    // Shift-Enter on the last cell left a new empty cell below it, in edit mode.
    const cell = activeNotebook(page).locator(".jp-CodeCell").last();
    await cell.locator(".cm-content").click();
    await page.keyboard.insertText("learningR");
    await page.keyboard.press("Tab");
    const completer = page.locator(".jp-Completer");
    await completer.waitFor({ timeout: 20_000 });
    expect(await completer.locator(".jp-Completer-item .jp-Completer-match").allTextContents()).toContain("learningRate");
    await page.keyboard.press("Enter");
    await expect.poll(() => cell.locator(".cm-content").textContent(), { timeout: 10_000 }).toBe("learningRate");

    await page.keyboard.press("Control+a");
    await page.keyboard.insertText("probe.");
    await page.keyboard.press("Tab");
    await completer.waitFor({ timeout: 20_000 });
    // JupyterLab renders a long completion list in batches: wait for the members to be drawn.
    const items = () => completer.locator(".jp-Completer-item .jp-Completer-match").allTextContents();
    await expect.poll(items, { timeout: 10_000 }).toContain("backward");
    expect(await items()).toContain("grad");
    await screenshot(page, "lab-axone-completer");
    await page.keyboard.press("Escape");
  }, 90_000);

  it("shows the kernel's type and documentation with Shift-Tab", async () => {
    const { page } = session;
    await page.keyboard.press("Control+a");
    await page.keyboard.insertText("tensor");
    await page.keyboard.press("Shift+Tab");
    const tooltip = page.locator(".jp-Tooltip");
    await tooltip.waitFor({ timeout: 20_000 });
    expect(await tooltip.textContent()).toMatch(/tensor/);
    await screenshot(page, "lab-axone-tooltip");
    await page.keyboard.press("Escape");
    await page.keyboard.press("Control+a");
    await page.keyboard.press("Delete");
  }, 60_000);

  it("interrupts a spinning cell and keeps the variables", async () => {
    const { page } = session;
    await runNewCell(page, "let kept = 41;");
    await waitForKernelIdle(page, kernelName);
    const spinning = await runNewCell(page, "while (true) {}");
    await page.locator(".jp-StatusBar-TextItem", { hasText: `${kernelName} | Busy` }).first().waitFor({ timeout: 20_000 });
    await page.waitForTimeout(500);
    // The toolbar's ■ button.
    await activeNotebook(page).locator("jp-button[data-command='notebook:interrupt-kernel'], button[data-command='notebook:interrupt-kernel']").first().click();
    await waitForKernelIdle(page, kernelName, 30_000);
    await expect.poll(() => spinning.locator(".jp-OutputArea-output").first().textContent(), { timeout: 20_000 }).toMatch(/interrupt/i);
    const after = await runNewCell(page, "kept + 1");
    await expect.poll(() => after.locator(".jp-OutputArea-output").first().textContent(), { timeout: 30_000 }).toBe("42");
    await screenshot(page, "lab-axone-interrupt");
  }, 120_000);

  it("restarts the kernel: the variables are gone", async () => {
    const { page } = session;
    await runCommand(page, "kernelmenu:restart", {}, { wait: false });
    const dialog = page.locator(".jp-Dialog");
    await dialog.waitFor({ timeout: 10_000 });
    await dialog.locator("button.jp-mod-accept").click();
    await waitForKernelIdle(page, kernelName, 60_000);
    // The fresh kernel no longer knows `kept`: the type checker refuses the cell and names it.
    const cell = await runNewCell(page, "kept + 1");
    await expect.poll(() => cell.locator(".jp-OutputArea").first().textContent(), { timeout: 30_000 }).toMatch(/Cannot find name 'kept'/);
    const fresh = await runNewCell(page, "40 + 2");
    await expect.poll(() => fresh.locator(".jp-OutputArea-output").first().textContent(), { timeout: 30_000 }).toBe("42");
  }, 120_000);

  it("saves and reopens the chapter with its outputs (pictures drawn again from the file)", async () => {
    const { page, lab } = session;
    await runCommand(page, "docmanager:save");
    await expect
      .poll(async () => {
        const saved = await readContents(lab, chapter);
        const outputs = saved.content.cells.flatMap((cell: any) => (cell.cell_type === "code" ? cell.outputs : []));
        return outputs.filter((o: any) => o.data?.["application/vnd.axone.v1+json"]?.kind === "spectrogram").length;
      }, { timeout: 15_000 })
      .toBeGreaterThanOrEqual(1);
    await runCommand(page, "application:close-all");
    await expect.poll(() => activeNotebook(page).count()).toBe(0);
    await runCommand(page, "docmanager:open", { path: chapter });
    await waitForKernelIdle(page, kernelName, 60_000);
    expect(await currentTabLabel(page)).toBe("10-son.ipynb");
    const spectrogram = activeNotebook(page).locator(".axone-output[data-kind='spectrogram'] canvas").first();
    await spectrogram.waitFor({ timeout: 30_000 });
    await expect.poll(() => canvasColours(spectrogram), { timeout: 30_000 }).toBeGreaterThan(8);
    await screenshot(page, "lab-axone-reopened");
    await elementScreenshot(activeNotebook(page).locator(".axone-output[data-kind='spectrogram']").first(), "lab-axone-reopened-spectrogram");
  }, 120_000);

  it("a second course notebook (chapter 7) opened and run at once: its own Axone kernel, no Select Kernel dialog, feature maps", async () => {
    const { page, lab } = session;
    // Remember any dialog that shows up, however briefly.
    await page.evaluate(() => {
      const w = window as any;
      w.__dialogs = [];
      new MutationObserver(() => {
        for (const d of document.querySelectorAll(".jp-Dialog")) if (!w.__dialogs.includes(d.textContent)) w.__dialogs.push(d.textContent);
      }).observe(document.body, { childList: true, subtree: true });
    });
    // Run All right away, while the notebook is still being read and its kernel not started:
    // JupyterLab's own cell executor then asked for a kernel (app/src/kernel-on-open.js).
    const opened = await page.evaluate(async (path) => {
      const widget = await (window as any).jupyterapp.commands.execute("docmanager:open", { path });
      return { loaded: widget.context.isReady, kernel: !!widget.sessionContext.session?.kernel };
    }, second);
    await runCommand(page, "notebook:run-all-cells", {}, { wait: false });
    // The run really was asked for before the notebook had a kernel.
    expect(opened.kernel).toBe(false);
    await expect.poll(() => currentTabLabel(page)).toBe(second.split("/").pop());
    await waitForKernelIdle(page, kernelName, 60_000);
    // Asked before the file was read, that Run All had only a placeholder cell to run. The
    // chapter is saved with its outputs: clear them, so what follows is drawn by this run.
    await runCommand(page, "notebook:clear-all-cell-outputs");
    expect((await runState(page)).ran).toBe(0);
    await runCommand(page, "notebook:run-all-cells");
    await expect.poll(async () => { const s = await runState(page); return s.ran === s.cells; }, { timeout: 180_000, intervals: [1000] }).toBe(true);
    const canvas = activeNotebook(page).locator(".axone-output[data-kind='featuremaps'] canvas").first();
    await canvas.waitFor({ timeout: 120_000 });
    await expect.poll(() => canvasColours(canvas), { timeout: 30_000 }).toBeGreaterThan(8);
    expect((await runState(page)).errors).toEqual([]);
    // The trained model lives in this notebook's kernel.
    const probe = await runNewCell(page, "lenet.typeName");
    await expect.poll(() => probe.locator(".jp-OutputArea-output").first().textContent(), { timeout: 30_000 }).toMatch(/'\w+'/);
    // The training loop's live curves (one output, updated in place) were drawn.
    const curves = activeNotebook(page).locator(".axone-output[data-kind='curves'] canvas");
    expect(await curves.count()).toBe(1);
    await expect.poll(() => canvasColours(curves), { timeout: 30_000 }).toBeGreaterThan(5);
    await elementScreenshot(activeNotebook(page).locator(".axone-output[data-kind='featuremaps']").first(), "lab-axone-chapter7-featuremaps");
    await elementScreenshot(activeNotebook(page).locator(".axone-output[data-kind='curves']").first(), "lab-axone-chapter7-curves");
    expect(await page.evaluate(() => (window as any).__dialogs)).toEqual([]);
    // One Axone kernel per open notebook, none started twice.
    const response = await fetch(`${lab.baseUrl}/api/sessions`, { headers: { Authorization: `token ${lab.token}` } });
    const sessions = (await response.json()) as { path: string; kernel: { name: string; id: string } }[];
    expect(sessions.map((s) => [s.path, s.kernel.name]).sort()).toEqual([[chapter, "axone"], [second, "axone"]].sort());
    const kernels = (await (await fetch(`${lab.baseUrl}/api/kernels`, { headers: { Authorization: `token ${lab.token}` } })).json()) as unknown[];
    expect(kernels.length).toBe(2);
  }, 240_000);

  it("logged no error in the page", () => {
    expect(session.pageErrors).toEqual([]);
  });
});
