// The gpujs backend: the primitive kernels as gpu.js kernels, results kept on the device between ops
// (gpu.js "pipeline" textures in its GPU modes) and read back only when user code reads data.
// Mode: gpu.js's GPU modes where a GL context exists (headless-gl under an X display, WebGL in a
// browser), its `cpu` mode everywhere else; AXONE_GPUJS_MODE=cpu|headlessgl|webgl2|webgl forces one.
// float64 has no device representation (gpu.js computes in float32): float64 storages stay on the host
// and their kernels run through the cpu backend. See README.md for the tolerances and fallbacks.

import { backendByName, registerBackend, setBackend, type Backend, type KernelInput, type OutputSpec, type Storage } from "../../core/backend";
import { allocArray, type DType, type TypedArray } from "../../core/dtype";
import { broadcastStrides, numelOf, stridesOf } from "../../core/shape";
import type { GPU as GPUClass, IKernelRunShortcut, Texture } from "gpu.js";
import { HELPER_FUNCTIONS, sources, UNARY_SOURCE, BINARY_SOURCE } from "./sources";

/** gpu.js modes that run on a GL context (a real device, or Mesa's software rasteriser under Xvfb). */
export const GPU_MODES = ["headlessgl", "webgl2", "webgl"] as const;

/** Device memory: a gpu.js texture (GPU modes) or a Float32Array (cpu mode); host = a cpu-backend storage for float64. */
type DeviceValue = Float32Array | Texture;

export class GpuJsStorage implements Storage {
  readonly backend = "gpujs";
  constructor(
    readonly dtype: DType,
    readonly size: number,
    /** float32/int32/bool values as float32 on the device (null when empty or float64) */
    public device: DeviceValue | null,
    /** float64 values, held by the cpu backend */
    public host: Storage | null,
  ) {}
}

/** Counters that show what ran where (tests check that chains of ops read nothing back). */
export interface GpuJsStats {
  /** kernels run by gpu.js */
  deviceKernels: number;
  /** kernels run on the host by the cpu backend (float64, and the kernels listed in HOST_KERNELS) */
  hostKernels: number;
  /** device → host copies (reads by user code, and inputs of host kernels) */
  readbacks: number;
  /** gpu.js kernels built (one per kernel source and argument-type signature) */
  kernelsBuilt: number;
}

/** Kernels without a gpu.js version: scatter-adds need atomics or a sort that WebGL 1 lacks; they run on the host. */
export const HOST_KERNELS = ["stridedAdd", "scatter", "indexAdd"];

const LOOP_MAX = 1 << 24;
const copySource = () => "function(X) { return X[this.thread.x]; }";

function loadGpuJs(): typeof import("gpu.js") {
  // loaded on first use of the backend, so `import "axone"` does not pay for gpu.js and acorn
  return require("gpu.js") as typeof import("gpu.js");
}

/** The gpu.js mode the backend runs in: AXONE_GPUJS_MODE, else the first GL mode with a context, else "cpu". */
export function chooseGpuJsMode(): string {
  const forced = typeof process !== "undefined" ? process.env.AXONE_GPUJS_MODE : undefined;
  if (forced) return forced;
  const { GPU } = loadGpuJs();
  if (GPU.isHeadlessGLSupported) return "headlessgl";
  if (GPU.isWebGL2Supported) return "webgl2";
  if (GPU.isWebGLSupported) return "webgl";
  return "cpu";
}

/**
 * Whether a hardware GPU context exists here (not a software rasteriser such as Mesa's llvmpipe under
 * Xvfb): the automatic backend choice takes gpujs only then. Cheap when headless-gl is not installed.
 */
/** The little of a WebGL context that the renderer probe uses. */
interface GlContext {
  RENDERER: number;
  getParameter(name: number): unknown;
  getExtension(name: string): any;
}

