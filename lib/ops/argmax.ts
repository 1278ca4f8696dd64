import { normDim } from "../core/shape";
import { fmtShape, keptShape, runKernel, Tensor, toTensor, type TensorLike } from "./helpers";

type DimArg = number | { dim?: number; keepdim?: boolean };

function argExtreme(op: "argmax" | "argmin", x: Tensor, dimArg?: DimArg, keepdim = false): Tensor {
  let dim: number | undefined;
  if (typeof dimArg === "object") [dim, keepdim] = [dimArg.dim, dimArg.keepdim ?? keepdim];
  else dim = dimArg;
  if (x.numel() === 0) throw new Error(`${op}: cannot reduce an empty tensor of shape ${fmtShape(x.shape)}`);
  if (dim === undefined) {
    const flat = x.reshape([x.numel()]);
    return runKernel("reduce", [flat], { op, outer: 1, size: x.numel(), inner: 1 }, { shape: keepdim ? x.shape.map(() => 1) : [], dtype: "int32" }, op);
  }
  const d = normDim(op, dim, x.ndim, x.shape);
  const outer = x.shape.slice(0, d).reduce((a, b) => a * b, 1), inner = x.shape.slice(d + 1).reduce((a, b) => a * b, 1);
  const out = runKernel("reduce", [x], { op, outer, size: x.shape[d], inner }, { shape: keptShape(x.shape, [d]), dtype: "int32" }, op);
  return keepdim ? out : out.reshape(x.shape.filter((_, i) => i !== d));
}

/**
 * Index of the largest element (flattened when no dim), int32; the first one on ties.
 * @example
 * argmax(tensor([[1, 5], [7, 2]]), 1); // tensor([1, 0], dtype=int32)
 */
export const argmax = (x: TensorLike, dim?: DimArg, keepdim?: boolean): Tensor => argExtreme("argmax", toTensor(x), dim, keepdim);
/** Index of the smallest element (flattened when no dim), int32. */
export const argmin = (x: TensorLike, dim?: DimArg, keepdim?: boolean): Tensor => argExtreme("argmin", toTensor(x), dim, keepdim);

declare module "../core/tensor" {
  interface Tensor {
    argmax(dim?: number | { dim?: number; keepdim?: boolean }, keepdim?: boolean): Tensor;
    argmin(dim?: number | { dim?: number; keepdim?: boolean }, keepdim?: boolean): Tensor;
  }
}
Tensor.prototype.argmax = function (this: Tensor, dim?: DimArg, keepdim?: boolean) {
  return argmax(this, dim, keepdim);
};
Tensor.prototype.argmin = function (this: Tensor, dim?: DimArg, keepdim?: boolean) {
  return argmin(this, dim, keepdim);
};
