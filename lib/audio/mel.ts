// Mel scale, mel filter banks (HTK and Slaney), mel spectrograms and MFCCs, with librosa's
// formulas: Slaney's mel is linear below 1 kHz (200/3 Hz per mel) and logarithmic above
// (ln(6.4)/27 per mel); HTK's is 2595·log10(1 + f/700). MFCC = orthonormal DCT-II of the
// log-power (dB) mel spectrogram, first nMfcc rows.

import { rfftfreq } from "./fft";
import { framesToTime, powerToDb, spectrogram, type DbOptions, type SpectrogramData, type StftOptions } from "./spectral";

const F_SP = 200 / 3;
const MIN_LOG_HZ = 1000;
const MIN_LOG_MEL = MIN_LOG_HZ / F_SP;
const LOG_STEP = Math.log(6.4) / 27;

/**
 * Hz → mel (Slaney by default, HTK with `htk: true`).
 * @example
 * hzToMel(1000); // 15
 * hzToMel(1000, true); // ≈ 999.99
 */
export function hzToMel(hz: number, htk = false): number {
  if (htk) return 2595 * Math.log10(1 + hz / 700);
  return hz >= MIN_LOG_HZ ? MIN_LOG_MEL + Math.log(hz / MIN_LOG_HZ) / LOG_STEP : hz / F_SP;
}

/**
 * mel → Hz, the inverse of hzToMel.
 * @example
 * melToHz(15); // 1000
 */
export function melToHz(mel: number, htk = false): number {
  if (htk) return 700 * (Math.pow(10, mel / 2595) - 1);
  return mel >= MIN_LOG_MEL ? MIN_LOG_HZ * Math.exp(LOG_STEP * (mel - MIN_LOG_MEL)) : F_SP * mel;
}

/**
 * n frequencies (Hz) equally spaced on the mel scale from fmin to fmax (librosa.mel_frequencies).
 * @example
 * melFrequencies(3, 0, 8000); // [0, ≈1929, 8000] (Slaney)
 */
export function melFrequencies(n: number, fmin: number, fmax: number, htk = false): Float64Array {
  const lo = hzToMel(fmin, htk), hi = hzToMel(fmax, htk);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = melToHz(n === 1 ? lo : lo + ((hi - lo) * i) / (n - 1), htk);
  return out;
}

export interface MelOptions {
  nMels?: number;
  fmin?: number;
  /** Default sampleRate/2. */
  fmax?: number;
  /** HTK mel formula instead of Slaney's. */
  htk?: boolean;
  /** "slaney": each triangle scaled to constant energy per Hz (2/(f_{i+2} − f_i)); null: peak 1. */
  norm?: "slaney" | null;
}

/** A filter bank: weights[m * bins + k] for mel band m and FFT bin k, with the band centres. */
export interface MelFilterBank {
  weights: Float64Array;
  shape: [number, number];
  /** Centre frequency (Hz) of each band. */
  centers: Float64Array;
}

/**
 * Triangular mel filters over the rfft bins of an nFft-point FFT (librosa.filters.mel).
 * @example
 * const fb = melFilterBank(16000, 512, { nMels: 40 }); // fb.shape = [40, 257]
 */
export function melFilterBank(sampleRate: number, nFft: number, options: MelOptions = {}): MelFilterBank {
  const { nMels = 128, fmin = 0, fmax = sampleRate / 2, htk = false } = options;
  const norm = options.norm === undefined ? "slaney" : options.norm;
  if (!(sampleRate > 0)) throw new Error(`melFilterBank: sampleRate must be positive, got ${sampleRate}`);
  if (!Number.isInteger(nMels) || nMels < 1) throw new Error(`melFilterBank: nMels must be a positive integer, got ${nMels}`);
  if (!(fmin >= 0 && fmax > fmin)) throw new Error(`melFilterBank: need 0 ≤ fmin < fmax, got fmin=${fmin}, fmax=${fmax}`);
  if (fmax > sampleRate / 2 + 1e-9) throw new Error(`melFilterBank: fmax=${fmax} Hz is above the Nyquist frequency ${sampleRate / 2} Hz`);
  if (norm !== "slaney" && norm !== null) throw new Error(`melFilterBank: norm must be "slaney" or null, got ${String(norm)}`);
  const fftFreqs = rfftfreq(nFft, sampleRate);
  const bins = fftFreqs.length;
  const melF = melFrequencies(nMels + 2, fmin, fmax, htk);
  const weights = new Float64Array(nMels * bins);
  for (let m = 0; m < nMels; m++) {
    const lowerDiff = melF[m + 1] - melF[m];
    const upperDiff = melF[m + 2] - melF[m + 1];
    const enorm = norm === "slaney" ? 2 / (melF[m + 2] - melF[m]) : 1;
    for (let k = 0; k < bins; k++) {
      const lower = (fftFreqs[k] - melF[m]) / lowerDiff;
      const upper = (melF[m + 2] - fftFreqs[k]) / upperDiff;
      weights[m * bins + k] = Math.max(0, Math.min(lower, upper)) * enorm;
    }
  }
  return { weights, shape: [nMels, bins], centers: melF.slice(1, nMels + 1) };
}

