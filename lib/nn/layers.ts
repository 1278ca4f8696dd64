// The feed-forward layers: Linear, convolutions, pooling, Flatten, normalisation, Dropout, Embedding
// and the activations. Weights start as PyTorch's defaults (kaiming-uniform with a = √5, bias
// U(±1/√fan_in)) so the same seed-free recipe trains the same way.

import { Tensor, zeros, ones, tensor } from "../core";
import * as ops from "../ops";
import { paddingRow } from "../ops/helpers";
import * as init from "./init";
import { Module } from "./module";
import * as F from "./functional";
import { overwrite } from "./storage";

const fmt = (shape: readonly number[]) => `[${shape.join(", ")}]`;
type Pair = number | [number, number];
const pair = (v: Pair): [number, number] => (Array.isArray(v) ? v : [v, v]);

function expectRank(layer: string, x: Tensor, ranks: number[], meaning: string): void {
  if (!ranks.includes(x.ndim)) throw new Error(`${layer}: expected a ${ranks.join(" or ")}-D input ${meaning}, got shape ${fmt(x.shape)}`);
}

function emptyParam(shape: number[]): Tensor {
  return zeros(shape);
}

function defaultInit(weight: Tensor, bias: Tensor | null, fanIn: number): void {
  init.kaimingUniform_(weight, { a: Math.sqrt(5) });
  if (bias) {
    const bound = fanIn > 0 ? 1 / Math.sqrt(fanIn) : 0;
    init.uniform_(bias, -bound, bound);
  }
}

/**
 * Fully connected layer y = x Wᵀ + b; W has shape [outFeatures, inFeatures].
 * @example
 * const fc = new nn.Linear(3, 1); fc.weight.shape; // [1, 3]; fc.bias.shape: [1]
 */
export class Linear extends Module {
  weight: Tensor;
  bias: Tensor | null;
  constructor(readonly inFeatures: number, readonly outFeatures: number, options: { bias?: boolean } = {}) {
    super();
    this.weight = this.registerParameter("weight", emptyParam([outFeatures, inFeatures]));
    this.bias = options.bias === false ? null : this.registerParameter("bias", emptyParam([outFeatures]));
    this.resetParameters();
  }
  resetParameters(): void {
    defaultInit(this.weight, this.bias, this.inFeatures);
  }
  forward(x: Tensor): Tensor {
    if (x.ndim === 0 || x.shape[x.ndim - 1] !== this.inFeatures)
      throw new Error(`Linear(${this.inFeatures}, ${this.outFeatures}): input shape ${fmt(x.shape)} must end with ${this.inFeatures} features (weight ${fmt(this.weight.shape)})`);
    return F.linear(x, this.weight, this.bias);
  }
  override extraRepr(): string {
    return `in_features=${this.inFeatures}, out_features=${this.outFeatures}, bias=${this.bias !== null}`;
  }
}

export interface ConvOptions {
  stride?: Pair;
  /** zeros on both sides, or "same" (output as large as the input, stride 1) / "valid" (none) */
  padding?: Pair | "same" | "valid";
  dilation?: Pair;
  groups?: number;
  bias?: boolean;
}

/**
 * 2-D convolution over [N, C, H, W] (or an unbatched [C, H, W]); weight [out, in/groups, kH, kW].
 * @example
 * const conv = new nn.Conv2d(3, 32, 3); conv.numParameters(); // 896
 */
