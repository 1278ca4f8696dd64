// The lab with the Axone kernel, in a real browser, as a student uses it: the
// index notebook starts "TypeScript (Axone)" (the only kernel offered), Run All,
// Tab completion and Shift-Tab tooltips from the kernel, an interrupt of a
// spinning cell that keeps the variables, restart, save and reopen with the
// outputs, and the extension's feature-map and spectrogram canvases in the demos.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Locator, Page } from "playwright-core";
import { activeNotebook, currentTabLabel, openLab, readContents, runCommand, screenshot, waitForKernelIdle, type LabSession } from "./lab-helpers";

const kernelName = "TypeScript (Axone)";

/** Appends a code cell at the end of the active notebook, types `code` in it and runs it. */
async function runNewCell(page: Page, code: string): Promise<Locator> {
  const notebook = activeNotebook(page);
  const before = await notebook.locator(".jp-CodeCell").count();
  // Select the last cell (command mode), then add a cell below it.
  await notebook.locator(".jp-Cell").last().locator(".jp-InputPrompt").click();
  await runCommand(page, "notebook:insert-cell-below");
  const cell = notebook.locator(".jp-CodeCell").nth(before);
  await cell.locator(".cm-content").click();
  await page.keyboard.insertText(code);
  await page.keyboard.press("Shift+Enter");
  return cell;
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
    session = await openLab({ kernels: ["axone"] });
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

  it("offers only TypeScript (Axone) in the kernel picker", async () => {
    const { page } = session;
    await runCommand(page, "notebook:change-kernel", {}, { wait: false });
    const dialog = page.locator(".jp-Dialog");
    await dialog.waitFor();
    try {
      const options = await dialog.locator("select option").allTextContents();
      // The same kernel can appear under several groups (preferred, other kernels).
      // Kernels to start (the same one can sit in the "preferred" and "other" groups);
      // running sessions, listed as "name (id)", are not kernelspecs.
      const kernelspecs = options.filter((text) => text !== "No Kernel" && !/\([0-9a-f]{8}\)$/.test(text));
      expect([...new Set(kernelspecs)], JSON.stringify(options)).toEqual([kernelName]);
      await screenshot(page, "lab-axone-picker");
    } finally {
      await dialog.getByRole("button", { name: "Cancel" }).click();
      await dialog.waitFor({ state: "detached" });
    }
  }, 60_000);

  it("runs the whole index notebook (autograd example) with Run All", async () => {
    const { page } = session;
    await runCommand(page, "notebook:run-all-cells");
    const notebook = activeNotebook(page);
    const output = notebook.locator(".jp-CodeCell").first().locator(".jp-OutputArea-output");
    await expect.poll(() => output.first().textContent(), { timeout: 60_000 }).toMatch(/2.*4.*8/s);
    expect(await notebook.locator(".jp-CodeCell .jp-InputPrompt").first().textContent()).toMatch(/\[1\]/);
    await screenshot(page, "lab-axone-run-all");
  }, 90_000);

  it("completes with Tab from the kernel (names of earlier cells and tensor members)", async () => {
    const { page } = session;
    await runNewCell(page, "const learningRate = 0.125;");
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
    await page.keyboard.insertText("t.");
    await page.keyboard.press("Tab");
    await completer.waitFor({ timeout: 20_000 });
    const items = await completer.locator(".jp-Completer-item .jp-Completer-match").allTextContents();
    expect(items).toContain("backward");
    expect(items).toContain("grad");
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

  it("saves and reopens the notebook with its outputs", async () => {
    const { page, lab } = session;
    await runCommand(page, "docmanager:save");
    await expect
      .poll(async () => {
        const saved = await readContents(lab, "index.ipynb");
        return saved.content.cells.filter((cell: any) => cell.cell_type === "code" && cell.outputs.length > 0).length;
      }, { timeout: 15_000 })
      .toBeGreaterThanOrEqual(3);
    await runCommand(page, "application:close-all");
    await expect.poll(() => activeNotebook(page).count()).toBe(0);
    await page.locator(".jp-DirListing-item[title^='Name: index.ipynb']").dblclick();
    await waitForKernelIdle(page, kernelName, 60_000);
    expect(await currentTabLabel(page)).toBe("index.ipynb");
    const outputs = activeNotebook(page).locator(".jp-CodeCell").first().locator(".jp-OutputArea-output");
    await expect.poll(() => outputs.first().textContent(), { timeout: 30_000 }).toMatch(/2.*4.*8/s);
    await screenshot(page, "lab-axone-reopened");
    await runCommand(page, "application:close-all");
  }, 120_000);

  it("draws feature maps and a spectrogram from the demo notebooks", async () => {
    const { page } = session;
    for (const [demo, kind] of [
      ["featuremaps", "featuremaps"],
      ["spectrogram", "spectrogram"],
    ] as const) {
      await runCommand(page, "docmanager:open", { path: `demos/${demo}.ipynb` });
      await expect.poll(() => currentTabLabel(page)).toBe(`${demo}.ipynb`);
      await waitForKernelIdle(page, kernelName, 60_000);
      await runCommand(page, "notebook:run-all-cells");
      const canvas = activeNotebook(page).locator(`.axone-output[data-kind='${kind}'] canvas`).first();
      await canvas.waitFor({ timeout: 90_000 });
      await expect.poll(() => canvasColours(canvas), { timeout: 30_000 }).toBeGreaterThan(8);
      await canvas.scrollIntoViewIfNeeded();
      await screenshot(page, `lab-axone-${demo}`);
      await runCommand(page, "notebook:close-and-shutdown", {}, { wait: false });
      const dialog = page.locator(".jp-Dialog");
      await dialog.waitFor({ timeout: 10_000 });
      await dialog.locator("button.jp-mod-accept").click();
      await dialog.waitFor({ state: "detached" });
    }
  }, 240_000);

  it("logged no error in the page", () => {
    expect(session.pageErrors).toEqual([]);
  });
});
