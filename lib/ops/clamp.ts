import { record, Tensor, toTensor, unaryKernel, type TensorLike } from "./helpers";

/**
 * Limits values to [min, max] (either bound may be omitted with null/undefined). The gradient flows where min ≤ x ≤ max.
 * @example
 * clamp(tensor([-2, 0.5, 3]), 0, 1); // tensor([0.0000, 0.5000, 1.0000])
 */
export function clamp(x: TensorLike, min?: number | null, max?: number | null): Tensor {
  const t = toTensor(x);
  const lo = min ?? -Infinity, hi = max ?? Infinity;
  if (min == null && max == null) throw new Error("clamp: give at least one of min and max");
  if (Number.isNaN(lo) || Number.isNaN(hi)) throw new Error(`clamp: bounds must be numbers, got min=${min}, max=${max}`);
  const dtype = t.dtype !== "bool" && t.dtype !== "int32" ? t.dtype : Number.isInteger(lo === -Infinity ? 0 : lo) && Number.isInteger(hi === Infinity ? 0 : hi) ? t.dtype : "float32";
  const y = unaryKernel(t, "clamp", lo, hi, dtype);
  return record("ClampBackward", y, [t], (g) => [g.mul(unaryKernel(t, "inside", lo, hi))]);
}

declare module "../core/tensor" {
  interface Tensor {
    clamp(min?: number | null, max?: number | null): Tensor;
    clip(min?: number | null, max?: number | null): Tensor;
  }
}
Tensor.prototype.clamp = function (this: Tensor, min?: number | null, max?: number | null) {
  return clamp(this, min, max);
};
Tensor.prototype.clip = Tensor.prototype.clamp;
