// Short-time Fourier analysis on typed arrays, following librosa's conventions (reimplemented
// here; the fixtures check them against numpy/scipy): periodic windows, frames centred on
// t = frame·hop/sr with n_fft/2 padding, spectra stored [frequency bins × frames] row-major.

import { irfft, rfft, rfftfreq } from "./fft";

export type WindowName = "hann" | "hamming" | "rectangular";
export type PadMode = "constant" | "reflect";

/** What a frequency axis counts in. */
export type FrequencyUnit = "Hz" | "mel" | "coefficient";

/**
 * A time–frequency matrix with its axes, ready for `viz.spectrogram(...)`:
 * `values[f * frames + t]` is the value of frequency row f at frame t.
 */
export interface SpectrogramData {
  values: Float64Array;
  /** [rows (frequency bins, mel bands or coefficients), frames]. */
  shape: [number, number];
  /** Frame centres in seconds. */
  times: Float64Array;
  /** Row centres: Hz for a linear spectrogram, Hz of each mel band's centre for a mel one, or the coefficient index. */
  frequencies: Float64Array;
  frequencyUnit: FrequencyUnit;
  /** The frequency span the rows cover: [0, sr/2] Hz, [fmin, fmax] Hz for mel bands, [0, n] for coefficients. */
  frequencyRange: [number, number];
  /** How the rows are spaced: "linear" Hz, "mel" bands, or "index" (MFCC). */
  frequencyScale: "linear" | "mel" | "index";
  /** What the values are: "amplitude", "power", "dB" (relative to `ref`) or "mfcc". */
  valueUnit: "amplitude" | "power" | "dB" | "mfcc";
  sampleRate: number;
  hopLength: number;
  nFft: number;
}

/** A complex STFT: re/im of shape [bins, frames], row-major. */
export interface StftResult {
  re: Float64Array;
  im: Float64Array;
  shape: [number, number];
  nFft: number;
  hopLength: number;
  winLength: number;
  window: WindowName;
  center: boolean;
}

export interface StftOptions {
  /** FFT size (default 2048). */
  nFft?: number;
  /** Samples between frames (default winLength/4). */
  hopLength?: number;
  /** Window length ≤ nFft, zero-padded in the middle of the frame (default nFft). */
  winLength?: number;
  window?: WindowName;
  /** Pad nFft/2 on both sides so frame t is centred at t·hop (default true). */
  center?: boolean;
  /** Padding when centring: "constant" zeros (librosa ≥ 0.10 default) or "reflect" (scipy's "even"). */
  padMode?: PadMode;
}

/**
 * A window of length n. Periodic (DFT-even) by default, like scipy.signal.get_window and librosa;
 * `periodic: false` gives the symmetric version (numpy.hanning).
 * @example
 * getWindow("hann", 4); // [0, 0.5, 1, 0.5]
 */
export function getWindow(name: WindowName, n: number, periodic = true): Float64Array {
  if (!Number.isInteger(n) || n < 1) throw new Error(`getWindow: length must be a positive integer, got ${n}`);
  const w = new Float64Array(n);
  const denom = periodic ? n : n - 1;
  for (let k = 0; k < n; k++) {
    const c = denom === 0 ? 1 : Math.cos((2 * Math.PI * k) / denom);
    if (name === "hann") w[k] = 0.5 - 0.5 * c;
    else if (name === "hamming") w[k] = 0.54 - 0.46 * c;
    else if (name === "rectangular") w[k] = 1;
    else throw new Error(`getWindow: unknown window "${String(name)}"; use "hann", "hamming" or "rectangular"`);
  }
  if (n === 1) w[0] = 1;
  return w;
}

function resolveOptions(op: string, options: StftOptions) {
  const nFft = options.nFft ?? 2048;
  const winLength = options.winLength ?? nFft;
  const hopLength = options.hopLength ?? Math.floor(winLength / 4);
  const window = options.window ?? "hann";
  const center = options.center ?? true;
  const padMode = options.padMode ?? "constant";
  if (!Number.isInteger(nFft) || nFft < 1) throw new Error(`${op}: nFft must be a positive integer, got ${nFft}`);
  if (!Number.isInteger(winLength) || winLength < 1 || winLength > nFft) throw new Error(`${op}: winLength must be an integer in [1, nFft=${nFft}], got ${winLength}`);
  if (!Number.isInteger(hopLength) || hopLength < 1) throw new Error(`${op}: hopLength must be a positive integer, got ${hopLength}`);
  if (padMode !== "constant" && padMode !== "reflect") throw new Error(`${op}: padMode must be "constant" or "reflect", got ${String(padMode)}`);
  // The window, zero-padded to nFft and centred in the frame (librosa's pad_center).
  const short = getWindow(window, winLength);
  const full = new Float64Array(nFft);
  full.set(short, Math.floor((nFft - winLength) / 2));
  return { nFft, winLength, hopLength, window, center, padMode, fftWindow: full };
}

