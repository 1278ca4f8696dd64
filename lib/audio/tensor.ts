// The tensor-facing audio API: the same transforms taking and returning axone tensors.
// A waveform is a 1-D tensor [samples] or a batch [batch, samples]; spectra come back as
// [rows, frames] or [batch, rows, frames] float32 tensors (complex ones as [..., 2] = re, im,
// like torch.view_as_real). `spectrogramOf` keeps the axes for viz.spectrogram.

import { tensor, Tensor } from "../core";
import * as fftModule from "./fft";
import * as mel from "./mel";
import * as signals from "./signals";
import * as spectral from "./spectral";
import * as speech from "./speech";
import { readWav, writeWav } from "./wav";
import type { SpectrogramData, StftOptions } from "./spectral";
import { spectrogram as vizSpectrogram, type SpectrogramOptions } from "../viz";

/** A waveform as a tensor, or plain numbers. */
export type WaveformLike = Tensor | ArrayLike<number>;

function rows(op: string, x: WaveformLike): { batch: Float64Array[]; batched: boolean } {
  if (x instanceof Tensor) {
    if (x.shape.length === 1) return { batch: [Float64Array.from(x.data() as ArrayLike<number>)], batched: false };
    if (x.shape.length === 2) {
      const [b, n] = x.shape;
      const flat = x.data() as ArrayLike<number>;
      return { batch: Array.from({ length: b }, (_, i) => Float64Array.from(Array.prototype.slice.call(flat, i * n, (i + 1) * n) as number[])), batched: true };
    }
    throw new Error(`${op}: expected a waveform of shape [samples] or [batch, samples], got [${x.shape.join(", ")}]`);
  }
  if (x === null || typeof x !== "object" || typeof (x as ArrayLike<number>).length !== "number") throw new Error(`${op}: expected a tensor or an array of samples`);
  return { batch: [Float64Array.from(x)], batched: false };
}

function stackResults(results: { values: ArrayLike<number>; shape: number[] }[], batched: boolean): Tensor {
  const shape = results[0].shape;
  const size = shape.reduce((a, b) => a * b, 1);
  const out = new Float32Array(size * results.length);
  results.forEach((r, i) => out.set(r.values, i * size));
  return tensor(out, { dtype: "float32" }).reshape(batched ? [results.length, ...shape] : shape);
}

/**
 * A SpectrogramData's values as a float32 tensor [rows, frames].
 * @example
 * const S = audio.spectrogram(x, 16000); audio.spectrogramTensor(S).shape; // [1025, frames]
 */
export function spectrogramTensor(S: SpectrogramData): Tensor {
  return tensor(Float32Array.from(S.values), { dtype: "float32" }).reshape(S.shape);
}

/**
 * A sum of sines as a float32 tensor [samples].
 * @example
 * const s = audio.sumOfSinesTensor([{ amplitude: 0.5, frequency: 4 }, { amplitude: 1.5, frequency: 1.5 }], 10, 100);
 */
export function sumOfSinesTensor(components: signals.SineComponent[], duration: number, sampleRate: number): Tensor {
  return tensor(Float32Array.from(signals.sumOfSines(components, duration, sampleRate)), { dtype: "float32" });
}

/**
 * FFT of a real or complex tensor: input [n] (real) or [n, 2] (re, im); output [n, 2].
 * @example
 * audio.fftTensor(tensor([1, 0, -1, 0])).toArray(); // [[0,0],[2,0],[0,0],[2,0]]
 */
export function fftTensor(x: Tensor, options: { inverse?: boolean } = {}): Tensor {
  let re: Float64Array, im: Float64Array | undefined;
  const values = x.data() as ArrayLike<number>;
  if (x.shape.length === 1) re = Float64Array.from(values);
  else if (x.shape.length === 2 && x.shape[1] === 2) {
    re = Float64Array.from({ length: x.shape[0] }, (_, i) => values[2 * i]);
    im = Float64Array.from({ length: x.shape[0] }, (_, i) => values[2 * i + 1]);
  } else throw new Error(`fftTensor: expected [n] (real) or [n, 2] (re, im), got [${x.shape.join(", ")}]`);
  const X = options.inverse ? fftModule.ifft(re, im) : fftModule.fft(re, im);
  return complexTensor(X.re, X.im, [X.re.length]);
}