export function hardwareGpuRenderer(): string | null {
  let renderer: string | null = null;
  try {
    const doc = (globalThis as { document?: { createElement(tag: string): { getContext(kind: string): GlContext | null } } }).document;
    if (doc) {
      const canvas = doc.createElement("canvas");
      const gl = canvas.getContext("webgl2") ?? canvas.getContext("webgl");
      if (gl) {
        const info = gl.getExtension("WEBGL_debug_renderer_info");
        renderer = String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
      }
    } else {
      // headless-gl names no renderer ("ANGLE"), and under Xvfb it is always Mesa's software one:
      // count it as hardware only beside a GPU device node (NVIDIA, or a DRM render node)
      const { existsSync, readdirSync } = require("node:fs") as typeof import("node:fs");
      const node = existsSync("/dev/nvidia0") ? "/dev/nvidia0" : existsSync("/dev/dri") ? readdirSync("/dev/dri").find((f) => f.startsWith("renderD")) : undefined;
      if (!node) return null;
      const createContext = require("gl") as (w: number, h: number) => GlContext | null;
      const gl = createContext(1, 1);
      if (gl) {
        renderer = `${String(gl.getParameter(gl.RENDERER))} (headless-gl, ${node})`;
        gl.getExtension("STACKGL_destroy_context")?.destroy();
      }
    }
  } catch {
    return null; // no `gl` module, or no display
  }
  if (renderer === null || /llvmpipe|softpipe|swiftshader|software|swrast/i.test(renderer)) return null;
  return renderer;
}

export class GpuJsBackend implements Backend {
  readonly name = "gpujs";
  readonly gpu: GPUClass;
  /** the gpu.js mode kernels run in ("cpu", "headlessgl", "webgl2", "webgl") */
  readonly mode: string;
  readonly stats: GpuJsStats = { deviceKernels: 0, hostKernels: 0, readbacks: 0, kernelsBuilt: 0 };
  private readonly kernels = new Map<string, IKernelRunShortcut>();
  private readonly textures = new FinalizationRegistry<Texture>((t) => t.delete());
  private readonly cpu = backendByName("cpu");

  constructor(mode = chooseGpuJsMode()) {
    const { GPU } = loadGpuJs();
    this.gpu = new GPU({ mode: mode as never });
    this.mode = this.gpu.mode;
    for (const f of HELPER_FUNCTIONS) this.gpu.addFunction(f as never);
  }

  /** Whether results stay in device textures (GPU modes) rather than host arrays (cpu mode). */
  get onDevice(): boolean {
    return this.mode !== "cpu";
  }

  allocate(size: number, dtype: DType): Storage {
    return this.upload(allocArray(dtype, size), dtype);
  }

  upload(values: TypedArray, dtype: DType): Storage {
    if (dtype === "float64") return new GpuJsStorage(dtype, values.length, null, this.cpu.upload(values, dtype));
    if (values.length === 0) return new GpuJsStorage(dtype, 0, null, null);
    const f32 = values instanceof Float32Array ? values.slice() : Float32Array.from(values);
    // GPU modes: one upload into a texture now, so a tensor used by many ops is not re-sent each time
    const device = this.onDevice ? this.exec("copy", copySource, f32.length, [f32]) : f32;
    return this.wrap(dtype, f32.length, device);
  }

  read(storage: Storage): TypedArray {
    const s = this.own(storage);
    if (s.host) return this.cpu.read(s.host);
    const out = allocArray(s.dtype, s.size);
    if (!s.device) return out;
    this.stats.readbacks++;
    const values = s.device instanceof Float32Array ? s.device : (s.device.toArray() as Float32Array);
    if (s.dtype === "float32") out.set(values.subarray(0, s.size));
    // int32 and bool travel as exact small floats; round away any device imprecision
    else if (s.dtype === "int32") for (let i = 0; i < s.size; i++) out[i] = Math.round(values[i]);
    else for (let i = 0; i < s.size; i++) out[i] = values[i] !== 0 ? 1 : 0;
    return out;
  }

  async readAsync(storage: Storage): Promise<TypedArray> {
    return this.read(storage);
  }

  has(name: string): boolean {
    // softmax is left to its composite (max, exp, sum, div kernels), which stays on the device
    return name !== "softmax" && (name in DEVICE_KERNELS || this.cpu.has(name));
  }

  dispose(storage: Storage): void {
    const s = this.own(storage);
    if (s.device && !(s.device instanceof Float32Array)) {
      this.textures.unregister(s);
      s.device.delete();
    }
    s.device = null;
  }