export class Conv2d extends Module {
  weight: Tensor;
  bias: Tensor | null;
  readonly kernelSize: [number, number];
  readonly stride: [number, number];
  readonly padding: [number, number] | "same" | "valid";
  readonly dilation: [number, number];
  readonly groups: number;
  constructor(readonly inChannels: number, readonly outChannels: number, kernelSize: Pair, options: ConvOptions = {}) {
    super();
    this.kernelSize = pair(kernelSize);
    this.stride = pair(options.stride ?? 1);
    this.padding = typeof options.padding === "string" ? options.padding : pair(options.padding ?? 0);
    this.dilation = pair(options.dilation ?? 1);
    this.groups = options.groups ?? 1;
    if (inChannels % this.groups || outChannels % this.groups)
      throw new Error(`Conv2d: inChannels ${inChannels} and outChannels ${outChannels} must both be divisible by groups ${this.groups}`);
    this.weight = this.registerParameter("weight", emptyParam([outChannels, inChannels / this.groups, ...this.kernelSize]));
    this.bias = options.bias === false ? null : this.registerParameter("bias", emptyParam([outChannels]));
    defaultInit(this.weight, this.bias, (inChannels / this.groups) * this.kernelSize[0] * this.kernelSize[1]);
  }
  forward(x: Tensor): Tensor {
    expectRank(`Conv2d(${this.inChannels}, ${this.outChannels})`, x, [3, 4], "[N, C, H, W]");
    const batched = x.ndim === 4 ? x : x.unsqueeze(0);
    if (batched.shape[1] !== this.inChannels)
      throw new Error(`Conv2d(${this.inChannels}, ${this.outChannels}): input ${fmt(x.shape)} has ${batched.shape[1]} channels but the layer expects ${this.inChannels} (weight ${fmt(this.weight.shape)})`);
    const y = ops.conv2d(batched, this.weight, this.bias ?? undefined, { stride: this.stride, padding: this.padding, dilation: this.dilation, groups: this.groups });
    return x.ndim === 4 ? y : y.squeeze(0);
  }
  override extraRepr(): string {
    const padding = typeof this.padding === "string" ? `, padding=${this.padding}` : this.padding.some((p) => p) ? `, padding=(${this.padding})` : "";
    return `${this.inChannels}, ${this.outChannels}, kernel_size=(${this.kernelSize}), stride=(${this.stride})${padding}`;
  }
}

/** 1-D convolution over [N, C, L] (or [C, L]); weight [out, in/groups, k]. */
export class Conv1d extends Module {
  weight: Tensor;
  bias: Tensor | null;
  readonly stride: number;
  readonly padding: number | "same" | "valid";
  readonly dilation: number;
  readonly groups: number;
  constructor(readonly inChannels: number, readonly outChannels: number, readonly kernelSize: number, options: { stride?: number; padding?: number | "same" | "valid"; dilation?: number; groups?: number; bias?: boolean } = {}) {
    super();
    this.stride = options.stride ?? 1;
    this.padding = options.padding ?? 0;
    this.dilation = options.dilation ?? 1;
    this.groups = options.groups ?? 1;
    this.weight = this.registerParameter("weight", emptyParam([outChannels, inChannels / this.groups, kernelSize]));
    this.bias = options.bias === false ? null : this.registerParameter("bias", emptyParam([outChannels]));
    defaultInit(this.weight, this.bias, (inChannels / this.groups) * kernelSize);
  }
  forward(x: Tensor): Tensor {
    expectRank(`Conv1d(${this.inChannels}, ${this.outChannels})`, x, [2, 3], "[N, C, L]");
    const batched = x.ndim === 3 ? x : x.unsqueeze(0);
    if (batched.shape[1] !== this.inChannels)
      throw new Error(`Conv1d(${this.inChannels}, ${this.outChannels}): input ${fmt(x.shape)} has ${batched.shape[1]} channels but the layer expects ${this.inChannels} (weight ${fmt(this.weight.shape)})`);
    const y = ops.conv1d(batched, this.weight, this.bias ?? undefined, { stride: this.stride, padding: this.padding, dilation: this.dilation, groups: this.groups });
    return x.ndim === 3 ? y : y.squeeze(0);
  }
  override extraRepr(): string {
    return `${this.inChannels}, ${this.outChannels}, kernel_size=(${this.kernelSize},), stride=(${this.stride},)`;
  }
}

/**
 * Transposed 2-D convolution ("deconvolution"); weight [in, out/groups, kH, kW]. Output size per axis:
 * (H − 1)·stride − 2·padding + dilation·(k − 1) + outputPadding + 1.
 * @example
 * const up = new nn.ConvTranspose2d(4, 2, 2, { stride: 2 });
 * up(randn([1, 4, 7, 7])).shape; // [1, 2, 14, 14]
 */
