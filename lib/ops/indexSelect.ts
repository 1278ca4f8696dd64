import { normDim } from "../core/shape";
import { checkIndex, fmtShape, record, runKernel, Tensor, zerosOf } from "./helpers";

/**
 * The entries of `dim` listed in a 1-D int32 index (repeats allowed), in that order.
 * @example
 * indexSelect(tensor([[1, 2], [3, 4], [5, 6]]), 0, tensor([2, 0])); // tensor([[5, 6], [1, 2]], dtype=int32)
 */
export function indexSelect(x: Tensor, dim: number, index: Tensor): Tensor {
  const d = normDim("indexSelect", dim, x.ndim, x.shape);
  if (index.ndim > 1) throw new Error(`indexSelect: index must be 1-D, got shape ${fmtShape(index.shape)}`);
  const idx = checkIndex("indexSelect", index.reshape([-1]), x.shape[d], `dimension ${dim} of input ${fmtShape(x.shape)}`);
  const outer = x.shape.slice(0, d).reduce((a, b) => a * b, 1), size = x.shape[d], inner = x.shape.slice(d + 1).reduce((a, b) => a * b, 1);
  const shape = [...x.shape];
  shape[d] = idx.numel();
  const out = runKernel("indexSelect", [x, idx], { outer, size, inner }, { shape, dtype: x.dtype }, "indexSelect");
  return record("IndexSelectBackward", out, [x], (g) => [runKernel("indexAdd", [zerosOf(g, x.shape), idx, g], { outer, size, inner }, { shape: x.shape, dtype: g.dtype }, "indexAdd")]);
}

declare module "../core/tensor" {
  interface Tensor {
    indexSelect(dim: number, index: Tensor): Tensor;
  }
}
Tensor.prototype.indexSelect = function (this: Tensor, dim: number, index: Tensor) {
  return indexSelect(this, dim, index);
};
