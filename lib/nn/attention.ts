// MultiheadAttention, TransformerEncoderLayer / TransformerDecoderLayer and a sinusoidal positional
// encoding, with PyTorch's parameter names (in_proj_weight, out_proj, self_attn, linear1, norm1, …)
// so weights copy across.

import { Tensor, zeros, tensor } from "../core";
import * as init from "./init";
import { Module } from "./module";
import { Dropout, LayerNorm, Linear } from "./layers";

const fmt = (shape: readonly number[]) => `[${shape.join(", ")}]`;

/** An additive float mask (0 kept, −∞ masked) from a boolean mask (true = masked) or a float one. */
function additiveMask(mask: Tensor): Tensor {
  if (mask.dtype === "float32") return mask;
  const values = mask.data();
  const out = new Float32Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = values[i] ? -Infinity : 0;
  return tensor(out).reshape(mask.shape);
}

export interface AttentionOptions {
  /** Boolean [N, S] (true = ignore that key) or additive float. */
  keyPaddingMask?: Tensor;
  /** Boolean or additive float [L, S] or [N·heads, L, S]. */
  attnMask?: Tensor;
  /** Return the attention weights (default true). */
  needWeights?: boolean;
  /** Average the weights over the heads ([N, L, S], PyTorch's default) or keep them per head ([N, heads, L, S]). */
  averageAttnWeights?: boolean;
}

/**
 * Multi-head scaled dot-product attention. Returns [output, weights]: output [L, N, E] ([N, L, E] with
 * batchFirst), weights averaged over heads [N, L, S] or per head [N, heads, L, S] with
 * `averageAttnWeights: false` (what the attention viz draws).
 * @example
 * const mha = new nn.MultiheadAttention(8, 2, { batchFirst: true });
 * const [out, w] = mha(x, x, x, { averageAttnWeights: false }); w.shape; // [N, 2, L, L]
 */
export class MultiheadAttention extends Module<[Tensor, Tensor, Tensor, AttentionOptions?], [Tensor, Tensor | null]> {
  readonly headDim: number;
  readonly batchFirst: boolean;
  readonly inProjWeight: Tensor;
  readonly inProjBias: Tensor | null;
  readonly outProj: Linear;
  readonly dropout: Dropout;
  constructor(readonly embedDim: number, readonly numHeads: number, options: { dropout?: number; bias?: boolean; batchFirst?: boolean } = {}) {
    super();
    if (embedDim % numHeads !== 0) throw new Error(`MultiheadAttention: embedDim ${embedDim} must be divisible by numHeads ${numHeads}`);
    this.headDim = embedDim / numHeads;
    this.batchFirst = options.batchFirst ?? false;
    this.inProjWeight = this.registerParameter("in_proj_weight", zeros([3 * embedDim, embedDim]));
    init.xavierUniform_(this.inProjWeight);
    this.inProjBias = options.bias === false ? null : this.registerParameter("in_proj_bias", zeros([3 * embedDim]));
    this.outProj = this.registerModule("out_proj", new Linear(embedDim, embedDim, { bias: options.bias !== false }));
    if (this.outProj.bias) init.zeros_(this.outProj.bias);
    this.dropout = new Dropout(options.dropout ?? 0);
  }

