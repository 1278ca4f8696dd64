import { fmtShape, Tensor } from "./helpers";
import { cat } from "./cat";

/**
 * Joins same-shaped tensors along a new dim.
 * @example
 * stack([tensor([1, 2]), tensor([3, 4])]).shape; // [2, 2]
 */
export function stack(tensors: readonly Tensor[], dim = 0): Tensor {
  if (!tensors.length) throw new Error("stack: expected a non-empty list of tensors");
  const first = tensors[0];
  tensors.forEach((t, k) => {
    if (t.shape.join() !== first.shape.join()) throw new Error(`stack: tensor ${k} has shape ${fmtShape(t.shape)} but tensor 0 has ${fmtShape(first.shape)}; all must be equal`);
  });
  const n = first.ndim + 1;
  if (!Number.isInteger(dim) || dim < -n || dim >= n) throw new Error(`stack: dimension ${dim} is out of range for stacking tensors of shape ${fmtShape(first.shape)} (valid: ${-n}..${n - 1})`);
  const d = dim < 0 ? dim + n : dim;
  return cat(tensors.map((t) => t.unsqueeze(d)), d);
}
