// A small RGBA raster for the image/png fallbacks: colour maps, matrices, colour bars, lines,
// and a 3×5 pixel font for the numbers on colour bars and axes. Encoded with pngjs.

import { PNG } from "pngjs";
import type { ColorMapName } from "./types";
import { fmt } from "./encode";
import { ADVANCE, GLYPH_HEIGHT, GLYPH_WIDTH, drawnText, glyphOf } from "./font5x7";

// Colour map stops, evenly spaced from 0 to 1 (viridis and RdBu as matplotlib defines them).
const STOPS: Record<ColorMapName, [number, number, number][]> = {
  viridis: [
    [68, 1, 84], [72, 40, 120], [62, 73, 137], [49, 104, 142], [38, 130, 142],
    [31, 158, 137], [53, 183, 121], [110, 206, 88], [253, 231, 37],
  ],
  gray: [[0, 0, 0], [255, 255, 255]],
  RdBu: [
    [103, 0, 31], [178, 24, 43], [214, 96, 77], [244, 165, 130], [253, 219, 199], [247, 247, 247],
    [209, 229, 240], [146, 197, 222], [67, 147, 195], [33, 102, 172], [5, 48, 97],
  ],
};

const lutCache = new Map<ColorMapName, Uint8Array>();

/** 256 RGB entries of a colour map. */
export function colorLut(name: ColorMapName): Uint8Array {
  const cached = lutCache.get(name);
  if (cached) return cached;
  const stops = STOPS[name];
  if (!stops) throw new Error(`viz: unknown colour map "${name}"; use viridis, gray or RdBu`);
  const lut = new Uint8Array(256 * 3);
  for (let i = 0; i < 256; i++) {
    const t = (i / 255) * (stops.length - 1);
    const k = Math.min(stops.length - 2, Math.floor(t));
    const f = t - k;
    for (let c = 0; c < 3; c++) lut[i * 3 + c] = Math.round(stops[k][c] * (1 - f) + stops[k + 1][c] * f);
  }
  lutCache.set(name, lut);
  return lut;
}

// 3×5 glyphs, rows top to bottom, 3 bits each (4 = left column).
const GLYPHS: Record<string, number[]> = {
  "0": [7, 5, 5, 5, 7], "1": [2, 6, 2, 2, 7], "2": [7, 1, 7, 4, 7], "3": [7, 1, 7, 1, 7], "4": [5, 5, 7, 1, 1],
  "5": [7, 4, 7, 1, 7], "6": [7, 4, 7, 5, 7], "7": [7, 1, 1, 1, 1], "8": [7, 5, 7, 5, 7], "9": [7, 5, 7, 1, 7],
  ".": [0, 0, 0, 0, 2], "-": [0, 0, 7, 0, 0], "+": [0, 2, 7, 2, 0], e: [0, 7, 7, 4, 7], " ": [0, 0, 0, 0, 0],
};

export class Raster {
  readonly width: number;
  readonly height: number;
  readonly rgba: Uint8Array;
  /** pixels outside this box are not drawn (a plot's data area); null draws everywhere */
  private clip: { left: number; top: number; width: number; height: number } | null = null;

  constructor(width: number, height: number, background: [number, number, number] = [255, 255, 255]) {
    this.width = Math.max(1, Math.round(width));
    this.height = Math.max(1, Math.round(height));
    this.rgba = new Uint8Array(this.width * this.height * 4);
    this.fillRect(0, 0, this.width, this.height, background);
  }

  setPixel(x: number, y: number, rgb: ArrayLike<number>, offset = 0): void {
    if (x < 0 || y < 0 || x >= this.width || y >= this.height) return;
    const c = this.clip;
    if (c && (x < c.left || y < c.top || x >= c.left + c.width || y >= c.top + c.height)) return;
    const i = (y * this.width + x) * 4;
    this.rgba[i] = rgb[offset];
    this.rgba[i + 1] = rgb[offset + 1];
    this.rgba[i + 2] = rgb[offset + 2];
    this.rgba[i + 3] = 255;
  }

  /** Draws only inside `box` until called again with null. */
  clipTo(box: { left: number; top: number; width: number; height: number } | null): void {
    this.clip = box && { ...box };
  }

  fillRect(x0: number, y0: number, w: number, h: number, rgb: ArrayLike<number>): void {
    for (let y = Math.max(0, Math.floor(y0)); y < Math.min(this.height, Math.floor(y0 + h)); y++) {
      for (let x = Math.max(0, Math.floor(x0)); x < Math.min(this.width, Math.floor(x0 + w)); x++) this.setPixel(x, y, rgb);
    }
  }

  /** Draws a [rows, cols] matrix into a w×h box (nearest neighbour), row 0 at the top unless flipY. */
  drawMatrix(values: ArrayLike<number>, offset: number, rows: number, cols: number, x0: number, y0: number, w: number, h: number, map: ColorMapName, range: [number, number], flipY = false): void {
    const lut = colorLut(map);
    const span = range[1] - range[0] || 1;
    for (let py = 0; py < h; py++) {
      let r = Math.min(rows - 1, Math.floor((py * rows) / h));
      if (flipY) r = rows - 1 - r;
      for (let px = 0; px < w; px++) {
        const c = Math.min(cols - 1, Math.floor((px * cols) / w));
        const v = values[offset + r * cols + c];
        const q = Number.isFinite(v) ? Math.max(0, Math.min(255, Math.round(((v - range[0]) / span) * 255))) : 0;
        this.setPixel(x0 + px, y0 + py, lut, q * 3);
      }
    }
  }

