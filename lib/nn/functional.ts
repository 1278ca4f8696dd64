// nn.functional: the stateless forms of the layers and losses, composed from the tensor ops.
// Layers call these; so can user code (`F.crossEntropy(logits, labels)`).

import { Tensor, tensor, rand, noGrad } from "../core";
import * as ops from "../ops";
import { overwrite } from "./storage";

export type Reduction = "mean" | "sum" | "none";

const fmt = (shape: readonly number[]) => `[${shape.join(", ")}]`;

function reduce(loss: Tensor, reduction: Reduction, what: string): Tensor {
  switch (reduction) {
    case "mean":
      return loss.mean();
    case "sum":
      return loss.sum();
    case "none":
      return loss;
    default:
      throw new Error(`${what}: reduction must be "mean", "sum" or "none", got "${reduction as string}"`);
  }
}

function sameShape(what: string, input: Tensor, target: Tensor): void {
  if (input.shape.join(",") !== target.shape.join(","))
    throw new Error(`${what}: input shape ${fmt(input.shape)} and target shape ${fmt(target.shape)} must be equal`);
}

/** y = x Wᵀ + b for x [..., in], W [out, in], b [out]. */
export function linear(x: Tensor, weight: Tensor, bias?: Tensor | null): Tensor {
  const inFeatures = weight.shape[1];
  if (x.shape[x.ndim - 1] !== inFeatures)
    throw new Error(`linear: input ${fmt(x.shape)} has ${x.shape[x.ndim - 1]} features in its last dimension but the weight ${fmt(weight.shape)} expects ${inFeatures}`);
  const y = x.matmul(weight.transpose(0, 1));
  return bias ? y.add(bias) : y;
}

export const relu = (x: Tensor) => x.relu();
export const sigmoid = (x: Tensor) => x.sigmoid();
export const tanh = (x: Tensor) => x.tanh();
export const leakyRelu = (x: Tensor, negativeSlope = 0.01) => x.leakyRelu(negativeSlope);
export const elu = (x: Tensor, alpha = 1) => x.elu(alpha);
export const gelu = (x: Tensor) => x.gelu();
export const softmax = (x: Tensor, dim = -1) => x.softmax(dim);
export const logSoftmax = (x: Tensor, dim = -1) => x.logSoftmax(dim);

/** Mean squared error. */
export function mseLoss(input: Tensor, target: Tensor, reduction: Reduction = "mean"): Tensor {
  sameShape("mseLoss", input, target);
  const d = input.sub(target);
  return reduce(d.mul(d), reduction, "mseLoss");
}

/** Mean absolute error. */
export function l1Loss(input: Tensor, target: Tensor, reduction: Reduction = "mean"): Tensor {
  sameShape("l1Loss", input, target);
  return reduce(input.sub(target).abs(), reduction, "l1Loss");
}

/** Moves the class dimension last and flattens: [N, C, d1, …] → [N·d1·…, C]; targets [N, d1, …] → [N·d1·…]. */
function classesLast(what: string, input: Tensor, target: Tensor): { input: Tensor; target: Tensor } {
  if (input.ndim < 1) throw new Error(`${what}: input must have a class dimension, got shape ${fmt(input.shape)}`);
  if (input.ndim === 1) return { input: input.reshape([1, input.shape[0]]), target: target.reshape([1]) };
  const expected = [input.shape[0], ...input.shape.slice(2)];
  if (target.shape.join(",") !== expected.join(","))
    throw new Error(`${what}: input ${fmt(input.shape)} (batch, classes, …) needs class-index targets of shape ${fmt(expected)}, got ${fmt(target.shape)}`);
  if (input.ndim === 2) return { input, target };
  const c = input.shape[1];
  const order = [0, ...Array.from({ length: input.ndim - 2 }, (_, i) => i + 2), 1];
  return { input: input.permute(order).reshape([-1, c]), target: target.reshape([-1]) };
}

