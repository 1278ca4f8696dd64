// Element-wise kernels of the cpu backend: unary, binary (broadcasting), where and cast.
// Each (op, dtypes) pair gets its own loop compiled once with new Function, so the hot loops are
// monomorphic and call no per-element closure.

import type { TypedArray } from "../../core/dtype";
import { erf } from "./math";

/** Unary expressions of `v` (the element) and the parameters a, b. */
export const UNARY_EXPR: Record<string, string> = {
  neg: "-v",
  abs: "Math.abs(v)",
  sign: "(v > 0 ? 1 : v < 0 ? -1 : v)",
  exp: "Math.exp(v)",
  expm1: "Math.expm1(v)",
  log: "Math.log(v)",
  log1p: "Math.log1p(v)",
  sqrt: "Math.sqrt(v)",
  rsqrt: "1 / Math.sqrt(v)",
  sin: "Math.sin(v)",
  cos: "Math.cos(v)",
  tan: "Math.tan(v)",
  tanh: "Math.tanh(v)",
  sigmoid: "(v >= 0 ? 1 / (1 + Math.exp(-v)) : Math.exp(v) / (1 + Math.exp(v)))",
  relu: "(v > 0 ? v : v === v ? 0 : v)",
  leakyRelu: "(v > 0 ? v : v * a)",
  elu: "(v > 0 ? v : a * Math.expm1(v))",
  gelu: "0.5 * v * (1 + erf(v * 0.7071067811865476))",
  erf: "erf(v)",
  softplus: "(v * a > b ? v : Math.log1p(Math.exp(v * a)) / a)",
  pow: "Math.pow(v, a)",
  clamp: "(v < a ? a : v > b ? b : v)",
  floor: "Math.floor(v)",
  ceil: "Math.ceil(v)",
  round: "(Math.abs(v - Math.trunc(v)) === 0.5 ? 2 * Math.round(v / 2) : Math.round(v))",
  trunc: "Math.trunc(v)",
  reciprocal: "1 / v",
  square: "v * v",
  not: "(v ? 0 : 1)",
  isnan: "(v !== v ? 1 : 0)",
  isinf: "(v === Infinity || v === -Infinity ? 1 : 0)",
  /** 1 where v > 0 else 0 (relu's derivative) */
  step: "(v > 0 ? 1 : 0)",
  /** 1 inside [a, b] else 0 (clamp's derivative) */
  inside: "(v >= a && v <= b ? 1 : 0)",
};

/** Binary expressions of x (left) and y (right). */
export const BINARY_EXPR: Record<string, string> = {
  add: "x + y",
  sub: "x - y",
  mul: "x * y",
  div: "x / y",
  pow: "Math.pow(x, y)",
  maximum: "(x > y || x !== x ? x : y)",
  minimum: "(x < y || x !== x ? x : y)",
  eq: "(x === y ? 1 : 0)",
  ne: "(x !== y ? 1 : 0)",
  lt: "(x < y ? 1 : 0)",
  le: "(x <= y ? 1 : 0)",
  gt: "(x > y ? 1 : 0)",
  ge: "(x >= y ? 1 : 0)",
  and: "(x && y ? 1 : 0)",
  or: "(x || y ? 1 : 0)",
  xor: "((x ? 1 : 0) ^ (y ? 1 : 0))",
  atan2: "Math.atan2(x, y)",
  remainder: "(x - Math.floor(x / y) * y)",
  floorDivide: "Math.floor(x / y)",
  fmod: "(x % y)",
};

type UnaryLoop = (x: TypedArray, o: TypedArray, n: number, a: number, b: number, erf: (v: number) => number) => void;
type BinaryLoop = (x: TypedArray, y: TypedArray, o: TypedArray, n: number) => void;
type BroadcastLoop = (x: TypedArray, y: TypedArray, o: TypedArray, shape: number[], sx: number[], sy: number[]) => void;

const unaryCache = new Map<string, UnaryLoop>();
const binaryCache = new Map<string, BinaryLoop>();

function unaryLoop(op: string, key: string): UnaryLoop {
  let f = unaryCache.get(key);
  if (!f) {
    const expr = UNARY_EXPR[op];
    if (!expr) throw new Error(`cpu backend: unknown unary op "${op}"`);
    f = new Function("x", "o", "n", "a", "b", "erf", `"use strict"; for (let i = 0; i < n; i++) { const v = x[i]; o[i] = ${expr}; }`) as UnaryLoop;
    unaryCache.set(key, f);
  }
  return f;
}

export function unary(op: string, x: TypedArray, out: TypedArray, a = 0, b = 0): void {
  unaryLoop(op, `${op}:${x.constructor.name}:${out.constructor.name}`)(x, out, x.length, a, b, erf);
}

