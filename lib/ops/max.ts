import { normDim } from "../core/shape";
import { fmtShape, keptShape, record, reduceDims, runKernel, Tensor, toTensor, zerosOf, type TensorLike } from "./helpers";
import { maximum } from "./maximum";
import { minimum } from "./minimum";

/** max/min over a dim: the values and their (first) indices; destructures as [values, indices] too. */
export interface ValuesIndices {
  values: Tensor;
  indices: Tensor;
  [Symbol.iterator](): Iterator<Tensor>;
}

function valuesIndices(values: Tensor, indices: Tensor): ValuesIndices {
  return {
    values,
    indices,
    *[Symbol.iterator]() {
      yield values;
      yield indices;
    },
  };
}

function extreme(kind: "max" | "min", x: Tensor, dim?: number | Tensor | { dim: number; keepdim?: boolean }, keepdim = false): Tensor | ValuesIndices {
  if (dim instanceof Tensor) return kind === "max" ? maximum(x, dim) : minimum(x, dim);
  if (dim !== undefined && typeof dim === "object") [dim, keepdim] = [dim.dim, dim.keepdim ?? false];
  if (x.numel() === 0) throw new Error(`${kind}: cannot reduce an empty tensor of shape ${fmtShape(x.shape)}`);
  const name = kind === "max" ? "MaxBackward" : "MinBackward";
  if (dim === undefined) {
    // Whole-tensor max/min: the gradient is shared evenly among tied elements (as PyTorch).
    const all = x.shape.map((_, d) => d);
    const out = reduceDims(x, kind, all).reshape([]);
    return record(name, out, [x], (g) => {
      const mask = x.eq(out).to(x.dtype);
      return [mask.mul(g.div(mask.sum()))];
    });
  }
  const d = normDim(kind, dim, x.ndim, x.shape);
  const outer = x.shape.slice(0, d).reduce((a, b) => a * b, 1), size = x.shape[d], inner = x.shape.slice(d + 1).reduce((a, b) => a * b, 1);
  if (size === 0) throw new Error(`${kind}: cannot reduce dimension ${dim} of size 0 (shape ${fmtShape(x.shape)})`);
  const kshape = keptShape(x.shape, [d]);
  const values = runKernel("reduce", [x], { op: kind, outer, size, inner }, { shape: kshape, dtype: x.dtype }, kind);
  const indices = runKernel("reduce", [x], { op: kind === "max" ? "argmax" : "argmin", outer, size, inner }, { shape: kshape, dtype: "int32" }, kind);
  const outShape = keepdim ? kshape : x.shape.filter((_, i) => i !== d);
  const v = record(name, values, [x], (g) => [zerosOf(g, x.shape).scatterAdd(d, indices, g)]).reshape(outShape);
  return valuesIndices(v, indices.reshape(outShape));
}

/**
 * The largest element; `max(x, dim, keepdim)` gives `{ values, indices }` along dim; `max(x, other)` is maximum.
 * @example
 * const { values, indices } = max(tensor([[1, 5], [7, 2]]), 1); // values [5, 7], indices [1, 0]
 */
export function max(x: TensorLike): Tensor;
export function max(x: TensorLike, other: Tensor): Tensor;
export function max(x: TensorLike, dim: number | { dim: number; keepdim?: boolean }, keepdim?: boolean): ValuesIndices;
export function max(x: TensorLike, dim?: number | Tensor | { dim: number; keepdim?: boolean }, keepdim?: boolean): Tensor | ValuesIndices {
  return extreme("max", toTensor(x), dim, keepdim);
}

/** The smallest element, or `{ values, indices }` along a dim, or minimum with another tensor. */
export function min(x: TensorLike): Tensor;
export function min(x: TensorLike, other: Tensor): Tensor;
export function min(x: TensorLike, dim: number | { dim: number; keepdim?: boolean }, keepdim?: boolean): ValuesIndices;
export function min(x: TensorLike, dim?: number | Tensor | { dim: number; keepdim?: boolean }, keepdim?: boolean): Tensor | ValuesIndices {
  return extreme("min", toTensor(x), dim, keepdim);
}

/** max/min values over one or several dims (no indices), as torch.amax / amin. */
export function amax(x: Tensor, dim: number | number[], keepdim = false): Tensor {
  const dims = (typeof dim === "number" ? [dim] : dim).map((d) => normDim("amax", d, x.ndim, x.shape)).sort((a, b) => b - a);
  let y = x;
  for (const d of dims) y = (max(y, d, true) as ValuesIndices).values;
  return keepdim ? y : y.squeeze(dims);
}
export function amin(x: Tensor, dim: number | number[], keepdim = false): Tensor {
  const dims = (typeof dim === "number" ? [dim] : dim).map((d) => normDim("amin", d, x.ndim, x.shape)).sort((a, b) => b - a);
  let y = x;
  for (const d of dims) y = (min(y, d, true) as ValuesIndices).values;
  return keepdim ? y : y.squeeze(dims);
}

declare module "../core/tensor" {
  interface Tensor {
    max(): Tensor;
    max(other: Tensor): Tensor;
    max(dim: number | { dim: number; keepdim?: boolean }, keepdim?: boolean): ValuesIndices;
    min(): Tensor;
    min(other: Tensor): Tensor;
    min(dim: number | { dim: number; keepdim?: boolean }, keepdim?: boolean): ValuesIndices;
    amax(dim: number | number[], keepdim?: boolean): Tensor;
    amin(dim: number | number[], keepdim?: boolean): Tensor;
  }
}
Tensor.prototype.max = function (this: Tensor, dim?: number | Tensor | { dim: number; keepdim?: boolean }, keepdim?: boolean) {
  return extreme("max", this, dim, keepdim);
} as Tensor["max"];
Tensor.prototype.min = function (this: Tensor, dim?: number | Tensor | { dim: number; keepdim?: boolean }, keepdim?: boolean) {
  return extreme("min", this, dim, keepdim);
} as Tensor["min"];
Tensor.prototype.amax = function (this: Tensor, dim: number | number[], keepdim?: boolean) {
  return amax(this, dim, keepdim);
};
Tensor.prototype.amin = function (this: Tensor, dim: number | number[], keepdim?: boolean) {
  return amin(this, dim, keepdim);
};