function checkClassIndices(what: string, target: Tensor, classes: number, ignoreIndex: number): void {
  if (target.dtype === "float32") throw new Error(`${what}: targets must be class indices (int32), got float32; use a one-hot target with a probability loss or call .toInt()`);
  const values = target.data();
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (v !== ignoreIndex && (v < 0 || v >= classes)) throw new Error(`${what}: target ${v} at position ${i} is out of range for ${classes} classes`);
  }
}

/** Negative log-likelihood of class indices under log-probabilities [N, C] (or [N, C, d…]). */
export function nllLoss(logProbs: Tensor, target: Tensor, options: { reduction?: Reduction; weight?: Tensor; ignoreIndex?: number } = {}): Tensor {
  const { reduction = "mean", ignoreIndex = -100 } = options;
  const { input, target: t } = classesLast("nllLoss", logProbs, target);
  const classes = input.shape[1];
  checkClassIndices("nllLoss", t, classes, ignoreIndex);
  const idx = t.data() as Int32Array;
  const mask = new Float32Array(idx.length);
  const safe = new Int32Array(idx.length);
  const w = options.weight ? (options.weight.data() as Float32Array) : undefined;
  for (let i = 0; i < idx.length; i++) {
    const ignored = idx[i] === ignoreIndex;
    safe[i] = ignored ? 0 : idx[i];
    mask[i] = ignored ? 0 : w ? w[idx[i]] : 1;
  }
  // Pick log p[i, target_i] with a one-hot weight matrix (the class weight and the ignore mask folded in).
  const pick = new Float32Array(idx.length * classes);
  for (let i = 0; i < idx.length; i++) pick[i * classes + safe[i]] = mask[i];
  const losses = input.mul(tensor(pick).reshape([idx.length, classes])).sum(1).neg();
  if (reduction === "mean") {
    let total = 0;
    for (const m of mask) total += m;
    return losses.sum().div(total);
  }
  const out = reduction === "none" ? losses.reshape([target.ndim === 0 ? 1 : target.shape[0], ...target.shape.slice(1)]) : losses;
  return reduce(out, reduction, "nllLoss");
}

/**
 * Cross-entropy of raw scores (logits) [N, C] against class indices [N] (log-softmax + NLL), with
 * optional label smoothing ε: the target becomes (1-ε)·one-hot + ε/C.
 * @example
 * F.crossEntropy(tensor([[2, 0, 0]]), tensor([0], { dtype: "int32" })).item(); // ≈ 0.2395
 */
export function crossEntropy(logits: Tensor, target: Tensor, options: { reduction?: Reduction; labelSmoothing?: number; weight?: Tensor; ignoreIndex?: number } = {}): Tensor {
  const { reduction = "mean", labelSmoothing = 0 } = options;
  if (logits.ndim >= 2 && target.ndim === logits.ndim && target.dtype === "float32") {
    // Class probabilities as target (same shape as the logits).
    sameShape("crossEntropy", logits, target);
    const logp = logits.logSoftmax(1);
    const c = logits.shape[1];
    const soft = labelSmoothing > 0 ? target.mul(1 - labelSmoothing).add(labelSmoothing / c) : target;
    return reduce(soft.mul(logp).sum(1).neg(), reduction, "crossEntropy");
  }
  const logp = logits.logSoftmax(logits.ndim === 1 ? 0 : 1);
  const nll = nllLoss(logp, target, { reduction, weight: options.weight, ignoreIndex: options.ignoreIndex });
  if (labelSmoothing <= 0) return nll;
  if (labelSmoothing >= 1) throw new Error(`crossEntropy: labelSmoothing must be in [0, 1), got ${labelSmoothing}`);
  // The smoothing term −(1/C)·Σ_c w_c·log p_c per sample, with ignored samples left out and the same
  // normaliser as the NLL part (Σ of the targets' class weights), as PyTorch computes it.
  const { input, target: t } = classesLast("crossEntropy", logp, target);
  const [m, c] = input.shape;
  const ignoreIndex = options.ignoreIndex ?? -100;
  const idx = t.data();
  const w = options.weight ? options.weight.data() : undefined;
  const keep = new Float32Array(m);
  let denominator = 0;
  for (let i = 0; i < m; i++) {
    const k = idx[i] as number;
    if (k === ignoreIndex) continue;
    keep[i] = 1;
    denominator += w ? w[k] : 1;
  }
  const weighted = options.weight ? input.mul(options.weight.reshape([1, c])) : input;
  const smooth = weighted.sum(1).mul(tensor(keep)).neg().div(c);
  const smoothReduced =
    reduction === "mean" ? smooth.sum().div(denominator) : reduction === "sum" ? smooth.sum() : smooth.reshape(target.ndim === 0 ? [1] : target.shape);
  return nll.mul(1 - labelSmoothing).add(smoothReduced.mul(labelSmoothing));
}