function binaryLoop(op: string, mode: "same" | "scalarY" | "scalarX" | "broadcast", key: string): BinaryLoop | BroadcastLoop {
  const full = `${op}:${mode}:${key}`;
  let f = binaryCache.get(full);
  if (!f) {
    const expr = BINARY_EXPR[op];
    if (!expr) throw new Error(`cpu backend: unknown binary op "${op}"`);
    let body: string;
    if (mode === "same") body = `for (let i = 0; i < n; i++) { const x = X[i], y = Y[i]; O[i] = ${expr}; }`;
    else if (mode === "scalarY") body = `const y = Y[0]; for (let i = 0; i < n; i++) { const x = X[i]; O[i] = ${expr}; }`;
    else if (mode === "scalarX") body = `const x = X[0]; for (let i = 0; i < n; i++) { const y = Y[i]; O[i] = ${expr}; }`;
    else
      body = `
      const nd = shape.length, inner = shape[nd - 1], ix = sx[nd - 1], iy = sy[nd - 1];
      const outer = inner === 0 ? 0 : O.length / inner;
      const idx = new Int32Array(nd);
      let offX = 0, offY = 0, p = 0;
      for (let q = 0; q < outer; q++) {
        let jx = offX, jy = offY;
        for (let i = 0; i < inner; i++, jx += ix, jy += iy) { const x = X[jx], y = Y[jy]; O[p++] = ${expr}; }
        for (let d = nd - 2; d >= 0; d--) {
          idx[d]++; offX += sx[d]; offY += sy[d];
          if (idx[d] < shape[d]) break;
          offX -= sx[d] * shape[d]; offY -= sy[d] * shape[d]; idx[d] = 0;
        }
      }`;
    const args = mode === "broadcast" ? ["X", "Y", "O", "shape", "sx", "sy"] : ["X", "Y", "O", "n"];
    f = new Function(...args, `"use strict"; ${body}`) as BinaryLoop;
    binaryCache.set(full, f);
  }
  return f;
}

/**
 * Merges adjacent dimensions that are contiguous for every operand, so the inner loop is as long as possible.
 * Returns the collapsed shape and per-operand strides.
 */
export function collapse(shape: readonly number[], strides: readonly (readonly number[])[]): { shape: number[]; strides: number[][] } {
  const outShape: number[] = [];
  const outStrides: number[][] = strides.map(() => []);
  for (let d = 0; d < shape.length; d++) {
    if (shape[d] === 1) continue; // size-1 dims never move the offset
    const last = outShape.length - 1;
    if (last >= 0 && strides.every((s, k) => outStrides[k][last] === s[d] * shape[d])) {
      outShape[last] *= shape[d];
      strides.forEach((s, k) => (outStrides[k][last] = s[d]));
    } else {
      outShape.push(shape[d]);
      strides.forEach((s, k) => outStrides[k].push(s[d]));
    }
  }
  if (outShape.length === 0) {
    outShape.push(1);
    outStrides.forEach((s) => s.push(0));
  }
  return { shape: outShape, strides: outStrides };
}

export function binary(op: string, x: TypedArray, y: TypedArray, out: TypedArray, outShape: readonly number[], sx: readonly number[], sy: readonly number[]): void {
  const key = `${x.constructor.name}:${out.constructor.name}`;
  const n = out.length;
  if (n === 0) return;
  if (x.length === n && y.length === n) (binaryLoop(op, "same", key) as BinaryLoop)(x, y, out, n);
  else if (y.length === 1 && x.length === n) (binaryLoop(op, "scalarY", key) as BinaryLoop)(x, y, out, n);
  else if (x.length === 1 && y.length === n) (binaryLoop(op, "scalarX", key) as BinaryLoop)(x, y, out, n);
  else {
    const c = collapse(outShape, [sx, sy]);
    (binaryLoop(op, "broadcast", key) as BroadcastLoop)(x, y, out, c.shape, c.strides[0], c.strides[1]);
  }
}

/** out = cond ? x : y with all three broadcast to the output (strides given per operand). */
export function where(cond: TypedArray, x: TypedArray, y: TypedArray, out: TypedArray, outShape: readonly number[], sc: readonly number[], sx: readonly number[], sy: readonly number[]): void {
  const n = out.length;
  if (n === 0) return;
  const c = collapse(outShape, [sc, sx, sy]);
  const shape = c.shape, [tc, tx, ty] = c.strides;
  const nd = shape.length, inner = shape[nd - 1];
  const ic = tc[nd - 1], ix = tx[nd - 1], iy = ty[nd - 1];
  const idx = new Int32Array(nd);
  let oc = 0, ox = 0, oy = 0, p = 0;
  for (let q = 0, outer = n / inner; q < outer; q++) {
    let jc = oc, jx = ox, jy = oy;
    for (let i = 0; i < inner; i++, jc += ic, jx += ix, jy += iy) out[p++] = cond[jc] ? x[jx] : y[jy];
    for (let d = nd - 2; d >= 0; d--) {
      idx[d]++;
      oc += tc[d];
      ox += tx[d];
      oy += ty[d];
      if (idx[d] < shape[d]) break;
      oc -= tc[d] * shape[d];
      ox -= tx[d] * shape[d];
      oy -= ty[d] * shape[d];
      idx[d] = 0;
    }
  }
}

/** Converts element types (float → int32 truncates toward zero, anything → bool is x !== 0). */
export function cast(x: TypedArray, out: TypedArray): void {
  if (out instanceof Uint8Array) for (let i = 0; i < x.length; i++) out[i] = x[i] !== 0 ? 1 : 0;
  else out.set(x);
}
