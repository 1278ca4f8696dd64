// A progress bar for long work (epochs, batches, data loading). In a notebook it draws through the
// display function the kernel puts on globalThis (`display(value, {displayId})`, updated in place);
// elsewhere it draws on the terminal. Redraws are throttled (at most one per `minIntervalMs`).
// lib never imports the kernel: the only contract is the global function and the display symbol.

const DISPLAY = Symbol.for("Jupyter.display");

type DisplayFunction = (value: unknown, options?: { displayId?: string; update?: boolean }) => unknown;

export interface ProgressOptions {
  /** Total number of steps; unknown when omitted (the bar then shows a count only). */
  total?: number;
  /** Label written before the bar. */
  desc?: string;
  /** Minimum milliseconds between two redraws (default 100: at most 10 per second). */
  minIntervalMs?: number;
  /** Where to draw: "auto" (notebook display when the kernel provides one, else the terminal), "notebook", "terminal", "none". */
  mode?: "auto" | "notebook" | "terminal" | "none";
  /** Width of the bar in characters. */
  width?: number;
}

let nextId = 0;

function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return "?";
  const s = Math.round(seconds);
  const m = Math.floor(s / 60);
  return m > 0 ? `${m}:${String(s % 60).padStart(2, "0")}` : `${s}s`;
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/**
 * A throttled progress bar, drawn in place in a notebook output or on a terminal line.
 * @example
 * const bar = new ProgressBar({ total: 100, desc: "epoch 1" });
 * for (let i = 0; i < 100; i++) bar.update(1, { loss: 0.5 });
 * bar.close();
 */
export class ProgressBar {
  readonly total: number | undefined;
  readonly desc: string;
  count = 0;
  postfix: Record<string, number | string> = {};
  /** How many times the bar was really drawn (throttling keeps this small). */
  renders = 0;
  private readonly minIntervalMs: number;
  private readonly width: number;
  private readonly started = Date.now();
  private lastRender = -Infinity;
  private readonly displayId = `axone-progress-${process.pid}-${nextId++}`;
  private readonly mode: "notebook" | "terminal" | "none";
  private readonly display: DisplayFunction | undefined;
  private shown = false;
  private closed = false;

  constructor(options: ProgressOptions = {}) {
    this.total = options.total;
    this.desc = options.desc ?? "";
    this.minIntervalMs = options.minIntervalMs ?? 100;
    this.width = options.width ?? 30;
    const display = (globalThis as { display?: unknown }).display;
    this.display = typeof display === "function" ? (display as DisplayFunction) : undefined;
    const mode = options.mode ?? "auto";
    this.mode = mode === "auto" ? (this.display ? "notebook" : "terminal") : mode;
    if (this.mode === "notebook" && !this.display) throw new Error("ProgressBar: mode 'notebook' needs the kernel's global display() function, which is not defined here");
  }

  /** Advances by `n` steps and sets the values shown after the bar (e.g. the running loss). */
  update(n = 1, postfix?: Record<string, number | string>): void {
    this.count += n;
    if (postfix) this.postfix = { ...this.postfix, ...postfix };
    const now = Date.now();
    if (now - this.lastRender >= this.minIntervalMs) this.render(now);
  }

  /** The bar as one line of text. */
  text(now = Date.now()): string {
    const elapsed = (now - this.started) / 1000;
    const rate = elapsed > 0 ? this.count / elapsed : 0;
    const post = Object.entries(this.postfix)
      .map(([k, v]) => `${k}=${typeof v === "number" ? (Number.isInteger(v) ? v : v.toPrecision(4)) : v}`)
      .join(", ");
    const head = this.desc ? `${this.desc}: ` : "";
    if (this.total === undefined || this.total <= 0) return `${head}${this.count} [${formatDuration(elapsed)}, ${rate.toFixed(1)} it/s]${post ? " " + post : ""}`;
    const fraction = Math.min(1, this.count / this.total);
    const filled = Math.round(fraction * this.width);
    const eta = rate > 0 ? (this.total - this.count) / rate : Infinity;
    return `${head}${(fraction * 100).toFixed(0).padStart(3)}%|${"█".repeat(filled)}${" ".repeat(this.width - filled)}| ${this.count}/${this.total} [${formatDuration(elapsed)}<${formatDuration(eta)}, ${rate.toFixed(1)} it/s]${post ? " " + post : ""}`;
  }

  private bundle(now: number): Record<string, unknown> {
    const text = this.text(now);
    const fraction = this.total ? Math.min(1, this.count / this.total) : 0;
    const html = `<div style="font-family:monospace">${escapeHtml(this.desc)} <progress value="${fraction.toFixed(4)}" max="1" style="width:40%"></progress> ${escapeHtml(text.replace(/^.*\| /, ""))}</div>`;
    return { "text/plain": text, "text/html": html };
  }

  private render(now: number): void {
    if (this.closed) return;
    this.lastRender = now;
    this.renders++;
    if (this.mode === "none") return;
    if (this.mode === "notebook") {
      const bundle = this.bundle(now);
      const value = { [DISPLAY]: () => bundle };
      this.display!(value, this.shown ? { displayId: this.displayId, update: true } : { displayId: this.displayId });
      this.shown = true;
      return;
    }
    const stream = process.stderr;
    if (stream.isTTY) stream.write(`\r${this.text(now)}\x1b[K`);
    this.shown = true;
  }

  /** Draws the final state (always, whatever the throttle) and ends the line. */
  close(): void {
    if (this.closed) return;
    const now = Date.now();
    this.render(now);
    this.closed = true;
    if (this.mode === "terminal") {
      if (process.stderr.isTTY) process.stderr.write("\n");
      else process.stderr.write(this.text(now) + "\n");
    }
  }
}

/**
 * Wraps an iterable with a progress bar that advances once per item and closes at the end.
 * @example
 * for (const batch of progress(loader, { desc: "epoch 1" })) { ... }
 */
export function* progress<T>(items: Iterable<T>, options: ProgressOptions = {}): Generator<T> {
  const total = options.total ?? (typeof (items as { length?: unknown }).length === "number" ? (items as unknown as { length: number }).length : undefined);
  const bar = new ProgressBar({ ...options, total });
  try {
    for (const item of items) {
      yield item;
      bar.update(1);
    }
  } finally {
    bar.close();
  }
}