/** Binary cross-entropy of probabilities in [0, 1] (log clamped at -100 like PyTorch). */
export function bceLoss(input: Tensor, target: Tensor, options: { reduction?: Reduction; weight?: Tensor } = {}): Tensor {
  sameShape("bceLoss", input, target);
  const logP = input.log().clamp(-100, Infinity);
  const logQ = input.neg().add(1).log().clamp(-100, Infinity);
  let loss = target.mul(logP).add(target.neg().add(1).mul(logQ)).neg();
  if (options.weight) loss = loss.mul(options.weight);
  return reduce(loss, options.reduction ?? "mean", "bceLoss");
}

/** Binary cross-entropy on logits, numerically stable: max(x,0) − x·y + log(1 + e^{−|x|}). */
export function bceWithLogits(input: Tensor, target: Tensor, options: { reduction?: Reduction; weight?: Tensor; posWeight?: Tensor } = {}): Tensor {
  sameShape("bceWithLogits", input, target);
  const softplusNegAbs = input.abs().neg().exp().add(1).log();
  let loss: Tensor;
  if (options.posWeight) {
    // (1 − y)·x + (1 + (p − 1)·y)·(log(1 + e^{−|x|}) + max(−x, 0))
    const logWeight = options.posWeight.sub(1).mul(target).add(1);
    loss = target.neg().add(1).mul(input).add(logWeight.mul(softplusNegAbs.add(input.neg().relu())));
  } else loss = input.relu().sub(input.mul(target)).add(softplusNegAbs);
  if (options.weight) loss = loss.mul(options.weight);
  return reduce(loss, options.reduction ?? "mean", "bceWithLogits");
}
export const binaryCrossEntropy = bceLoss;
export const binaryCrossEntropyWithLogits = bceWithLogits;

/** λ·Σ|w| over the given parameters (L1 penalty, added to a loss). */
export function l1Penalty(parameters: Iterable<Tensor>, lambda: number): Tensor {
  let total: Tensor | undefined;
  for (const p of parameters) total = total ? total.add(p.abs().sum()) : p.abs().sum();
  if (!total) throw new Error("l1Penalty: no parameters given");
  return total.mul(lambda);
}

/** λ·Σw² over the given parameters (L2 / ridge penalty, added to a loss). */
export function l2Penalty(parameters: Iterable<Tensor>, lambda: number): Tensor {
  let total: Tensor | undefined;
  for (const p of parameters) total = total ? total.add(p.mul(p).sum()) : p.mul(p).sum();
  if (!total) throw new Error("l2Penalty: no parameters given");
  return total.mul(lambda);
}

/**
 * Inverted dropout: in training each value is zeroed with probability p and the rest scaled by 1/(1−p);
 * the identity otherwise.
 */
export function dropout(x: Tensor, p = 0.5, training = true): Tensor {
  if (p < 0 || p > 1) throw new Error(`dropout: p must be in [0, 1], got ${p}`);
  if (!training || p === 0) return x;
  if (p === 1) return x.mul(0);
  const keep = rand(x.shape).ge(p).float();
  return x.mul(keep).mul(1 / (1 - p));
}

