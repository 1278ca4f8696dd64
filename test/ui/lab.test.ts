// The lab itself, in a real browser: page, file browser, the index notebook
// with LaTeX and TypeScript highlighting, the kernel picker limited to the
// allowed kernels, a notebook edited, run, saved and reopened with its
// outputs, light and dark themes. Debian's python3 kernel stands in here for
// "any kernel"; the Axone kernel's own features are in lab-axone.test.ts.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { activeNotebook, currentTabLabel, openLab, readContents, runCommand, screenshot, waitForKernelIdle, type LabSession } from "./lab-helpers";

describe("JupyterLab served by npm start's code path", () => {
  let session: LabSession;

  beforeAll(async () => {
    session = await openLab({ kernels: ["python3"] });
  }, 120_000);

  afterAll(async () => {
    await session?.close();
  });

  it("opens the index notebook first, with LaTeX typeset and TypeScript highlighted", async () => {
    const { page } = session;
    // index.ipynb asks for the Axone kernel, which this lab does not offer: the picker opens.
    const dialog = page.locator(".jp-Dialog");
    await dialog.waitFor({ timeout: 30_000 });
    const options = await dialog.locator("select option").allTextContents();
    expect(options).toContain("Python 3 (ipykernel)");
    // Only the allowed kernelspecs (and "No Kernel" / group labels) are offered.
    expect(options.filter((text) => /ipykernel|Axone|TypeScript/.test(text))).toEqual(["Python 3 (ipykernel)"]);
    await screenshot(page, "lab-kernel-picker");
    await dialog.getByRole("button", { name: "No Kernel" }).click();
    await dialog.waitFor({ state: "detached" });

    const notebook = activeNotebook(page);
    await expect.poll(() => currentTabLabel(page)).toBe("index.ipynb");
    // MathJax typeset the formulas of the markdown cells.
    await notebook.locator(".jp-MarkdownOutput mjx-container").first().waitFor({ timeout: 30_000 });
    expect(await notebook.locator(".jp-MarkdownOutput mjx-container").count()).toBeGreaterThan(3);
    // The code cell is highlighted as TypeScript: keywords and strings get their own colours.
    const code = notebook.locator(".jp-CodeCell .cm-content").first();
    await expect.poll(() => code.textContent()).toContain('import { tensor } from "axone"');
    const colours = await code.evaluate((element) => {
      const colourOf = (text: string) => {
        const span = [...element.querySelectorAll("span")].find((node) => node.textContent === text);
        return span ? getComputedStyle(span).color : null;
      };
      return { keyword: colourOf("import"), string: colourOf('"axone"'), plain: getComputedStyle(element).color };
    });
    expect(colours.keyword).not.toBeNull();
    expect(colours.string).not.toBeNull();
    expect(colours.keyword).not.toBe(colours.plain);
    expect(colours.string).not.toBe(colours.keyword);
    await screenshot(page, "lab-index");
  }, 90_000);

  it("lists the notebook folders in the file browser", async () => {
    const names = await session.page.locator(".jp-DirListing-item .jp-DirListing-itemText").allTextContents();
    for (const name of ["course", "demos", "exercises", "index.ipynb"]) expect(names).toContain(name);
  });

  it("creates a notebook from the launcher, runs a cell, saves, and reopens it with its output", async () => {
    const { page, lab } = session;
    await runCommand(page, "launcher:create");
    await page.locator(".jp-LauncherCard[title='Python 3 (ipykernel)'][data-category='Notebook']").click();
    const notebook = activeNotebook(page);
    await expect.poll(() => currentTabLabel(page)).toBe("Untitled.ipynb");
    await waitForKernelIdle(page, "Python 3 (ipykernel)");
    await notebook.locator(".jp-CodeCell .cm-content").first().click();
    await page.keyboard.type("answer = 6 * 7\nanswer");
    await page.keyboard.press("Shift+Enter");
    const output = notebook.locator(".jp-OutputArea-output").first();
    await expect.poll(() => output.textContent(), { timeout: 30_000 }).toBe("42");
    await page.keyboard.press("Control+s");
    // First save of an untitled notebook: JupyterLab offers to rename it.
    const rename = page.locator(".jp-Dialog", { hasText: "Rename file" });
    await rename.waitFor({ timeout: 15_000 });
    await rename.locator("input[type='text'], input:not([type])").first().fill("essai.ipynb");
    await rename.getByRole("button", { name: "Rename and Save" }).click();
    await rename.waitFor({ state: "detached" });
    await expect
      .poll(
        async () => {
          try {
            const saved = await readContents(lab, "essai.ipynb");
            return saved.content.cells[0]?.outputs?.[0]?.data?.["text/plain"];
          } catch {
            return undefined;
          }
        },
        { timeout: 15_000 },
      )
      .toBe("42");

    await runCommand(page, "application:close-all");
    await expect.poll(() => notebook.count()).toBe(0);
    await page.locator(".jp-DirListing-item[title^='Name: essai.ipynb']").dblclick();
    await waitForKernelIdle(page, "Python 3 (ipykernel)");
    const reopened = activeNotebook(page);
    expect(await currentTabLabel(page)).toBe("essai.ipynb");
    await expect.poll(() => reopened.locator(".jp-OutputArea-output").first().textContent(), { timeout: 30_000 }).toBe("42");
    await screenshot(page, "lab-reopened");
  }, 120_000);

  it("switches to the dark theme and back from the Settings menu", async () => {
    const { page } = session;
    const pickTheme = async (name: string) => {
      await page.locator(".lm-MenuBar-itemLabel", { hasText: /^Settings$/ }).click();
      await page.locator(".lm-Menu-itemLabel", { hasText: /^Theme$/ }).hover();
      await page.locator(".lm-Menu-itemLabel", { hasText: new RegExp(`^${name}$`) }).click();
      await page.waitForSelector(`body[data-jp-theme-name='${name}']`, { state: "attached", timeout: 30_000 });
    };
    await pickTheme("JupyterLab Dark");
    const background = await page.evaluate(() => getComputedStyle(document.body).getPropertyValue("--jp-layout-color0").trim());
    expect(background).toMatch(/^#1|^#2|^rgb\((?:[0-4]?\d),/);
    await screenshot(page, "lab-dark");
    await pickTheme("JupyterLab Light");
    expect(await page.evaluate(() => document.body.dataset.jpThemeLight)).toBe("true");
  }, 90_000);

  it("logged no error in the page", () => {
    expect(session.pageErrors).toEqual([]);
  });
});
