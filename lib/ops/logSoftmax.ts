import { normDim } from "../core/shape";
import { asFloat, Tensor, toTensor, type TensorLike } from "./helpers";
import { logsumexp } from "./logsumexp";

/**
 * log(softmax(x)) along `dim` (default the last), computed as x − logsumexp(x) (stable).
 * @example
 * logSoftmax(tensor([0, 0])); // tensor([-0.6931, -0.6931])
 */
export function logSoftmax(x: TensorLike, dim = -1): Tensor {
  const t = asFloat(toTensor(x));
  const d = normDim("logSoftmax", dim, t.ndim, t.shape);
  return t.sub(logsumexp(t, d, true));
}

declare module "../core/tensor" {
  interface Tensor {
    logSoftmax(dim?: number): Tensor;
  }
}
Tensor.prototype.logSoftmax = function (this: Tensor, dim?: number) {
  return logSoftmax(this, dim);
};
