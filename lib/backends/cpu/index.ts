// The cpu backend: storage is a typed array; kernels are plain typed-array loops
// (with WebAssembly accelerators plugged in through ./accelerators).

import { registerBackend, type Backend, type KernelInput, type OutputSpec, type Storage } from "../../core/backend";
import { allocArray, type DType, type TypedArray } from "../../core/dtype";
import { broadcastStrides, numelOf, stridesOf } from "../../core/shape";
import { binary, cast, unary, where } from "./elementwise";
import { cat, gather, indexAdd, indexSelect, scatter, strided, stridedAdd } from "./layout";
import { matmul } from "./matmul";
import { reduce, softmax, type ReduceOp } from "./reduce";
import { accelerators, type MatmulParams } from "./accelerators";
import { conv2dKernels } from "./conv2d";
import { pool2dKernels } from "./pool2d";
import { wasmMatmul } from "./wasm";

export { accelerators } from "./accelerators";

export class CpuStorage implements Storage {
  readonly backend = "cpu";
  constructor(
    readonly dtype: DType,
    readonly data: TypedArray,
  ) {}
  get size(): number {
    return this.data.length;
  }
}

/** A kernel input as cpu kernels see it. */
export interface CpuInput {
  data: TypedArray;
  shape: readonly number[];
  dtype: DType;
}

/** A cpu kernel: reads its inputs' arrays and fills the (zero-filled, preallocated) outputs. */
export type CpuKernel = (inputs: CpuInput[], params: any, outputs: TypedArray[], specs: readonly OutputSpec[]) => void;

const kernels = new Map<string, CpuKernel>();

/** Adds or replaces a cpu kernel (conv2d, pooling… are registered by their own modules). */
export function registerCpuKernel(name: string, kernel: CpuKernel): void {
  kernels.set(name, kernel);
}

/** The typed array behind a cpu storage (for kernels and tests; user code reads with t.data()). */
export function cpuData(storage: Storage): TypedArray {
  if (!(storage instanceof CpuStorage)) throw new Error(`cpu backend: storage of backend "${storage.backend}" given to the cpu backend`);
  return storage.data;
}

class CpuBackend implements Backend {
  readonly name = "cpu";
  allocate(size: number, dtype: DType): Storage {
    return new CpuStorage(dtype, allocArray(dtype, size));
  }
  upload(values: TypedArray, dtype: DType): Storage {
    const data = allocArray(dtype, values.length);
    data.set(values);
    return new CpuStorage(dtype, data);
  }
  read(storage: Storage): TypedArray {
    return cpuData(storage).slice();
  }
  async readAsync(storage: Storage): Promise<TypedArray> {
    return this.read(storage);
  }
  has(name: string): boolean {
    return kernels.has(name);
  }
  run(name: string, inputs: readonly KernelInput[], params: object, outputs: readonly OutputSpec[]): Storage[] {
    const kernel = kernels.get(name);
    if (!kernel) throw new Error(`cpu backend: no kernel "${name}" (known: ${[...kernels.keys()].join(", ")})`);
    const ins = inputs.map((i) => ({ data: cpuData(i.storage), shape: i.shape, dtype: i.dtype }));
    const outs = outputs.map((o) => allocArray(o.dtype, numelOf(o.shape)));
    kernel(ins, params, outs, outputs);
    return outs.map((data, k) => new CpuStorage(outputs[k].dtype, data));
  }
}

registerCpuKernel("cast", ([x], _p, [out]) => cast(x.data, out));
registerCpuKernel("unary", ([x], p: { op: string; a?: number; b?: number }, [out]) => unary(p.op, x.data, out, p.a ?? 0, p.b ?? 0));
registerCpuKernel("binary", ([x, y], p: { op: string }, [out], [spec]) =>
  binary(p.op, x.data, y.data, out, spec.shape, broadcastStrides(x.shape, spec.shape), broadcastStrides(y.shape, spec.shape)),
);
registerCpuKernel("where", ([c, x, y], _p, [out], [spec]) =>
  where(c.data, x.data, y.data, out, spec.shape, broadcastStrides(c.shape, spec.shape), broadcastStrides(x.shape, spec.shape), broadcastStrides(y.shape, spec.shape)),
);
registerCpuKernel("reduce", ([x], p: { op: ReduceOp; outer: number; size: number; inner: number }, [out]) => reduce(p.op, x.data, out, p.outer, p.size, p.inner));
registerCpuKernel("softmax", ([x], p: { outer: number; size: number; inner: number; log: boolean }, [out]) => softmax(x.data, out, p.outer, p.size, p.inner, p.log));
registerCpuKernel("matmul", ([a, b], p: MatmulParams, [out]) => matmul(a.data, b.data, out, p));
registerCpuKernel("strided", ([x], p: { strides: number[]; offset: number }, [out], [spec]) => strided(x.data, out, spec.shape, p.strides, p.offset));
registerCpuKernel("stridedAdd", ([base, src], p: { strides: number[]; offset: number }, [out]) => {
  out.set(base.data);
  stridedAdd(out, src.data, src.shape, p.strides, p.offset);
});
registerCpuKernel("cat", (ins, p: { outer: number; inner: number; sizes: number[] }, [out]) =>
  cat(
    ins.map((i) => i.data),
    out,
    p.outer,
    p.inner,
    p.sizes,
  ),
);
registerCpuKernel("gather", ([x, index], p: { dim: number }, [out]) => gather(x.data, index.data as Int32Array, out, index.shape, stridesOf(x.shape), p.dim));
registerCpuKernel("scatter", ([base, index, src], p: { dim: number; reduce: "none" | "add" }, [out]) => {
  out.set(base.data);
  scatter(out, index.data as Int32Array, src.data, index.shape, stridesOf(base.shape), stridesOf(src.shape), p.dim, p.reduce === "add");
});
registerCpuKernel("indexSelect", ([x, index], p: { outer: number; size: number; inner: number }, [out]) => indexSelect(x.data, index.data as Int32Array, out, p.outer, p.size, p.inner));
registerCpuKernel("indexAdd", ([base, index, src], p: { outer: number; size: number; inner: number }, [out]) => {
  out.set(base.data);
  indexAdd(out, index.data as Int32Array, src.data, p.outer, p.size, p.inner);
});

// Convolution and pooling kernels (float32 in WebAssembly SIMD where available) and the WebAssembly GEMM.
for (const [name, kernel] of Object.entries({ ...conv2dKernels, ...pool2dKernels })) registerCpuKernel(name, kernel);
accelerators.matmul = wasmMatmul;

registerBackend("cpu", () => new CpuBackend());