  forward(query: Tensor, key: Tensor, value: Tensor, options: AttentionOptions = {}): [Tensor, Tensor | null] {
    const E = this.embedDim, h = this.numHeads, d = this.headDim;
    const name = `MultiheadAttention(${E}, ${h})`;
    for (const [what, t] of [["query", query], ["key", key], ["value", value]] as const)
      if (t.ndim !== 3 || t.shape[2] !== E)
        throw new Error(`${name}: ${what} must be ${this.batchFirst ? "[N, L, E]" : "[L, N, E]"} with E = ${E}, got ${fmt(t.shape)}`);
    const q0 = this.batchFirst ? query.transpose(0, 1) : query;
    const k0 = this.batchFirst ? key.transpose(0, 1) : key;
    const v0 = this.batchFirst ? value.transpose(0, 1) : value;
    const [L, N] = q0.shape;
    const S = k0.shape[0];
    if (k0.shape[1] !== N || v0.shape[1] !== N || v0.shape[0] !== S)
      throw new Error(`${name}: query ${fmt(query.shape)}, key ${fmt(key.shape)} and value ${fmt(value.shape)} disagree on batch or source length`);
    const w = this._parameters.get("in_proj_weight")!;
    const b = this._parameters.get("in_proj_bias") ?? null;
    const project = (x: Tensor, part: number, len: number) => {
      let y = x.reshape([len * N, E]).matmul(w.narrow(0, part * E, E).transpose(0, 1));
      if (b) y = y.add(b.narrow(0, part * E, E));
      // [len, N, E] → [N·h, len, d]
      return y.reshape([len, N * h, d]).transpose(0, 1);
    };
    const q = project(q0, 0, L).mul(1 / Math.sqrt(d));
    const k = project(k0, 1, S);
    const v = project(v0, 2, S);
    let scores = q.matmul(k.transpose(1, 2)); // [N·h, L, S]
    if (options.attnMask) {
      const m = additiveMask(options.attnMask);
      if (!(m.shape.join(",") === `${L},${S}` || m.shape.join(",") === `${N * h},${L},${S}`))
        throw new Error(`${name}: attnMask must be [${L}, ${S}] or [${N * h}, ${L}, ${S}], got ${fmt(m.shape)}`);
      scores = scores.add(m);
    }
    if (options.keyPaddingMask) {
      const m = additiveMask(options.keyPaddingMask);
      if (m.shape.join(",") !== `${N},${S}`) throw new Error(`${name}: keyPaddingMask must be [${N}, ${S}], got ${fmt(m.shape)}`);
      scores = scores.reshape([N, h, L, S]).add(m.reshape([N, 1, 1, S])).reshape([N * h, L, S]);
    }
    let attn = scores.softmax(-1);
    const weights = attn;
    attn = this.dropout(attn);
    const out = attn.matmul(v).transpose(0, 1).reshape([L * N, E]); // [L, N·h, d] → [L·N, E]
    let output = this.outProj(out).reshape([L, N, E]);
    if (this.batchFirst) output = output.transpose(0, 1);
    if (options.needWeights === false) return [output, null];
    const perHead = weights.reshape([N, h, L, S]);
    return [output, options.averageAttnWeights === false ? perHead : perHead.mean(1)];
  }
  override extraRepr(): string {
    return `embed_dim=${this.embedDim}, num_heads=${this.numHeads}`;
  }
}

export interface TransformerLayerOptions {
  dimFeedforward?: number;
  dropout?: number;
  activation?: "relu" | "gelu";
  layerNormEps?: number;
  batchFirst?: boolean;
  /** Pre-norm (LayerNorm before each block) instead of PyTorch's default post-norm. */
  normFirst?: boolean;
}

/**
 * One encoder block: self-attention then a feed-forward network, each with a residual connection and
 * LayerNorm (post-norm by default, as in "Attention is all you need").
 */
