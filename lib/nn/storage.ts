// In-place access to a tensor's values for the code that owns parameters (initialisers, optimizers,
// loadStateDict, backend moves). Writing replaces the tensor's storage with a fresh upload, so the
// Tensor object (the parameter an optimizer holds) stays the same while its values change.

import { Tensor } from "../core";
import { backendByName } from "../core/backend";

/** A copy of the tensor's values as a Float32Array (the dtype of parameters). */
export function readValues(t: Tensor): Float32Array {
  const values = t.data();
  return values instanceof Float32Array ? values : Float32Array.from(values as ArrayLike<number>);
}

/** Replaces every value of `t` in place (same shape, same backend) and returns `t`. */
export function overwrite(t: Tensor, values: ArrayLike<number>): Tensor {
  if (values.length !== t.numel()) throw new Error(`overwrite: ${values.length} values do not fill a tensor of shape [${t.shape}] (${t.numel()} elements)`);
  const backend = backendByName(t.device);
  const typed = t.dtype === "float32" ? (values instanceof Float32Array ? values : Float32Array.from(values)) : t.dtype === "int32" ? Int32Array.from(values) : t.dtype === "float64" ? Float64Array.from(values) : Uint8Array.from(values);
  t.storage = backend.upload(typed, t.dtype);
  return t;
}

/** Moves `t`'s values to another backend in place (the Tensor object is kept). */
export function moveTo(t: Tensor, backendName: string): Tensor {
  if (t.device === backendName) return t;
  const values = t.data();
  t.storage = backendByName(backendName).upload(values, t.dtype);
  return t;
}
