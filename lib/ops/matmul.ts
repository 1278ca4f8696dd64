import { broadcastShapes, fmtShape } from "../core/shape";
import { promoteTypes } from "../core/dtype";
import { castRecorded, record, runKernel, sumToShape, Tensor, toTensor, type TensorLike } from "./helpers";

/**
 * Matrix product with PyTorch's rules: 1-D·1-D is a dot product, a 1-D operand is a row/column
 * vector, and batch dims (all but the last two) broadcast.
 * @example
 * matmul(tensor([[1, 2], [3, 4]]), tensor([[5], [6]])); // tensor([[17], [39]], dtype=int32)
 */
export function matmul(a: TensorLike, b: TensorLike): Tensor {
  let x = toTensor(a), y = toTensor(b, x);
  if (x.ndim === 0 || y.ndim === 0) throw new Error(`matmul: both operands need at least 1 dim, got shapes ${fmtShape(x.shape)} and ${fmtShape(y.shape)}; use mul for scalars`);
  if (x.dtype === "bool" || y.dtype === "bool") throw new Error(`matmul: bool operands are not supported (got ${x.dtype} and ${y.dtype}); convert with .float()`);
  const dtype = promoteTypes(x.dtype, y.dtype);
  x = castRecorded(x, dtype);
  y = castRecorded(y, dtype);
  const xv = x.ndim === 1 ? x.reshape([1, x.shape[0]]) : x;
  const yv = y.ndim === 1 ? y.reshape([y.shape[0], 1]) : y;
  const M = xv.shape[xv.ndim - 2], K = xv.shape[xv.ndim - 1];
  const K2 = yv.shape[yv.ndim - 2], N = yv.shape[yv.ndim - 1];
  if (K !== K2) throw new Error(`matmul: cannot multiply ${fmtShape(x.shape)} by ${fmtShape(y.shape)}: inner sizes ${K} and ${K2} differ`);
  const batchX = xv.shape.slice(0, -2), batchY = yv.shape.slice(0, -2);
  let batchShape: number[];
  try {
    batchShape = broadcastShapes("matmul", batchX, batchY);
  } catch {
    throw new Error(`matmul: cannot multiply ${fmtShape(x.shape)} by ${fmtShape(y.shape)}: batch dims ${fmtShape(batchX)} and ${fmtShape(batchY)} do not broadcast`);
  }
  const out3 = product(xv, yv, false, false);
  let outShape = [...batchShape, M, N];
  if (x.ndim === 1) outShape = [...batchShape, N];
  if (y.ndim === 1) outShape = x.ndim === 1 ? [...batchShape] : [...batchShape, M];
  const out = out3.reshape(outShape);
  return record("MmBackward", out, [x, y], (g) => {
    const g3 = g.reshape([...batchShape, M, N]);
    // dX = G·Yᵀ and dY = Xᵀ·G through the kernel's transpose flags (no transposed copies)
    const gx = x.requiresGrad ? sumToShape(product(g3, yv, false, true), xv.shape).reshape(x.shape) : null;
    const gy = y.requiresGrad ? sumToShape(product(xv, g3, true, false), yv.shape).reshape(y.shape) : null;
    return [gx, gy];
  });
}

/**
 * op(X)·op(Y) through the "matmul" kernel (no autograd), where op transposes the last two dims when
 * the flag is set (the data stays as stored). Batch dims broadcast; a batch-less operand is shared (stride 0).
 */
export function product(x: Tensor, y: Tensor, transA: boolean, transB: boolean): Tensor {
  const M = transA ? x.shape[x.ndim - 1] : x.shape[x.ndim - 2], K = transA ? x.shape[x.ndim - 2] : x.shape[x.ndim - 1];
  const N = transB ? y.shape[y.ndim - 2] : y.shape[y.ndim - 1];
  const batchX = x.shape.slice(0, -2), batchY = y.shape.slice(0, -2);
  const batchShape = broadcastShapes("matmul", batchX, batchY);
  const batch = batchShape.reduce((p, s) => p * s, 1);
  const nx = batchX.reduce((p, s) => p * s, 1), ny = batchY.reduce((p, s) => p * s, 1);
  let xs = x, ys = y, strideA = M * K, strideB = K * N;
  if (nx === 1 && batch > 1) strideA = 0;
  else if (batchX.join() !== batchShape.join()) xs = x.expand([...batchShape, ...x.shape.slice(-2)]);
  if (ny === 1 && batch > 1) strideB = 0;
  else if (batchY.join() !== batchShape.join()) ys = y.expand([...batchShape, ...y.shape.slice(-2)]);
  return runKernel("matmul", [xs, ys], { M, K, N, batch, strideA, strideB, transA, transB }, { shape: [...batchShape, M, N], dtype: x.dtype }, "matmul");
}