export class TransformerEncoderLayer extends Module<[Tensor, { srcMask?: Tensor; srcKeyPaddingMask?: Tensor }?], Tensor> {
  readonly selfAttn: MultiheadAttention;
  readonly linear1: Linear;
  readonly linear2: Linear;
  readonly norm1: LayerNorm;
  readonly norm2: LayerNorm;
  readonly dropoutFF: Dropout;
  readonly dropout1: Dropout;
  readonly dropout2: Dropout;
  constructor(readonly dModel: number, readonly nhead: number, readonly options: TransformerLayerOptions = {}) {
    super();
    const dropout = options.dropout ?? 0.1;
    const ff = options.dimFeedforward ?? 2048;
    const eps = options.layerNormEps ?? 1e-5;
    this.selfAttn = this.registerModule("self_attn", new MultiheadAttention(dModel, nhead, { dropout, batchFirst: options.batchFirst }));
    this.linear1 = this.registerModule("linear1", new Linear(dModel, ff));
    this.dropoutFF = this.registerModule("dropout", new Dropout(dropout));
    this.linear2 = this.registerModule("linear2", new Linear(ff, dModel));
    this.norm1 = this.registerModule("norm1", new LayerNorm(dModel, { eps }));
    this.norm2 = this.registerModule("norm2", new LayerNorm(dModel, { eps }));
    this.dropout1 = this.registerModule("dropout1", new Dropout(dropout));
    this.dropout2 = this.registerModule("dropout2", new Dropout(dropout));
  }
  private act(x: Tensor): Tensor {
    return this.options.activation === "gelu" ? x.gelu() : x.relu();
  }
  private sa(x: Tensor, mask?: Tensor, padding?: Tensor): Tensor {
    return this.dropout1(this.selfAttn(x, x, x, { attnMask: mask, keyPaddingMask: padding, needWeights: false })[0]);
  }
  private ff(x: Tensor): Tensor {
    return this.dropout2(this.linear2(this.dropoutFF(this.act(this.linear1(x)))));
  }
  forward(src: Tensor, masks: { srcMask?: Tensor; srcKeyPaddingMask?: Tensor } = {}): Tensor {
    let x = src;
    if (this.options.normFirst) {
      x = x.add(this.sa(this.norm1(x), masks.srcMask, masks.srcKeyPaddingMask));
      return x.add(this.ff(this.norm2(x)));
    }
    x = this.norm1(x.add(this.sa(x, masks.srcMask, masks.srcKeyPaddingMask)));
    return this.norm2(x.add(this.ff(x)));
  }
}

/** One decoder block: masked self-attention, attention over the encoder's memory, feed-forward. */
export class TransformerDecoderLayer extends Module<[Tensor, Tensor, { tgtMask?: Tensor; memoryMask?: Tensor; tgtKeyPaddingMask?: Tensor; memoryKeyPaddingMask?: Tensor }?], Tensor> {
  readonly selfAttn: MultiheadAttention;
  readonly multiheadAttn: MultiheadAttention;
  readonly linear1: Linear;
  readonly linear2: Linear;
  readonly norm1: LayerNorm;
  readonly norm2: LayerNorm;
  readonly norm3: LayerNorm;
  readonly dropoutFF: Dropout;
  readonly dropout1: Dropout;
  readonly dropout2: Dropout;
  readonly dropout3: Dropout;
  constructor(readonly dModel: number, readonly nhead: number, readonly options: TransformerLayerOptions = {}) {
    super();
    const dropout = options.dropout ?? 0.1;
    const ff = options.dimFeedforward ?? 2048;
    const eps = options.layerNormEps ?? 1e-5;
    this.selfAttn = this.registerModule("self_attn", new MultiheadAttention(dModel, nhead, { dropout, batchFirst: options.batchFirst }));
    this.multiheadAttn = this.registerModule("multihead_attn", new MultiheadAttention(dModel, nhead, { dropout, batchFirst: options.batchFirst }));
    this.linear1 = this.registerModule("linear1", new Linear(dModel, ff));
    this.dropoutFF = this.registerModule("dropout", new Dropout(dropout));
    this.linear2 = this.registerModule("linear2", new Linear(ff, dModel));
    this.norm1 = this.registerModule("norm1", new LayerNorm(dModel, { eps }));
    this.norm2 = this.registerModule("norm2", new LayerNorm(dModel, { eps }));
    this.norm3 = this.registerModule("norm3", new LayerNorm(dModel, { eps }));
    this.dropout1 = this.registerModule("dropout1", new Dropout(dropout));
    this.dropout2 = this.registerModule("dropout2", new Dropout(dropout));
    this.dropout3 = this.registerModule("dropout3", new Dropout(dropout));
  }
  forward(tgt: Tensor, memory: Tensor, masks: { tgtMask?: Tensor; memoryMask?: Tensor; tgtKeyPaddingMask?: Tensor; memoryKeyPaddingMask?: Tensor } = {}): Tensor {
    const act = (x: Tensor) => (this.options.activation === "gelu" ? x.gelu() : x.relu());
    const sa = (x: Tensor) => this.dropout1(this.selfAttn(x, x, x, { attnMask: masks.tgtMask, keyPaddingMask: masks.tgtKeyPaddingMask, needWeights: false })[0]);
    const mha = (x: Tensor) => this.dropout2(this.multiheadAttn(x, memory, memory, { attnMask: masks.memoryMask, keyPaddingMask: masks.memoryKeyPaddingMask, needWeights: false })[0]);
    const ff = (x: Tensor) => this.dropout3(this.linear2(this.dropoutFF(act(this.linear1(x)))));
    let x = tgt;
    if (this.options.normFirst) {
      x = x.add(sa(this.norm1(x)));
      x = x.add(mha(this.norm2(x)));
      return x.add(ff(this.norm3(x)));
    }
    x = this.norm1(x.add(sa(x)));
    x = this.norm2(x.add(mha(x)));
    return this.norm3(x.add(ff(x)));
  }
}

