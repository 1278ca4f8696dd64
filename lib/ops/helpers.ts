// Shared plumbing of the op files: argument conversion, kernel calls, broadcasting gradients.

import { floatOf, isFloat, promoteTypes, promoteWithScalar, type DType } from "../core/dtype";
import { broadcastShapes, fmtShape, normDims, numelOf, sameShape, stridesOf } from "../core/shape";
import { castTo, record, runKernel, Tensor, toTensor, zerosOn, type TensorLike } from "../core/tensor";

export { record, runKernel, Tensor, toTensor, castTo, zerosOn, fmtShape, numelOf, stridesOf, sameShape, isFloat, floatOf };
export type { TensorLike, DType };

/** Throws unless x is a floating-point tensor (for ops only defined on floats). */
export function requireFloat(op: string, x: Tensor): void {
  if (!isFloat(x.dtype)) throw new Error(`${op}: expected a floating-point tensor, got ${x.dtype} of shape ${fmtShape(x.shape)}; convert it with .float()`);
}

/** Runs a unary kernel op (no autograd). */
export function unaryKernel(x: Tensor, op: string, a = 0, b = 0, dtype: DType = x.dtype): Tensor {
  const input = x.dtype === "bool" && isFloat(dtype) ? castTo(x, dtype) : x;
  return runKernel("unary", [input], { op, a, b }, { shape: x.shape, dtype }, op);
}

/** A float view of x for float-valued unary ops (ints and bools become float32). */
export function asFloat(x: Tensor): Tensor {
  return isFloat(x.dtype) ? x : castTo(x, "float32");
}

/** Converts both operands (numbers follow PyTorch's scalar promotion) and returns them cast to the compute dtype. */
export function binaryOperands(op: string, a: TensorLike, b: TensorLike): [Tensor, Tensor, DType] {
  let dtype: DType;
  let ta: Tensor, tb: Tensor;
  if (a instanceof Tensor && b instanceof Tensor) {
    dtype = promoteTypes(a.dtype, b.dtype);
    [ta, tb] = [a, b];
  } else if (a instanceof Tensor) {
    dtype = typeof b === "number" || typeof b === "boolean" ? promoteWithScalar(a.dtype, b) : a.dtype;
    ta = a;
    tb = toTensor(b, a, typeof b === "number" || typeof b === "boolean" ? dtype : undefined);
    if (!(typeof b === "number" || typeof b === "boolean")) dtype = promoteTypes(a.dtype, tb.dtype);
  } else if (b instanceof Tensor) {
    dtype = typeof a === "number" || typeof a === "boolean" ? promoteWithScalar(b.dtype, a) : b.dtype;
    tb = b;
    ta = toTensor(a, b, typeof a === "number" || typeof a === "boolean" ? dtype : undefined);
    if (!(typeof a === "number" || typeof a === "boolean")) dtype = promoteTypes(ta.dtype, b.dtype);
  } else {
    ta = toTensor(a);
    tb = toTensor(b, ta);
    dtype = promoteTypes(ta.dtype, tb.dtype);
  }
  return [castRecorded(ta, dtype), castRecorded(tb, dtype), dtype];
}

/** castTo with autograd: the gradient is cast back to the source's dtype. */
export function castRecorded(t: Tensor, dtype: DType): Tensor {
  if (t.dtype === dtype) return t;
  const out = castTo(t, dtype);
  return isFloat(t.dtype) ? record("ToCopyBackward", out, [t], (g) => [castTo(g, t.dtype)]) : out;
}

/** Runs the broadcasting binary kernel (operands already of one dtype). */
export function binaryKernel(op: string, kernelOp: string, a: Tensor, b: Tensor, outDtype: DType = a.dtype): Tensor {
  const shape = broadcastShapes(op, a.shape, b.shape);
  return runKernel("binary", [a, b], { op: kernelOp }, { shape, dtype: outDtype }, op);
}

/** Sums a broadcast gradient back to `shape` (the shape of the operand before broadcasting). */
export function sumToShape(g: Tensor, shape: readonly number[]): Tensor {
  if (sameShape(g.shape, shape)) return g;
  const lead = g.ndim - shape.length;
  const dims: number[] = [];
  for (let d = 0; d < g.ndim; d++) if (d < lead || (shape[d - lead] === 1 && g.shape[d] !== 1)) dims.push(d);
  let s = dims.length ? reduceDims(g, "sum", dims) : g;
  return s.reshape([...shape]);
}

/**
 * Runs the "reduce" kernel over the (normalised, sorted) dims, merging consecutive dims into one
 * pass; the result keeps size-1 dims in their place (keepdim shape).
 */
