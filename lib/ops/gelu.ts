import { asFloat, record, Tensor, toTensor, unaryKernel, type TensorLike } from "./helpers";

/**
 * Gaussian error linear unit x·Φ(x) (exact, with erf), or its tanh approximation.
 * @example
 * gelu(tensor([1])); // tensor([0.8413])
 */
export function gelu(x: TensorLike, approximate: "none" | "tanh" = "none"): Tensor {
  const t = asFloat(toTensor(x));
  if (approximate === "tanh") {
    // 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³))), composed so autograd needs no extra code
    const inner = t.add(t.mul(t).mul(t).mul(0.044715)).mul(Math.sqrt(2 / Math.PI));
    return t.mul(0.5).mul(inner.tanh().add(1));
  }
  if (approximate !== "none") throw new Error(`gelu: approximate must be "none" or "tanh", got "${approximate as string}"`);
  const y = unaryKernel(t, "gelu");
  return record("GeluBackward", y, [t], (g) => {
    // d/dx x·Φ(x) = Φ(x) + x·φ(x)
    const cdf = unaryKernel(t.mul(Math.SQRT1_2), "erf").add(1).mul(0.5);
    const pdf = t.mul(t).mul(-0.5).exp().mul(1 / Math.sqrt(2 * Math.PI));
    return [g.mul(cdf.add(t.mul(pdf)))];
  });
}

declare module "../core/tensor" {
  interface Tensor {
    gelu(approximate?: "none" | "tanh"): Tensor;
  }
}
Tensor.prototype.gelu = function (this: Tensor, approximate?: "none" | "tanh") {
  return gelu(this, approximate);
};
