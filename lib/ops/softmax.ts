import { backendByName } from "../core/backend";
import { normDim } from "../core/shape";
import { asFloat, record, reduceDims, runKernel, Tensor, toTensor, type TensorLike } from "./helpers";

/**
 * exp(x) / Σ exp(x) along `dim` (default the last), stable: the max is subtracted first.
 * One "softmax" kernel where the backend has it, else composed from max, exp, sum and div.
 * @example
 * softmax(tensor([1, 2, 3])); // tensor([0.0900, 0.2447, 0.6652])
 */
export function softmax(x: TensorLike, dim = -1): Tensor {
  const t = asFloat(toTensor(x));
  const d = normDim("softmax", dim, t.ndim, t.shape);
  if (t.ndim === 0) return t.mul(0).add(1);
  if (backendByName(t.device).has("softmax")) {
    const y = runKernel("softmax", [t], { ...axisSplit(t.shape, d), log: false }, { shape: t.shape, dtype: t.dtype }, "softmax");
    // dx = y ⊙ (g − Σ g⊙y)
    return record("SoftmaxBackward", y, [t], (g) => [y.mul(g.sub(g.mul(y).sum(d, true)))]);
  }
  // the max (values only, kept as a constant) makes exp overflow-free; softmax does not depend on it
  const e = t.sub(reduceDims(t.detach(), "max", [d])).exp();
  return e.div(e.sum(d, true));
}

/** outer/size/inner of a tensor viewed around one axis. */
export function axisSplit(shape: readonly number[], d: number): { outer: number; size: number; inner: number } {
  return { outer: shape.slice(0, d).reduce((a, b) => a * b, 1), size: shape[d], inner: shape.slice(d + 1).reduce((a, b) => a * b, 1) };
}

declare module "../core/tensor" {
  interface Tensor {
    softmax(dim?: number): Tensor;
  }
}
Tensor.prototype.softmax = function (this: Tensor, dim?: number) {
  return softmax(this, dim);
};
