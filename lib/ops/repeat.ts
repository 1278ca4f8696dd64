import { fmtShape, Tensor } from "./helpers";
import { shapeArgs } from "./reshape";

/**
 * Tiles x: repeat(2, 3) on [a, b] gives [2a, 3b] (extra leading counts add dims). Differentiable.
 * @example
 * repeat(tensor([1, 2]), [2]).toArray(); // [1, 2, 1, 2]
 */
export function repeat(x: Tensor, counts: readonly number[]): Tensor {
  if (counts.length < x.ndim) throw new Error(`repeat: ${counts.length} counts given for a tensor of shape ${fmtShape(x.shape)}; give at least ${x.ndim}`);
  for (const c of counts) if (!Number.isInteger(c) || c < 0) throw new Error(`repeat: counts must be non-negative integers, got [${counts.join(",")}]`);
  const shape = [...Array(counts.length - x.ndim).fill(1), ...x.shape];
  const interleaved = shape.flatMap((s) => [1, s]);
  const expanded = shape.flatMap((s, i) => [counts[i], s]);
  return x.reshape(interleaved).expand(expanded).reshape(shape.map((s, i) => s * counts[i]));
}

declare module "../core/tensor" {
  interface Tensor {
    repeat(...counts: number[]): Tensor;
    repeat(counts: readonly number[]): Tensor;
  }
}
Tensor.prototype.repeat = function (this: Tensor, ...counts: (number | readonly number[])[]) {
  return repeat(this, shapeArgs(counts));
} as Tensor["repeat"];
