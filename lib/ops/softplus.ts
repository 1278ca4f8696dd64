import { asFloat, record, Tensor, toTensor, unaryKernel, type TensorLike } from "./helpers";

/**
 * log(1 + e^{βx}) / β, linear above `threshold` (βx > threshold) for stability.
 * @example
 * softplus(tensor([0])); // tensor([0.6931])
 */
export function softplus(x: TensorLike, beta = 1, threshold = 20): Tensor {
  const t = asFloat(toTensor(x));
  const y = unaryKernel(t, "softplus", beta, threshold);
  return record("SoftplusBackward", y, [t], (g) => {
    const z = t.mul(beta);
    const linear = unaryKernel(z.sub(threshold), "step");
    // sigmoid(βx) below the threshold, 1 above
    const s = unaryKernel(z, "sigmoid");
    return [g.mul(s.add(linear.mul(s.neg().add(1))))];
  });
}

declare module "../core/tensor" {
  interface Tensor {
    softplus(beta?: number, threshold?: number): Tensor;
  }
}
Tensor.prototype.softplus = function (this: Tensor, beta?: number, threshold?: number) {
  return softplus(this, beta, threshold);
};
