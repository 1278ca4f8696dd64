// The two spectral steps viz.spectrogram(signal) needs, on top of lib/audio's STFT and mel filter bank.
import { melFilterBank } from "../audio/mel";
import { stft } from "../audio/spectral";

/** Magnitude STFT with a periodic Hann window, no centring: [nFft/2 + 1, frames], lowest frequency first. */
export function stftMagnitude(signal: ArrayLike<number>, nFft: number, hop: number): { values: Float32Array; bins: number; frames: number } {
  if (nFft & (nFft - 1)) throw new Error(`spectrogram: nFft must be a power of two, got ${nFft}`);
  // A signal shorter than one frame is zero-padded to a single frame rather than refused.
  let samples: ArrayLike<number> = signal;
  if (signal.length < nFft) {
    const padded = new Float64Array(nFft);
    for (let i = 0; i < signal.length; i++) padded[i] = signal[i];
    samples = padded;
  }
  const S = stft(samples, { nFft, hopLength: hop, window: "hann", center: false });
  const [bins, frames] = S.shape;
  const values = new Float32Array(bins * frames);
  for (let i = 0; i < values.length; i++) values[i] = Math.hypot(S.re[i], S.im[i]);
  return { values, bins, frames };
}

/** Applies a triangular HTK mel filter bank (peak 1) to a [bins, frames] power matrix → [nMels, frames]. */
export function melProject(power: Float32Array, bins: number, frames: number, sampleRate: number, nMels: number, fMin: number, fMax: number): Float32Array {
  const bank = melFilterBank(sampleRate, 2 * (bins - 1), { nMels, fmin: fMin, fmax: fMax, htk: true, norm: null });
  const out = new Float32Array(nMels * frames);
  for (let m = 0; m < nMels; m++) {
    for (let b = 0; b < bins; b++) {
      const weight = bank.weights[m * bins + b];
      if (weight > 0) for (let f = 0; f < frames; f++) out[m * frames + f] += weight * power[b * frames + f];
    }
  }
  return out;
}