/** A causal mask [L, L]: −∞ above the diagonal (position i may not look at j > i), 0 elsewhere. */
export function generateSquareSubsequentMask(size: number): Tensor {
  const out = new Float32Array(size * size);
  for (let i = 0; i < size; i++) for (let j = i + 1; j < size; j++) out[i * size + j] = -Infinity;
  return tensor(out).reshape([size, size]);
}

/** The sinusoidal table PE[pos, 2i] = sin(pos / 10000^{2i/d}), PE[pos, 2i+1] = cos(…), shape [maxLen, dModel]. */
export function sinusoidalPositionalEncoding(maxLen: number, dModel: number): Tensor {
  const out = new Float32Array(maxLen * dModel);
  for (let pos = 0; pos < maxLen; pos++)
    for (let i = 0; i < dModel; i += 2) {
      const angle = pos / Math.pow(10000, i / dModel);
      out[pos * dModel + i] = Math.sin(angle);
      if (i + 1 < dModel) out[pos * dModel + i + 1] = Math.cos(angle);
    }
  return tensor(out).reshape([maxLen, dModel]);
}

/** Adds the sinusoidal positional encoding to [L, N, E] (or [N, L, E] with batchFirst), then dropout. */
export class PositionalEncoding extends Module {
  readonly pe: Tensor;
  readonly dropout: Dropout;
  constructor(readonly dModel: number, options: { maxLen?: number; dropout?: number; batchFirst?: boolean } = {}) {
    super();
    this.pe = this.registerBuffer("pe", sinusoidalPositionalEncoding(options.maxLen ?? 5000, dModel));
    this.dropout = this.registerModule("dropout", new Dropout(options.dropout ?? 0.1));
    this.batchFirst = options.batchFirst ?? false;
  }
  readonly batchFirst: boolean;
  forward(x: Tensor): Tensor {
    const L = this.batchFirst ? x.shape[1] : x.shape[0];
    const maxLen = this.pe.shape[0];
    if (x.ndim !== 3 || x.shape[2] !== this.dModel || L > maxLen)
      throw new Error(`PositionalEncoding(${this.dModel}): input ${fmt(x.shape)} must be ${this.batchFirst ? "[N, L, E]" : "[L, N, E]"} with E = ${this.dModel} and L ≤ ${maxLen}`);
    const pe = this.pe.narrow(0, 0, L);
    return this.dropout(x.add(this.batchFirst ? pe.unsqueeze(0) : pe.unsqueeze(1)));
  }
}
