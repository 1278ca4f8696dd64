import { normDim } from "../core/shape";
import { checkIndex, fmtShape, record, runKernel, Tensor, zerosOf } from "./helpers";

/**
 * out[i][j] = x[i][index[i][j]] for dim 1 (in general: index replaces the coordinate of `dim`).
 * index has x's number of dims and sizes ≤ x's in the other dims.
 * @example
 * gather(tensor([[1, 2], [3, 4]]), 1, tensor([[1], [0]])); // tensor([[2], [3]], dtype=int32)
 */
export function gather(x: Tensor, dim: number, index: Tensor): Tensor {
  const d = normDim("gather", dim, x.ndim, x.shape);
  if (index.ndim !== x.ndim || index.shape.some((s, i) => i !== d && s > x.shape[i]))
    throw new Error(`gather: index of shape ${fmtShape(index.shape)} does not fit input of shape ${fmtShape(x.shape)} (same number of dims, sizes no larger except in dimension ${dim})`);
  const idx = checkIndex("gather", index, x.shape[d], `dimension ${dim} of input ${fmtShape(x.shape)}`);
  const out = runKernel("gather", [x, idx], { dim: d }, { shape: idx.shape, dtype: x.dtype }, "gather");
  return record("GatherBackward", out, [x], (g) => [zerosOf(g, x.shape).scatterAdd(d, idx, g)]);
}

declare module "../core/tensor" {
  interface Tensor {
    gather(dim: number, index: Tensor): Tensor;
  }
}
Tensor.prototype.gather = function (this: Tensor, dim: number, index: Tensor) {
  return gather(this, dim, index);
};
