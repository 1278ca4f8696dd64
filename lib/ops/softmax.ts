import { normDim } from "../core/shape";
import { asFloat, reduceDims, Tensor, toTensor, type TensorLike } from "./helpers";

/**
 * exp(x) / Σ exp(x) along `dim` (default the last), stable: the max is subtracted first.
 * @example
 * softmax(tensor([1, 2, 3])); // tensor([0.0900, 0.2447, 0.6652])
 */
export function softmax(x: TensorLike, dim = -1): Tensor {
  const t = asFloat(toTensor(x));
  const d = normDim("softmax", dim, t.ndim, t.shape);
  // the max (values only, kept as a constant) makes exp overflow-free; softmax does not depend on it
  const e = t.sub(reduceDims(t.detach(), "max", [d])).exp();
  return e.div(e.sum(d, true));
}

declare module "../core/tensor" {
  interface Tensor {
    softmax(dim?: number): Tensor;
  }
}
Tensor.prototype.softmax = function (this: Tensor, dim?: number) {
  return softmax(this, dim);
};
