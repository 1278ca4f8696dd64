// A built visualisation: the payload plus its fallbacks, displayable by the kernel through
// Symbol.for("Jupyter.display") (the kernel's display layer calls it; lib never imports kernel/).

import { inspect } from "node:util";
import { AXONE_MIME, type AxonePayload, type MimeBundle } from "./types";
import type { Raster } from "./raster";

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(s: string): string {
  return String(s).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] as string);
}

/** base64 PNG size up to which text/html repeats the picture (see bundle()). */
export const HTML_PNG_LIMIT = 256 * 1024;

export class VizFigure<P extends AxonePayload = AxonePayload> {
  readonly payload: P;
  /** base64 PNG fallback */
  readonly png: string;
  readonly width: number;
  readonly height: number;
  readonly text: string;
  /** extra script-free HTML shown under the picture in the fallback (a table, say) */
  private readonly extraHtml: string;

  constructor(payload: P, raster: Raster, text: string, extraHtml = "") {
    this.payload = payload;
    this.png = raster.toBase64();
    this.width = raster.width;
    this.height = raster.height;
    this.text = text;
    this.extraHtml = extraHtml;
  }

  /** Script-free HTML: the PNG and the title (and what was cut), every string escaped. */
  html(): string {
    const cut = this.payload.cut.length ? `<br><small>${escapeHtml(this.payload.cut.join("; "))}</small>` : "";
    return (
      `<figure class="axone-viz" style="margin:0">` +
      `<img src="data:image/png;base64,${this.png}" width="${this.width}" height="${this.height}" alt="${escapeHtml(this.payload.title)}">` +
      `<figcaption>${escapeHtml(this.payload.title)}${cut}</figcaption>${this.extraHtml}</figure>`
    );
  }

  /**
   * The MIME bundle: the Axone payload, image/png, text/plain, and text/html (picture, caption with
   * what was cut, extra table) unless the PNG is big: then HTML would only repeat its bytes, and
   * nbconvert, GitHub and VS Code show image/png by themselves.
   */
  bundle(): MimeBundle {
    const bundle: MimeBundle = { [AXONE_MIME]: this.payload, "image/png": this.png, "text/plain": this.text };
    if (this.png.length <= HTML_PNG_LIMIT || this.extraHtml) bundle["text/html"] = this.html();
    return bundle;
  }

  [Symbol.for("Jupyter.display")](): MimeBundle {
    return this.bundle();
  }

  toString(): string {
    return this.text;
  }

  [inspect.custom](): string {
    return this.text;
  }
}