/**
 * Mel spectrogram: the filter bank applied to a power (power 2, default) or magnitude spectrogram.
 * Rows are mel bands; `frequencies` holds each band's centre in Hz, `frequencyScale` "mel".
 * @example
 * const M = melSpectrogram(signal, 16000, { nFft: 512, hopLength: 160, nMels: 40 });
 */
export function melSpectrogram(x: ArrayLike<number>, sampleRate: number, options: StftOptions & MelOptions & { power?: number } = {}): SpectrogramData {
  const S = spectrogram(x, sampleRate, options);
  const fb = melFilterBank(sampleRate, S.nFft, options);
  const [nMels, bins] = fb.shape;
  const frames = S.shape[1];
  const values = new Float64Array(nMels * frames);
  for (let m = 0; m < nMels; m++) {
    for (let k = 0; k < bins; k++) {
      const w = fb.weights[m * bins + k];
      if (w === 0) continue;
      const row = k * frames;
      for (let t = 0; t < frames; t++) values[m * frames + t] += w * S.values[row + t];
    }
  }
  const fmin = options.fmin ?? 0, fmax = options.fmax ?? sampleRate / 2;
  return { ...S, values, shape: [nMels, frames], frequencies: fb.centers, frequencyUnit: "Hz", frequencyRange: [fmin, fmax], frequencyScale: "mel" };
}

/**
 * Orthonormal DCT-II along the rows of a [n, cols] matrix (scipy.fft.dct(type=2, norm="ortho", axis=0)),
 * keeping the first `keep` output rows.
 * @example
 * dctII(Float64Array.from([1, 1, 1, 1]), 4, 1); // [2, 0, 0, 0]
 */
export function dctII(x: ArrayLike<number>, n: number, cols: number, keep = n): Float64Array {
  if (x.length !== n * cols) throw new Error(`dctII: ${x.length} values do not form a [${n}, ${cols}] matrix`);
  if (!Number.isInteger(keep) || keep < 1 || keep > n) throw new Error(`dctII: can keep 1..${n} coefficients, asked for ${keep}`);
  const out = new Float64Array(keep * cols);
  for (let k = 0; k < keep; k++) {
    const scale = k === 0 ? Math.sqrt(1 / n) : Math.sqrt(2 / n);
    for (let i = 0; i < n; i++) {
      const c = scale * Math.cos((Math.PI * k * (2 * i + 1)) / (2 * n));
      for (let j = 0; j < cols; j++) out[k * cols + j] += c * x[i * cols + j];
    }
  }
  return out;
}

/**
 * Mel-frequency cepstral coefficients (librosa.feature.mfcc): DCT-II (orthonormal) of the dB
 * power mel spectrogram, nMfcc rows (the course: 12 to 40).
 * @example
 * const C = mfcc(signal, 16000, { nMfcc: 13, nFft: 512, hopLength: 160, nMels: 40 }); // C.shape = [13, frames]
 */
export function mfcc(x: ArrayLike<number>, sampleRate: number, options: StftOptions & MelOptions & DbOptions & { nMfcc?: number } = {}): SpectrogramData {
  const nMfcc = options.nMfcc ?? 20;
  const nMels = options.nMels ?? 128;
  if (!Number.isInteger(nMfcc) || nMfcc < 1 || nMfcc > nMels) throw new Error(`mfcc: nMfcc must be an integer in [1, nMels=${nMels}], got ${nMfcc}`);
  const M = melSpectrogram(x, sampleRate, { ...options, power: 2 });
  const db = powerToDb(M.values, options);
  const frames = M.shape[1];
  const values = dctII(db, nMels, frames, nMfcc);
  const index = new Float64Array(nMfcc);
  for (let i = 0; i < nMfcc; i++) index[i] = i;
  return { ...M, values, shape: [nMfcc, frames], frequencies: index, frequencyUnit: "coefficient", frequencyRange: [0, nMfcc], frequencyScale: "index", valueUnit: "mfcc", times: framesToTime(frames, M.hopLength, sampleRate) };
}
