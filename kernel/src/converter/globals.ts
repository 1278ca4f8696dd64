// Declarations of what the kernel puts in every cell's scope (see executor/child.ts), for the checker.
export const KERNEL_GLOBALS_DTS = `
type MimeBundle = Record<string, unknown>;
/** A value shown as a MIME bundle: what html(), markdown(), svg() ... return. */
interface Displayable { readonly bundle: MimeBundle }
/** A display that can be replaced in place. */
interface DisplayHandle { readonly displayId: string; update(value: unknown, metadata?: Record<string, unknown>): void }
/**
 * Shows a value as an output of the cell (rich output when it has [Symbol.for("Jupyter.display")]()).
 * @param options.displayId a name to update this output later with updateDisplay (true: make one up)
 * @example const handle = display(html("<b>step 1</b>"), { displayId: true }); handle!.update(html("<b>step 2</b>"));
 */
declare function display(value: unknown, options?: { displayId?: string | boolean; update?: boolean; metadata?: Record<string, unknown> }): DisplayHandle | undefined;
/** Replaces the output shown with display(value, { displayId }). @example updateDisplay("loss", html("<i>0.1</i>")) */
declare function updateDisplay(displayId: string, value: unknown, metadata?: Record<string, unknown>): void;
/** Clears the cell's output; with { wait: true } only when the next output arrives (no flicker). */
declare function clearOutput(options?: { wait?: boolean }): void;
/** HTML output. @example html("<b>bold</b>") */
declare function html(source: string): Displayable;
/** Markdown output. @example markdown("# Title") */
declare function markdown(source: string): Displayable;
/** SVG output. @example svg('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>') */
declare function svg(source: string): Displayable;
/** PNG output from bytes or base64. @example png(require("fs").readFileSync("plot.png")) */
declare function png(data: Uint8Array | string): Displayable;
/** JSON output, shown as a tree. @example json({ a: 1, b: [1, 2] }) */
declare function json(value: unknown): Displayable;
/** LaTeX output. @example latex("$e^{i\\\\pi} + 1 = 0$") */
declare function latex(source: string): Displayable;
/** Any MIME bundle. @example mime({ "text/html": "<i>x</i>", "text/plain": "x" }) */
declare function mime(bundle: MimeBundle): Displayable;
/** Asks the user for a line of text (the front end shows a prompt). @example const name = await input("Your name? ") */
declare function input(prompt?: string, options?: { password?: boolean }): Promise<string>;
/** Asks for a password: the front end hides what is typed. @example const secret = await password("Token: ") */
declare function password(prompt?: string): Promise<string>;
interface Comm {
  readonly commId: string;
  readonly targetName: string;
  send(data?: Record<string, unknown>, metadata?: Record<string, unknown>): void;
  close(data?: Record<string, unknown>, metadata?: Record<string, unknown>): void;
  /** Handles messages from the front end; a returned promise is awaited before the message counts as handled. */
  onMsg(handler: (data: Record<string, unknown>, metadata: Record<string, unknown>) => void | Promise<void>): void;
  onClose(handler: (data: Record<string, unknown>, metadata: Record<string, unknown>) => void | Promise<void>): void;
}
/** Jupyter comms: messages between this kernel and front-end code. Handlers may be async: their output comes before the message's idle status. */
declare const comm: {
  open(targetName: string, data?: Record<string, unknown>, metadata?: Record<string, unknown>): Comm;
  registerTarget(targetName: string, handler: (comm: Comm, data: Record<string, unknown>, metadata: Record<string, unknown>) => void | Promise<void>): void;
  unregisterTarget(targetName: string): void;
};
`;

/**
 * The Node globals most cells use, declared as @types/node declares them, for the checker's light
 * mode: @types/node is three quarters of what a first check parses (about 0.8 s of CPU), and most
 * notebook cells only print and use timers. The session loads the real declarations the moment a
 * cell needs more (see CellSession.useNodeTypes), and then drops these.
 */
export const LIGHT_NODE_GLOBALS_DTS = `
interface Console {
  assert(condition?: boolean, ...data: any[]): void;
  clear(): void;
  count(label?: string): void;
  countReset(label?: string): void;
  debug(...data: any[]): void;
  dir(item?: any, options?: any): void;
  error(...data: any[]): void;
  group(...label: any[]): void;
  groupEnd(): void;
  info(...data: any[]): void;
  log(...data: any[]): void;
  table(tabularData?: any, properties?: string[]): void;
  time(label?: string): void;
  timeEnd(label?: string): void;
  timeLog(label?: string, ...data: any[]): void;
  trace(...data: any[]): void;
  warn(...data: any[]): void;
}
declare var console: Console;
interface __AxoneTimer { ref(): this; unref(): this; hasRef(): boolean; refresh(): this; [Symbol.toPrimitive](): number }
declare function setTimeout<TArgs extends any[]>(callback: (...args: TArgs) => void, ms?: number, ...args: TArgs): __AxoneTimer;
// As in @types/node: the second overload takes a callback of one optional argument (a promise's resolve).
declare function setTimeout(callback: (args: void) => void, ms?: number): __AxoneTimer;
declare function setInterval<TArgs extends any[]>(callback: (...args: TArgs) => void, ms?: number, ...args: TArgs): __AxoneTimer;
declare function setInterval(callback: (args: void) => void, ms?: number): __AxoneTimer;
declare function clearTimeout(timeout: __AxoneTimer | string | number | undefined): void;
declare function clearInterval(interval: __AxoneTimer | string | number | undefined): void;
declare function queueMicrotask(callback: () => void): void;
declare function structuredClone<T>(value: T, options?: { transfer?: any[] }): T;
declare var performance: { now(): number; timeOrigin: number };
// axone's declarations name util.inspect.custom (its tensors print themselves in Node's console).
declare module "node:util" {
  export function inspect(value: unknown, options?: object): string;
  export namespace inspect { const custom: unique symbol; }
}
`;
