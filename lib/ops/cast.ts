// dtype conversion, moving between backends, copies.
import { backendByName, listBackends } from "../core/backend";
import { isDType, type DType } from "../core/dtype";
import { castRecorded, record, runKernel, Tensor } from "./helpers";

/**
 * A copy in another dtype (float → int32 truncates toward zero). Differentiable between float dtypes.
 * @example
 * tensor([1.7, -1.7]).to("int32"); // tensor([ 1, -1], dtype=int32)
 */
export function cast(x: Tensor, dtype: DType): Tensor {
  if (!isDType(dtype)) throw new Error(`cast: unknown dtype "${dtype as string}"; use "float32", "float64", "int32" or "bool"`);
  return castRecorded(x, dtype);
}

/** The same values on backend `name` (a copy through the host; gradients flow back). */
export function toBackend(x: Tensor, name: string): Tensor {
  if (x.device === name) return x;
  const target = backendByName(name);
  const moved = new Tensor(target.upload(x.data(), x.dtype), x.shape, x.dtype);
  return record("ToCopyBackward", moved, [x], (g) => [toBackend(g, x.device)]);
}

/** A new tensor with its own storage holding the same values (recorded for autograd). */
export function clone(x: Tensor): Tensor {
  const out = runKernel("cast", [x], { dtype: x.dtype }, { shape: x.shape, dtype: x.dtype }, "clone");
  return record("CloneBackward", out, [x], (g) => [g]);
}

declare module "../core/tensor" {
  interface Tensor {
    /** Converts to a dtype ("float32", "int32", …) or moves to a backend ("cpu", "gpujs"). */
    to(target: DType | string): Tensor;
    float(): Tensor;
    double(): Tensor;
    int(): Tensor;
    toInt(): Tensor;
    bool(): Tensor;
    type(dtype: DType): Tensor;
    clone(): Tensor;
    /** Tensors are always stored contiguous: returns this. */
    contiguous(): Tensor;
  }
}
Tensor.prototype.to = function (this: Tensor, target: DType | string) {
  if (isDType(target)) return cast(this, target);
  if (listBackends().includes(target)) return toBackend(this, target);
  throw new Error(`to: "${target}" is neither a dtype (float32, float64, int32, bool) nor a backend (${listBackends().join(", ")})`);
};
Tensor.prototype.float = function (this: Tensor) {
  return cast(this, "float32");
};
Tensor.prototype.double = function (this: Tensor) {
  return cast(this, "float64");
};
Tensor.prototype.int = function (this: Tensor) {
  return cast(this, "int32");
};
Tensor.prototype.toInt = Tensor.prototype.int;
Tensor.prototype.bool = function (this: Tensor) {
  return cast(this, "bool");
};
Tensor.prototype.type = function (this: Tensor, dtype: DType) {
  return cast(this, dtype);
};
Tensor.prototype.clone = function (this: Tensor) {
  return clone(this);
};
Tensor.prototype.contiguous = function (this: Tensor) {
  return this;
};
