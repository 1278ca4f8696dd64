// The Tensor class, the autograd tape and the bridge from ops to backend kernels.
// Ops (lib/ops/*.ts) add their methods to Tensor.prototype beside their code.

import { inspect } from "node:util";
import { backendByName, getBackend, type KernelInput, type OutputSpec, type Storage } from "./backend";
import { allocArray, isDType, isFloat, toTypedArray, type DType, type TypedArray } from "./dtype";
import { fmtShape, normDim, numelOf } from "./shape";
import { formatTensor, notebookBundle, notebookPreviews } from "./format";

/** A nested array of numbers or booleans (any depth), as `tensor()` accepts and `toArray()` returns. */
export type NestedArray = number | boolean | NestedArray[];
/** Anything an op accepts where a tensor is expected: a tensor, a number, a boolean or nested arrays. */
export type TensorLike = Tensor | number | boolean | NestedArray | TypedArray;

/** One recorded operation on the tape: its inputs and how to turn the output's gradient into theirs. */
export interface GradNode {
  /** e.g. "MulBackward", shown as grad_fn when printing */
  readonly name: string;
  readonly inputs: readonly Tensor[];
  /** null once freed by a backward() without retainGraph */
  backward: ((grad: Tensor) => readonly (Tensor | null | undefined)[]) | null;
}

let gradEnabled = true;

/** Whether operations are currently recorded for autograd. */
export function isGradEnabled(): boolean {
  return gradEnabled;
}

/**
 * Runs `fn` without recording operations for autograd (evaluation, optimiser updates).
 * An async `fn` keeps recording off until its promise settles (do not run graph-building code
 * concurrently meanwhile).
 * @example
 * const y = noGrad(() => w.mul(2)); // y.requiresGrad === false
 */
export function noGrad<T>(fn: () => T): T {
  const previous = gradEnabled;
  gradEnabled = false;
  let result: T;
  try {
    result = fn();
  } catch (error) {
    gradEnabled = previous;
    throw error;
  }
  if (result instanceof Promise) return result.finally(() => (gradEnabled = previous)) as T;
  gradEnabled = previous;
  return result;
}

/** Runs `fn` with gradient recording switched on or off. */
export function setGradEnabled<T>(enabled: boolean, fn: () => T): T {
  const previous = gradEnabled;
  gradEnabled = enabled;
  try {
    return fn();
  } finally {
    gradEnabled = previous;
  }
}

export class Tensor {
  /** Backend memory holding numel() elements, contiguous row-major. */
  storage: Storage;
  readonly shape: number[];
  /** Element type (changes only when an int32 leaf is switched to requiresGrad, see there). */
  dtype: DType;
  /** Accumulated gradient (leaf tensors with requiresGrad, or after retainGrad()). */
  grad: Tensor | null = null;
  /** The operation that produced this tensor (null for leaves). */
  gradFn: GradNode | null = null;
  private _requiresGrad = false;
  private _retainsGrad = false;

  constructor(storage: Storage, shape: readonly number[], dtype: DType) {
    if (storage.size !== numelOf(shape)) throw new Error(`Tensor: storage of ${storage.size} elements cannot hold shape ${fmtShape(shape)}`);
    this.storage = storage;
    this.shape = [...shape];
    this.dtype = dtype;
  }