  run(name: string, inputs: readonly KernelInput[], params: object, outputs: readonly OutputSpec[]): Storage[] {
    const device = DEVICE_KERNELS[name];
    const float64 = inputs.some((i) => i.dtype === "float64") || outputs.some((o) => o.dtype === "float64");
    if (!device || float64) return this.runOnHost(name, inputs, params, outputs);
    return device(this, inputs, params as never, outputs);
  }

  /** Runs a cpu-backend kernel on host copies of the inputs; outputs other than float64 go back to the device. */
  private runOnHost(name: string, inputs: readonly KernelInput[], params: object, outputs: readonly OutputSpec[]): Storage[] {
    if (!this.cpu.has(name)) throw new Error(`gpujs backend: no kernel "${name}"`);
    this.stats.hostKernels++;
    const hostInputs = inputs.map((i) => {
      const s = this.own(i.storage);
      return { ...i, storage: s.host ?? this.cpu.upload(this.read(s), i.dtype) };
    });
    return this.cpu.run(name, hostInputs, params, outputs).map((h, k) => {
      if (outputs[k].dtype === "float64") return new GpuJsStorage("float64", h.size, null, h);
      return this.upload(this.cpu.read(h), outputs[k].dtype);
    });
  }

  /** Runs (building on first use) the gpu.js kernel `key` with output [n]. */
  exec(name: string, source: () => string, n: number, args: unknown[]): DeviceValue {
    // One gpu.js kernel per argument-type signature: gpu.js's own switch between signatures of one
    // kernel keeps the previous output size when dynamicOutput is on (wrong results in GL modes).
    const key = `${name}(${args.map((a) => (a instanceof Float32Array ? "array" : typeof a === "number" ? "number" : (a as unknown as { type: string }).type)).join(",")})`;
    let kernel = this.kernels.get(key);
    if (!kernel) {
      kernel = this.gpu.createKernel(source(), {
        // loopMaxIterations is a kernel setting gpu.js reads, missing from its typings
        output: [Math.max(n, 1)],
        pipeline: true,
        immutable: true,
        dynamicOutput: true,
        dynamicArguments: true,
        precision: "single",
        tactic: "precision",
        loopMaxIterations: LOOP_MAX,
      } as never);
      this.kernels.set(key, kernel);
      this.stats.kernelsBuilt++;
    }
    kernel.setOutput([n]);
    this.stats.deviceKernels++;
    try {
      return kernel(...(args as never[])) as unknown as DeviceValue;
    } catch (error) {
      throw new Error(`gpujs backend: kernel ${key} failed in gpu.js mode "${this.mode}": ${(error as Error).message}`);
    }
  }

  /** A storage around a kernel result; GPU textures are deleted when the storage is garbage-collected. */
  wrap(dtype: DType, size: number, device: DeviceValue): GpuJsStorage {
    const s = new GpuJsStorage(dtype, size, device, null);
    if (!(device instanceof Float32Array)) this.textures.register(s, device, s);
    return s;
  }

  /** The device value of a kernel input (an empty array for empty storages). */
  value(input: KernelInput): DeviceValue {
    const s = this.own(input.storage);
    if (s.device) return s.device;
    if (s.host) return Float32Array.from(this.cpu.read(s.host)); // not reached: float64 kernels run on the host
    return new Float32Array(1);
  }

  private own(storage: Storage): GpuJsStorage {
    if (!(storage instanceof GpuJsStorage)) throw new Error(`gpujs backend: storage of backend "${storage.backend}" given to the gpujs backend; move the tensor with .to("gpujs")`);
    return storage;
  }
}

type DeviceKernel = (b: GpuJsBackend, inputs: readonly KernelInput[], params: any, outputs: readonly OutputSpec[]) => Storage[];

// One output of `spec` computed by kernel `key` (or an empty storage when it has no elements).
function single(b: GpuJsBackend, spec: OutputSpec, key: string, source: () => string, args: unknown[]): Storage[] {
  const n = numelOf(spec.shape);
  if (n === 0) return [new GpuJsStorage(spec.dtype, 0, null, null)];
  return [b.wrap(spec.dtype, n, b.exec(key, source, n, args))];
}