function padSignal(op: string, x: ArrayLike<number>, pad: number, mode: PadMode): Float64Array {
  const n = x.length;
  const out = new Float64Array(n + 2 * pad);
  for (let i = 0; i < n; i++) out[pad + i] = x[i];
  if (mode === "reflect" && pad > 0) {
    if (n <= pad) throw new Error(`${op}: reflect padding of ${pad} samples needs a signal longer than ${pad}, got ${n}; use padMode "constant" or a smaller nFft`);
    for (let i = 1; i <= pad; i++) {
      out[pad - i] = x[i];
      out[pad + n - 1 + i] = x[n - 1 - i];
    }
  }
  return out;
}

/**
 * Short-time Fourier transform (librosa.stft): frame t covers samples [t·hop, t·hop+nFft) of the
 * (centre-padded) signal, multiplied by the window, then rfft. Shape [nFft/2+1, frames].
 * @example
 * const S = stft(signal, { nFft: 512, hopLength: 128 }); // S.shape = [257, frames]
 */
export function stft(x: ArrayLike<number>, options: StftOptions = {}): StftResult {
  const o = resolveOptions("stft", options);
  const padded = o.center ? padSignal("stft", x, o.nFft >> 1, o.padMode) : Float64Array.from(x);
  if (padded.length < o.nFft) throw new Error(`stft: signal of ${x.length} samples is shorter than nFft=${o.nFft}; use center: true or a smaller nFft`);
  const frames = 1 + Math.floor((padded.length - o.nFft) / o.hopLength);
  const bins = (o.nFft >> 1) + 1;
  const re = new Float64Array(bins * frames);
  const im = new Float64Array(bins * frames);
  const frame = new Float64Array(o.nFft);
  for (let t = 0; t < frames; t++) {
    const start = t * o.hopLength;
    for (let k = 0; k < o.nFft; k++) frame[k] = padded[start + k] * o.fftWindow[k];
    const X = rfft(frame);
    for (let f = 0; f < bins; f++) {
      re[f * frames + t] = X.re[f];
      im[f * frames + t] = X.im[f];
    }
  }
  return { re, im, shape: [bins, frames], nFft: o.nFft, hopLength: o.hopLength, winLength: o.winLength, window: o.window, center: o.center };
}

/**
 * Inverse STFT by weighted overlap-add (librosa.istft): each frame's irfft times the window,
 * summed, divided by the summed squared window. Recovers x from stft(x) up to float error.
 * @example
 * const y = istft(stft(x, { nFft: 512 }), { length: x.length });
 */
export function istft(S: StftResult, options: { length?: number } = {}): Float64Array {
  const [bins, frames] = S.shape;
  const nFft = S.nFft;
  if (bins !== (nFft >> 1) + 1) throw new Error(`istft: ${bins} frequency bins do not match nFft=${nFft} (expected ${(nFft >> 1) + 1})`);
  const o = resolveOptions("istft", { nFft, hopLength: S.hopLength, winLength: S.winLength, window: S.window });
  const total = nFft + o.hopLength * (frames - 1);
  const y = new Float64Array(total);
  const wsum = new Float64Array(total);
  const colRe = new Float64Array(bins), colIm = new Float64Array(bins);
  for (let t = 0; t < frames; t++) {
    for (let f = 0; f < bins; f++) {
      colRe[f] = S.re[f * frames + t];
      colIm[f] = S.im[f * frames + t];
    }
    const frame = irfft(colRe, colIm, nFft);
    const start = t * o.hopLength;
    for (let k = 0; k < nFft; k++) {
      y[start + k] += frame[k] * o.fftWindow[k];
      wsum[start + k] += o.fftWindow[k] * o.fftWindow[k];
    }
  }
  const tiny = 1.1754943508222875e-38; // float32 tiny, as librosa
  for (let i = 0; i < total; i++) if (wsum[i] > tiny) y[i] /= wsum[i];
  const start = S.center ? nFft >> 1 : 0;
  const length = options.length ?? (S.center ? total - 2 * (nFft >> 1) : total);
  const out = new Float64Array(length);
  out.set(y.subarray(start, Math.min(total, start + length)));
  return out;
}

/** Frame centre times in seconds (librosa.frames_to_time): t·hop/sr. */
export function framesToTime(frames: number, hopLength: number, sampleRate: number): Float64Array {
  const out = new Float64Array(frames);
  for (let t = 0; t < frames; t++) out[t] = (t * hopLength) / sampleRate;
  return out;
}

/**
 * Magnitude (power 1) or power (power 2) spectrogram with time and Hz axes.
 * @example
 * const S = spectrogram(signal, 16000, { nFft: 512, hopLength: 128, power: 2 });
 */
export function spectrogram(x: ArrayLike<number>, sampleRate: number, options: StftOptions & { power?: number } = {}): SpectrogramData {
  if (!(sampleRate > 0)) throw new Error(`spectrogram: sampleRate must be a positive number of Hz, got ${sampleRate}`);
  const power = options.power ?? 2;
  if (!(power > 0)) throw new Error(`spectrogram: power must be positive (1 magnitude, 2 power), got ${power}`);
  const S = stft(x, options);
  const values = new Float64Array(S.re.length);
  for (let i = 0; i < values.length; i++) {
    const mag = Math.hypot(S.re[i], S.im[i]);
    values[i] = power === 1 ? mag : power === 2 ? mag * mag : Math.pow(mag, power);
  }
  return {
    values,
    shape: S.shape,
    times: framesToTime(S.shape[1], S.hopLength, sampleRate),
    frequencies: rfftfreq(S.nFft, sampleRate),
    frequencyUnit: "Hz",
    frequencyRange: [0, sampleRate / 2],
    frequencyScale: "linear",
    valueUnit: power === 1 ? "amplitude" : "power",
    sampleRate,
    hopLength: S.hopLength,
    nFft: S.nFft,
  };
}