export class ConvTranspose2d extends Module {
  weight: Tensor;
  bias: Tensor | null;
  readonly kernelSize: [number, number];
  readonly stride: [number, number];
  readonly padding: [number, number];
  readonly outputPadding: [number, number];
  readonly dilation: [number, number];
  readonly groups: number;
  constructor(readonly inChannels: number, readonly outChannels: number, kernelSize: Pair, options: { stride?: Pair; padding?: Pair; outputPadding?: Pair; groups?: number; dilation?: Pair; bias?: boolean } = {}) {
    super();
    this.kernelSize = pair(kernelSize);
    this.stride = pair(options.stride ?? 1);
    this.padding = pair(options.padding ?? 0);
    this.outputPadding = pair(options.outputPadding ?? 0);
    this.dilation = pair(options.dilation ?? 1);
    this.groups = options.groups ?? 1;
    if (inChannels % this.groups || outChannels % this.groups)
      throw new Error(`ConvTranspose2d: inChannels ${inChannels} and outChannels ${outChannels} must both be divisible by groups ${this.groups}`);
    this.weight = this.registerParameter("weight", emptyParam([inChannels, outChannels / this.groups, ...this.kernelSize]));
    this.bias = options.bias === false ? null : this.registerParameter("bias", emptyParam([outChannels]));
    // PyTorch computes fan_in from weight.shape[1] for transposed convolutions.
    defaultInit(this.weight, this.bias, (outChannels / this.groups) * this.kernelSize[0] * this.kernelSize[1]);
  }
  forward(x: Tensor): Tensor {
    expectRank(`ConvTranspose2d(${this.inChannels}, ${this.outChannels})`, x, [3, 4], "[N, C, H, W]");
    const batched = x.ndim === 4 ? x : x.unsqueeze(0);
    if (batched.shape[1] !== this.inChannels)
      throw new Error(`ConvTranspose2d(${this.inChannels}, ${this.outChannels}): input ${fmt(x.shape)} has ${batched.shape[1]} channels but the layer expects ${this.inChannels}`);
    const y = ops.convTranspose2d(batched, this.weight, this.bias ?? undefined, { stride: this.stride, padding: this.padding, outputPadding: this.outputPadding, groups: this.groups, dilation: this.dilation });
    return x.ndim === 4 ? y : y.squeeze(0);
  }
  override extraRepr(): string {
    const extras = [
      this.padding.some((p) => p !== 0) ? `, padding=(${this.padding})` : "",
      this.outputPadding.some((p) => p !== 0) ? `, output_padding=(${this.outputPadding})` : "",
      this.dilation.some((d) => d !== 1) ? `, dilation=(${this.dilation})` : "",
      this.groups !== 1 ? `, groups=${this.groups}` : "",
      this.bias ? "" : ", bias=False",
    ].join("");
    return `${this.inChannels}, ${this.outChannels}, kernel_size=(${this.kernelSize}), stride=(${this.stride})${extras}`;
  }
}

/** Max pooling over [N, C, H, W] windows; stride defaults to the kernel size. */
export class MaxPool2d extends Module {
  readonly kernelSize: [number, number];
  readonly stride: [number, number];
  readonly padding: [number, number];
  constructor(kernelSize: Pair, readonly options: { stride?: Pair; padding?: Pair; dilation?: Pair; ceilMode?: boolean } = {}) {
    super();
    this.kernelSize = pair(kernelSize);
    this.stride = pair(options.stride ?? kernelSize);
    this.padding = pair(options.padding ?? 0);
  }
  forward(x: Tensor): Tensor {
    expectRank("MaxPool2d", x, [3, 4], "[N, C, H, W]");
    const batched = x.ndim === 4 ? x : x.unsqueeze(0);
    const y = ops.maxPool2d(batched, this.kernelSize, { stride: this.stride, padding: this.padding, dilation: this.options.dilation, ceilMode: this.options.ceilMode });
    return x.ndim === 4 ? y : y.squeeze(0);
  }
  override extraRepr(): string {
    return `kernel_size=(${this.kernelSize}), stride=(${this.stride})`;
  }
}

/** Average pooling over [N, C, H, W] windows. */
export class AvgPool2d extends Module {
  readonly kernelSize: [number, number];
  readonly stride: [number, number];
  readonly padding: [number, number];
  constructor(kernelSize: Pair, readonly options: { stride?: Pair; padding?: Pair; ceilMode?: boolean; countIncludePad?: boolean } = {}) {
    super();
    this.kernelSize = pair(kernelSize);
    this.stride = pair(options.stride ?? kernelSize);
    this.padding = pair(options.padding ?? 0);
  }
  forward(x: Tensor): Tensor {
    expectRank("AvgPool2d", x, [3, 4], "[N, C, H, W]");
    const batched = x.ndim === 4 ? x : x.unsqueeze(0);
    const y = ops.avgPool2d(batched, this.kernelSize, { stride: this.stride, padding: this.padding, ceilMode: this.options.ceilMode, countIncludePad: this.options.countIncludePad });
    return x.ndim === 4 ? y : y.squeeze(0);
  }
  override extraRepr(): string {
    return `kernel_size=(${this.kernelSize}), stride=(${this.stride})`;
  }
}