/** meta = [output strides, then the strides of each operand in the output's index space]. */
function meta(shape: readonly number[], operandStrides: readonly (readonly number[])[]): [Float32Array, number] {
  const nd = Math.max(shape.length, 1);
  const pad = (s: readonly number[]) => (shape.length === 0 ? [0] : s);
  const out = shape.length === 0 ? [1] : stridesOf(shape);
  return [Float32Array.from([...out, ...operandStrides.flatMap(pad)]), nd];
}

function geometryArgs(g: Record<string, number | boolean>): number[] {
  return [g.inChannels, g.height, g.width, g.outChannels, g.kernelH, g.kernelW, g.strideH, g.strideW, g.padTop, g.padLeft, g.dilationH, g.dilationW, g.groups, g.outH, g.outW].map(Number);
}

function poolArgs(g: Record<string, number | boolean>, dilation: boolean): number[] {
  const head = [g.height, g.width, g.kernelH, g.kernelW, g.strideH, g.strideW, g.padTop, g.padLeft];
  return (dilation ? [...head, g.dilationH, g.dilationW] : head).map(Number);
}

const DEVICE_KERNELS: Record<string, DeviceKernel> = {
  cast: (b, [x], _p, [spec]) => single(b, spec, `cast:${spec.dtype}`, () => sources.cast(spec.dtype), [b.value(x)]),
  unary: (b, [x], p: { op: string; a?: number; b?: number }, [spec]) => {
    if (!(p.op in UNARY_SOURCE)) throw new Error(`gpujs backend: unknown unary op "${p.op}"`);
    return single(b, spec, `unary:${p.op}`, () => sources.unary(p.op), [b.value(x), p.a ?? 0, p.b ?? 0]);
  },
  binary: (b, [x, y], p: { op: string }, [spec]) => {
    if (!(p.op in BINARY_SOURCE)) throw new Error(`gpujs backend: unknown binary op "${p.op}"`);
    const n = numelOf(spec.shape);
    if (x.storage.size === n && y.storage.size === n) return single(b, spec, `binarySame:${p.op}`, () => sources.binarySame(p.op), [b.value(x), b.value(y)]);
    const [m, nd] = meta(spec.shape, [broadcastStrides(x.shape, spec.shape), broadcastStrides(y.shape, spec.shape)]);
    return single(b, spec, `binary:${p.op}`, () => sources.binary(p.op), [b.value(x), b.value(y), m, nd]);
  },
  where: (b, [c, x, y], _p, [spec]) => {
    const [m, nd] = meta(spec.shape, [c, x, y].map((t) => broadcastStrides(t.shape, spec.shape)));
    return single(b, spec, "where", sources.where, [b.value(c), b.value(x), b.value(y), m, nd]);
  },
  reduce: (b, [x], p: { op: string; outer: number; size: number; inner: number }, [spec]) => {
    if (!["sum", "prod", "max", "min", "argmax", "argmin"].includes(p.op)) throw new Error(`gpujs backend: unknown reduction "${p.op}"`);
    if (p.size === 0) return [b.upload(allocArray(spec.dtype, numelOf(spec.shape)).fill(p.op === "prod" ? 1 : 0), spec.dtype)];
    return single(b, spec, `reduce:${p.op}`, () => sources.reduce(p.op), [b.value(x), p.size, p.inner]);
  },
  matmul: (b, [x, y], p: { M: number; K: number; N: number; strideA?: number; strideB?: number; transA?: boolean; transB?: boolean }, [spec]) => {
    if (p.K === 0) return [b.allocate(numelOf(spec.shape), spec.dtype)];
    const sA = p.strideA ?? p.M * p.K, sB = p.strideB ?? p.K * p.N;
    return single(b, spec, "matmul", sources.matmul, [b.value(x), b.value(y), p.M, p.K, p.N, sA, sB, p.transA ? 1 : 0, p.transB ? 1 : 0]);
  },
  strided: (b, [x], p: { strides: number[]; offset: number }, [spec]) => {
    const [m, nd] = meta(spec.shape, [p.strides]);
    return single(b, spec, "strided", sources.strided, [b.value(x), m, nd, p.offset]);
  },
  cat: (b, inputs, p: { outer: number; inner: number; sizes: number[] }, [spec]) => {
    const n = numelOf(spec.shape);
    const pieces = inputs.map((x, k) => ({ x, length: p.sizes[k] * p.inner })).filter((piece) => piece.length > 0);
    if (n === 0) return [new GpuJsStorage(spec.dtype, 0, null, null)];
    // one piece: a copy, so the output owns its memory; more: folded pairwise, [outer, la] ++ [outer, lb]
    let value = b.exec("copy", copySource, pieces[0].length * p.outer, [b.value(pieces[0].x)]);
    let length = pieces[0].length;
    for (const piece of pieces.slice(1)) {
      const joined = b.exec("cat2", sources.cat2, p.outer * (length + piece.length), [value, b.value(piece.x), length, piece.length]);
      if (!(value instanceof Float32Array)) value.delete();
      value = joined;
      length += piece.length;
    }
    return [b.wrap(spec.dtype, n, value)];
  },
  gather: (b, [x, index], p: { dim: number }, [spec]) => {
    const xs = stridesOf(x.shape);
    const masked = xs.map((s, d) => (d === p.dim ? 0 : s));
    const [m, nd] = meta(index.shape, [masked]);
    return single(b, spec, "gather", sources.gather, [b.value(x), b.value(index), m, nd, xs[p.dim]]);
  },
  indexSelect: (b, [x, index], p: { outer: number; size: number; inner: number }, [spec]) =>
    single(b, spec, "indexSelect", sources.indexSelect, [b.value(x), b.value(index), p.size, p.inner, index.storage.size]),
  conv2d: (b, [x, w, bias], g, [spec]) =>
    single(b, spec, bias ? "conv2d:bias" : "conv2d", () => sources.conv2d(!!bias), [b.value(x), b.value(w), ...(bias ? [b.value(bias)] : []), ...geometryArgs(g)]),
  conv2dInputGrad: (b, [gy, w, bias], g, [spec]) =>
    single(b, spec, bias ? "conv2dInputGrad:bias" : "conv2dInputGrad", () => sources.conv2dInputGrad(!!bias), [b.value(gy), b.value(w), ...(bias ? [b.value(bias)] : []), ...geometryArgs(g)]),
  conv2dWeightGrad: (b, [x, gy], g, [spec]) => single(b, spec, "conv2dWeightGrad", sources.conv2dWeightGrad, [b.value(x), b.value(gy), g.batch, ...geometryArgs(g)]),
  maxPool2d: (b, [x], g, [values, indices]) => {
    const args = [b.value(x), ...poolArgs(g, true), g.outH, g.outW];
    return [...single(b, values, "maxPool2d", sources.maxPool2d, [...args, 0]), ...single(b, indices, "maxPool2d", sources.maxPool2d, [...args, 1])];
  },
  maxPool2dBackward: (b, [gy, indices], g, [spec]) => single(b, spec, "maxPool2dBackward", sources.maxPool2dBackward, [b.value(gy), b.value(indices), ...poolArgs(g, true), g.outH, g.outW]),
  avgPool2d: (b, [x], g, [spec]) => single(b, spec, "avgPool2d", sources.avgPool2d, [b.value(x), ...poolArgs(g, false), g.outH, g.outW, g.countIncludePad ? 1 : 0]),
  avgPool2dBackward: (b, [gy], g, [spec]) => single(b, spec, "avgPool2dBackward", sources.avgPool2dBackward, [b.value(gy), ...poolArgs(g, false), g.outH, g.outW, g.countIncludePad ? 1 : 0]),
};

/** Kernels the gpujs backend runs as gpu.js kernels (the others, and every float64 kernel, run on the host). */
export const DEVICE_KERNEL_NAMES = Object.keys(DEVICE_KERNELS);

/** The gpujs backend instance (created on first use), for its mode and counters. */
export function gpujsBackend(): GpuJsBackend {
  return backendByName("gpujs") as GpuJsBackend;
}

registerBackend("gpujs", () => new GpuJsBackend());

// Automatic choice: gpujs when a hardware GPU context exists, the cpu backend otherwise.
if (hardwareGpuRenderer() !== null) setBackend("gpujs");
