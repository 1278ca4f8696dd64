import { binaryKernel, binaryOperands, record, sumToShape, Tensor, type TensorLike } from "./helpers";

/**
 * a + b with broadcasting (numbers accepted on either side).
 * @example
 * add(tensor([1, 2]), 0.5); // tensor([1.5000, 2.5000])
 */
export function add(a: TensorLike, b: TensorLike): Tensor {
  const [x, y] = binaryOperands("add", a, b);
  const out = binaryKernel("add", "add", x, y);
  return record("AddBackward", out, [x, y], (g) => [sumToShape(g, x.shape), sumToShape(g, y.shape)]);
}

declare module "../core/tensor" {
  interface Tensor {
    add(other: TensorLike): Tensor;
  }
}
Tensor.prototype.add = function (this: Tensor, other: TensorLike) {
  return add(this, other);
};
