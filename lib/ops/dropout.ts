import { defaultGenerator } from "../core/random";
import { asFloat, Tensor, toTensor, type TensorLike } from "./helpers";

/**
 * Zeroes each element with probability p during training and scales the rest by 1/(1−p); identity when not training.
 * Uses the seeded generator (manualSeed).
 * @example
 * dropout(ones(4), 0.5, true); // e.g. tensor([2., 0., 2., 2.])
 */
export function dropout(x: TensorLike, p = 0.5, training = true): Tensor {
  const t = asFloat(toTensor(x));
  if (!(p >= 0 && p <= 1)) throw new Error(`dropout: p must be a probability in [0, 1], got ${p}`);
  if (!training || p === 0) return t;
  if (p === 1) return t.mul(0);
  const keep = new Uint8Array(t.numel());
  for (let i = 0; i < keep.length; i++) keep[i] = defaultGenerator.uniform() >= p ? 1 : 0;
  const mask = toTensor(keep, t, "bool").reshape(t.shape);
  return t.mul(mask).mul(1 / (1 - p));
}

declare module "../core/tensor" {
  interface Tensor {
    dropout(p?: number, training?: boolean): Tensor;
  }
}
Tensor.prototype.dropout = function (this: Tensor, p?: number, training?: boolean) {
  return dropout(this, p, training);
};
