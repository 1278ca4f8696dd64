// Loads the AssemblyScript kernels (lib/wasm/kernels-*.wasm, built by
// scripts/build/30-wasm.mjs) onto one shared WebAssembly.Memory and runs them on
// the main thread plus a pool of worker threads instantiated on that same memory.
//
// Variant: relaxed SIMD (fused multiply-add) when the engine validates it — Node 20
// needs the V8 flag --experimental-wasm-relaxed-simd, which we set before compiling
// unless AXONE_WASM_RELAXED=0 — else plain SIMD, else nothing (the cpu backend then
// keeps its plain typed-array kernels). AXONE_WASM=0 disables WebAssembly entirely.
//
// Threads: a call marked parallel is cut into parts (a few per thread) and published in a
// shared control block; the main thread and the workers (which spin briefly, then sleep in
// Atomics.wait) claim parts one at a time with a compare-and-swap on a ticket word and run
// `fn(...args, part, parts)`. A descheduled or missing worker therefore never holds the call
// up: the main thread takes the parts nobody claimed, and only waits for parts in flight.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import * as v8 from "node:v8";

export type WasmVariant = "relaxed" | "simd";

// The part of the WebAssembly JS API used here (the project's TypeScript libs carry no WebAssembly types).
interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
type WasmModule = object;
interface WasmApi {
  Memory: new (descriptor: { initial: number; maximum: number; shared: boolean }) => WasmMemory;
  Module: new (bytes: Uint8Array) => WasmModule;
  Instance: new (module: WasmModule, imports: object) => { exports: Record<string, unknown> };
  validate(bytes: Uint8Array): boolean;
}
const WebAssembly = (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly;

/** Names of the exported kernels, in the order the control block refers to them. */
const KERNEL_NAMES = [
  "packA", "packB", "gemmPacked", "gemmB", "im2col", "col2im", "swapOuter", "addChannelBias", "padPlanes", "convDirect",
  "maxPool2d", "maxPool2dBackward", "avgPool2d", "avgPool2dBackward",
] as const;
export type KernelName = (typeof KERNEL_NAMES)[number];
type KernelFunction = (...args: number[]) => void;

const PAGE = 65536;
const MAX_PAGES = 65536; // must match --maximumMemory of the build
const MAX_THREADS = 16;
const MAX_ARGS = 32;
const PARTS_PER_THREAD = 4;
// control block (Int32Array over a SharedArrayBuffer). TICKET = (generation mod 2^20) << 11 | next part.
const GENERATION = 0, DONE = 1, KERNEL = 2, ARGC = 3, PARTS = 4, FAILED = 5, BROKEN = 6, TICKET = 7, ARGS = 8;
const PART_BITS = 11, GENERATION_MASK = (1 << 20) - 1;

// Claims the next part of generation `generation`, or returns -1 when it is over or all parts are taken.
function claimPart(ctl: Int32Array, generation: number): number {
  for (;;) {
    const ticket = Atomics.load(ctl, TICKET);
    if (ticket >>> PART_BITS !== (generation & GENERATION_MASK)) return -1;
    const next = ticket & ((1 << PART_BITS) - 1);
    // read after the ticket: a matching ticket at the compare-and-swap means these belong to this generation
    if (next >= Atomics.load(ctl, PARTS)) return -1;
    if (Atomics.compareExchange(ctl, TICKET, ticket, ticket + 1) === ticket) return next;
  }
}

// Worker body: CommonJS, evaluated from a string so that it needs no file next to the compiled library.
const WORKER_SOURCE = `
const { workerData } = require("node:worker_threads");
const { module, memory, control, names, spin } = workerData;
const ctl = new Int32Array(control);
let kernels;
try {
  const instance = new WebAssembly.Instance(module, { env: { memory } });
  kernels = names.map((name) => instance.exports[name]);
} catch (error) {
  Atomics.store(ctl, ${BROKEN}, 1);
  throw error;
}
const claimPart = ${claimPart.toString().replace(/TICKET/g, String(TICKET)).replace(/PART_BITS/g, String(PART_BITS)).replace(/GENERATION_MASK/g, String(GENERATION_MASK)).replace(/PARTS/g, String(PARTS))};
let seen = 0;
for (;;) {
  let generation = Atomics.load(ctl, ${GENERATION});
  for (let i = 0; generation === seen && i < spin; i++) generation = Atomics.load(ctl, ${GENERATION});
  if (generation === seen) { Atomics.wait(ctl, ${GENERATION}, seen); continue; }
  seen = generation;
  if (Atomics.load(ctl, ${KERNEL}) < 0) break;
  for (let part = claimPart(ctl, generation); part >= 0; part = claimPart(ctl, generation)) {
    // the call cannot finish before this part is counted, so its kernel and arguments stay put
    const args = Array.from(ctl.subarray(${ARGS}, ${ARGS} + ctl[${ARGC}]));
    try { kernels[ctl[${KERNEL}]](...args, part, ctl[${PARTS}]); } catch (error) { Atomics.store(ctl, ${FAILED}, 1); }
    Atomics.add(ctl, ${DONE}, 1);
    Atomics.notify(ctl, ${DONE});
  }
}
`;

/** Folder holding the built .wasm files, from the sources (lib/backends/cpu/wasm) or the build (lib/dist/backends/cpu/wasm). */
function wasmFolder(): string | null {
  for (const candidate of [join(__dirname, "..", "..", "..", "wasm"), join(__dirname, "..", "..", "..", "..", "wasm")]) {
    if (existsSync(join(candidate, "kernels-simd.wasm"))) return candidate;
  }
  return null;
}

/** A 64-byte-aligned bump allocator over the shared memory; callers free by resetting to a mark. */
export class WasmRuntime {
  readonly memory: WasmMemory;
  readonly variant: WasmVariant;
  private readonly module: WasmModule;
  private readonly kernels: KernelFunction[];
  private readonly control = new Int32Array(new SharedArrayBuffer((ARGS + MAX_ARGS) * 4));
  private workers: Worker[] = [];
  private threadCount: number;
  private generation = 0;
  /** Work (multiply-adds or elements) under which a kernel stays on the main thread: waking workers costs tens of µs. */
  parallelMinWork = 1 << 21;
  /** Largest column matrix (floats) a convolution builds at once; bigger batches are split. */
  convChunkFloats = 1 << 24;
  /** Stride-1, single-group convolutions run as a direct convolution (false: always im2col + GEMM). */
  directConvolution = true;
  private top: number;
  private f32view: Float32Array;
  private i32view: Int32Array;

  constructor(module: WasmModule, variant: WasmVariant) {
    this.module = module;
    this.variant = variant;
    this.memory = new WebAssembly!.Memory({ initial: 16, maximum: MAX_PAGES, shared: true });
    const instance = new WebAssembly!.Instance(module, { env: { memory: this.memory } });
    const exports = instance.exports as Record<string, unknown>;
    this.kernels = KERNEL_NAMES.map((name) => exports[name] as KernelFunction);
    const heapBase = (exports.heapBase as () => number)();
    this.top = Math.ceil(Math.max(heapBase, 1024) / 64) * 64;
    this.f32view = new Float32Array(this.memory.buffer);
    this.i32view = new Int32Array(this.memory.buffer);
    const fromEnv = Number(process.env.AXONE_THREADS);
    this.threadCount = Number.isInteger(fromEnv) && fromEnv > 0 ? Math.min(fromEnv, MAX_THREADS) : Math.min(availableParallelism(), MAX_THREADS);
  }

  /** Float32 view of the whole memory (renewed after the memory grows). */
  get f32(): Float32Array {
    if (this.f32view.length * 4 !== this.memory.buffer.byteLength) this.f32view = new Float32Array(this.memory.buffer);
    return this.f32view;
  }
  get i32(): Int32Array {
    if (this.i32view.length * 4 !== this.memory.buffer.byteLength) this.i32view = new Int32Array(this.memory.buffer);
    return this.i32view;
  }

  get threads(): number {
    return this.threadCount;
  }
  /** Threads used by parallel calls (1 = main thread only). Extra workers start on the next parallel call. */
  setThreads(count: number): void {
    if (!Number.isInteger(count) || count < 1 || count > MAX_THREADS) throw new Error(`setNumThreads: expected an integer from 1 to ${MAX_THREADS}, got ${count}`);
    this.threadCount = count;
  }

  mark(): number {
    return this.top;
  }
  release(mark: number): void {
    this.top = mark;
  }
  /** Reserves `bytes` (64-byte aligned) and returns its byte address. */
  alloc(bytes: number): number {
    const address = this.top;
    const end = address + Math.ceil(bytes / 64) * 64;
    const have = this.memory.buffer.byteLength;
    if (end > have) {
      const pages = Math.ceil((end - have) / PAGE);
      if (have / PAGE + pages > MAX_PAGES) throw new Error(`cpu backend: a kernel needs ${(end / 2 ** 20).toFixed(0)} MiB of WebAssembly memory, over the 4 GiB limit`);
      this.memory.grow(pages);
    }
    this.top = end;
    return address;
  }
  /** Copies `data` into fresh memory and returns its byte address. */
  put(data: Float32Array | Int32Array): number {
    const address = this.alloc(data.length * 4);
    (data instanceof Float32Array ? this.f32 : this.i32).set(data, address >> 2);
    return address;
  }
  /** A copy of `length` floats at `address`, into `out` when given (saves a second copy). */
  takeF32(address: number, length: number, out?: Float32Array): Float32Array {
    const view = this.f32.subarray(address >> 2, (address >> 2) + length);
    if (!out) return view.slice();
    out.set(view);
    return out;
  }
  takeI32(address: number, length: number): Int32Array {
    return this.i32.slice(address >> 2, (address >> 2) + length);
  }

  /**
   * Runs `name(...args, part, parts)` for every part. With parallel false, or one thread, the
   * main thread alone runs it as (…args, 0, 1).
   */
  run(name: KernelName, args: number[], parallel: boolean): void {
    const kernel = KERNEL_NAMES.indexOf(name);
    const threads = parallel ? this.threadCount : 1;
    if (threads <= 1) {
      this.kernels[kernel](...args, 0, 1);
      return;
    }
    try {
      this.ensureWorkers(threads - 1);
    } catch {
      // no worker threads here (or too many): carry on, on the calling thread only
      this.threadCount = 1;
      this.kernels[kernel](...args, 0, 1);
      return;
    }
    const ctl = this.control;
    const parts = threads * PARTS_PER_THREAD;
    ctl[KERNEL] = kernel;
    ctl[ARGC] = args.length;
    ctl[FAILED] = 0;
    for (let i = 0; i < args.length; i++) ctl[ARGS + i] = args[i];
    Atomics.store(ctl, PARTS, parts);
    Atomics.store(ctl, DONE, 0);
    const generation = (this.generation = (this.generation % 0x3fffffff) + 1);
    Atomics.store(ctl, TICKET, (generation & GENERATION_MASK) << PART_BITS);
    Atomics.store(ctl, GENERATION, generation);
    Atomics.notify(ctl, GENERATION);
    let failure: unknown = null;
    for (let part = claimPart(ctl, generation); part >= 0; part = claimPart(ctl, generation)) {
      try {
        this.kernels[kernel](...args, part, parts);
      } catch (error) {
        failure ??= error;
      }
      Atomics.add(ctl, DONE, 1);
    }
    // only parts that workers claimed are still running
    let done = Atomics.load(ctl, DONE);
    for (let i = 0; done < parts && i < 100_000; i++) done = Atomics.load(ctl, DONE);
    while (done < parts) {
      Atomics.wait(ctl, DONE, done, 20);
      done = Atomics.load(ctl, DONE);
    }
    if (Atomics.load(ctl, BROKEN)) {
      // a worker could not start (the main thread did its parts): stay on one thread from now on
      this.threadCount = 1;
      void this.close();
    }
    if (failure) throw failure;
    if (ctl[FAILED]) throw new Error(`cpu backend: the WebAssembly kernel ${name} failed on a worker thread`);
  }

  private ensureWorkers(count: number): void {
    while (this.workers.length < count) {
      const worker = new Worker(WORKER_SOURCE, {
        eval: true,
        workerData: {
          module: this.module,
          memory: this.memory,
          control: this.control.buffer,
          names: KERNEL_NAMES,
          spin: 20_000,
        },
      });
      worker.unref();
      this.workers.push(worker);
    }
  }

  /** Stops the workers (they restart on the next parallel call). */
  async close(): Promise<void> {
    const workers = this.workers;
    this.workers = [];
    if (workers.length === 0) return;
    Atomics.store(this.control, KERNEL, -1);
    Atomics.store(this.control, GENERATION, (this.generation = (this.generation % 0x3fffffff) + 1));
    Atomics.notify(this.control, GENERATION);
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
}

const runtimes = new Map<string, WasmRuntime | null>();

/** Whether this engine validates the module variant (turning on relaxed SIMD in V8 first if allowed). */
function validates(bytes: Uint8Array, variant: WasmVariant): boolean {
  if (WebAssembly!.validate(bytes)) return true;
  if (variant !== "relaxed" || process.env.AXONE_WASM_RELAXED === "0") return false;
  try {
    v8.setFlagsFromString("--experimental-wasm-relaxed-simd");
  } catch {
    return false;
  }
  return WebAssembly!.validate(bytes);
}

/**
 * The runtime of one variant ("relaxed" | "simd"), or of the best one the engine accepts
 * when none is named; null when WebAssembly SIMD is unavailable or disabled (AXONE_WASM=0).
 */
export function loadWasmRuntime(preferred?: WasmVariant): WasmRuntime | null {
  const key = preferred ?? "best";
  if (runtimes.has(key)) return runtimes.get(key)!;
  let runtime: WasmRuntime | null = null;
  const folder = wasmFolder();
  if (process.env.AXONE_WASM !== "0" && folder && WebAssembly) {
    const order: WasmVariant[] = preferred ? [preferred] : process.env.AXONE_WASM_RELAXED === "0" ? ["simd"] : ["relaxed", "simd"];
    for (const variant of order) {
      const file = join(folder, `kernels-${variant}.wasm`);
      if (!existsSync(file)) continue;
      const bytes = readFileSync(file);
      if (!validates(bytes, variant)) continue;
      try {
        runtime = new WasmRuntime(new WebAssembly.Module(bytes), variant);
        break;
      } catch {
        // e.g. no room to reserve the shared memory: keep the typed-array kernels
        runtime = null;
      }
    }
  }
  runtimes.set(key, runtime);
  return runtime;
}
