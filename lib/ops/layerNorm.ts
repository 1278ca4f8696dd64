import { fmtShape, requireFloat, Tensor } from "./helpers";

export interface LayerNormOptions {
  weight?: Tensor | null;
  bias?: Tensor | null;
  eps?: number;
}

/**
 * Normalises over the last dims given by normalizedShape: (x − mean) / √(var + eps) · weight + bias.
 * @example
 * layerNorm(tensor([[1, 2, 3]], { dtype: "float32" }), [3]); // tensor([[-1.2247,  0.0000,  1.2247]])
 */
export function layerNorm(x: Tensor, normalizedShape: number | readonly number[], options: LayerNormOptions | Tensor | null = {}, bias?: Tensor | null, eps?: number): Tensor {
  const o: LayerNormOptions = options instanceof Tensor || options === null ? { weight: options, bias, eps } : options;
  requireFloat("layerNorm", x);
  const shape = typeof normalizedShape === "number" ? [normalizedShape] : [...normalizedShape];
  const k = shape.length;
  if (k > x.ndim || x.shape.slice(x.ndim - k).join() !== shape.join())
    throw new Error(`layerNorm: normalizedShape ${fmtShape(shape)} must match the last dims of the input ${fmtShape(x.shape)}`);
  for (const [name, t] of [["weight", o.weight], ["bias", o.bias]] as const)
    if (t && t.shape.join() !== shape.join()) throw new Error(`layerNorm: ${name} of shape ${fmtShape(t.shape)} must have the normalized shape ${fmtShape(shape)}`);
  const dims = shape.map((_, i) => x.ndim - k + i);
  const mean = x.mean(dims, true);
  const centred = x.sub(mean);
  const variance = centred.mul(centred).mean(dims, true);
  let y = centred.div(variance.add(o.eps ?? 1e-5).sqrt());
  if (o.weight) y = y.mul(o.weight);
  if (o.bias) y = y.add(o.bias);
  return y;
}
