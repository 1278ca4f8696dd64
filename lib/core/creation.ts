// Creation functions: tensor, zeros, ones, full, arange, linspace, eye, rand, randn, randint and *Like.

import { getBackend } from "./backend";
import { isDType, isFloat, type DType } from "./dtype";
import { defaultGenerator } from "./random";
import { checkShape, numelOf } from "./shape";
import { flattenNested, fromValues, Tensor, type NestedArray } from "./tensor";
import type { TypedArray } from "./dtype";

export interface TensorOptions {
  dtype?: DType;
  requiresGrad?: boolean;
  /** backend name, e.g. "cpu" (default: the current backend) */
  device?: string;
}

/** Shape arguments: `zeros(2, 3)`, `zeros([2, 3])`, optionally followed by options. */
export type ShapeArgs = (number | readonly number[] | TensorOptions | undefined)[];

function parseShapeArgs(op: string, args: ShapeArgs): { shape: number[]; options: TensorOptions } {
  let options: TensorOptions = {};
  const rest = [...args];
  while (rest.length && rest[rest.length - 1] === undefined) rest.pop();
  const last = rest[rest.length - 1];
  if (last !== undefined && typeof last === "object" && !Array.isArray(last)) {
    options = last as TensorOptions;
    rest.pop();
  }
  let shape: number[];
  if (rest.length === 1 && Array.isArray(rest[0])) shape = [...(rest[0] as number[])];
  else {
    for (const r of rest) if (typeof r !== "number") throw new Error(`${op}: expected sizes as numbers or one array, e.g. ${op}(2, 3) or ${op}([2, 3]); got ${JSON.stringify(args)}`);
    shape = rest as number[];
  }
  if (options.dtype !== undefined && !isDType(options.dtype)) throw new Error(`${op}: unknown dtype "${options.dtype}"; use "float32", "float64", "int32" or "bool"`);
  return { shape: checkShape(op, shape), options };
}

function finish(t: Tensor, options: TensorOptions): Tensor {
  if (options.requiresGrad) t.requiresGrad = true;
  return t;
}

function make(op: string, values: ArrayLike<number | boolean>, shape: number[], dtype: DType, options: TensorOptions): Tensor {
  return finish(fromValues(values, shape, dtype, options.device ?? getBackend()), options);
}

/**
 * A tensor from nested arrays, a number or a typed array. Integers give int32 unless a float is present
 * (PyTorch's int64 becomes int32 here); booleans give bool.
 * @example
 * tensor([[1, -2.5], [3, 4]]); // tensor([[ 1.0000, -2.5000], [ 3.0000,  4.0000]])
 */
export function tensor(data: NestedArray | TypedArray | Tensor, options: TensorOptions = {}): Tensor {
  if (data instanceof Tensor) {
    const values = data.data();
    return make("tensor", values, data.shape, options.dtype ?? data.dtype, options);
  }
  if (options.dtype !== undefined && !isDType(options.dtype)) throw new Error(`tensor: unknown dtype "${options.dtype}"; use "float32", "float64", "int32" or "bool"`);
  const { shape, values, sawFloat, sawBool } = flattenNested("tensor", data as NestedArray);
  let dtype = options.dtype;
  if (!dtype) {
    if (ArrayBuffer.isView(data)) dtype = data instanceof Float64Array ? "float64" : data instanceof Int32Array ? "int32" : data instanceof Uint8Array ? "bool" : "float32";
    else if (sawFloat) dtype = "float32";
    else if (sawBool && (values as (number | boolean)[]).every((v) => typeof v === "boolean")) dtype = "bool";
    else if (values.length === 0) dtype = "float32";
    else dtype = fitsInt32(values as (number | boolean)[]) ? "int32" : "float32";
  }
  return make("tensor", values, shape, dtype, options);
}

function fitsInt32(values: (number | boolean)[]): boolean {
  for (const v of values) if (typeof v === "number" && (v > 2147483647 || v < -2147483648)) return false;
  return true;
}

/** Same as tensor(data) but always float32 unless a dtype is given (PyTorch's torch.Tensor(...) habit). */
export function floatTensor(data: NestedArray | TypedArray, options: TensorOptions = {}): Tensor {
  return tensor(data, { dtype: "float32", ...options });
}

/**
 * A tensor of `shape` filled with `value`.
 * @example
 * full([2, 2], 7); // tensor([[7., 7.], [7., 7.]])
 */
export function full(shape: readonly number[] | number, value: number | boolean, options: TensorOptions = {}): Tensor {
  const { shape: s } = parseShapeArgs("full", [typeof shape === "number" ? [shape] : shape]);
  const dtype = options.dtype ?? (typeof value === "boolean" ? "bool" : "float32");
  const n = numelOf(s);
  const values = new Array<number | boolean>(n).fill(value);
  return make("full", values, s, dtype, options);
}

/** @example zeros(2, 3); zeros([2, 3], { dtype: "int32" }) */
export function zeros(...args: ShapeArgs): Tensor {
  const { shape, options } = parseShapeArgs("zeros", args);
  return make("zeros", new Uint8Array(numelOf(shape)), shape, options.dtype ?? "float32", options);
}

/** An uninitialised tensor in PyTorch; zero-filled here. @example empty(2, 3) */
export function empty(...args: ShapeArgs): Tensor {
  return zeros(...args);
}

/** @example ones(3); ones([2, 2]) */
export function ones(...args: ShapeArgs): Tensor {
  const { shape, options } = parseShapeArgs("ones", args);
  return make("ones", new Uint8Array(numelOf(shape)).fill(1), shape, options.dtype ?? "float32", options);
}

