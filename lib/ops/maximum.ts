import { binaryKernel, binaryOperands, record, sumToShape, Tensor, type TensorLike } from "./helpers";

/**
 * Element-wise maximum with broadcasting (NaN propagates). Ties split the gradient equally.
 * @example
 * maximum(tensor([1, 5]), tensor([3, 2])); // tensor([3, 5], dtype=int32)
 */
export function maximum(a: TensorLike, b: TensorLike): Tensor {
  const [x, y] = binaryOperands("maximum", a, b);
  const out = binaryKernel("maximum", "maximum", x, y);
  return record("MaximumBackward", out, [x, y], (g) => {
    const share = x.gt(y).float().add(x.eq(y).float().mul(0.5));
    return [sumToShape(g.mul(share), x.shape), sumToShape(g.mul(share.neg().add(1)), y.shape)];
  });
}

declare module "../core/tensor" {
  interface Tensor {
    maximum(other: TensorLike): Tensor;
  }
}
Tensor.prototype.maximum = function (this: Tensor, other: TensorLike) {
  return maximum(this, other);
};