/**
 * y = x·Wᵀ + b for x [..., in], weight [out, in], bias [out] (PyTorch's F.linear).
 * @example
 * linear(ones(2, 3), ones(4, 3), zeros(4)).shape; // [2, 4]
 */
export function linear(x: Tensor, weight: Tensor, bias?: Tensor | null): Tensor {
  if (weight.ndim !== 2) throw new Error(`linear: weight must be 2-D [out, in], got ${fmtShape(weight.shape)}`);
  if (x.shape[x.ndim - 1] !== weight.shape[1])
    throw new Error(`linear: input ${fmtShape(x.shape)} has ${x.shape[x.ndim - 1]} features in its last dim but weight ${fmtShape(weight.shape)} expects ${weight.shape[1]}`);
  if (bias && (bias.ndim !== 1 || bias.shape[0] !== weight.shape[0])) throw new Error(`linear: bias ${fmtShape(bias.shape)} must have shape [${weight.shape[0]}] for weight ${fmtShape(weight.shape)}`);
  const dtype = promoteTypes(promoteTypes(x.dtype, weight.dtype), bias ? bias.dtype : x.dtype);
  const xs = castRecorded(x, dtype), w = castRecorded(weight, dtype), b = bias ? castRecorded(bias, dtype) : null;
  const x2 = xs.ndim === 2 ? xs : xs.reshape([-1, xs.shape[xs.ndim - 1]]);
  // x·Wᵀ without copying W: the kernel reads W [out, in] as its transpose
  let y = product(x2.detach(), w.detach(), false, true);
  if (b) y = runKernel("binary", [y, b.detach()], { op: "add" }, { shape: y.shape, dtype }, "linear");
  const out = record("LinearBackward", y, b ? [x2, w, b] : [x2, w], (g) => [
    x2.requiresGrad ? product(g, w, false, false) : null,
    w.requiresGrad ? product(g, x2, true, false) : null,
    b && b.requiresGrad ? g.sum(0) : null,
  ]);
  return xs.ndim === 2 ? out : out.reshape([...xs.shape.slice(0, -1), weight.shape[0]]);
}

/** Dot product of two 1-D tensors. */
export function dot(a: Tensor, b: Tensor): Tensor {
  if (a.ndim !== 1 || b.ndim !== 1 || a.shape[0] !== b.shape[0]) throw new Error(`dot: expects two 1-D tensors of the same length, got ${fmtShape(a.shape)} and ${fmtShape(b.shape)}`);
  return matmul(a, b);
}

declare module "../core/tensor" {
  interface Tensor {
    matmul(other: TensorLike): Tensor;
    mm(other: TensorLike): Tensor;
    bmm(other: TensorLike): Tensor;
    dot(other: Tensor): Tensor;
  }
}
Tensor.prototype.matmul = function (this: Tensor, other: TensorLike) {
  return matmul(this, other);
};
Tensor.prototype.mm = function (this: Tensor, other: TensorLike) {
  const o = toTensor(other, this);
  if (this.ndim !== 2 || o.ndim !== 2) throw new Error(`mm: expects two 2-D tensors, got ${fmtShape(this.shape)} and ${fmtShape(o.shape)}; use matmul for other ranks`);
  return matmul(this, o);
};
Tensor.prototype.bmm = function (this: Tensor, other: TensorLike) {
  const o = toTensor(other, this);
  if (this.ndim !== 3 || o.ndim !== 3) throw new Error(`bmm: expects two 3-D tensors, got ${fmtShape(this.shape)} and ${fmtShape(o.shape)}`);
  return matmul(this, o);
};
Tensor.prototype.dot = function (this: Tensor, other: Tensor) {
  return dot(this, other);
};
