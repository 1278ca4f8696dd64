import { binaryKernel, binaryOperands, castRecorded, isFloat, record, sumToShape, Tensor, type TensorLike } from "./helpers";

/**
 * a / b element-wise with broadcasting (true division: integers give float32).
 * @example
 * div(tensor([1, 3]), 2); // tensor([0.5000, 1.5000])
 */
export function div(a: TensorLike, b: TensorLike): Tensor {
  let [x, y, dtype] = binaryOperands("div", a, b);
  if (!isFloat(dtype)) [x, y] = [castRecorded(x, "float32"), castRecorded(y, "float32")];
  const out = binaryKernel("div", "div", x, y);
  return record("DivBackward", out, [x, y], (g) => [x.requiresGrad ? sumToShape(g.div(y), x.shape) : null, y.requiresGrad ? sumToShape(g.mul(out).div(y).neg(), y.shape) : null]);
}

declare module "../core/tensor" {
  interface Tensor {
    div(other: TensorLike): Tensor;
  }
}
Tensor.prototype.div = function (this: Tensor, other: TensorLike) {
  return div(this, other);
};
