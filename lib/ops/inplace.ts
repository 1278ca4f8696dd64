// In-place updates for optimisers and initialisers: the tensor object keeps its identity and gets
// new storage holding the result. Not recorded by autograd; refused on a tensor that requires grad
// while recording is on (wrap the update in noGrad, as PyTorch requires too).
import { isGradEnabled } from "../core/tensor";
import { defaultGenerator } from "../core/random";
import { castTo, fmtShape, Tensor, toTensor, zerosOf, type TensorLike } from "./helpers";

function assign(op: string, t: Tensor, result: Tensor): Tensor {
  if (t.requiresGrad && isGradEnabled())
    throw new Error(`${op}: in-place update of a tensor that requires grad while gradients are recorded; do it inside noGrad(() => …)`);
  if (result.shape.join() !== t.shape.join()) throw new Error(`${op}: the result has shape ${fmtShape(result.shape)} but the tensor updated in place has ${fmtShape(t.shape)}`);
  t.storage = castTo(result.detach(), t.dtype).storage;
  return t;
}

declare module "../core/tensor" {
  interface Tensor {
    add_(other: TensorLike, alpha?: number): Tensor;
    sub_(other: TensorLike, alpha?: number): Tensor;
    mul_(other: TensorLike): Tensor;
    div_(other: TensorLike): Tensor;
    copy_(src: TensorLike): Tensor;
    fill_(value: number): Tensor;
    zero_(): Tensor;
    clamp_(min?: number | null, max?: number | null): Tensor;
  }
}
const scaled = (other: TensorLike, alpha: number, like: Tensor) => (alpha === 1 ? other : toTensor(other, like).mul(alpha));
Tensor.prototype.add_ = function (this: Tensor, other: TensorLike, alpha = 1) {
  return assign("add_", this, this.add(scaled(other, alpha, this)));
};
Tensor.prototype.sub_ = function (this: Tensor, other: TensorLike, alpha = 1) {
  return assign("sub_", this, this.sub(scaled(other, alpha, this)));
};
Tensor.prototype.mul_ = function (this: Tensor, other: TensorLike) {
  return assign("mul_", this, this.mul(other));
};
Tensor.prototype.div_ = function (this: Tensor, other: TensorLike) {
  return assign("div_", this, this.div(other));
};
Tensor.prototype.copy_ = function (this: Tensor, src: TensorLike) {
  const s = toTensor(src, this, this.dtype);
  return assign("copy_", this, s.shape.join() === this.shape.join() ? s : s.expand(this.shape));
};
Tensor.prototype.fill_ = function (this: Tensor, value: number) {
  return assign("fill_", this, zerosOf(this).add(value));
};
Tensor.prototype.zero_ = function (this: Tensor) {
  return assign("zero_", this, zerosOf(this));
};
Tensor.prototype.clamp_ = function (this: Tensor, min?: number | null, max?: number | null) {
  return assign("clamp_", this, this.clamp(min, max));
};

declare module "../core/tensor" {
  interface Tensor {
    /** Fills in place with N(mean, std²) values from the seeded generator. */
    normal_(mean?: number, std?: number): Tensor;
    /** Fills in place with uniform values in [low, high) from the seeded generator. */
    uniform_(low?: number, high?: number): Tensor;
  }
}
Tensor.prototype.normal_ = function (this: Tensor, mean = 0, std = 1) {
  const values = new Float64Array(this.numel());
  for (let i = 0; i < values.length; i++) values[i] = mean + std * defaultGenerator.normal();
  return assign("normal_", this, toTensor(values, this, this.dtype).reshape(this.shape));
};
Tensor.prototype.uniform_ = function (this: Tensor, low = 0, high = 1) {
  const values = new Float64Array(this.numel());
  for (let i = 0; i < values.length; i++) values[i] = low + (high - low) * defaultGenerator.uniform();
  return assign("uniform_", this, toTensor(values, this, this.dtype).reshape(this.shape));
};
