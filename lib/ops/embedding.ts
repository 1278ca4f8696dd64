import { checkIndex, fmtShape, paddingRow, record, runKernel, Tensor, zerosOf } from "./helpers";
import { indexSelect } from "./indexSelect";

/** Options of {@link embedding}. */
export interface EmbeddingOptions {
  /** A row that gets no gradient (PyTorch's padding_idx): padding tokens then never move. Negative counts from the end. */
  paddingIdx?: number;
}

/**
 * Rows of `weight` [numEmbeddings, dim] picked by int32 `indices` of any shape → [...indices.shape, dim].
 * With `paddingIdx`, the gradient of that row is always zero.
 * @example
 * embedding(tensor([[0, 2]]), randn(3, 4)).shape; // [1, 2, 4]
 */
export function embedding(indices: Tensor, weight: Tensor, options: EmbeddingOptions = {}): Tensor {
  if (weight.ndim !== 2) throw new Error(`embedding: weight must be 2-D [numEmbeddings, dim], got ${fmtShape(weight.shape)}`);
  if (indices.dtype !== "int32") throw new Error(`embedding: indices must be int32, got ${indices.dtype} of shape ${fmtShape(indices.shape)}; convert with .int()`);
  const [count, dim] = weight.shape;
  if (options.paddingIdx === undefined) return indexSelect(weight, 0, indices.reshape([-1])).reshape([...indices.shape, dim]);
  const padding = paddingRow(options.paddingIdx, count);
  const idx = checkIndex("embedding", indices.reshape([-1]), count, `the ${count} rows of weight ${fmtShape(weight.shape)}`);
  const geometry = { outer: 1, size: count, inner: dim };
  const rows = runKernel("indexSelect", [weight, idx], geometry, { shape: [idx.numel(), dim], dtype: weight.dtype }, "embedding");
  const out = record("EmbeddingBackward", rows, [weight], (g) => {
    const keep = idx.ne(padding).to(g.dtype).unsqueeze(1);
    return [runKernel("indexAdd", [zerosOf(g, weight.shape), idx, g.mul(keep)], geometry, { shape: weight.shape, dtype: g.dtype }, "indexAdd")];
  });
  return out.reshape([...indices.shape, dim]);
}
