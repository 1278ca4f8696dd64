import { broadcastShapes, fmtShape, Tensor, toTensor, type TensorLike } from "./helpers";
import { indexSelect } from "./indexSelect";

/**
 * The elements of x where the bool mask (broadcast to x) is true, as a 1-D tensor. Differentiable.
 * @example
 * maskedSelect(tensor([1, 2, 3]), tensor([true, false, true])); // tensor([1, 3], dtype=int32)
 */
export function maskedSelect(x: Tensor, mask: TensorLike): Tensor {
  const m = toTensor(mask, x);
  if (m.dtype !== "bool") throw new Error(`maskedSelect: the mask must be a bool tensor, got ${m.dtype} of shape ${fmtShape(m.shape)}`);
  const shape = broadcastShapes("maskedSelect", x.shape, m.shape);
  const full = shape.join() === x.shape.join() ? x : x.expand(shape);
  const flags = (shape.join() === m.shape.join() ? m : m.expand(shape)).data();
  const positions: number[] = [];
  for (let i = 0; i < flags.length; i++) if (flags[i]) positions.push(i);
  return indexSelect(full.reshape([-1]), 0, toTensor(Int32Array.from(positions), x, "int32"));
}

/** Flat positions of the true (non-zero) elements as [count, ndim] int32 coordinates (torch.nonzero). */
export function nonzero(x: Tensor): Tensor {
  const values = x.data();
  const coords: number[] = [];
  let count = 0;
  for (let i = 0; i < values.length; i++) {
    if (!values[i]) continue;
    count++;
    let r = i;
    const c = new Array<number>(x.ndim);
    for (let d = x.ndim - 1; d >= 0; d--) {
      c[d] = r % x.shape[d];
      r = Math.floor(r / x.shape[d]);
    }
    coords.push(...c);
  }
  return toTensor(Int32Array.from(coords), x, "int32").reshape([count, x.ndim]);
}

declare module "../core/tensor" {
  interface Tensor {
    maskedSelect(mask: TensorLike): Tensor;
    nonzero(): Tensor;
  }
}
Tensor.prototype.maskedSelect = function (this: Tensor, mask: TensorLike) {
  return maskedSelect(this, mask);
};
Tensor.prototype.nonzero = function (this: Tensor) {
  return nonzero(this);
};
