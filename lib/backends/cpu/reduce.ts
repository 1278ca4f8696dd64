// Reductions of the cpu backend over the middle axis of x viewed as [outer, size, inner].

import type { TypedArray } from "../../core/dtype";

export type ReduceOp = "sum" | "prod" | "max" | "min" | "argmax" | "argmin";

export function reduce(op: ReduceOp, x: TypedArray, out: TypedArray, outer: number, size: number, inner: number): void {
  switch (op) {
    case "sum":
      return sum(x, out, outer, size, inner);
    case "prod":
      return prod(x, out, outer, size, inner);
    case "max":
    case "min":
    case "argmax":
    case "argmin":
      return extreme(op, x, out, outer, size, inner);
    default:
      throw new Error(`cpu backend: unknown reduction "${op as string}"`);
  }
}

function sum(x: TypedArray, out: TypedArray, outer: number, size: number, inner: number): void {
  if (inner === 1) {
    for (let o = 0; o < outer; o++) {
      // four partial sums in float64: faster and more accurate than one running float32 sum
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
      const base = o * size;
      let k = 0;
      for (; k + 4 <= size; k += 4) {
        s0 += x[base + k];
        s1 += x[base + k + 1];
        s2 += x[base + k + 2];
        s3 += x[base + k + 3];
      }
      for (; k < size; k++) s0 += x[base + k];
      out[o] = s0 + s1 + s2 + s3;
    }
    return;
  }
  const acc = new Float64Array(inner);
  for (let o = 0; o < outer; o++) {
    acc.fill(0);
    for (let k = 0; k < size; k++) {
      const base = (o * size + k) * inner;
      for (let i = 0; i < inner; i++) acc[i] += x[base + i];
    }
    for (let i = 0; i < inner; i++) out[o * inner + i] = acc[i];
  }
}

function prod(x: TypedArray, out: TypedArray, outer: number, size: number, inner: number): void {
  for (let o = 0; o < outer; o++)
    for (let i = 0; i < inner; i++) {
      let p = 1;
      for (let k = 0; k < size; k++) p *= x[(o * size + k) * inner + i];
      out[o * inner + i] = p;
    }
}

/** max/min values or their first index; NaN wins (as in PyTorch). */
function extreme(op: "max" | "min" | "argmax" | "argmin", x: TypedArray, out: TypedArray, outer: number, size: number, inner: number): void {
  const isMax = op === "max" || op === "argmax";
  const wantIndex = op === "argmax" || op === "argmin";
  for (let o = 0; o < outer; o++)
    for (let i = 0; i < inner; i++) {
      let base = o * size * inner + i;
      let best = x[base], at = 0;
      if (best === best)
        for (let k = 1; k < size; k++) {
          base += inner;
          const v = x[base];
          if (v !== v) {
            best = v;
            at = k;
            break;
          }
          if (isMax ? v > best : v < best) {
            best = v;
            at = k;
          }
        }
      out[o * inner + i] = wantIndex ? at : best;
    }
}

/** Softmax (or log-softmax) over the middle axis of x viewed as [outer, size, inner], max-shifted for stability. */
export function softmax(x: TypedArray, out: TypedArray, outer: number, size: number, inner: number, log: boolean): void {
  for (let o = 0; o < outer; o++)
    for (let i = 0; i < inner; i++) {
      const base = o * size * inner + i;
      let m = -Infinity;
      for (let k = 0, j = base; k < size; k++, j += inner) if (x[j] > m || x[j] !== x[j]) m = x[j];
      if (m === -Infinity || m === Infinity) m = 0;
      let s = 0;
      for (let k = 0, j = base; k < size; k++, j += inner) s += Math.exp(x[j] - m);
      if (log) {
        const shift = m + Math.log(s);
        for (let k = 0, j = base; k < size; k++, j += inner) out[j] = x[j] - shift;
      } else {
        const inv = 1 / s;
        for (let k = 0, j = base; k < size; k++, j += inner) out[j] = Math.exp(x[j] - m) * inv;
      }
    }
}
