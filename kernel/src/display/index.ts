// Turns any value into a Jupyter MIME bundle. Knows nothing of lib/: a value opts in to rich
// output through the well-known symbol Symbol.for("Jupyter.display").
import { inspect } from "node:util";
import type { MimeBundle } from "../executor-api";

export const DISPLAY_SYMBOL: unique symbol = Symbol.for("Jupyter.display") as never;

/** Node-inspect style text, without ANSI colours, as the REPL would print it. */
export function plainText(value: unknown): string {
  if (typeof value === "string") return inspect(value, { colors: false });
  return inspect(value, { colors: false, depth: 4, maxArrayLength: 100, maxStringLength: 10_000, breakLength: 100 });
}

function isBundle(value: unknown): value is MimeBundle {
  return typeof value === "object" && value !== null && !Array.isArray(value) && Object.keys(value).every((key) => key.includes("/"));
}

/**
 * The MIME bundle of a value: what its `[Symbol.for("Jupyter.display")]()` returns (when it has one),
 * always completed with `text/plain`. A display method that throws, or returns something that is
 * not a bundle, falls back to plain text with a note saying why.
 */
export function format(value: unknown): MimeBundle {
  const method = value !== null && (typeof value === "object" || typeof value === "function") ? (value as Record<symbol, unknown>)[DISPLAY_SYMBOL] : undefined;
  if (typeof method === "function") {
    let bundle: unknown;
    try {
      bundle = (method as () => unknown).call(value);
    } catch (error) {
      return { "text/plain": `${plainText(value)}\n[display failed: ${(error as Error)?.message ?? String(error)}]` };
    }
    if (isBundle(bundle)) {
      const result: MimeBundle = {};
      for (const [mime, data] of Object.entries(bundle)) if (data !== undefined) result[mime] = data;
      if (typeof result["text/plain"] !== "string") result["text/plain"] = plainText(value);
      return result;
    }
    return { "text/plain": `${plainText(value)}\n[display ignored: Symbol.for("Jupyter.display")() must return an object of MIME type → data]` };
  }
  return { "text/plain": plainText(value) };
}

/** A value displayed as the given bundle (what the html/markdown/... helpers return). */
export class Displayable {
  constructor(readonly bundle: MimeBundle) {}
  [DISPLAY_SYMBOL](): MimeBundle {
    return this.bundle;
  }
  [inspect.custom](): string {
    return String(this.bundle["text/plain"] ?? `[${Object.keys(this.bundle).join(", ")}]`);
  }
}

function needString(helper: string, value: unknown): string {
  if (typeof value !== "string") throw new TypeError(`${helper}(): expected a string, got ${value === null ? "null" : typeof value}`);
  return value;
}

/** HTML output. @example display(html("<b>bold</b>")) */
export function html(source: string): Displayable {
  return new Displayable({ "text/html": needString("html", source), "text/plain": "[HTML]" });
}

/** Markdown output. @example markdown("# Title") */
export function markdown(source: string): Displayable {
  return new Displayable({ "text/markdown": needString("markdown", source), "text/plain": needString("markdown", source) });
}

/** SVG output. @example svg('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>') */
export function svg(source: string): Displayable {
  return new Displayable({ "image/svg+xml": needString("svg", source), "text/plain": "[SVG]" });
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47];

/** PNG output from bytes (Uint8Array/Buffer) or a base64 string. @example png(fs.readFileSync("a.png")) */
export function png(data: Uint8Array | string): Displayable {
  let base64: string;
  if (typeof data === "string") base64 = data.replace(/^data:image\/png;base64,/, "");
  else if (data instanceof Uint8Array) {
    if (!PNG_SIGNATURE.every((byte, i) => data[i] === byte)) throw new TypeError("png(): the bytes are not a PNG image (missing the PNG signature)");
    base64 = Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString("base64");
  } else throw new TypeError(`png(): expected PNG bytes (Uint8Array) or a base64 string, got ${typeof data}`);
  return new Displayable({ "image/png": base64, "text/plain": "[PNG image]" });
}

/** JSON output (the front end shows a tree). @example json({ a: 1 }) */
export function json(value: unknown): Displayable {
  let data: unknown;
  try {
    data = JSON.parse(JSON.stringify(value ?? null));
  } catch (error) {
    throw new TypeError(`json(): the value cannot be turned into JSON: ${(error as Error).message}`);
  }
  return new Displayable({ "application/json": data, "text/plain": plainText(value) });
}

/** LaTeX output. @example latex("$e^{i\\pi} + 1 = 0$") */
export function latex(source: string): Displayable {
  return new Displayable({ "text/latex": needString("latex", source), "text/plain": needString("latex", source) });
}

/** Any bundle of your choice. @example mime({ "text/html": "<i>x</i>", "text/plain": "x" }) */
export function mime(bundle: MimeBundle): Displayable {
  if (!isBundle(bundle)) throw new TypeError('mime(): expected an object of MIME type → data, such as { "text/html": "<b>x</b>" }');
  return new Displayable({ ...bundle });
}