function complexTensor(re: ArrayLike<number>, im: ArrayLike<number>, shape: number[]): Tensor {
  const out = new Float32Array(re.length * 2);
  for (let i = 0; i < re.length; i++) {
    out[2 * i] = re[i];
    out[2 * i + 1] = im[i];
  }
  return tensor(out, { dtype: "float32" }).reshape([...shape, 2]);
}

/**
 * rfft of a real tensor [n] → [n/2+1, 2].
 * @example
 * audio.rfftTensor(tensor([0, 1, 0, -1])).shape; // [3, 2]
 */
export function rfftTensor(x: WaveformLike, n?: number): Tensor {
  const { batch, batched } = rows("rfftTensor", x);
  if (batched) throw new Error("rfftTensor: expected a 1-D tensor [samples]; loop over the batch");
  const X = fftModule.rfft(batch[0], n);
  return complexTensor(X.re, X.im, [X.re.length]);
}

/**
 * STFT of [samples] or [batch, samples] → [bins, frames, 2] or [batch, bins, frames, 2].
 * @example
 * audio.stftTensor(x, { nFft: 512, hopLength: 128 }).shape; // [257, frames, 2]
 */
export function stftTensor(x: WaveformLike, options: StftOptions = {}): Tensor {
  const { batch, batched } = rows("stftTensor", x);
  const parts = batch.map((b) => {
    const S = spectral.stft(b, options);
    const inter = new Float64Array(S.re.length * 2);
    for (let i = 0; i < S.re.length; i++) {
      inter[2 * i] = S.re[i];
      inter[2 * i + 1] = S.im[i];
    }
    return { values: inter, shape: [...S.shape, 2] };
  });
  return stackResults(parts, batched);
}

/**
 * Inverse STFT of [bins, frames, 2] (options as given to stftTensor) → [samples].
 * @example
 * const y = audio.istftTensor(audio.stftTensor(x, { nFft: 256 }), { nFft: 256, length: 8000 });
 */
export function istftTensor(S: Tensor, options: StftOptions & { length?: number } = {}): Tensor {
  if (S.shape.length !== 3 || S.shape[2] !== 2) throw new Error(`istftTensor: expected [bins, frames, 2] (re, im), got [${S.shape.join(", ")}]`);
  const [bins, frames] = S.shape;
  const nFft = options.nFft ?? 2 * (bins - 1);
  if ((nFft >> 1) + 1 !== bins) throw new Error(`istftTensor: ${bins} bins do not match nFft=${nFft}; pass the nFft used for the STFT`);
  const values = S.data() as ArrayLike<number>;
  const re = new Float64Array(bins * frames), im = new Float64Array(bins * frames);
  for (let i = 0; i < re.length; i++) {
    re[i] = values[2 * i];
    im[i] = values[2 * i + 1];
  }
  const winLength = options.winLength ?? nFft;
  const y = spectral.istft({ re, im, shape: [bins, frames], nFft, hopLength: options.hopLength ?? Math.floor(winLength / 4), winLength, window: options.window ?? "hann", center: options.center ?? true }, { length: options.length });
  return tensor(Float32Array.from(y), { dtype: "float32" });
}

type SpecOptions = StftOptions & { power?: number; db?: boolean | spectral.DbOptions };

function toDb(S: SpectrogramData, db: SpecOptions["db"]): SpectrogramData {
  return db ? spectral.spectrogramToDb(S, db === true ? {} : db) : S;
}

/**
 * The spectrogram with its axes (times in s, frequencies in Hz) for one waveform, for viz.
 * @example
 * viz.spectrogram(audio.spectrogramOf(x, 16000, { nFft: 512, db: true }));
 */
export function spectrogramOf(x: WaveformLike, sampleRate: number, options: SpecOptions & { mel?: boolean | mel.MelOptions } = {}): SpectrogramData {
  const { batch, batched } = rows("spectrogramOf", x);
  if (batched) throw new Error("spectrogramOf: expected one waveform [samples], got a batch; pick one row");
  const S = options.mel ? mel.melSpectrogram(batch[0], sampleRate, { ...options, ...(options.mel === true ? {} : options.mel) }) : spectral.spectrogram(batch[0], sampleRate, options);
  return toDb(S, options.db);
}

/**
 * Magnitude/power spectrogram tensor [bins, frames] (or [batch, bins, frames]), in dB with `db`.
 * @example
 * audio.spectrogramTensorOf(x, 16000, { nFft: 512, power: 2, db: true });
 */
