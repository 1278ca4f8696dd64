// A built visualisation: the payload plus its fallbacks, displayable by the kernel through
// Symbol.for("Jupyter.display") (the kernel's display layer calls it; lib never imports kernel/).

import { inspect } from "node:util";
import { AXONE_MIME, type AxonePayload, type MimeBundle } from "./types";
import { Raster, labelWidth } from "./raster";
import { wrapLabel } from "./axes";

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(s: string): string {
  return String(s).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] as string);
}

/** base64 PNG size up to which a text/html note of what was cut repeats the picture (see bundle()). */
export const HTML_PNG_LIMIT = 256 * 1024;

/** Widest a title band makes a picture (longer titles wrap, then are cut with "..."). */
const TITLE_MAX_WIDTH = 480;

/**
 * The picture with its title written in a band above it, so that the PNG says what it shows on its
 * own (nbconvert, GitHub and VS Code show only the PNG).
 */
export function withTitle(raster: Raster, title: string): Raster {
  if (!title) return raster;
  const pad = 4, lineHeight = 10;
  const width = Math.max(raster.width, Math.min(TITLE_MAX_WIDTH, labelWidth(title) + 2 * pad));
  const lines = wrapLabel(title, width - 2 * pad, 2);
  const band = lines.length * lineHeight + 4;
  const out = new Raster(width, raster.height + band);
  lines.forEach((line, i) => out.label(line, pad, 3 + i * lineHeight, [30, 30, 30]));
  for (let y = 0; y < raster.height; y++) {
    out.rgba.set(raster.rgba.subarray(y * raster.width * 4, (y + 1) * raster.width * 4), ((y + band) * width) * 4);
  }
  return out;
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

  /** `titleDrawn`: the raster already shows the payload's title (curves, the summary table). */
  constructor(payload: P, raster: Raster, text: string, extraHtml = "", titleDrawn = false) {
    this.payload = payload;
    const picture = titleDrawn ? raster : withTitle(raster, payload.title);
    this.png = picture.toBase64();
    this.width = picture.width;
    this.height = picture.height;
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
   * The MIME bundle: the Axone payload, image/png (titled), text/plain, and text/html only when it
   * adds something to the picture (a table, or a note of what was cut when the PNG is not big):
   * otherwise it would store the PNG's bytes a second time in every saved notebook.
   */
  bundle(): MimeBundle {
    const bundle: MimeBundle = { [AXONE_MIME]: this.payload, "image/png": this.png, "text/plain": this.text };
    if (this.extraHtml || (this.payload.cut.length && this.png.length <= HTML_PNG_LIMIT)) bundle["text/html"] = this.html();
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
