// A built visualisation: the payload plus its fallbacks, displayable by the kernel through
// Symbol.for("Jupyter.display") (the kernel's display layer calls it; lib never imports kernel/).

import { inspect } from "node:util";
import { AXONE_MIME, type AxonePayload, type MimeBundle } from "./types";
import type { Raster } from "./raster";

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(s: string): string {
  return String(s).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] as string);
}

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

  /** The MIME bundle: the Axone payload, image/png, text/html and text/plain. */
  bundle(): MimeBundle {
    return { [AXONE_MIME]: this.payload, "image/png": this.png, "text/html": this.html(), "text/plain": this.text };
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
