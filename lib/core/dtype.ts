// Element types. float64 exists for exact reference computations (finite-difference gradient
// checks); models use float32. bool is stored one byte per element.

export type DType = "float32" | "float64" | "int32" | "bool";
export type TypedArray = Float32Array | Float64Array | Int32Array | Uint8Array;

export const DTYPES: readonly DType[] = ["bool", "int32", "float32", "float64"];

export function isDType(x: unknown): x is DType {
  return typeof x === "string" && (DTYPES as readonly string[]).includes(x);
}

export function isFloat(dtype: DType): boolean {
  return dtype === "float32" || dtype === "float64";
}

/** A new zero-filled typed array of `size` elements for `dtype`. */
export function allocArray(dtype: DType, size: number): TypedArray {
  switch (dtype) {
    case "float32":
      return new Float32Array(size);
    case "float64":
      return new Float64Array(size);
    case "int32":
      return new Int32Array(size);
    case "bool":
      return new Uint8Array(size);
  }
}

/** Copies `values` into a new typed array of `dtype` (numbers are rounded toward zero for int32, bool is x !== 0). */
export function toTypedArray(values: ArrayLike<number | boolean>, dtype: DType): TypedArray {
  const out = allocArray(dtype, values.length);
  if (ArrayBuffer.isView(values) && dtype !== "bool") {
    out.set(values as unknown as ArrayLike<number>); // typed → typed: one native conversion
    return out;
  }
  if (dtype === "bool") for (let i = 0; i < values.length; i++) out[i] = values[i] ? 1 : 0;
  else for (let i = 0; i < values.length; i++) out[i] = Number(values[i]);
  return out;
}

const RANK: Record<DType, number> = { bool: 0, int32: 1, float32: 2, float64: 3 };

/** The dtype two tensors are computed in (bool < int32 < float32 < float64), as in PyTorch. */
export function promoteTypes(a: DType, b: DType): DType {
  return RANK[a] >= RANK[b] ? a : b;
}

/** The dtype of `tensor op scalar`: a scalar never widens a tensor of its own kind (PyTorch's rule). */
export function promoteWithScalar(tensorDtype: DType, scalar: number | boolean): DType {
  if (typeof scalar === "boolean") return tensorDtype;
  if (!Number.isInteger(scalar) || !Number.isFinite(scalar) || scalar > 2147483647 || scalar < -2147483648) return isFloat(tensorDtype) ? tensorDtype : "float32";
  return tensorDtype === "bool" ? "int32" : tensorDtype;
}

/** The float dtype a float-valued op (exp, mean, division…) returns for an input of `dtype`. */
export function floatOf(dtype: DType): DType {
  return dtype === "float64" ? "float64" : "float32";
}
