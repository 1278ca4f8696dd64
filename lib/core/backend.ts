// The backend contract: a backend owns storage (allocate, upload, read back) and runs named
// kernels on it. Tensors, shapes and autograd live in core; a backend never sees a Tensor.
// See lib/core/README.md for the kernel list and the parameters each kernel receives.

import type { DType, TypedArray } from "./dtype";

/** Memory owned by one backend: `size` elements of `dtype`, contiguous, row-major. */
export interface Storage {
  readonly backend: string;
  readonly dtype: DType;
  readonly size: number;
}

/** What a kernel receives for each input: the storage plus the logical shape it holds. */
export interface KernelInput {
  storage: Storage;
  shape: readonly number[];
  dtype: DType;
}

/** What a kernel must produce: one contiguous output of this shape and dtype. */
export interface OutputSpec {
  shape: readonly number[];
  dtype: DType;
}

export interface Backend {
  readonly name: string;
  /** A zero-filled storage. */
  allocate(size: number, dtype: DType): Storage;
  /** A storage holding a copy of `values` (already of the right typed-array class). */
  upload(values: TypedArray, dtype: DType): Storage;
  /** A fresh typed array copy of the storage (synchronous; may block on a device). */
  read(storage: Storage): TypedArray;
  /** The same as read, without blocking where the backend can avoid it. */
  readAsync(storage: Storage): Promise<TypedArray>;
  /** Runs kernel `name` on `inputs` with `params` and returns one new storage per output spec. */
  run(name: string, inputs: readonly KernelInput[], params: object, outputs: readonly OutputSpec[]): Storage[];
  /** Whether kernel `name` exists (ops may take a composite route when it does not). */
  has(name: string): boolean;
  /** Frees the storage early (optional; garbage collection does it otherwise). */
  dispose?(storage: Storage): void;
}

const factories = new Map<string, () => Backend>();
const instances = new Map<string, Backend>();
let current: string | null = null;

/** Makes a backend available under `name` (created on first use). The first registered becomes current. */
export function registerBackend(name: string, factory: () => Backend): void {
  factories.set(name, factory);
  instances.delete(name);
  if (current === null) current = name;
}

/** Names of the registered backends. */
export function listBackends(): string[] {
  return [...factories.keys()];
}

/** The backend object named `name` (the current one when omitted). */
export function backendByName(name?: string): Backend {
  const key = name ?? current;
  if (key === null) throw new Error("axone: no backend is registered; import \"axone\" (it registers the cpu backend)");
  let b = instances.get(key);
  if (!b) {
    const factory = factories.get(key);
    if (!factory) throw new Error(`axone: unknown backend "${key}"; registered backends: ${listBackends().join(", ") || "none"}`);
    b = factory();
    instances.set(key, b);
  }
  return b;
}

/**
 * Selects the backend new tensors are created on.
 * @example
 * setBackend("cpu"); getBackend(); // "cpu"
 */
export function setBackend(name: string): void {
  backendByName(name);
  current = name;
}

/** Name of the backend new tensors are created on. */
export function getBackend(): string {
  if (current === null) throw new Error("axone: no backend is registered");
  return current;
}
