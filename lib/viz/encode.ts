// Numbers to base64 (little-endian float32, or uint8 over a domain) and back; caps and thinning.

import type { ArrayLikeTensor, EncodedArray } from "./types";

/** Limits that keep every payload bounded; builders say in `cut` what they dropped. */
export const LIMITS = {
  /** feature maps / filter tiles shown at most */
  maxMaps: 64,
  /** filter tiles (out × in) shown at most */
  maxTiles: 256,
  /** cells per 2-D matrix (heatmap, spectrogram, one feature map) before block-averaging */
  maxCells: 512 * 512,
  /** cells per feature map before block-averaging */
  maxMapCells: 128 * 128,
  /** image pixels before downsampling */
  maxImagePixels: 1024 * 1024,
  /** points per curve before thinning */
  maxPoints: 4000,
  /** float32 bytes of one array above which it is sent as uint8 */
  quantiseAboveBytes: 1 << 20,
  /** attention: tokens per side */
  maxTokens: 256,
  maxHeads: 32,
};

const littleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

export function toFloat32(values: ArrayLike<number>): Float32Array {
  if (values instanceof Float32Array) return values;
  const out = new Float32Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = Number(values[i]);
  return out;
}

/** base64 of a float32 array's little-endian bytes. */
export function float32ToBase64(values: Float32Array): string {
  let bytes = new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
  if (!littleEndian) {
    const copy = new Uint8Array(bytes.length);
    for (let i = 0; i < bytes.length; i += 4) for (let j = 0; j < 4; j++) copy[i + j] = bytes[i + 3 - j];
    bytes = copy;
  }
  return Buffer.from(bytes).toString("base64");
}

export function base64ToFloat32(text: string): Float32Array {
  const bytes = Buffer.from(text, "base64");
  if (bytes.length % 4 !== 0) throw new Error(`base64ToFloat32: ${bytes.length} bytes is not a whole number of float32 values`);
  const out = new Float32Array(bytes.length / 4);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let i = 0; i < out.length; i++) out[i] = view.getFloat32(i * 4, true);
  return out;
}

/** min and max over finite values ([0, 0] when there are none). */
export function finiteRange(values: ArrayLike<number>): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (Number.isFinite(v)) {
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  return lo <= hi ? [lo, hi] : [0, 0];
}

/** Encodes as float32, or as uint8 over the value range when larger than the quantisation limit. */
export function encodeArray(values: ArrayLike<number>, shape: readonly number[], opts: { quantise?: boolean; cut?: string[]; what?: string } = {}): EncodedArray {
  const count = shape.reduce((a, b) => a * b, 1);
  if (count !== values.length) throw new Error(`encodeArray: shape [${shape.join(", ")}] holds ${count} values but ${values.length} were given`);
  const quantise = opts.quantise ?? values.length * 4 > LIMITS.quantiseAboveBytes;
  if (!quantise) return { dtype: "float32", shape: [...shape], data: float32ToBase64(toFloat32(values)) };
  const domain = finiteRange(values);
  const span = domain[1] - domain[0] || 1;
  const q = new Uint8Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    q[i] = Number.isFinite(v) ? Math.round(((v - domain[0]) / span) * 255) : 0;
  }
  opts.cut?.push(`${opts.what ?? "values"} quantised to 8 bits over [${fmt(domain[0])}, ${fmt(domain[1])}] (${values.length.toLocaleString("en-US")} values)`);
  return { dtype: "uint8", shape: [...shape], data: Buffer.from(q).toString("base64"), domain };
}

/** Raw 0..255 bytes (image pixels), no domain. */
export function encodeBytes(bytes: Uint8Array, shape: readonly number[]): EncodedArray {
  return { dtype: "uint8", shape: [...shape], data: Buffer.from(bytes).toString("base64") };
}

/** The numbers an EncodedArray holds (uint8 with a domain mapped back to values). */
export function decodeArray(a: EncodedArray): Float32Array {
  if (a.dtype === "float32") return base64ToFloat32(a.data);
  const bytes = Buffer.from(a.data, "base64");
  const out = new Float32Array(bytes.length);
  const [lo, hi] = a.domain ?? [0, 255];
  for (let i = 0; i < bytes.length; i++) out[i] = a.domain ? lo + (bytes[i] / 255) * (hi - lo) : bytes[i];
  return out;
}

/** Short number text for titles and notes. */
export function fmt(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (v === 0) return "0";
  const a = Math.abs(v);
  if (a >= 1e5 || a < 1e-3) return v.toExponential(2);
  return Number(v.toPrecision(4)).toString();
}

/** Checks the shape of a tensor-like input and returns its numbers as float32. */
export function readTensor(t: ArrayLikeTensor, op: string): { shape: number[]; values: Float32Array } {
  if (!t || !Array.isArray(t.shape) || typeof t.data !== "function") {
    throw new Error(`${op}: expected a tensor (an object with .shape and .data()), got ${t === null ? "null" : typeof t}`);
  }
  const shape = [...t.shape];
  const values = toFloat32(t.data());
  const count = shape.reduce((a, b) => a * b, 1);
  if (values.length !== count) throw new Error(`${op}: shape [${shape.join(", ")}] should hold ${count} values, data() gave ${values.length}`);
  return { shape, values };
}

/**
 * Block-averages a [rows, cols] matrix (optionally `count` of them stacked) so that each has at
 * most `maxCells` cells. Returns the new size and a note for `cut` when it shrank.
 */
export function shrinkMatrices(values: Float32Array, count: number, rows: number, cols: number, maxCells: number): { values: Float32Array; rows: number; cols: number; factor: number } {
  if (rows * cols <= maxCells) return { values, rows, cols, factor: 1 };
  const factor = Math.ceil(Math.sqrt((rows * cols) / maxCells));
  const r2 = Math.ceil(rows / factor);
  const c2 = Math.ceil(cols / factor);
  const out = new Float32Array(count * r2 * c2);
  for (let m = 0; m < count; m++) {
    const base = m * rows * cols;
    for (let i = 0; i < r2; i++) {
      for (let j = 0; j < c2; j++) {
        let sum = 0;
        let n = 0;
        for (let di = 0; di < factor && i * factor + di < rows; di++) {
          for (let dj = 0; dj < factor && j * factor + dj < cols; dj++) {
            sum += values[base + (i * factor + di) * cols + j * factor + dj];
            n++;
          }
        }
        out[m * r2 * c2 + i * c2 + j] = sum / n;
      }
    }
  }
  return { values: out, rows: r2, cols: c2, factor };
}
