// Radix-2 FFT and a mel filter bank: just enough for viz.spectrogram(signal) without lib/audio.

/** In-place iterative radix-2 FFT; re and im have a power-of-two length. */
export function fftInPlace(re: Float64Array, im: Float64Array): void {
  const n = re.length;
  for (let i = 1, j = 0; i < n; i++) {
    let bit = n >> 1;
    for (; j & bit; bit >>= 1) j ^= bit;
    j ^= bit;
    if (i < j) {
      [re[i], re[j]] = [re[j], re[i]];
      [im[i], im[j]] = [im[j], im[i]];
    }
  }
  for (let len = 2; len <= n; len <<= 1) {
    const angle = (-2 * Math.PI) / len;
    const wr = Math.cos(angle), wi = Math.sin(angle);
    for (let i = 0; i < n; i += len) {
      let cr = 1, ci = 0;
      for (let k = 0; k < len / 2; k++) {
        const a = i + k, b = a + len / 2;
        const tr = re[b] * cr - im[b] * ci;
        const ti = re[b] * ci + im[b] * cr;
        re[b] = re[a] - tr; im[b] = im[a] - ti;
        re[a] += tr; im[a] += ti;
        const ncr = cr * wr - ci * wi;
        ci = cr * wi + ci * wr;
        cr = ncr;
      }
    }
  }
}

/** Magnitude STFT with a Hann window: [nFft/2 + 1, frames], lowest frequency first. */
export function stftMagnitude(signal: ArrayLike<number>, nFft: number, hop: number): { values: Float32Array; bins: number; frames: number } {
  if (nFft & (nFft - 1)) throw new Error(`spectrogram: nFft must be a power of two, got ${nFft}`);
  const frames = Math.max(1, 1 + Math.floor(Math.max(0, signal.length - nFft) / hop));
  const bins = nFft / 2 + 1;
  const out = new Float32Array(bins * frames);
  const window = new Float64Array(nFft);
  for (let i = 0; i < nFft; i++) window[i] = 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / nFft);
  const re = new Float64Array(nFft), im = new Float64Array(nFft);
  for (let f = 0; f < frames; f++) {
    for (let i = 0; i < nFft; i++) {
      const s = f * hop + i;
      re[i] = s < signal.length ? signal[s] * window[i] : 0;
      im[i] = 0;
    }
    fftInPlace(re, im);
    for (let b = 0; b < bins; b++) out[b * frames + f] = Math.hypot(re[b], im[b]);
  }
  return { values: out, bins, frames };
}

export const hzToMel = (hz: number) => 2595 * Math.log10(1 + hz / 700);
export const melToHz = (mel: number) => 700 * (10 ** (mel / 2595) - 1);

/** Applies a triangular mel filter bank to a [bins, frames] power matrix → [nMels, frames]. */
export function melProject(power: Float32Array, bins: number, frames: number, sampleRate: number, nMels: number, fMin: number, fMax: number): Float32Array {
  const out = new Float32Array(nMels * frames);
  const m0 = hzToMel(fMin), m1 = hzToMel(fMax);
  const edges = Array.from({ length: nMels + 2 }, (_, i) => melToHz(m0 + ((m1 - m0) * i) / (nMels + 1)));
  const binHz = (b: number) => (b * sampleRate) / (2 * (bins - 1));
  for (let m = 0; m < nMels; m++) {
    const [lo, mid, hi] = [edges[m], edges[m + 1], edges[m + 2]];
    for (let b = 0; b < bins; b++) {
      const hz = binHz(b);
      const w = hz <= lo || hz >= hi ? 0 : hz <= mid ? (hz - lo) / (mid - lo) : (hi - hz) / (hi - mid);
      if (w > 0) for (let f = 0; f < frames; f++) out[m * frames + f] += w * power[b * frames + f];
    }
  }
  return out;
}
