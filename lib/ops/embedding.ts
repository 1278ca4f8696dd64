import { fmtShape, Tensor } from "./helpers";
import { indexSelect } from "./indexSelect";

/**
 * Rows of `weight` [numEmbeddings, dim] picked by int32 `indices` of any shape → [...indices.shape, dim].
 * @example
 * embedding(tensor([[0, 2]]), randn(3, 4)).shape; // [1, 2, 4]
 */
export function embedding(indices: Tensor, weight: Tensor): Tensor {
  if (weight.ndim !== 2) throw new Error(`embedding: weight must be 2-D [numEmbeddings, dim], got ${fmtShape(weight.shape)}`);
  if (indices.dtype !== "int32") throw new Error(`embedding: indices must be int32, got ${indices.dtype} of shape ${fmtShape(indices.shape)}; convert with .int()`);
  return indexSelect(weight, 0, indices.reshape([-1])).reshape([...indices.shape, weight.shape[1]]);
}