/**
 * Batch normalisation over every dimension but 1 (the channels): (x − μ)/√(σ² + ε)·γ + β. In training
 * the batch statistics are used and the running ones updated in place (running variance unbiased, as
 * PyTorch); otherwise the running statistics are used.
 */
export function batchNorm(
  x: Tensor,
  runningMean: Tensor | null,
  runningVar: Tensor | null,
  options: { weight?: Tensor | null; bias?: Tensor | null; training?: boolean; momentum?: number; eps?: number } = {},
): Tensor {
  const { training = false, momentum = 0.1, eps = 1e-5 } = options;
  if (x.ndim < 2) throw new Error(`batchNorm: input must be at least [N, C], got ${fmt(x.shape)}`);
  const c = x.shape[1];
  const dims = [0, ...Array.from({ length: x.ndim - 2 }, (_, i) => i + 2)];
  const bshape = x.shape.map((s, d) => (d === 1 ? s : 1));
  let mean: Tensor, variance: Tensor;
  if (training) {
    const n = x.numel() / c;
    if (n <= 1) throw new Error(`batchNorm: training needs more than one value per channel, got input ${fmt(x.shape)}`);
    mean = x.mean(dims, true);
    const centred = x.sub(mean);
    variance = centred.mul(centred).mean(dims, true);
    if (runningMean && runningVar)
      noGrad(() => {
        const m = mean.data(), v = variance.data();
        const rm = runningMean.data(), rv = runningVar.data();
        const newMean = new Float32Array(c), newVar = new Float32Array(c);
        for (let k = 0; k < c; k++) {
          newMean[k] = (1 - momentum) * rm[k] + momentum * m[k];
          newVar[k] = (1 - momentum) * rv[k] + momentum * v[k] * (n / (n - 1));
        }
        overwrite(runningMean, newMean);
        overwrite(runningVar, newVar);
      });
  } else {
    if (!runningMean || !runningVar) throw new Error("batchNorm: evaluation needs running statistics (or training: true)");
    mean = runningMean.reshape(bshape);
    variance = runningVar.reshape(bshape);
  }
  let y = x.sub(mean).div(variance.add(eps).sqrt());
  if (options.weight) y = y.mul(options.weight.reshape(bshape));
  if (options.bias) y = y.add(options.bias.reshape(bshape));
  return y;
}

/** Layer normalisation over the last dimensions `normalizedShape` (biased variance), then γ, β. */
export function layerNorm(x: Tensor, normalizedShape: number[], options: { weight?: Tensor | null; bias?: Tensor | null; eps?: number } = {}): Tensor {
  const k = normalizedShape.length;
  const dims = Array.from({ length: k }, (_, i) => x.ndim - k + i);
  const mean = x.mean(dims, true);
  const centred = x.sub(mean);
  const variance = centred.mul(centred).mean(dims, true);
  let y = centred.div(variance.add(options.eps ?? 1e-5).sqrt());
  if (options.weight) y = y.mul(options.weight);
  if (options.bias) y = y.add(options.bias);
  return y;
}

/**
 * Rows of `weight` [V, D] picked by integer `indices` (any shape) → [...indices.shape, D]; the row
 * `paddingIdx` gets no gradient (PyTorch's F.embedding padding_idx).
 */
export function embedding(indices: Tensor, weight: Tensor, options: ops.EmbeddingOptions = {}): Tensor {
  const [v, d] = weight.shape;
  const idx = indices.data();
  for (let i = 0; i < idx.length; i++) {
    const k = idx[i] as number;
    if (!(Number.isInteger(k) && k >= 0 && k < v)) throw new Error(`embedding: index ${k} at position ${i} is out of range for ${v} embeddings`);
  }
  return ops.embedding(indices.dtype === "int32" ? indices : indices.int(), weight, options);
}

export { ops };