  /**
   * Whether operations on this tensor are recorded so that gradients flow to it. Setting it on an
   * int32 leaf converts that tensor to float32 in place: JavaScript cannot tell `1.` from `1`, so
   * PyTorch's `torch.tensor([1., 2., 4.]).requires_grad_()` reads `tensor([1., 2., 4.]).requiresGrad_()` here.
   */
  get requiresGrad(): boolean {
    return this._requiresGrad;
  }
  set requiresGrad(value: boolean) {
    if (value && this.dtype === "int32" && this.gradFn === null) {
      this.storage = castTo(this, "float32").storage;
      this.dtype = "float32";
    }
    if (value && !isFloat(this.dtype)) throw new Error(`requiresGrad: only floating-point tensors can require gradients, this one is ${this.dtype}; convert it with .float()`);
    if (!value && this.gradFn) throw new Error("requiresGrad: cannot switch off requiresGrad on a non-leaf tensor; use .detach() to get a tensor outside the graph");
    this._requiresGrad = value;
  }
  /** Sets requiresGrad in place and returns this tensor (PyTorch's requires_grad_). */
  requiresGrad_(value = true): this {
    this.requiresGrad = value;
    return this;
  }
  /** True for tensors created by the user rather than by a recorded op. */
  get isLeaf(): boolean {
    return this.gradFn === null;
  }
  /** Keeps .grad on this non-leaf tensor during backward(). */
  retainGrad(): this {
    this._retainsGrad = true;
    return this;
  }
  /** @internal used by record() */
  _markResult(node: GradNode): void {
    this.gradFn = node;
    this._requiresGrad = true;
  }

  get ndim(): number {
    return this.shape.length;
  }
  /** Number of elements. */
  numel(): number {
    return this.storage.size;
  }
  /** The whole shape, or the size of one (possibly negative) dimension. */
  size(): number[];
  size(dim: number): number;
  size(dim?: number): number | number[] {
    if (dim === undefined) return [...this.shape];
    return this.shape[normDim("size", dim, this.ndim, this.shape)];
  }
  /** Name of the backend holding the data ("cpu", "gpujs"…). */
  get device(): string {
    return this.storage.backend;
  }

  /** A copy of the elements as a typed array (Float32Array, Float64Array, Int32Array or Uint8Array for bool), row-major. */
  data(): TypedArray {
    return backendByName(this.storage.backend).read(this.storage);
  }
  async dataAsync(): Promise<TypedArray> {
    return backendByName(this.storage.backend).readAsync(this.storage);
  }
  /** The elements as nested arrays (numbers, or booleans for bool tensors); a number for a 0-d tensor. */
  toArray(): NestedArray {
    return nest(this.data(), this.shape, this.dtype === "bool");
  }
  async toArrayAsync(): Promise<NestedArray> {
    return nest(await this.dataAsync(), this.shape, this.dtype === "bool");
  }
  /** PyTorch's tolist(). */
  tolist(): NestedArray {
    return this.toArray();
  }
  /** The single value of a one-element tensor. */
  item(): number {
    if (this.numel() !== 1) throw new Error(`item: only one-element tensors can be converted to a number, this one has shape ${fmtShape(this.shape)} (${this.numel()} elements)`);
    return this.data()[0];
  }

  /**
   * Computes the gradient of this tensor with respect to every leaf that requires it, accumulating into `.grad`.
   * A non-scalar tensor needs `gradient` (same shape): the vector of the vector-Jacobian product.
   * @example
   * const t = tensor([1, 2, 4], { requiresGrad: true });
   * t.pow(2).sum().backward(); t.grad!.toArray(); // [2, 4, 8]
   */
  backward(gradient?: TensorLike | null, options: { retainGraph?: boolean } = {}): void {
    runBackward(this, gradient ?? null, options.retainGraph ?? false);
  }
  /** A tensor sharing this one's data, outside the autograd graph. */
  detach(): Tensor {
    return new Tensor(this.storage, this.shape, this.dtype);
  }
  /** Clears the accumulated gradient (PyTorch's grad = None). */
  zeroGrad(): void {
    this.grad = null;
  }

  toString(): string {
    return formatTensor(this);
  }
  [inspect.custom](): string {
    return formatTensor(this);
  }
  /** The text, plus a small picture of a matrix or an image batch when lib/viz is loaded (see viz/preview). */
  [Symbol.for("Jupyter.display")](): Record<string, unknown> {
    const preview = notebookPreviews.tensor;
    return notebookBundle(formatTensor(this), preview && (() => preview(this)));
  }
  get [Symbol.toStringTag](): string {
    return "Tensor";
  }
}