/** Max pooling over [N, C, L]. */
export class MaxPool1d extends Module {
  readonly stride: number;
  constructor(readonly kernelSize: number, options: { stride?: number; padding?: number } = {}) {
    super();
    this.stride = options.stride ?? kernelSize;
    this.padding = options.padding ?? 0;
  }
  readonly padding: number;
  forward(x: Tensor): Tensor {
    expectRank("MaxPool1d", x, [2, 3], "[N, C, L]");
    const batched = x.ndim === 3 ? x : x.unsqueeze(0);
    const y = ops.maxPool1d(batched, this.kernelSize, { stride: this.stride, padding: this.padding });
    return x.ndim === 3 ? y : y.squeeze(0);
  }
}

/**
 * Average pooling to a fixed output size (H_out, W_out), whatever the input size: window i spans
 * [floor(i·H/H_out), ceil((i+1)·H/H_out)).
 */
export class AdaptiveAvgPool2d extends Module {
  readonly outputSize: [number, number];
  constructor(outputSize: Pair) {
    super();
    this.outputSize = pair(outputSize);
  }
  forward(x: Tensor): Tensor {
    expectRank("AdaptiveAvgPool2d", x, [3, 4], "[N, C, H, W]");
    const batched = x.ndim === 4 ? x : x.unsqueeze(0);
    const [h, w] = batched.shape.slice(2);
    const [oh, ow] = this.outputSize;
    let y: Tensor;
    if (h % oh === 0 && w % ow === 0) y = ops.avgPool2d(batched, [h / oh, w / ow], { stride: [h / oh, w / ow], padding: [0, 0] });
    else {
      const rows: Tensor[] = [];
      for (let i = 0; i < oh; i++) {
        const r0 = Math.floor((i * h) / oh), r1 = Math.ceil(((i + 1) * h) / oh);
        const cols: Tensor[] = [];
        for (let j = 0; j < ow; j++) {
          const c0 = Math.floor((j * w) / ow), c1 = Math.ceil(((j + 1) * w) / ow);
          cols.push(batched.narrow(2, r0, r1 - r0).narrow(3, c0, c1 - c0).mean([2, 3], true));
        }
        rows.push(ops.cat(cols, 3));
      }
      y = ops.cat(rows, 2);
    }
    return x.ndim === 4 ? y : y.squeeze(0);
  }
  override extraRepr(): string {
    return `output_size=(${this.outputSize})`;
  }
}

/** Flattens dimensions startDim..endDim (default: all but the batch). */
export class Flatten extends Module {
  constructor(readonly startDim = 1, readonly endDim = -1) {
    super();
  }
  forward(x: Tensor): Tensor {
    return x.flatten(this.startDim, this.endDim);
  }
  override extraRepr(): string {
    return `start_dim=${this.startDim}, end_dim=${this.endDim}`;
  }
}

/** Reshapes the input to [N, ...shape] (the batch dimension kept). */
export class Unflatten extends Module {
  constructor(readonly dim: number, readonly sizes: number[]) {
    super();
  }
  forward(x: Tensor): Tensor {
    const d = this.dim < 0 ? x.ndim + this.dim : this.dim;
    return x.reshape([...x.shape.slice(0, d), ...this.sizes, ...x.shape.slice(d + 1)]);
  }
}

/**
 * Dropout with inverted scaling: in training each value is zeroed with probability p and the others
 * multiplied by 1/(1-p), so nothing changes at test time (eval()), where dropout is the identity.
 */
export class Dropout extends Module {
  constructor(readonly p = 0.5) {
    super();
    if (p < 0 || p > 1) throw new Error(`Dropout: p must be in [0, 1], got ${p}`);
  }
  forward(x: Tensor): Tensor {
    if (!this.training || this.p === 0) return x;
    return F.dropout(x, this.p, true);
  }
  override extraRepr(): string {
    return `p=${this.p}`;
  }
}