export function reduceDims(x: Tensor, op: "sum" | "prod" | "max" | "min", dims: readonly number[], dtype: DType = x.dtype): Tensor {
  let cur = x;
  const shape = [...x.shape];
  // group consecutive dims
  const groups: [number, number][] = [];
  for (const d of dims) {
    const last = groups[groups.length - 1];
    if (last && last[1] === d) last[1] = d + 1;
    else groups.push([d, d + 1]);
  }
  for (let k = groups.length - 1; k >= 0; k--) {
    const [from, to] = groups[k];
    const outer = numelOf(shape.slice(0, from)), size = numelOf(shape.slice(from, to)), inner = numelOf(shape.slice(to));
    for (let d = from; d < to; d++) shape[d] = 1;
    cur = runKernel("reduce", [cur], { op, outer, size, inner }, { shape: [...shape], dtype }, op);
  }
  if (groups.length === 0 && cur === x) return x;
  return cur;
}

/** Parses the reduction arguments `(dim?, keepdim?)` or `({ dim, keepdim })`. */
export interface ReduceOptions {
  dim?: number | number[] | null;
  keepdim?: boolean;
}
export function reduceArgs(op: string, x: Tensor, dim?: number | number[] | null | ReduceOptions, keepdim?: boolean): { dims: number[]; keepdim: boolean; all: boolean } {
  let d: number | number[] | null | undefined;
  let k = keepdim ?? false;
  if (dim !== null && typeof dim === "object" && !Array.isArray(dim)) {
    d = dim.dim;
    k = dim.keepdim ?? k;
  } else d = dim;
  const dims = normDims(op, d, x.ndim, x.shape);
  return { dims, keepdim: k, all: d === undefined || d === null };
}

/** The output shape of a reduction. */
export function reducedShape(shape: readonly number[], dims: readonly number[], keepdim: boolean): number[] {
  const out: number[] = [];
  shape.forEach((s, d) => {
    if (!dims.includes(d)) out.push(s);
    else if (keepdim) out.push(1);
  });
  return out;
}

/** Shape with 1 in place of each reduced dim (to broadcast a reduced gradient back). */
export function keptShape(shape: readonly number[], dims: readonly number[]): number[] {
  return shape.map((s, d) => (dims.includes(d) ? 1 : s));
}

/**
 * A strided view materialised as a new tensor: out[i] = x[offset + Σ i_d·strides[d]].
 * The gradient scatters back (accumulating) into x's shape. Used by transpose, permute, expand, slicing, narrow.
 */
export function stridedView(name: string, x: Tensor, shape: readonly number[], strides: readonly number[], offset: number): Tensor {
  const out = runKernel("strided", [x], { strides: [...strides], offset }, { shape, dtype: x.dtype }, name);
  return record(name, out, [x], (g) => [stridedScatter(g, x.shape, strides, offset)]);
}

/** zeros(baseShape) with g added at the strided positions (the adjoint of stridedView). */
export function stridedScatter(g: Tensor, baseShape: readonly number[], strides: readonly number[], offset: number): Tensor {
  const base = zerosLikeShape(g, baseShape);
  return runKernel("stridedAdd", [base, g], { strides: [...strides], offset }, { shape: baseShape, dtype: g.dtype }, "stridedAdd");
}

function zerosLikeShape(t: Tensor, shape: readonly number[]): Tensor {
  return zerosOn(shape, t.dtype, t.device);
}

export { broadcastShapes };

/** Checks an index tensor is int32 with values in [0, size) (negatives count from the end) and returns it normalised. */
export function checkIndex(op: string, index: Tensor, size: number, what: string): Tensor {
  if (index.dtype !== "int32") throw new Error(`${op}: indices must be an int32 tensor, got ${index.dtype} of shape ${fmtShape(index.shape)}; convert with .int()`);
  const values = index.data() as Int32Array;
  let negative = false;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v < -size || v >= size) throw new Error(`${op}: index ${v} is out of range for ${what} of size ${size}`);
    if (v < 0) negative = true;
  }
  if (!negative) return index;
  for (let i = 0; i < values.length; i++) if (values[i] < 0) values[i] += size;
  return toTensor(values, index, "int32").reshape(index.shape);
}

/** Zeros of t's shape, dtype and backend (never t.mul(0): that is NaN where t is ±∞ or NaN). */
export function zerosOf(t: Tensor, shape: readonly number[] = t.shape): Tensor {
  return zerosOn(shape, t.dtype, t.device);
}

/** paddingIdx as a row number in [0, count), with PyTorch's rule for negative values. */
export function paddingRow(paddingIdx: number, count: number): number {
  if (!Number.isInteger(paddingIdx) || paddingIdx < -count || paddingIdx >= count) {
    throw new Error(`embedding: paddingIdx ${paddingIdx} must be an integer in [${-count}, ${count}) for ${count} embeddings`);
  }
  return paddingIdx < 0 ? paddingIdx + count : paddingIdx;
}