function nest(data: TypedArray, shape: readonly number[], asBool: boolean): NestedArray {
  const value = (i: number): number | boolean => (asBool ? data[i] !== 0 : data[i]);
  if (shape.length === 0) return value(0);
  const build = (dim: number, offset: number): NestedArray[] => {
    const n = shape[dim];
    const out = new Array<NestedArray>(n);
    if (dim === shape.length - 1) for (let i = 0; i < n; i++) out[i] = value(offset + i);
    else {
      const step = numelOf(shape.slice(dim + 1));
      for (let i = 0; i < n; i++) out[i] = build(dim + 1, offset + i * step);
    }
    return out;
  };
  return build(0, 0);
}

// ---------------------------------------------------------------------------------------------
// From JavaScript values to tensors

/** Shape and flat values of nested arrays; throws on ragged input. */
export function flattenNested(op: string, value: NestedArray | TypedArray): { shape: number[]; values: (number | boolean)[] | TypedArray; sawFloat: boolean; sawBool: boolean } {
  if (ArrayBuffer.isView(value)) return { shape: [value.length], values: value as TypedArray, sawFloat: !(value instanceof Int32Array || value instanceof Uint8Array), sawBool: false };
  const shape: number[] = [];
  let probe: NestedArray = value;
  while (Array.isArray(probe)) {
    shape.push(probe.length);
    if (probe.length === 0) break;
    probe = probe[0];
  }
  const values: (number | boolean)[] = [];
  let sawFloat = false, sawBool = false;
  const walk = (v: NestedArray, dim: number, path: number[]): void => {
    if (dim === shape.length) {
      if (typeof v === "boolean") sawBool = true;
      else if (typeof v === "number") {
        if (!Number.isInteger(v)) sawFloat = true;
      } else throw new Error(`${op}: expected a number or boolean at [${path.join("][")}], got ${Array.isArray(v) ? "an array (ragged nesting)" : typeof v}`);
      values.push(v);
      return;
    }
    if (!Array.isArray(v) || v.length !== shape[dim])
      throw new Error(`${op}: ragged nested array: expected ${shape[dim]} elements at depth ${dim}${path.length ? ` (index [${path.join("][")}])` : ""}, got ${Array.isArray(v) ? v.length : "a scalar"}`);
    for (let i = 0; i < v.length; i++) walk(v[i], dim + 1, [...path, i]);
  };
  walk(value, 0, []);
  return { shape, values, sawFloat, sawBool };
}

/** Creates a tensor on `backend` from flat values already checked against `shape`. */
export function fromValues(values: ArrayLike<number | boolean>, shape: readonly number[], dtype: DType, backend?: string): Tensor {
  const b = backendByName(backend ?? getBackend());
  const typed = toTypedArray(values, dtype);
  return new Tensor(b.upload(typed, dtype), shape, dtype);
}

/**
 * Turns an op argument into a tensor. Numbers and booleans become 0-d tensors on `like`'s backend
 * with `dtype` (default: `like`'s dtype for floats; inferred otherwise).
 */
export function toTensor(x: TensorLike, like?: Tensor, dtype?: DType): Tensor {
  if (x instanceof Tensor) return x;
  const backend = like?.device;
  if (typeof x === "number" || typeof x === "boolean") {
    const dt = dtype ?? (typeof x === "boolean" ? "bool" : Number.isInteger(x) && Math.abs(x) <= 2147483647 && !(like && isFloat(like.dtype)) ? "int32" : like && isFloat(like.dtype) ? like.dtype : "float32");
    return fromValues([x], [], dt, backend);
  }
  const { shape, values, sawFloat, sawBool } = flattenNested("tensor", x);
  const dt = dtype ?? (ArrayBuffer.isView(x) ? typedDtype(x as TypedArray) : sawFloat ? "float32" : sawBool && !values.some((v) => typeof v === "number") ? "bool" : "float32");
  return fromValues(values, shape, dt, backend);
}

function typedDtype(a: TypedArray): DType {
  if (a instanceof Float64Array) return "float64";
  if (a instanceof Int32Array) return "int32";
  if (a instanceof Uint8Array) return "bool";
  return "float32";
}

