import { backendByName } from "../core/backend";
import { normDim } from "../core/shape";
import { asFloat, record, runKernel, Tensor, toTensor, type TensorLike } from "./helpers";
import { logsumexp } from "./logsumexp";
import { axisSplit } from "./softmax";

/**
 * log(softmax(x)) along `dim` (default the last), computed as x − logsumexp(x) (stable);
 * one "softmax" kernel (log mode) where the backend has it.
 * @example
 * logSoftmax(tensor([0, 0])); // tensor([-0.6931, -0.6931])
 */
export function logSoftmax(x: TensorLike, dim = -1): Tensor {
  const t = asFloat(toTensor(x));
  const d = normDim("logSoftmax", dim, t.ndim, t.shape);
  if (t.ndim > 0 && backendByName(t.device).has("softmax")) {
    const y = runKernel("softmax", [t], { ...axisSplit(t.shape, d), log: true }, { shape: t.shape, dtype: t.dtype }, "logSoftmax");
    // dx = g − softmax ⊙ Σ g
    return record("LogSoftmaxBackward", y, [t], (g) => [g.sub(y.exp().mul(g.sum(d, true)))]);
  }
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
