import { noGrad } from "../core/tensor";
import { fmtShape, requireFloat, Tensor } from "./helpers";

export interface BatchNormOptions {
  weight?: Tensor | null;
  bias?: Tensor | null;
  /** use the batch statistics and update the running ones (default false, as F.batch_norm) */
  training?: boolean;
  momentum?: number;
  eps?: number;
}

/**
 * Batch normalisation of x [N, C, …] per channel C: (x − mean) / √(var + eps) · weight + bias.
 * In training, batch statistics are used and runningMean/runningVar (if given) are updated in place
 * with `momentum` (running var uses the unbiased batch variance, as PyTorch).
 * @example
 * batchNorm(randn(8, 3), zeros(3), ones(3), { training: true }).shape; // [8, 3]
 */
export function batchNorm(x: Tensor, runningMean: Tensor | null, runningVar: Tensor | null, options: BatchNormOptions | Tensor | null = {}, bias?: Tensor | null, training?: boolean, momentum?: number, eps?: number): Tensor {
  const o: BatchNormOptions = options instanceof Tensor || options === null ? { weight: options, bias, training, momentum, eps } : options;
  requireFloat("batchNorm", x);
  if (x.ndim < 2) throw new Error(`batchNorm: input must be [N, C, …], got shape ${fmtShape(x.shape)}`);
  const C = x.shape[1];
  for (const [name, t] of [["runningMean", runningMean], ["runningVar", runningVar], ["weight", o.weight], ["bias", o.bias]] as const)
    if (t && (t.ndim !== 1 || t.shape[0] !== C)) throw new Error(`batchNorm: ${name} of shape ${fmtShape(t.shape)} must have shape [${C}] for input ${fmtShape(x.shape)}`);
  const epsilon = o.eps ?? 1e-5, m = o.momentum ?? 0.1;
  const dims = x.shape.map((_, d) => d).filter((d) => d !== 1);
  const view = x.shape.map((s, d) => (d === 1 ? s : 1));
  let mean: Tensor, variance: Tensor;
  if (o.training) {
    const count = x.numel() / C;
    if (count <= 1) throw new Error(`batchNorm: training needs more than one value per channel, got input ${fmtShape(x.shape)}`);
    mean = x.mean(dims, true);
    const centred = x.sub(mean);
    variance = centred.mul(centred).mean(dims, true);
    noGrad(() => {
      if (runningMean) runningMean.storage = runningMean.mul(1 - m).add(mean.reshape([C]).mul(m)).to(runningMean.dtype).storage;
      if (runningVar) runningVar.storage = runningVar.mul(1 - m).add(variance.reshape([C]).mul((m * count) / (count - 1))).to(runningVar.dtype).storage;
    });
  } else {
    if (!runningMean || !runningVar) throw new Error("batchNorm: evaluation (training: false) needs runningMean and runningVar");
    mean = runningMean.reshape(view);
    variance = runningVar.reshape(view);
  }
  let y = x.sub(mean).div(variance.add(epsilon).sqrt());
  if (o.weight) y = y.mul(o.weight.reshape(view));
  if (o.bias) y = y.add(o.bias.reshape(view));
  return y;
}
