import { binaryKernel, binaryOperands, record, sumToShape, Tensor, type TensorLike } from "./helpers";

/**
 * Element-wise minimum with broadcasting (NaN propagates). Ties split the gradient equally.
 * @example
 * minimum(tensor([1, 5]), tensor([3, 2])); // tensor([1, 2], dtype=int32)
 */
export function minimum(a: TensorLike, b: TensorLike): Tensor {
  const [x, y] = binaryOperands("minimum", a, b);
  const out = binaryKernel("minimum", "minimum", x, y);
  return record("MinimumBackward", out, [x, y], (g) => {
    const share = x.lt(y).float().add(x.eq(y).float().mul(0.5));
    return [sumToShape(g.mul(share), x.shape), sumToShape(g.mul(share.neg().add(1)), y.shape)];
  });
}

declare module "../core/tensor" {
  interface Tensor {
    minimum(other: TensorLike): Tensor;
  }
}
Tensor.prototype.minimum = function (this: Tensor, other: TensorLike) {
  return minimum(this, other);
};
