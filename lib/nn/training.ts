// Training helpers: accuracy, evaluate and a small fit() loop (a plain loop works just as well;
// fit is what that loop looks like, with a progress bar and a history of the metrics).

import { Tensor, noGrad } from "../core";
import { Module } from "./module";
import { ProgressBar } from "../data/progress";
import type { Optimizer } from "../optim/optimizer";
import { overwrite, readValues } from "./storage";
import type { LRScheduler } from "../optim/lrScheduler";
import { curves, type LiveCurves } from "../viz/curves";

/**
 * Fraction of rows whose largest score is the label: logits [N, C], labels int32 [N].
 * @example
 * accuracy(tensor([[0.1, 2], [3, 0]]), tensor([1, 1], { dtype: "int32" })); // 0.5
 */
export function accuracy(logits: Tensor, labels: Tensor): number {
  if (logits.ndim !== 2 || labels.ndim !== 1 || labels.shape[0] !== logits.shape[0])
    throw new Error(`accuracy: expected scores [N, C] and labels [N], got [${logits.shape}] and [${labels.shape}]`);
  const [n, c] = logits.shape;
  const scores = logits.data();
  const y = labels.data();
  let correct = 0;
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let j = 1; j < c; j++) if (scores[i * c + j] > scores[i * c + best]) best = j;
    if (best === y[i]) correct++;
  }
  return n === 0 ? 0 : correct / n;
}

/** Mean loss and accuracy of a model over batches [x, y] (evaluation mode, no gradients). */
export function evaluate(model: Module<any, any>, batches: Iterable<Tensor[]>, lossFn?: (out: Tensor, y: Tensor) => Tensor): { loss: number; accuracy: number; count: number } {
  const wasTraining = model.training;
  model.eval();
  let loss = 0, correct = 0, count = 0;
  try {
    noGrad(() => {
      for (const [x, y] of batches) {
        const out = model(x) as Tensor;
        const n = x.shape[0];
        if (lossFn) loss += lossFn(out, y).item() * n;
        if (y.dtype !== "float32" && out.ndim === 2) correct += accuracy(out, y) * n;
        count += n;
      }
    });
  } finally {
    model.train(wasTraining);
  }
  return { loss: count ? loss / count : NaN, accuracy: count ? correct / count : NaN, count };
}

export interface FitOptions {
  optimizer: Optimizer<any>;
  lossFn: (out: Tensor, y: Tensor) => Tensor;
  epochs?: number;
  /** Batches for validation after each epoch (e.g. a DataLoader over the test set). */
  validation?: Iterable<Tensor[]>;
  /** Called after each epoch with its metrics. */
  onEpoch?: (epoch: number, metrics: EpochMetrics) => void;
  /** Show a progress bar per epoch (default true). */
  progress?: boolean;
  /** Called after each optimizer step (e.g. a per-iteration lr schedule). */
  onStep?: (step: number, loss: number) => void;
  /** A learning-rate schedule stepped once at the end of every epoch. */
  scheduler?: LRScheduler;
  /**
   * Live loss curves in the notebook (lib/viz's `curves`, updated in place): `true` for a new
   * figure, or a LiveCurves to add to. The loss is pushed every step; the validation loss and
   * accuracy (and the epoch boundary) at the end of each epoch.
   */
  curves?: boolean | LiveCurves;
}

export interface EpochMetrics {
  epoch: number;
  loss: number;
  accuracy: number;
  valLoss?: number;
  valAccuracy?: number;
  seconds: number;
}

/**
 * Trains with the usual loop (zeroGrad, forward, loss, backward, step) over `batches` for `epochs`,
 * and returns the metrics of every epoch.
 * @example
 * const history = fit(model, loader, { optimizer: new optim.SGD(model.parameters(), { lr: 0.01 }), lossFn: F.crossEntropy, epochs: 3 });
 */
export function fit(model: Module<any, any>, batches: Iterable<Tensor[]> & { length?: number }, options: FitOptions): EpochMetrics[] {
  const history: EpochMetrics[] = [];
  const epochs = options.epochs ?? 1;
  let step = 0;
  const live = options.curves === true ? curves({ title: "training", xLabel: "step" }) : options.curves || undefined;
  for (let epoch = 1; epoch <= epochs; epoch++) {
    model.train();
    const started = Date.now();
    const bar = options.progress === false ? undefined : new ProgressBar({ total: typeof batches.length === "number" ? batches.length : undefined, desc: `epoch ${epoch}/${epochs}` });
    let lossSum = 0, correct = 0, count = 0;
    for (const [x, y] of batches) {
      options.optimizer.zeroGrad();
      const out = model(x) as Tensor;
      const loss = options.lossFn(out, y);
      loss.backward();
      options.optimizer.step();
      const n = x.shape[0];
      const value = loss.item();
      if (!Number.isFinite(value)) throw new Error(`fit: the loss became ${value} at epoch ${epoch}, step ${step}; lower the learning rate or normalise the inputs`);
      lossSum += value * n;
      if (y.dtype !== "float32" && out.ndim === 2) correct += accuracy(out, y) * n;
      count += n;
      step++;
      options.onStep?.(step, value);
      live?.push({ loss: value }, step);
      bar?.update(1, { loss: lossSum / count });
    }
    bar?.close();
    const metrics: EpochMetrics = { epoch, loss: lossSum / count, accuracy: correct / count, seconds: (Date.now() - started) / 1000 };
    if (options.validation) {
      const v = evaluate(model, options.validation, options.lossFn);
      metrics.valLoss = v.loss;
      metrics.valAccuracy = v.accuracy;
    }
    history.push(metrics);
    if (live) {
      if (metrics.valLoss !== undefined) live.push({ valLoss: metrics.valLoss, valAccuracy: metrics.valAccuracy! }, step);
      live.endEpoch(epoch);
    }
    options.scheduler?.step();
    options.onEpoch?.(epoch, metrics);
  }
  // A figure fit made is finished; one the caller passed in may go on receiving points.
  if (options.curves === true) live?.close();
  else live?.flush();
  return history;
}

/**
 * Scales the gradients of `parameters` in place so that their global L2 norm is at most `maxNorm`
 * (PyTorch's clip_grad_norm_); returns the norm before clipping. Useful against exploding
 * gradients in recurrent networks.
 * @example
 * loss.backward(); nn.clipGradNorm(model.parameters(), 1.0); opt.step();
 */
export function clipGradNorm(parameters: Iterable<Tensor>, maxNorm: number, eps = 1e-6): number {
  const withGrad = [...parameters].filter((p) => p.grad);
  let total = 0;
  const grads = withGrad.map((p) => readValues(p.grad!));
  for (const g of grads) for (let i = 0; i < g.length; i++) total += g[i] * g[i];
  const norm = Math.sqrt(total);
  const scale = maxNorm / (norm + eps);
  if (scale < 1)
    withGrad.forEach((p, k) => {
      const g = grads[k];
      for (let i = 0; i < g.length; i++) g[i] *= scale;
      overwrite(p.grad!, g);
    });
  return norm;
}

/** Clamps every gradient value of `parameters` to [−clipValue, clipValue] in place. */
export function clipGradValue(parameters: Iterable<Tensor>, clipValue: number): void {
  for (const p of parameters) {
    if (!p.grad) continue;
    const g = readValues(p.grad);
    for (let i = 0; i < g.length; i++) g[i] = Math.max(-clipValue, Math.min(clipValue, g[i]));
    overwrite(p.grad, g);
  }
}
