// Data-movement kernels of the cpu backend: strided copy (every view: transpose, permute, expand,
// slice, narrow), its accumulating inverse, concatenation, gather/scatter and index select/add.

import type { TypedArray } from "../../core/dtype";
import { collapse } from "./elementwise";

/** out[i0,…] = x[offset + Σ i_d · strides[d]] for every index of outShape. */
export function strided(x: TypedArray, out: TypedArray, outShape: readonly number[], strides: readonly number[], offset: number): void {
  const n = out.length;
  if (n === 0) return;
  const c = collapse(outShape, [strides]);
  const shape = c.shape, s = c.strides[0];
  const nd = shape.length, inner = shape[nd - 1], is = s[nd - 1];
  if (nd >= 2 && s[nd - 2] === 1 && is !== 1) return transposeTiles(x, out, shape, s, offset);
  const idx = new Int32Array(nd);
  let off = offset, p = 0;
  for (let q = 0, outer = n / inner; q < outer; q++) {
    if (is === 1) {
      out.set(x.subarray(off, off + inner), p);
      p += inner;
    } else for (let i = 0, j = off; i < inner; i++, j += is) out[p++] = x[j];
    for (let d = nd - 2; d >= 0; d--) {
      idx[d]++;
      off += s[d];
      if (idx[d] < shape[d]) break;
      off -= s[d] * shape[d];
      idx[d] = 0;
    }
  }
}

/**
 * The strided copy when the second-to-last output dim walks the input contiguously and the last one
 * jumps (a transpose): copied in 32×32 tiles so both sides stay in cache.
 */
function transposeTiles(x: TypedArray, out: TypedArray, shape: readonly number[], s: readonly number[], offset: number): void {
  const nd = shape.length, rows = shape[nd - 2], cols = shape[nd - 1], cs = s[nd - 1];
  const T = 32;
  const plane = rows * cols;
  const batches = out.length / plane;
  const idx = new Int32Array(Math.max(nd - 2, 1));
  let off = offset;
  for (let b = 0; b < batches; b++) {
    const o = b * plane;
    for (let i0 = 0; i0 < rows; i0 += T) {
      const i1 = Math.min(i0 + T, rows);
      for (let j0 = 0; j0 < cols; j0 += T) {
        const j1 = Math.min(j0 + T, cols);
        for (let i = i0; i < i1; i++) {
          let src = off + i + j0 * cs;
          const row = o + i * cols;
          for (let j = j0; j < j1; j++, src += cs) out[row + j] = x[src];
        }
      }
    }
    for (let d = nd - 3; d >= 0; d--) {
      idx[d]++;
      off += s[d];
      if (idx[d] < shape[d]) break;
      off -= s[d] * shape[d];
      idx[d] = 0;
    }
  }
}

/** out = base, then out[offset + Σ i_d · strides[d]] += src[i0,…] over every index of srcShape (repeats accumulate). */
export function stridedAdd(out: TypedArray, src: TypedArray, srcShape: readonly number[], strides: readonly number[], offset: number): void {
  const n = src.length;
  if (n === 0) return;
  const c = collapse(srcShape, [strides]);
  const shape = c.shape, s = c.strides[0];
  const nd = shape.length, inner = shape[nd - 1], is = s[nd - 1];
  const idx = new Int32Array(nd);
  let off = offset, p = 0;
  for (let q = 0, outer = n / inner; q < outer; q++) {
    for (let i = 0, j = off; i < inner; i++, j += is) out[j] += src[p++];
    for (let d = nd - 2; d >= 0; d--) {
      idx[d]++;
      off += s[d];
      if (idx[d] < shape[d]) break;
      off -= s[d] * shape[d];
      idx[d] = 0;
    }
  }
}

/** Concatenates inputs viewed as [outer, sizes[k]·inner] along their second axis. */
export function cat(inputs: readonly TypedArray[], out: TypedArray, outer: number, inner: number, sizes: readonly number[]): void {
  let total = 0;
  for (const s of sizes) total += s;
  const row = total * inner;
  let start = 0;
  inputs.forEach((x, k) => {
    const len = sizes[k] * inner;
    for (let o = 0; o < outer; o++) out.set(x.subarray(o * len, (o + 1) * len), o * row + start);
    start += len;
  });
}

/** Visits every index of `shape` keeping two running offsets (strides a and b); calls no closure per element. */
class Odometer {
  readonly n: number;
  private idx: Int32Array;
  a = 0;
  b = 0;
  constructor(
    private shape: readonly number[],
    private sa: readonly number[],
    private sb: readonly number[],
  ) {
    let n = 1;
    for (const s of shape) n *= s;
    this.n = n;
    this.idx = new Int32Array(Math.max(shape.length, 1));
  }
  next(): void {
    const { shape, sa, sb, idx } = this;
    for (let d = shape.length - 1; d >= 0; d--) {
      idx[d]++;
      this.a += sa[d];
      this.b += sb[d];
      if (idx[d] < shape[d]) return;
      this.a -= sa[d] * shape[d];
      this.b -= sb[d] * shape[d];
      idx[d] = 0;
    }
  }
}

/**
 * out[i] = x[i with coordinate `dim` replaced by index[i]] over the index's shape (torch.gather).
 * xStrides are x's contiguous strides; indices are already checked in range.
 */
export function gather(x: TypedArray, index: Int32Array, out: TypedArray, indexShape: readonly number[], xStrides: readonly number[], dim: number): void {
  const masked = xStrides.map((s, d) => (d === dim ? 0 : s));
  const sd = xStrides[dim];
  const it = new Odometer(indexShape, masked, masked);
  for (let p = 0; p < it.n; p++, it.next()) out[p] = x[it.a + index[p] * sd];
}

/** out (already a copy of the base) at [i with `dim` ← index[i]] = src[i] (or += when add), over the index's shape. */
export function scatter(out: TypedArray, index: Int32Array, src: TypedArray, indexShape: readonly number[], outStrides: readonly number[], srcStrides: readonly number[], dim: number, add: boolean): void {
  const masked = outStrides.map((s, d) => (d === dim ? 0 : s));
  const sd = outStrides[dim];
  const it = new Odometer(indexShape, masked, srcStrides);
  if (add) for (let p = 0; p < it.n; p++, it.next()) out[it.a + index[p] * sd] += src[it.b];
  else for (let p = 0; p < it.n; p++, it.next()) out[it.a + index[p] * sd] = src[it.b];
}

/** x viewed as [outer, size, inner] → out [outer, index.length, inner] picking rows index[k]. */
export function indexSelect(x: TypedArray, index: Int32Array, out: TypedArray, outer: number, size: number, inner: number): void {
  const m = index.length;
  for (let o = 0; o < outer; o++)
    for (let k = 0; k < m; k++) {
      const from = (o * size + index[k]) * inner;
      out.set(x.subarray(from, from + inner), (o * m + k) * inner);
    }
}

/** out (a copy of the base, [outer, size, inner]) rows index[k] += src [outer, index.length, inner] row k. */
export function indexAdd(out: TypedArray, index: Int32Array, src: TypedArray, outer: number, size: number, inner: number): void {
  const m = index.length;
  for (let o = 0; o < outer; o++)
    for (let k = 0; k < m; k++) {
      const to = (o * size + index[k]) * inner, from = (o * m + k) * inner;
      for (let i = 0; i < inner; i++) out[to + i] += src[from + i];
    }
}
