// Transforms for data (not differentiated): they take a sample [C, H, W] / [F] or a batch
// [N, C, H, W] / [N, F] tensor and return a new one. Random ones draw from their own seeded generator.

import { Tensor, tensor } from "../core";
import { Random } from "./random";

export type Transform = (x: Tensor) => Tensor;

/** Applies transforms in order. */
export function compose(...transforms: Transform[]): Transform {
  return (x) => transforms.reduce((acc, t) => t(acc), x);
}

/**
 * (x − mean[c]) / std[c] per channel c (dimension 0 of a sample, 1 of a batch); scalars for all.
 * @example
 * data.transforms.normalize(0.1307, 0.3081)(images); // MNIST's usual statistics
 */
export function normalize(mean: number | number[], std: number | number[]): Transform {
  return (x) => {
    const batched = x.ndim === 4 || (x.ndim === 2 && Array.isArray(mean) && x.shape[1] === mean.length);
    const channelDim = batched ? 1 : 0;
    const channels = x.ndim > channelDim ? x.shape[channelDim] : 1;
    const means = Array.isArray(mean) ? mean : new Array(channels).fill(mean);
    const stds = Array.isArray(std) ? std : new Array(channels).fill(std);
    if (means.length !== channels || stds.length !== channels)
      throw new Error(`normalize: input [${x.shape}] has ${channels} channels in dimension ${channelDim} but got ${means.length} means and ${stds.length} stds`);
    const values = x.data() as Float32Array;
    const inner = x.shape.slice(channelDim + 1).reduce((a, b) => a * b, 1);
    const out = new Float32Array(values.length);
    for (let i = 0; i < values.length; i++) {
      const c = Math.floor(i / inner) % channels;
      out[i] = (values[i] - means[c]) / stds[c];
    }
    return tensor(out).reshape(x.shape);
  };
}

/** Flattens a sample to 1-D (a batch to [N, features]). */
export function flatten(batched = false): Transform {
  return (x) => (batched ? x.reshape([x.shape[0], -1]) : x.reshape([-1]));
}

/** Class indices (int32, any shape) → one-hot float32 with a new last dimension of size numClasses. */
export function oneHot(numClasses: number): Transform {
  return (y) => {
    const idx = y.data();
    const out = new Float32Array(idx.length * numClasses);
    for (let i = 0; i < idx.length; i++) {
      const c = idx[i] as number;
      if (!(c >= 0 && c < numClasses && Number.isInteger(c))) throw new Error(`oneHot: label ${c} at position ${i} is not a class index in [0, ${numClasses})`);
      out[i * numClasses + c] = 1;
    }
    return tensor(out).reshape([...y.shape, numClasses]);
  };
}

function imageDims(what: string, x: Tensor): { n: number; c: number; h: number; w: number } {
  if (x.ndim === 3) return { n: 1, c: x.shape[0], h: x.shape[1], w: x.shape[2] };
  if (x.ndim === 4) return { n: x.shape[0], c: x.shape[1], h: x.shape[2], w: x.shape[3] };
  throw new Error(`${what}: expected an image [C, H, W] or a batch [N, C, H, W], got shape [${x.shape}]`);
}

/** Flips each image left-right with probability p. */
export function randomHorizontalFlip(p = 0.5, seed = 0): Transform {
  const rng = new Random(seed);
  return (x) => {
    const { n, c, h, w } = imageDims("randomHorizontalFlip", x);
    const values = x.data() as Float32Array;
    const out = values.slice();
    for (let b = 0; b < n; b++) {
      if (rng.next() >= p) continue;
      for (let k = 0; k < c * h; k++) {
        const row = (b * c * h + k) * w;
        for (let j = 0; j < w; j++) out[row + j] = values[row + w - 1 - j];
      }
    }
    return tensor(out).reshape(x.shape);
  };
}

/** Pads each image by `padding` zeros and crops a random size×size window (the usual augmentation). */
export function randomCrop(size: number | [number, number], options: { padding?: number; seed?: number } = {}): Transform {
  const [oh, ow] = Array.isArray(size) ? size : [size, size];
  const pad = options.padding ?? 0;
  const rng = new Random(options.seed ?? 0);
  return (x) => {
    const { n, c, h, w } = imageDims("randomCrop", x);
    const ph = h + 2 * pad, pw = w + 2 * pad;
    if (oh > ph || ow > pw) throw new Error(`randomCrop: crop ${oh}×${ow} is larger than the padded image ${ph}×${pw}`);
    const values = x.data() as Float32Array;
    const out = new Float32Array(n * c * oh * ow);
    for (let b = 0; b < n; b++) {
      const top = rng.int(ph - oh + 1) - pad;
      const left = rng.int(pw - ow + 1) - pad;
      for (let ch = 0; ch < c; ch++)
        for (let i = 0; i < oh; i++) {
          const si = top + i;
          if (si < 0 || si >= h) continue;
          for (let j = 0; j < ow; j++) {
            const sj = left + j;
            if (sj >= 0 && sj < w) out[((b * c + ch) * oh + i) * ow + j] = values[((b * c + ch) * h + si) * w + sj];
          }
        }
    }
    return tensor(out).reshape(x.ndim === 3 ? [c, oh, ow] : [n, c, oh, ow]);
  };
}