export function spectrogramTensorOf(x: WaveformLike, sampleRate: number, options: SpecOptions = {}): Tensor {
  const { batch, batched } = rows("spectrogramTensorOf", x);
  return stackResults(batch.map((b) => toDb(spectral.spectrogram(b, sampleRate, options), options.db)), batched);
}

/**
 * Mel spectrogram tensor [nMels, frames] (or batched), in dB with `db`.
 * @example
 * audio.melSpectrogramTensor(x, 16000, { nFft: 512, hopLength: 160, nMels: 40, db: true });
 */
export function melSpectrogramTensor(x: WaveformLike, sampleRate: number, options: SpecOptions & mel.MelOptions = {}): Tensor {
  const { batch, batched } = rows("melSpectrogramTensor", x);
  return stackResults(batch.map((b) => toDb(mel.melSpectrogram(b, sampleRate, options), options.db)), batched);
}

/**
 * MFCC tensor [nMfcc, frames] (or [batch, nMfcc, frames]).
 * @example
 * audio.mfccTensor(x, 16000, { nMfcc: 13, nFft: 512, hopLength: 160, nMels: 40 }).shape; // [13, frames]
 */
export function mfccTensor(x: WaveformLike, sampleRate: number, options: StftOptions & mel.MelOptions & spectral.DbOptions & { nMfcc?: number } = {}): Tensor {
  const { batch, batched } = rows("mfccTensor", x);
  return stackResults(batch.map((b) => mel.mfcc(b, sampleRate, options)), batched);
}

/**
 * The spoken-digit set as tensors: waveforms [N, samples] float32 and labels [N] int32.
 * @example
 * const { x, y } = audio.spokenDigitsTensor({ speakers: 6 }); // x: [60, 6400], y: [60]
 */
export function spokenDigitsTensor(options: Parameters<typeof speech.spokenDigits>[0] = {}): { x: Tensor; y: Tensor; words: string[]; sampleRate: number } {
  const set = speech.spokenDigits(options);
  const length = set.waveforms[0].length;
  const flat = new Float32Array(set.waveforms.length * length);
  set.waveforms.forEach((w, i) => flat.set(w, i * length));
  return {
    x: tensor(flat, { dtype: "float32" }).reshape([set.waveforms.length, length]),
    y: tensor(Int32Array.from(set.labels), { dtype: "int32" }),
    words: set.words,
    sampleRate: set.sampleRate,
  };
}

/**
 * Reads a WAV file's bytes into a float32 tensor [samples] (mono) or [channels, samples].
 * @example
 * const { waveform, sampleRate } = audio.loadWav(fs.readFileSync("word.wav"));
 */
export function loadWav(bytes: Uint8Array | ArrayBuffer): { waveform: Tensor; sampleRate: number } {
  const wav = readWav(bytes);
  const n = wav.channels[0].length;
  if (wav.channels.length === 1) return { waveform: tensor(wav.channels[0], { dtype: "float32" }), sampleRate: wav.sampleRate };
  const flat = new Float32Array(n * wav.channels.length);
  wav.channels.forEach((c, i) => flat.set(c, i * n));
  return { waveform: tensor(flat, { dtype: "float32" }).reshape([wav.channels.length, n]), sampleRate: wav.sampleRate };
}

/**
 * Encodes a tensor [samples] or [channels, samples] as WAV bytes.
 * @example
 * fs.writeFileSync("tone.wav", audio.saveWav(audio.sumOfSinesTensor([{ frequency: 440 }], 1, 16000), 16000));
 */
export function saveWav(waveform: WaveformLike, sampleRate: number, options: { encoding?: "pcm16" | "float32" } = {}): Uint8Array {
  const { batch } = rows("saveWav", waveform);
  return writeWav(batch, sampleRate, options);
}

/**
 * Draws a SpectrogramData in a notebook with its time (s) and frequency (Hz / mel) axes:
 * viz.spectrogram with the options vizOptions(S) gives, overridable.
 * @example
 * audio.plotSpectrogram(audio.spectrogramOf(x, 16000, { mel: true, db: true }), { title: "bonjour" });
 */
export function plotSpectrogram(S: SpectrogramData, options: Partial<SpectrogramOptions> = {}): ReturnType<typeof vizSpectrogram> {
  const base = spectral.vizOptions(S);
  return vizSpectrogram(spectrogramTensor(S), { ...base, ...options });
}
