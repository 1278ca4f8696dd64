import { asFloat, record, Tensor, toTensor, unaryKernel, type TensorLike } from "./helpers";

/**
 * x for x > 0, α(eˣ − 1) otherwise.
 * @example
 * elu(tensor([-1, 2])); // tensor([-0.6321,  2.0000])
 */
export function elu(x: TensorLike, alpha = 1): Tensor {
  const t = asFloat(toTensor(x));
  const y = unaryKernel(t, "elu", alpha);
  return record("EluBackward", y, [t], (g) => {
    const step = unaryKernel(t, "step");
    // 1 where x > 0, y + α elsewhere
    const slope = step.add(step.neg().add(1).mul(y.add(alpha)));
    return [g.mul(slope)];
  });
}

declare module "../core/tensor" {
  interface Tensor {
    elu(alpha?: number): Tensor;
  }
}
Tensor.prototype.elu = function (this: Tensor, alpha?: number) {
  return elu(this, alpha);
};
