import { asFloat, record, Tensor, toTensor, unaryKernel, type TensorLike } from "./helpers";

/**
 * x for x > 0, negativeSlope·x otherwise.
 * @example
 * leakyRelu(tensor([-2, 3]), 0.1); // tensor([-0.2000,  3.0000])
 */
export function leakyRelu(x: TensorLike, negativeSlope = 0.01): Tensor {
  const t = asFloat(toTensor(x));
  const y = unaryKernel(t, "leakyRelu", negativeSlope);
  return record("LeakyReluBackward", y, [t], (g) => {
    const step = unaryKernel(t, "step");
    // slope 1 where x > 0, negativeSlope elsewhere
    return [g.mul(step.mul(1 - negativeSlope).add(negativeSlope))];
  });
}

declare module "../core/tensor" {
  interface Tensor {
    leakyRelu(negativeSlope?: number): Tensor;
  }
}
Tensor.prototype.leakyRelu = function (this: Tensor, negativeSlope?: number) {
  return leakyRelu(this, negativeSlope);
};