// ---------------------------------------------------------------------------------------------
// Running kernels

/** Checks that all tensors live on one backend and returns it; the message says how to move them. */
export function commonBackend(op: string, tensors: readonly Tensor[]): string {
  const name = tensors[0].device;
  for (const t of tensors)
    if (t.device !== name)
      throw new Error(`${op}: tensors are on different backends ("${name}" and "${t.device}"); move one with .to("${name}") or .to("${t.device}")`);
  return name;
}

/** Runs a kernel on the tensors' common backend and wraps its single output (no autograd). */
export function runKernel(name: string, inputs: readonly Tensor[], params: object, out: OutputSpec, op = name): Tensor {
  return runKernelMulti(name, inputs, params, [out], op)[0];
}

/** Runs a kernel with several outputs (no autograd). */
export function runKernelMulti(name: string, inputs: readonly Tensor[], params: object, outs: readonly OutputSpec[], op = name): Tensor[] {
  const backendName = inputs.length ? commonBackend(op, inputs) : getBackend();
  const backend = backendByName(backendName);
  const kin: KernelInput[] = inputs.map((t) => ({ storage: t.storage, shape: t.shape, dtype: t.dtype }));
  const storages = backend.run(name, kin, params, outs);
  return storages.map((s, i) => new Tensor(s, outs[i].shape, outs[i].dtype));
}

/** A zero-filled tensor on a given backend (for kernels that accumulate into a base). */
export function zerosOn(shape: readonly number[], dtype: DType, backend: string): Tensor {
  return new Tensor(backendByName(backend).allocate(numelOf(shape), dtype), shape, dtype);
}

// ---------------------------------------------------------------------------------------------
// Autograd

/**
 * Records `out = op(inputs)` on the tape when gradients are enabled and some input requires them.
 * `backward` maps the gradient of `out` to one gradient per input (null where none flows);
 * it runs with recording off, so it may use any tensor op. Returns `out`.
 */
export function record(name: string, out: Tensor, inputs: readonly Tensor[], backward: (grad: Tensor) => readonly (Tensor | null | undefined)[]): Tensor {
  if (!gradEnabled || !isFloat(out.dtype)) return out;
  let needed = false;
  for (const t of inputs) if (t.requiresGrad) needed = true;
  if (!needed) return out;
  out._markResult({ name, inputs: [...inputs], backward });
  return out;
}

/**
 * The gradients of `output` with respect to `inputs` (PyTorch's torch.autograd.grad), returned
 * instead of accumulated into `.grad`. `gradient` is needed for a non-scalar output.
 * @example
 * const t = tensor([1, 2, 4], { dtype: "float32" }).requiresGrad_();
 * autograd.grad(t.pow(2).sum(), [t])[0]; // tensor([2., 4., 8.])
 */
export function grad(output: Tensor, inputs: Tensor | readonly Tensor[], gradient?: TensorLike | null, options: { retainGraph?: boolean; allowUnused?: boolean } = {}): (Tensor | null)[] {
  const list = inputs instanceof Tensor ? [inputs] : [...inputs];
  list.forEach((t, i) => {
    if (!t.requiresGrad) throw new Error(`autograd.grad: input ${i} (shape ${fmtShape(t.shape)}) does not require grad, so it cannot be in the graph`);
  });
  const found = runBackward(output, gradient ?? null, options.retainGraph ?? false, list);
  return list.map((t, i) => {
    const g = found.get(t) ?? null;
    if (!g && !options.allowUnused) throw new Error(`autograd.grad: input ${i} (shape ${fmtShape(t.shape)}) was not used to compute the output; pass { allowUnused: true } to get null for it`);
    return g;
  });
}

