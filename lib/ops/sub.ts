import { binaryKernel, binaryOperands, record, sumToShape, Tensor, type TensorLike } from "./helpers";

/**
 * a − b with broadcasting.
 * @example
 * sub(tensor([3., 4.]), tensor([1., 1.])); // tensor([2., 3.])
 */
export function sub(a: TensorLike, b: TensorLike): Tensor {
  const [x, y] = binaryOperands("sub", a, b);
  const out = binaryKernel("sub", "sub", x, y);
  return record("SubBackward", out, [x, y], (g) => [sumToShape(g, x.shape), sumToShape(g.neg(), y.shape)]);
}

declare module "../core/tensor" {
  interface Tensor {
    sub(other: TensorLike): Tensor;
  }
}
Tensor.prototype.sub = function (this: Tensor, other: TensorLike) {
  return sub(this, other);
};
