import { normDim } from "../core/shape";
import { castRecorded, checkIndex, fmtShape, record, runKernel, Tensor, toTensor, zerosOf, type TensorLike } from "./helpers";

function prepare(op: string, x: Tensor, dim: number, index: Tensor, src: TensorLike) {
  const d = normDim(op, dim, x.ndim, x.shape);
  let s = src instanceof Tensor ? castRecorded(src, x.dtype) : toTensor(src, x, x.dtype).expand(index.shape);
  if (index.ndim !== x.ndim || index.shape.some((n, i) => (i !== d && n > x.shape[i]) || n > s.shape[i]))
    throw new Error(`${op}: index of shape ${fmtShape(index.shape)} must have the input's number of dims ${fmtShape(x.shape)} and no size larger than the source ${fmtShape(s.shape)} (or the input outside dimension ${dim})`);
  if (s.ndim !== x.ndim) throw new Error(`${op}: source of shape ${fmtShape(s.shape)} needs ${x.ndim} dims like the input ${fmtShape(x.shape)}`);
  const idx = checkIndex(op, index, x.shape[d], `dimension ${dim} of input ${fmtShape(x.shape)}`);
  return { d, idx, s };
}

/**
 * A copy of x with src written at the positions given by index along dim (scatter_ in PyTorch, not in place).
 * @example
 * scatter(zeros(2, 3), 1, tensor([[2], [0]]), 1); // tensor([[0., 0., 1.], [1., 0., 0.]])
 */
export function scatter(x: Tensor, dim: number, index: Tensor, src: TensorLike): Tensor {
  const { d, idx, s } = prepare("scatter", x, dim, index, src);
  const out = runKernel("scatter", [x, idx, s], { dim: d, reduce: "none" }, { shape: x.shape, dtype: x.dtype }, "scatter");
  return record("ScatterBackward", out, [x, s], (g) => [
    // overwritten positions get no gradient from x; the source gets the gradient of where it landed
    x.requiresGrad ? g.mul(runKernel("scatter", [zerosOf(g).add(1), idx, zerosOf(g, idx.shape)], { dim: d, reduce: "none" }, { shape: x.shape, dtype: g.dtype })) : null,
    s.requiresGrad ? padTo(g.gather(d, idx), s.shape) : null,
  ]);
}

/**
 * A copy of x with src added at the positions given by index along dim (repeated indices accumulate).
 * @example
 * scatterAdd(zeros(3), 0, tensor([0, 0, 2]), tensor([1, 2, 3])); // tensor([3., 0., 3.])
 */
export function scatterAdd(x: Tensor, dim: number, index: Tensor, src: TensorLike): Tensor {
  const { d, idx, s } = prepare("scatterAdd", x, dim, index, src);
  const out = runKernel("scatter", [x, idx, s], { dim: d, reduce: "add" }, { shape: x.shape, dtype: x.dtype }, "scatterAdd");
  return record("ScatterAddBackward", out, [x, s], (g) => [x.requiresGrad ? g : null, s.requiresGrad ? padTo(g.gather(d, idx), s.shape) : null]);
}

/** g (of the index's shape) placed in zeros of the source's shape, for sources larger than the index. */
function padTo(g: Tensor, shape: readonly number[]): Tensor {
  if (g.shape.join() === shape.join()) return g;
  const pads: number[] = [];
  for (let i = shape.length - 1; i >= 0; i--) pads.push(0, shape[i] - g.shape[i]);
  return g.pad(pads);
}

declare module "../core/tensor" {
  interface Tensor {
    scatter(dim: number, index: Tensor, src: TensorLike): Tensor;
    scatterAdd(dim: number, index: Tensor, src: TensorLike): Tensor;
  }
}
Tensor.prototype.scatter = function (this: Tensor, dim: number, index: Tensor, src: TensorLike) {
  return scatter(this, dim, index, src);
};
Tensor.prototype.scatterAdd = function (this: Tensor, dim: number, index: Tensor, src: TensorLike) {
  return scatterAdd(this, dim, index, src);
};
