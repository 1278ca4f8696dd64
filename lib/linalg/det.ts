import { record, Tensor } from "../core";
import { fromHost, luFactor, requireSquare } from "./matrix";
import { inv } from "./solve";

/**
 * The determinant of a square matrix (torch.linalg.det), from its LU factors. Differentiable where A
 * is invertible: d det(A) / dA = det(A) · A⁻ᵀ.
 * @example
 * linalg.det(tensor([[1, 2], [3, 4]], { dtype: "float64" })).item(); // -2
 */
export function det(a: Tensor): Tensor {
  const m = requireSquare("det", a);
  const f = luFactor(m);
  let value = f.singular ? 0 : f.sign;
  if (!f.singular) for (let i = 0; i < f.n; i++) value *= f.lu[i * f.n + i];
  const out = fromHost(Float64Array.of(value), [], a);
  return record("LinalgDetBackward", out, [a], (g) => {
    if (f.singular) throw new Error(`linalg.det: the gradient of det at a singular matrix ${"[" + a.shape.join(",") + "]"} is not computed (A⁻¹ does not exist)`);
    return [inv(a.detach()).t().mul(out.detach().mul(g))];
  });
}
