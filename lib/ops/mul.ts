import { binaryKernel, binaryOperands, record, sumToShape, Tensor, type TensorLike } from "./helpers";

/**
 * a · b element-wise with broadcasting.
 * @example
 * mul(tensor([[1], [2]]), tensor([10, 20])); // tensor([[10, 20], [20, 40]], dtype=int32)
 */
export function mul(a: TensorLike, b: TensorLike): Tensor {
  const [x, y] = binaryOperands("mul", a, b);
  const out = binaryKernel("mul", "mul", x, y);
  return record("MulBackward", out, [x, y], (g) => [x.requiresGrad ? sumToShape(g.mul(y), x.shape) : null, y.requiresGrad ? sumToShape(g.mul(x), y.shape) : null]);
}

declare module "../core/tensor" {
  interface Tensor {
    mul(other: TensorLike): Tensor;
  }
}
Tensor.prototype.mul = function (this: Tensor, other: TensorLike) {
  return mul(this, other);
};