/**
 * Batch normalisation y = γ·(x − μ_B)/√(σ²_B + ε) + β over the batch (and spatial) dimensions;
 * running mean/variance (unbiased) updated with `momentum` in training, used in eval.
 */
abstract class BatchNormBase extends Module {
  weight: Tensor | null;
  bias: Tensor | null;
  runningMean: Tensor | null;
  runningVar: Tensor | null;
  /**
   * `momentum` weighs each new batch in the running statistics (default 0.1); `momentum: null` gives
   * their cumulative average instead (PyTorch's momentum=None): batch k is weighed 1/k.
   */
  constructor(readonly numFeatures: number, readonly options: { eps?: number; momentum?: number | null; affine?: boolean; trackRunningStats?: boolean } = {}) {
    super();
    const affine = options.affine ?? true;
    this.weight = affine ? this.registerParameter("weight", ones([numFeatures])) : null;
    this.bias = affine ? this.registerParameter("bias", zeros([numFeatures])) : null;
    const track = options.trackRunningStats ?? true;
    this.runningMean = track ? this.registerBuffer("running_mean", zeros([numFeatures])) : null;
    this.runningVar = track ? this.registerBuffer("running_var", ones([numFeatures])) : null;
    // Kept as PyTorch keeps it, so that state dicts load both ways.
    if (track) this.registerBuffer("num_batches_tracked", tensor(0, { dtype: "int32" }));
  }
  /** Number of training batches seen (PyTorch's num_batches_tracked). */
  get numBatchesTracked(): number {
    const t = this._buffers.get("num_batches_tracked");
    return t ? t.item() : 0;
  }
  get eps(): number {
    return this.options.eps ?? 1e-5;
  }
  /** The running-statistics momentum, or null for a cumulative average. */
  get momentum(): number | null {
    return this.options.momentum === null ? null : this.options.momentum ?? 0.1;
  }
  protected abstract checkInput(x: Tensor): void;
  forward(x: Tensor): Tensor {
    this.checkInput(x);
    if (x.shape[1] !== this.numFeatures)
      throw new Error(`${this.typeName}(${this.numFeatures}): input ${fmt(x.shape)} has ${x.shape[1]} features in dimension 1 but the layer expects ${this.numFeatures}`);
    const useBatchStats = this.training || !this.runningMean;
    const tracked = this._buffers.get("num_batches_tracked");
    if (this.training && tracked) overwrite(tracked, [tracked.item() + 1]);
    const y = F.batchNorm(x, this._buffers.get("running_mean") ?? null, this._buffers.get("running_var") ?? null, {
      weight: this._parameters.get("weight") ?? null,
      bias: this._parameters.get("bias") ?? null,
      training: useBatchStats,
      momentum: this.momentum ?? 1 / Math.max(1, this.numBatchesTracked),
      eps: this.eps,
    });
    return y;
  }
  override extraRepr(): string {
    return `${this.numFeatures}, eps=${this.eps}, momentum=${this.momentum ?? "None"}`;
  }
}

/** BatchNorm over [N, C] or [N, C, L]. */
export class BatchNorm1d extends BatchNormBase {
  protected checkInput(x: Tensor): void {
    expectRank(`BatchNorm1d(${this.numFeatures})`, x, [2, 3], "[N, C] or [N, C, L]");
  }
}
/** BatchNorm over [N, C, H, W]. */
export class BatchNorm2d extends BatchNormBase {
  protected checkInput(x: Tensor): void {
    expectRank(`BatchNorm2d(${this.numFeatures})`, x, [4], "[N, C, H, W]");
  }
}

