import { promoteTypes } from "../core/dtype";
import { normDim } from "../core/shape";
import { castRecorded, fmtShape, record, runKernel, Tensor } from "./helpers";

/**
 * Joins tensors along an existing dim (all other sizes must match).
 * @example
 * cat([ones(2, 1), zeros(2, 2)], 1).shape; // [2, 3]
 */
export function cat(tensors: readonly Tensor[], dim = 0): Tensor {
  if (!tensors.length) throw new Error("cat: expected a non-empty list of tensors");
  const first = tensors[0];
  const d = normDim("cat", dim, first.ndim, first.shape);
  tensors.forEach((t, k) => {
    if (t.ndim !== first.ndim || t.shape.some((s, i) => i !== d && s !== first.shape[i]))
      throw new Error(`cat: tensor ${k} has shape ${fmtShape(t.shape)} but tensor 0 has ${fmtShape(first.shape)}; all sizes except dimension ${dim} must match`);
  });
  const dtype = tensors.map((t) => t.dtype).reduce(promoteTypes);
  const inputs = tensors.map((t) => castRecorded(t, dtype));
  const sizes = inputs.map((t) => t.shape[d]);
  const outer = first.shape.slice(0, d).reduce((a, b) => a * b, 1), inner = first.shape.slice(d + 1).reduce((a, b) => a * b, 1);
  const shape = [...first.shape];
  shape[d] = sizes.reduce((a, b) => a + b, 0);
  const out = runKernel("cat", inputs, { outer, inner, sizes }, { shape, dtype }, "cat");
  return record("CatBackward", out, inputs, (g) => {
    let start = 0;
    return inputs.map((t) => {
      const piece = t.requiresGrad ? g.narrow(d, start, t.shape[d]) : null;
      start += t.shape[d];
      return piece;
    });
  });
}

declare module "../core/tensor" {
  interface Tensor {
    /** Tensor.cat is not PyTorch's API, but x.cat([y], 1) reads well: cat([x, y], 1). */
    cat(others: readonly Tensor[], dim?: number): Tensor;
  }
}
Tensor.prototype.cat = function (this: Tensor, others: readonly Tensor[], dim?: number) {
  return cat([this, ...others], dim);
};