/**
 * Evenly spaced values in [start, end): arange(5), arange(1, 4), arange(0, 1, 0.25). Integer arguments give int32.
 * @example
 * arange(5).toArray(); // [0, 1, 2, 3, 4]
 */
export function arange(start: number, end?: number, step = 1, options: TensorOptions = {}): Tensor {
  if (end === undefined) [start, end] = [0, start];
  if (step === 0 || !Number.isFinite(step)) throw new Error(`arange: step must be a non-zero finite number, got ${step}`);
  const n = Math.max(0, Math.ceil((end - start) / step));
  const dtype = options.dtype ?? (Number.isInteger(start) && Number.isInteger(end) && Number.isInteger(step) ? "int32" : "float32");
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) values[i] = start + i * step;
  return make("arange", values, [n], dtype, options);
}

/**
 * `steps` evenly spaced values from start to end inclusive.
 * @example
 * linspace(0, 1, 5).toArray(); // [0, 0.25, 0.5, 0.75, 1]
 */
export function linspace(start: number, end: number, steps: number, options: TensorOptions = {}): Tensor {
  if (!Number.isInteger(steps) || steps < 0) throw new Error(`linspace: steps must be a non-negative integer, got ${steps}`);
  const values = new Float64Array(steps);
  const step = steps > 1 ? (end - start) / (steps - 1) : 0;
  for (let i = 0; i < steps; i++) values[i] = i === steps - 1 && steps > 1 ? end : start + i * step;
  return make("linspace", values, [steps], options.dtype ?? "float32", options);
}

/**
 * The identity matrix n×n (or n×m).
 * @example
 * eye(2).toArray(); // [[1, 0], [0, 1]]
 */
export function eye(n: number, m: number = n, options: TensorOptions = {}): Tensor {
  const shape = checkShape("eye", [n, m]);
  const values = new Uint8Array(n * m);
  for (let i = 0; i < Math.min(n, m); i++) values[i * m + i] = 1;
  return make("eye", values, shape, options.dtype ?? "float32", options);
}

function floatOnly(op: string, dtype: DType): void {
  if (!isFloat(dtype)) throw new Error(`${op}: dtype must be float32 or float64, got ${dtype}; use randint for integers`);
}

/** Uniform values in [0, 1) from the seeded generator. @example manualSeed(0); rand(2, 3) */
export function rand(...args: ShapeArgs): Tensor {
  const { shape, options } = parseShapeArgs("rand", args);
  const dtype = options.dtype ?? "float32";
  floatOnly("rand", dtype);
  const n = numelOf(shape);
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) values[i] = defaultGenerator.uniform();
  return make("rand", values, shape, dtype, options);
}

/** Standard normal values from the seeded generator. @example manualSeed(0); randn(2, 3) */
export function randn(...args: ShapeArgs): Tensor {
  const { shape, options } = parseShapeArgs("randn", args);
  const dtype = options.dtype ?? "float32";
  floatOnly("randn", dtype);
  const n = numelOf(shape);
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) values[i] = defaultGenerator.normal();
  return make("randn", values, shape, dtype, options);
}

/**
 * Uniform integers in [low, high): randint(low, high, shape) or randint(high, shape).
 * @example
 * randint(0, 10, [2, 3]); // int32 values 0..9
 */
export function randint(low: number, high: number | readonly number[], shape?: readonly number[] | TensorOptions, options: TensorOptions = {}): Tensor {
  if (Array.isArray(high)) {
    if (shape && !Array.isArray(shape)) options = shape as TensorOptions;
    shape = high;
    high = low;
    low = 0;
  }
  if (!Array.isArray(shape)) throw new Error("randint: give a shape, e.g. randint(0, 10, [2, 3])");
  const h = high as number;
  if (!Number.isInteger(low) || !Number.isInteger(h) || h <= low) throw new Error(`randint: need integers low < high, got low=${low}, high=${h}`);
  const s = checkShape("randint", shape as number[]);
  const n = numelOf(s);
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) values[i] = defaultGenerator.integer(low, h);
  return make("randint", values, s, options.dtype ?? "int32", options);
}

/** A random permutation of 0..n-1 (int32). */
export function randperm(n: number, options: TensorOptions = {}): Tensor {
  const p = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = defaultGenerator.integer(0, i + 1);
    [p[i], p[j]] = [p[j], p[i]];
  }
  return make("randperm", p, [n], options.dtype ?? "int32", options);
}

const likeOptions = (t: Tensor, options: TensorOptions): TensorOptions => ({ dtype: t.dtype, device: t.device, ...options });
export const zerosLike = (t: Tensor, options: TensorOptions = {}): Tensor => zeros(t.shape, likeOptions(t, options));
export const onesLike = (t: Tensor, options: TensorOptions = {}): Tensor => ones(t.shape, likeOptions(t, options));
export const fullLike = (t: Tensor, value: number | boolean, options: TensorOptions = {}): Tensor => full(t.shape, value, likeOptions(t, options));
export const randLike = (t: Tensor, options: TensorOptions = {}): Tensor => rand(t.shape, { dtype: isFloat(t.dtype) ? t.dtype : "float32", device: t.device, ...options });
export const randnLike = (t: Tensor, options: TensorOptions = {}): Tensor => randn(t.shape, { dtype: isFloat(t.dtype) ? t.dtype : "float32", device: t.device, ...options });