  /** Vertical colour bar, high values at the top, with its min and max written beside it. */
  drawColorBar(x0: number, y0: number, w: number, h: number, map: ColorMapName, range: [number, number]): void {
    const lut = colorLut(map);
    for (let py = 0; py < h; py++) {
      const q = Math.round((1 - py / Math.max(1, h - 1)) * 255);
      for (let px = 0; px < w; px++) this.setPixel(x0 + px, y0 + py, lut, q * 3);
    }
    this.strokeRect(x0 - 1, y0 - 1, w + 2, h + 2, [96, 96, 96]);
    this.text(fmt(range[1]), x0 + w + 3, y0, [40, 40, 40]);
    this.text(fmt(range[0]), x0 + w + 3, y0 + h - 5, [40, 40, 40]);
  }

  strokeRect(x0: number, y0: number, w: number, h: number, rgb: ArrayLike<number>): void {
    this.fillRect(x0, y0, w, 1, rgb);
    this.fillRect(x0, y0 + h - 1, w, 1, rgb);
    this.fillRect(x0, y0, 1, h, rgb);
    this.fillRect(x0 + w - 1, y0, 1, h, rgb);
  }

  /** Bresenham line. */
  line(x0: number, y0: number, x1: number, y1: number, rgb: ArrayLike<number>): void {
    // Cut the segment to the drawable area first (Liang–Barsky), so that a point far outside a
    // fixed axis range still draws the visible part of its segment, in few steps.
    const c = this.clip ?? { left: 0, top: 0, width: this.width, height: this.height };
    const dx0 = x1 - x0, dy0 = y1 - y0;
    let t0 = 0, t1 = 1;
    for (const [p, q] of [[-dx0, x0 - c.left], [dx0, c.left + c.width - 1 - x0], [-dy0, y0 - c.top], [dy0, c.top + c.height - 1 - y0]]) {
      if (p === 0) {
        if (q < 0) return;
      } else {
        const t = q / p;
        if (p < 0) t0 = Math.max(t0, t);
        else t1 = Math.min(t1, t);
      }
    }
    if (!(t0 <= t1)) return;
    [x0, y0, x1, y1] = [x0 + t0 * dx0, y0 + t0 * dy0, x0 + t1 * dx0, y0 + t1 * dy0];
    x0 = Math.round(x0); y0 = Math.round(y0); x1 = Math.round(x1); y1 = Math.round(y1);
    const dx = Math.abs(x1 - x0), sx = x0 < x1 ? 1 : -1;
    const dy = -Math.abs(y1 - y0), sy = y0 < y1 ? 1 : -1;
    let err = dx + dy;
    for (let guard = 0; guard < 100000; guard++) {
      this.setPixel(x0, y0, rgb);
      if (x0 === x1 && y0 === y1) break;
      const e2 = 2 * err;
      if (e2 >= dy) { err += dy; x0 += sx; }
      if (e2 <= dx) { err += dx; y0 += sy; }
    }
  }

  /** Writes digits, '.', '-', '+', 'e' in the 3×5 font (other characters leave a gap). */
  text(s: string, x0: number, y0: number, rgb: ArrayLike<number>): void {
    let x = x0;
    for (const ch of s) {
      const g = GLYPHS[ch];
      if (g) for (let r = 0; r < 5; r++) for (let c = 0; c < 3; c++) if (g[r] & (4 >> c)) this.setPixel(x + c, y0 + r, rgb);
      x += 4;
    }
  }

  /** Writes text in the 5×7 font (see drawnText for characters it lacks), top-left at (x0, y0). */
  label(s: string, x0: number, y0: number, rgb: ArrayLike<number>): void {
    let x = x0;
    for (const ch of drawnText(s)) {
      const rows = glyphOf(ch);
      for (let r = 0; r < GLYPH_HEIGHT; r++) for (let c = 0; c < GLYPH_WIDTH; c++) if (rows[r] & (1 << (GLYPH_WIDTH - 1 - c))) this.setPixel(x + c, y0 + r, rgb);
      x += ADVANCE;
    }
  }

  /**
   * Writes text in the 5×7 font turned a quarter left (read bottom to top), the glyph tops at column
   * x0 and the first character's left edge at row yBottom: column labels that would not fit side by side.
   */
  labelUp(s: string, x0: number, yBottom: number, rgb: ArrayLike<number>): void {
    let y = yBottom;
    for (const ch of drawnText(s)) {
      const rows = glyphOf(ch);
      for (let r = 0; r < GLYPH_HEIGHT; r++) for (let c = 0; c < GLYPH_WIDTH; c++) if (rows[r] & (1 << (GLYPH_WIDTH - 1 - c))) this.setPixel(x0 + r, y - c, rgb);
      y -= ADVANCE;
    }
  }

  toPNG(): Buffer {
    const png = new PNG({ width: this.width, height: this.height });
    png.data = Buffer.from(this.rgba.buffer, this.rgba.byteOffset, this.rgba.byteLength);
    // Opaque pictures: written as RGB (colour type 2), a quarter smaller than RGBA.
    return PNG.sync.write(png, { colorType: 2, inputHasAlpha: true });
  }

  toBase64(): string {
    return this.toPNG().toString("base64");
  }
}

/** Width in pixels of `s` in the 5×7 font (Raster.label). */
export function labelWidth(s: string): number {
  return Math.max(0, [...drawnText(s)].length * ADVANCE - 1);
}

/** `s` shortened with "..." so that it fits in `maxWidth` pixels of the 5×7 font. */
export function fitLabel(s: string, maxWidth: number): string {
  const chars = [...drawnText(s)];
  const room = Math.floor((maxWidth + 1) / ADVANCE);
  return chars.length <= room ? chars.join("") : `${chars.slice(0, Math.max(0, room - 3)).join("")}...`;
}

/** Width in pixels of `s` in the 3×5 font. */
export function textWidth(s: string): number {
  return s.length * 4;
}
