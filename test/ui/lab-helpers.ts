// Shared set-up of the browser tests: the lab server started by the same code
// as `npm start` (scripts/lab-server.mjs) on a copy of notebooks/, and Debian's
// Chromium driven by playwright-core. Screenshots go to test-results/ui/.
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type Browser, type Locator, type Page } from "playwright-core";
// @ts-expect-error: a plain ES module of the project's scripts, without type declarations
import { projectRoot, startLabServer } from "../../scripts/lab-server.mjs";

export const screenshotDir = join(projectRoot, "test-results", "ui");

export interface Lab {
  baseUrl: string;
  url: string;
  token: string;
  notebookDir: string;
  startupMs: number;
  stop(): Promise<unknown>;
}

export interface LabSession {
  lab: Lab;
  browser: Browser;
  page: Page;
  /** Messages the page logged as errors, and uncaught exceptions. */
  pageErrors: string[];
  close(): Promise<void>;
}

/** Starts a lab on a fresh copy of notebooks/ and opens it in Chromium. */
export async function openLab(options: { kernels: string[]; path?: string; files?: Record<string, string> }): Promise<LabSession> {
  const work = mkdtempSync(join(tmpdir(), "axone-ui-"));
  const notebookDir = join(work, "notebooks");
  cpSync(join(projectRoot, "notebooks"), notebookDir, { recursive: true });
  for (const [path, text] of Object.entries(options.files ?? {})) writeFileSync(join(notebookDir, path), text);
  const lab: Lab = await startLabServer({
    port: 0,
    notebookDir,
    stateDir: join(work, "state"),
    kernels: options.kernels,
    openPath: options.path,
  });
  let browser: Browser | undefined;
  try {
    browser = await chromium.launch({
      executablePath: "/usr/bin/chromium",
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
    });
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const pageErrors: string[] = [];
    page.on("pageerror", (error) => pageErrors.push(`uncaught: ${error.message}`));
    page.on("console", (message) => {
      if (message.type() === "error") pageErrors.push(message.text());
    });
    if (process.env.AXONE_UI_DEBUG) {
      page.on("websocket", (socket) => {
        socket.on("framesent", (frame) => console.log("WS sent", /"msg_type":\s*"(\w+)"/.exec(String(frame.payload))?.[1]));
        socket.on("framereceived", (frame) => console.log("WS recv", /"msg_type":\s*"(\w+)"/.exec(String(frame.payload))?.[1]));
        socket.on("close", () => console.log("WS close", socket.url()));
      });
    }
    await page.goto(lab.url);
    await page.waitForSelector("body[data-axone-lab-ready=true]", { state: "attached", timeout: 60_000 });
    const session: LabSession = {
      lab,
      browser,
      page,
      pageErrors,
      async close() {
        await browser?.close();
        await lab.stop();
        rmSync(work, { recursive: true, force: true });
      },
    };
    return session;
  } catch (error) {
    await browser?.close();
    await lab.stop();
    rmSync(work, { recursive: true, force: true });
    throw error;
  }
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(screenshotDir, { recursive: true });
  const path = join(screenshotDir, `${name}.png`);
  await page.screenshot({ path });
  return path;
}

/** A screenshot of one element (an output): scrolled to and drawn, unlike a page shot of a long notebook. */
export async function elementScreenshot(element: Locator, name: string): Promise<string> {
  mkdirSync(screenshotDir, { recursive: true });
  const path = join(screenshotDir, `${name}.png`);
  await element.scrollIntoViewIfNeeded();
  await element.screenshot({ path });
  return path;
}

/** The notebook panel in the main area that is currently shown. */
export function activeNotebook(page: Page) {
  return page.locator(".jp-NotebookPanel:not(.lm-mod-hidden)");
}

/**
 * Runs a JupyterLab command in the page (as a menu item or shortcut would) and
 * waits for it to finish; `{ wait: false }` for commands that open a dialog
 * (they finish only when the dialog closes).
 */
export async function runCommand(page: Page, id: string, args: Record<string, unknown> = {}, { wait = true } = {}): Promise<void> {
  await page.evaluate(
    async ({ id, args, wait }) => {
      const app = (window as unknown as { jupyterapp: { commands: { execute(id: string, args: unknown): Promise<unknown> } } }).jupyterapp;
      const done = app.commands.execute(id, args);
      if (wait) await done;
      else done.catch((error) => console.error(`${id} failed:`, error));
    },
    { id, args, wait },
  );
}

/** A file of the lab's notebook folder, read through the server's contents API. */
export async function readContents(lab: Lab, path: string): Promise<any> {
  const response = await fetch(`${lab.baseUrl}/api/contents/${path}?content=1`, {
    headers: { Authorization: `token ${lab.token}` },
  });
  if (!response.ok) throw new Error(`GET /api/contents/${path}: ${response.status}`);
  return response.json();
}


/** The label of the current tab of the main (document) area. */
export function currentTabLabel(page: Page): Promise<string | null> {
  return page.locator("#jp-main-dock-panel .lm-TabBar-tab.lm-mod-current .lm-TabBar-tabLabel").first().textContent();
}

/**
 * Waits until the status bar shows the active document's kernel started and idle,
 * e.g. "Python 3 (ipykernel) | Idle" (a cell run before that finds no kernel).
 */
export async function waitForKernelIdle(page: Page, displayName: string, timeout = 60_000): Promise<void> {
  await page
    .locator(".jp-StatusBar-Widget .jp-StatusBar-TextItem", { hasText: `${displayName} | Idle` })
    .first()
    .waitFor({ timeout });
}

/** An empty notebook for the Axone kernel (a file to pass to openLab's `files`). */
export function emptyAxoneNotebook(): string {
  return JSON.stringify({
    cells: [{ cell_type: "code", execution_count: null, id: "first", metadata: {}, outputs: [], source: [] }],
    metadata: { kernelspec: { display_name: "TypeScript (Axone)", language: "typescript", name: "axone" } },
    nbformat: 4,
    nbformat_minor: 5,
  });
}

/** Appends a code cell at the end of the active notebook, types `code` in it and runs it (Shift-Enter). */
export async function runNewCell(page: Page, code: string): Promise<Locator> {
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

/** Waits until a cell has run (its prompt shows a number) and checks it raised no error. */
export async function cellFinished(cell: Locator, timeout = 60_000): Promise<void> {
  const prompt = cell.locator(".jp-InputPrompt").first();
  await cell.page().waitForFunction((node) => /\[\d+\]/.test(node?.textContent ?? ""), await prompt.elementHandle(), { timeout });
  const errors = cell.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']");
  if (await errors.count()) throw new Error(`the cell failed: ${await errors.first().textContent()}`);
}
