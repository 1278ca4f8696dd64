import { fmtShape, Tensor, toTensor } from "./helpers";

/**
 * One-hot encoding of int32 class indices → int32 [..., numClasses] (numClasses −1: max index + 1).
 * @example
 * oneHot(tensor([0, 2]), 3); // tensor([[1, 0, 0], [0, 0, 1]], dtype=int32)
 */
export function oneHot(indices: Tensor, numClasses = -1): Tensor {
  if (indices.dtype !== "int32") throw new Error(`oneHot: indices must be int32 class numbers, got ${indices.dtype} of shape ${fmtShape(indices.shape)}; convert with .int()`);
  const idx = indices.data();
  let classes = numClasses;
  if (classes === -1) classes = idx.length ? Math.max(...idx) + 1 : 0;
  if (!Number.isInteger(classes) || classes < 0) throw new Error(`oneHot: numClasses must be a non-negative integer or -1, got ${numClasses}`);
  const out = new Int32Array(idx.length * classes);
  for (let i = 0; i < idx.length; i++) {
    if (idx[i] < 0 || idx[i] >= classes) throw new Error(`oneHot: class ${idx[i]} at position ${i} is out of range for ${classes} classes`);
    out[i * classes + idx[i]] = 1;
  }
  return toTensor(out, indices, "int32").reshape([...indices.shape, classes]);
}

declare module "../core/tensor" {
  interface Tensor {
    oneHot(numClasses?: number): Tensor;
  }
}
Tensor.prototype.oneHot = function (this: Tensor, numClasses?: number) {
  return oneHot(this, numClasses);
};