function runBackward(root: Tensor, gradient: TensorLike | null, retainGraph: boolean, targets?: readonly Tensor[]): Map<Tensor, Tensor> {
  const wanted = targets ? new Set(targets) : null;
  const found = new Map<Tensor, Tensor>();
  if (!root.requiresGrad) throw new Error("backward: this tensor does not require grad and has no grad_fn; create the leaves with requiresGrad: true (or call .requiresGrad_()) before computing it");
  let seed: Tensor;
  if (gradient === null) {
    if (root.numel() !== 1) throw new Error(`backward: the gradient can only be implied for a scalar output, this one has shape ${fmtShape(root.shape)}; pass a gradient of that shape: y.backward(ones(${JSON.stringify(root.shape)}))`);
    seed = fromValues([1], root.shape, root.dtype, root.device);
  } else {
    seed = toTensor(gradient, root, root.dtype);
    if (seed.numel() !== root.numel() || (seed.ndim !== 0 && seed.shape.join() !== root.shape.join()))
      throw new Error(`backward: gradient of shape ${fmtShape(seed.shape)} does not match the output's shape ${fmtShape(root.shape)}`);
    if (seed.shape.join() !== root.shape.join()) seed = new Tensor(seed.storage, root.shape, seed.dtype);
  }

  // Topological order (inputs after the tensors computed from them), iteratively.
  const order: Tensor[] = [];
  const visited = new Set<Tensor>();
  const stack: [Tensor, number][] = [[root, 0]];
  visited.add(root);
  while (stack.length) {
    const top = stack[stack.length - 1];
    const [t, i] = top;
    const inputs = t.gradFn ? t.gradFn.inputs : [];
    if (i < inputs.length) {
      top[1]++;
      const child = inputs[i];
      if (child.requiresGrad && !visited.has(child)) {
        visited.add(child);
        stack.push([child, 0]);
      }
    } else {
      order.push(t);
      stack.pop();
    }
  }

  const grads = new Map<Tensor, Tensor>();
  grads.set(root, seed);
  noGrad(() => {
    for (let k = order.length - 1; k >= 0; k--) {
      const t = order[k];
      const g = grads.get(t);
      if (!g) continue;
      grads.delete(t);
      const node = t.gradFn;
      if (wanted) {
        if (wanted.has(t)) found.set(t, g);
      } else if (!node || t["_retainsGrad"]) accumulate(t, g);
      if (!node) continue;
      if (!node.backward)
        throw new Error(`backward: trying to go through ${node.name} a second time, but its saved values were freed by the first backward(); call backward(undefined, { retainGraph: true }) the first time, or recompute the forward pass`);
      const inputGrads = node.backward(g);
      if (!retainGraph) node.backward = null;
      node.inputs.forEach((input, j) => {
        const gi = inputGrads[j];
        if (!gi || !input.requiresGrad) return;
        if (gi.shape.join() !== input.shape.join())
          throw new Error(`backward: ${node.name} returned a gradient of shape ${fmtShape(gi.shape)} for an input of shape ${fmtShape(input.shape)} (a bug in that op's gradient)`);
        const cast = gi.dtype === input.dtype ? gi : castTo(gi, input.dtype);
        const prev = grads.get(input);
        grads.set(input, prev ? addRaw(prev, cast) : cast);
      });
    }
  });
  return found;
}

function accumulate(t: Tensor, g: Tensor): void {
  const own = g.dtype === t.dtype ? g : castTo(g, t.dtype);
  t.grad = t.grad ? addRaw(t.grad, own) : own;
}

function addRaw(a: Tensor, b: Tensor): Tensor {
  return runKernel("binary", [a, b], { op: "add" }, { shape: a.shape, dtype: a.dtype }, "backward");
}

/** Converts a tensor to another dtype (no autograd; ops/cast.ts wraps it for users). */
export function castTo(t: Tensor, dtype: DType): Tensor {
  if (t.dtype === dtype) return t;
  return runKernel("cast", [t], { dtype }, { shape: t.shape, dtype }, "cast");
}

/** A typed array of `dtype` filled by `fill(i)`: used by creation functions on the host. */
export function hostArray(dtype: DType, size: number, fill: (i: number) => number): TypedArray {
  const a = allocArray(dtype, size);
  for (let i = 0; i < size; i++) a[i] = fill(i);
  return a;
}

export { isDType };
