import { normDim } from "../core/shape";
import { fmtShape, Tensor } from "./helpers";
import { narrow } from "./narrow";

/**
 * Splits along `dim` into pieces of `sizeOrSections` elements (the last may be smaller), or of the listed sizes.
 * @example
 * split(arange(5), 2).map((t) => t.toArray()); // [[0, 1], [2, 3], [4]]
 */
export function split(x: Tensor, sizeOrSections: number | readonly number[], dim = 0): Tensor[] {
  const d = normDim("split", dim, x.ndim, x.shape);
  const size = x.shape[d];
  let sizes: number[];
  if (typeof sizeOrSections === "number") {
    if (!Number.isInteger(sizeOrSections) || sizeOrSections <= 0) throw new Error(`split: the piece size must be a positive integer, got ${sizeOrSections}`);
    sizes = [];
    for (let s = 0; s < size; s += sizeOrSections) sizes.push(Math.min(sizeOrSections, size - s));
    if (size === 0) sizes = [0];
  } else {
    sizes = [...sizeOrSections];
    const total = sizes.reduce((a, b) => a + b, 0);
    if (total !== size) throw new Error(`split: sizes [${sizes.join(",")}] add up to ${total} but dimension ${dim} of shape ${fmtShape(x.shape)} has ${size}`);
  }
  let start = 0;
  return sizes.map((n) => {
    const piece = narrow(x, d, start, n);
    start += n;
    return piece;
  });
}

/**
 * Splits into `chunks` nearly equal pieces along `dim` (PyTorch's chunk: pieces of ceil(size/chunks)).
 * @example
 * chunk(arange(6), 3).length; // 3
 */
export function chunk(x: Tensor, chunks: number, dim = 0): Tensor[] {
  if (!Number.isInteger(chunks) || chunks <= 0) throw new Error(`chunk: chunks must be a positive integer, got ${chunks}`);
  const d = normDim("chunk", dim, x.ndim, x.shape);
  return split(x, Math.max(1, Math.ceil(x.shape[d] / chunks)), d);
}

/** Removes dim and returns the slices along it (torch.unbind). */
export function unbind(x: Tensor, dim = 0): Tensor[] {
  const d = normDim("unbind", dim, x.ndim, x.shape);
  return split(x, 1, d).map((t) => t.squeeze(d));
}

declare module "../core/tensor" {
  interface Tensor {
    split(sizeOrSections: number | readonly number[], dim?: number): Tensor[];
    chunk(chunks: number, dim?: number): Tensor[];
    unbind(dim?: number): Tensor[];
  }
}
Tensor.prototype.split = function (this: Tensor, sizeOrSections: number | readonly number[], dim?: number) {
  return split(this, sizeOrSections, dim);
};
Tensor.prototype.chunk = function (this: Tensor, chunks: number, dim?: number) {
  return chunk(this, chunks, dim);
};
Tensor.prototype.unbind = function (this: Tensor, dim?: number) {
  return unbind(this, dim);
};