export interface DbOptions {
  /** Reference: a number, or "max" to use the largest value (0 dB at the peak). Default 1. */
  ref?: number | "max";
  /** Floor before the logarithm (default 1e-10 for power, 1e-5 for amplitude). */
  amin?: number;
  /** Clip to at most this many dB below the peak (default 80; null: no clipping). */
  topDb?: number | null;
}

/**
 * 10·log10(max(amin, S)) − 10·log10(max(amin, ref)), clipped to topDb below the peak (librosa.power_to_db).
 * @example
 * powerToDb([1, 10, 100]); // [0, 10, 20]
 */
export function powerToDb(S: ArrayLike<number>, options: DbOptions = {}): Float64Array {
  const amin = options.amin ?? 1e-10;
  const topDb = options.topDb === undefined ? 80 : options.topDb;
  if (!(amin > 0)) throw new Error(`powerToDb: amin must be positive, got ${amin}`);
  if (topDb !== null && !(topDb >= 0)) throw new Error(`powerToDb: topDb must be non-negative or null, got ${topDb}`);
  let ref = options.ref ?? 1;
  if (ref === "max") {
    ref = -Infinity;
    for (let i = 0; i < S.length; i++) ref = Math.max(ref, Math.abs(S[i]));
  }
  const offset = 10 * Math.log10(Math.max(amin, Math.abs(ref)));
  const out = new Float64Array(S.length);
  let peak = -Infinity;
  for (let i = 0; i < S.length; i++) {
    out[i] = 10 * Math.log10(Math.max(amin, S[i])) - offset;
    peak = Math.max(peak, out[i]);
  }
  if (topDb !== null) for (let i = 0; i < out.length; i++) out[i] = Math.max(out[i], peak - topDb);
  return out;
}

/**
 * 20·log10 of an amplitude spectrogram (librosa.amplitude_to_db): powerToDb(S², ref², amin²).
 * @example
 * amplitudeToDb([1, 10]); // [0, 20]
 */
export function amplitudeToDb(S: ArrayLike<number>, options: DbOptions = {}): Float64Array {
  const squared = new Float64Array(S.length);
  let ref = options.ref ?? 1;
  if (ref === "max") {
    ref = 0;
    for (let i = 0; i < S.length; i++) ref = Math.max(ref, Math.abs(S[i]));
  }
  for (let i = 0; i < S.length; i++) squared[i] = S[i] * S[i];
  const amin = options.amin ?? 1e-5;
  return powerToDb(squared, { ref: ref * ref, amin: amin * amin, topDb: options.topDb });
}

/** Converts a SpectrogramData's values to dB (power: 10·log10, amplitude: 20·log10). */
export function spectrogramToDb(S: SpectrogramData, options: DbOptions = {}): SpectrogramData {
  if (S.valueUnit === "dB" || S.valueUnit === "mfcc") throw new Error(`spectrogramToDb: values are already ${S.valueUnit}`);
  const values = S.valueUnit === "amplitude" ? amplitudeToDb(S.values, options) : powerToDb(S.values, options);
  return { ...S, values, valueUnit: "dB" };
}

/** Options in the shape viz.spectrogram(matrix, options) reads (kept structural: audio does not import viz). */
export interface SpectrogramVizOptions {
  sampleRate?: number;
  hopLength?: number;
  mel: boolean;
  scale: "magnitude" | "power" | "db";
  fMin?: number;
  fMax?: number;
  duration: number;
  title: string;
}

/**
 * The axes of a SpectrogramData as viz.spectrogram options, so the plot's time (s) and
 * frequency (Hz, mel) axes are right: viz.spectrogram(audio.spectrogramTensor(S), audio.vizOptions(S)).
 * @example
 * const S = audio.spectrogramToDb(audio.melSpectrogram(x, 16000, { nMels: 64 }));
 * viz.spectrogram(audio.spectrogramTensor(S), audio.vizOptions(S));
 */
export function vizOptions(S: SpectrogramData): SpectrogramVizOptions {
  const duration = (S.shape[1] * S.hopLength) / S.sampleRate;
  const scale = S.valueUnit === "amplitude" ? "magnitude" : S.valueUnit === "power" ? "power" : "db";
  if (S.frequencyScale === "index") return { mel: false, scale, duration, title: "MFCC" };
  return {
    sampleRate: S.sampleRate, hopLength: S.hopLength, mel: S.frequencyScale === "mel", scale,
    fMin: S.frequencyRange[0], fMax: S.frequencyRange[1], duration,
    title: S.frequencyScale === "mel" ? "Mel spectrogram" : "Spectrogram",
  };
}
