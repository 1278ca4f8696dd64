import { fmtShape, Tensor, toTensor, type TensorLike } from "./helpers";
import { cat } from "./cat";
import { indexSelect } from "./indexSelect";

/**
 * torch.diag: a 1-D tensor becomes the square matrix with it on diagonal `offset` (0 the main one,
 * > 0 above, < 0 below); a 2-D tensor gives back that diagonal as a 1-D tensor. Differentiable.
 * @example
 * diag(tensor([1, 2])); // tensor([[1, 0], [0, 2]], dtype=int32)
 * diag(tensor([[1, 2], [3, 4]])); // tensor([1, 4], dtype=int32)
 */
export function diag(input: TensorLike, offset = 0): Tensor {
  const x = toTensor(input);
  if (!Number.isInteger(offset)) throw new Error(`diag: offset must be an integer, got ${offset}`);
  if (x.ndim === 1) {
    const n = x.shape[0] + Math.abs(offset);
    // Position k of the vector lands at flat index (row·n + col) of the n × n result; the rest reads a zero.
    const source = new Int32Array(n * n).fill(x.shape[0]);
    for (let k = 0; k < x.shape[0]; k++) {
      const row = offset >= 0 ? k : k - offset, col = offset >= 0 ? k + offset : k;
      source[row * n + col] = k;
    }
    const padded = cat([x, toTensor([0], x, x.dtype)]);
    return indexSelect(padded, 0, toTensor(source, x, "int32")).reshape([n, n]);
  }
  if (x.ndim === 2) {
    const [rows, cols] = x.shape;
    const start = offset >= 0 ? [0, offset] : [-offset, 0];
    const length = Math.max(0, Math.min(rows - start[0], cols - start[1]));
    const positions = Int32Array.from({ length }, (_, k) => (start[0] + k) * cols + start[1] + k);
    return indexSelect(x.reshape([-1]), 0, toTensor(positions, x, "int32"));
  }
  throw new Error(`diag: expected a 1-D tensor (to build a diagonal matrix) or a 2-D one (to read its diagonal), got shape ${fmtShape(x.shape)}`);
}

/**
 * The sum of the main diagonal of a 2-D tensor (torch.trace). Differentiable.
 * @example
 * trace(tensor([[1, 2], [3, 4]])).item(); // 5
 */
export function trace(input: TensorLike): Tensor {
  const x = toTensor(input);
  if (x.ndim !== 2) throw new Error(`trace: expected a 2-D matrix, got shape ${fmtShape(x.shape)}`);
  return diag(x).sum();
}

declare module "../core/tensor" {
  interface Tensor {
    diag(offset?: number): Tensor;
    trace(): Tensor;
  }
}
Tensor.prototype.diag = function (this: Tensor, offset = 0) {
  return diag(this, offset);
};
Tensor.prototype.trace = function (this: Tensor) {
  return trace(this);
};
