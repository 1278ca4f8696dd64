// Shape, stride and broadcasting helpers. Tensors are stored contiguous, row-major.

export type Shape = number[];

/** "[2,3]": how shapes are written in error messages. */
export function fmtShape(shape: readonly number[]): string {
  return `[${shape.join(",")}]`;
}

export function numelOf(shape: readonly number[]): number {
  let n = 1;
  for (const s of shape) n *= s;
  return n;
}

/** Row-major strides (in elements) of a contiguous tensor of `shape`. */
export function stridesOf(shape: readonly number[]): number[] {
  const strides = new Array<number>(shape.length);
  let s = 1;
  for (let d = shape.length - 1; d >= 0; d--) {
    strides[d] = s;
    s *= shape[d];
  }
  return strides;
}

export function sameShape(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** NumPy broadcasting of two shapes; throws `op: cannot broadcast shapes [2,3] and [4]: …`. */
export function broadcastShapes(op: string, a: readonly number[], b: readonly number[]): Shape {
  const n = Math.max(a.length, b.length);
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const da = a[a.length - n + i] ?? 1;
    const db = b[b.length - n + i] ?? 1;
    if (da !== db && da !== 1 && db !== 1)
      throw new Error(`${op}: cannot broadcast shapes ${fmtShape(a)} and ${fmtShape(b)}: sizes ${da} and ${db} differ in dimension ${i - n} (each must match or be 1)`);
    out[i] = da === 1 ? db : da;
  }
  return out;
}

/** Strides to read a contiguous tensor of `shape` as if broadcast to `outShape` (0 on broadcast dims). */
export function broadcastStrides(shape: readonly number[], outShape: readonly number[]): number[] {
  const own = stridesOf(shape);
  const n = outShape.length;
  const out = new Array<number>(n).fill(0);
  for (let i = 0; i < shape.length; i++) {
    const d = n - shape.length + i;
    out[d] = shape[i] === 1 && outShape[d] !== 1 ? 0 : own[i];
  }
  return out;
}

/** Normalises a possibly negative dim; throws `op: dimension 3 is out of range for a tensor of shape [2,3] (valid: -2..1)`. */
export function normDim(op: string, dim: number, ndim: number, shape?: readonly number[]): number {
  const lo = -Math.max(ndim, 1), hi = Math.max(ndim, 1) - 1;
  if (!Number.isInteger(dim) || dim < lo || dim > hi)
    throw new Error(`${op}: dimension ${dim} is out of range for a tensor ${shape ? `of shape ${fmtShape(shape)}` : `with ${ndim} dimensions`} (valid: ${lo}..${hi})`);
  return dim < 0 ? dim + Math.max(ndim, 1) : dim;
}

/** Normalised, sorted, de-duplicated dims; `undefined`/`null` means all dims. */
export function normDims(op: string, dims: number | readonly number[] | undefined | null, ndim: number, shape?: readonly number[]): number[] {
  if (dims === undefined || dims === null) return Array.from({ length: ndim }, (_, i) => i);
  const list = typeof dims === "number" ? [dims] : dims;
  const out = list.map((d) => normDim(op, d, ndim, shape));
  if (ndim === 0) return [];
  const set = [...new Set(out)].sort((x, y) => x - y);
  if (set.length !== out.length) throw new Error(`${op}: dimension listed twice in [${list.join(",")}]`);
  return set;
}

/** Checks a shape is a list of non-negative integers; resolves a single -1 against `numel` when given. */
export function checkShape(op: string, shape: readonly number[], numel?: number): Shape {
  let infer = -1;
  let known = 1;
  const out = [...shape];
  for (let i = 0; i < out.length; i++) {
    const s = out[i];
    if (s === -1 && numel !== undefined) {
      if (infer >= 0) throw new Error(`${op}: only one dimension can be -1, got ${fmtShape(shape)}`);
      infer = i;
    } else if (!Number.isInteger(s) || s < 0) throw new Error(`${op}: sizes must be non-negative integers, got ${fmtShape(shape)}`);
    else known *= s;
  }
  if (infer >= 0) {
    if (known === 0 || numel! % known !== 0) throw new Error(`${op}: cannot infer the -1 in ${fmtShape(shape)} for ${numel} elements`);
    out[infer] = numel! / known;
  }
  return out;
}