/** Layer normalisation over the last dimensions `normalizedShape`, with learnable γ and β. */
export class LayerNorm extends Module {
  readonly normalizedShape: number[];
  weight: Tensor | null;
  bias: Tensor | null;
  constructor(normalizedShape: number | number[], readonly options: { eps?: number; elementwiseAffine?: boolean } = {}) {
    super();
    this.normalizedShape = Array.isArray(normalizedShape) ? normalizedShape : [normalizedShape];
    const affine = options.elementwiseAffine ?? true;
    this.weight = affine ? this.registerParameter("weight", ones(this.normalizedShape)) : null;
    this.bias = affine ? this.registerParameter("bias", zeros(this.normalizedShape)) : null;
  }
  forward(x: Tensor): Tensor {
    const tail = x.shape.slice(x.ndim - this.normalizedShape.length);
    if (tail.join(",") !== this.normalizedShape.join(","))
      throw new Error(`LayerNorm(${fmt(this.normalizedShape)}): input ${fmt(x.shape)} must end with ${fmt(this.normalizedShape)}`);
    return F.layerNorm(x, this.normalizedShape, { weight: this._parameters.get("weight") ?? null, bias: this._parameters.get("bias") ?? null, eps: this.options.eps ?? 1e-5 });
  }
  override extraRepr(): string {
    return `(${this.normalizedShape}), eps=${this.options.eps ?? 1e-5}`;
  }
}

/**
 * A lookup table of `numEmbeddings` vectors of size `embeddingDim`, initialised N(0, 1). With
 * `paddingIdx`, that row starts at zero and gets no gradient, so padding tokens stay at zero.
 * @example
 * const emb = new nn.Embedding(10, 3, { paddingIdx: 0 });
 * emb.forward(tensor([[0, 2, 5]], { dtype: "int32" })).shape; // [1, 3, 3]
 */
export class Embedding extends Module<[Tensor], Tensor> {
  weight: Tensor;
  constructor(readonly numEmbeddings: number, readonly embeddingDim: number, readonly options: { paddingIdx?: number } = {}) {
    super();
    this.weight = this.registerParameter("weight", emptyParam([numEmbeddings, embeddingDim]));
    init.normal_(this.weight);
    if (options.paddingIdx !== undefined) {
      const row = paddingRow(options.paddingIdx, numEmbeddings);
      const values = this.weight.data() as Float32Array;
      values.fill(0, row * embeddingDim, (row + 1) * embeddingDim);
      overwrite(this.weight, values);
    }
  }
  forward(indices: Tensor): Tensor {
    const values = indices.data();
    for (let i = 0; i < values.length; i++)
      if ((values[i] as number) < 0 || (values[i] as number) >= this.numEmbeddings)
        throw new Error(`Embedding(${this.numEmbeddings}, ${this.embeddingDim}): index ${values[i]} out of range [0, ${this.numEmbeddings})`);
    return F.embedding(indices, this.weight, { paddingIdx: this.options.paddingIdx });
  }
  override extraRepr(): string {
    return `${this.numEmbeddings}, ${this.embeddingDim}${this.options.paddingIdx === undefined ? "" : `, padding_idx=${this.options.paddingIdx}`}`;
  }
}

class Activation extends Module {
  constructor(private readonly fn: (x: Tensor) => Tensor, private readonly repr = "") {
    super();
  }
  forward(x: Tensor): Tensor {
    return this.fn(x);
  }
  override extraRepr(): string {
    return this.repr;
  }
}

/** max(0, x). */
export class ReLU extends Activation {
  constructor() {
    super((x) => x.relu());
  }
}
/** x for x ≥ 0, negativeSlope·x otherwise. */
export class LeakyReLU extends Activation {
  constructor(readonly negativeSlope = 0.01) {
    super((x) => x.leakyRelu(negativeSlope), `negative_slope=${negativeSlope}`);
  }
}
/** x for x > 0, α(eˣ − 1) otherwise. */
export class ELU extends Activation {
  constructor(readonly alpha = 1) {
    super((x) => x.elu(alpha), `alpha=${alpha}`);
  }
}
/** x·Φ(x) (exact, erf-based). */
export class GELU extends Activation {
  constructor() {
    super((x) => x.gelu());
  }
}
export class Tanh extends Activation {
  constructor() {
    super((x) => x.tanh());
  }
}
export class Sigmoid extends Activation {
  constructor() {
    super((x) => x.sigmoid());
  }
}
/** softmax along `dim` (default the last). */
export class Softmax extends Activation {
  constructor(readonly dim = -1) {
    super((x) => x.softmax(dim), `dim=${dim}`);
  }
}
export class LogSoftmax extends Activation {
  constructor(readonly dim = -1) {
    super((x) => x.logSoftmax(dim), `dim=${dim}`);
  }
}
/** Returns its input unchanged. */
export class Identity extends Activation {
  constructor() {
    super((x) => x);
  }
}
