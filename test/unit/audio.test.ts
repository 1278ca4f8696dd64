import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import * as audio from "../../lib/audio";

const ref = JSON.parse(readFileSync(fileURLToPath(new URL("../fixtures/audio/reference.json", import.meta.url)), "utf8"));

/** Element-wise |a-b| ≤ rtol·|b| + atol, atol a tiny fraction of the reference's peak. */
function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, rtol = 1e-4, label = "") {
  expect(actual.length, `${label} length`).toBe(expected.length);
  let peak = 0;
  for (let i = 0; i < expected.length; i++) peak = Math.max(peak, Math.abs(expected[i]));
  const atol = Math.max(peak * 1e-7, 1e-12);
  for (let i = 0; i < expected.length; i++) {
    const err = Math.abs(actual[i] - expected[i]);
    if (!(err <= rtol * Math.abs(expected[i]) + atol)) {
      throw new Error(`${label}[${i}]: got ${actual[i]}, expected ${expected[i]} (error ${err})`);
    }
  }
}
const flat = (rows: number[][]) => rows.flat();

describe("audio.fft", () => {
  it("matches numpy.fft.fft / ifft for radix-2 and Bluestein lengths", () => {
    for (const c of ref.fft) {
      const X = audio.fft(c.input.re, c.input.im);
      expectClose(X.re, c.fft.re, 1e-4, `fft n=${c.n} re`);
      expectClose(X.im, c.fft.im, 1e-4, `fft n=${c.n} im`);
      const x = audio.ifft(c.input.re, c.input.im);
      expectClose(x.re, c.ifft.re, 1e-4, `ifft n=${c.n} re`);
      expectClose(x.im, c.ifft.im, 1e-4, `ifft n=${c.n} im`);
    }
  });

  it("matches numpy rfft / irfft / rfftfreq / fftfreq", () => {
    for (const c of ref.rfft) {
      const X = audio.rfft(c.input);
      expectClose(X.re, c.rfft.re, 1e-4, `rfft n=${c.n}`);
      expectClose(X.im, c.rfft.im, 1e-4, `rfft n=${c.n}`);
      expectClose(audio.irfft(X.re, X.im, c.n), c.irfft, 1e-4, `irfft n=${c.n}`);
      expectClose(audio.rfftfreq(c.n, 8000), c.rfftfreq, 1e-12, "rfftfreq");
      expectClose(audio.fftfreq(c.n, 8000), c.fftfreq, 1e-12, "fftfreq");
    }
  });

  it("finds the course's two sines: 0.5 at 4 Hz and 1.5 at 1.5 Hz", () => {
    const sampleRate = 100;
    const s = audio.sumOfSines([{ amplitude: 0.5, frequency: 4 }, { amplitude: 1.5, frequency: 1.5 }], 10, sampleRate);
    const { frequencies, amplitudes } = audio.amplitudeSpectrum(s, sampleRate);
    const order = Array.from(amplitudes.keys()).sort((a, b) => amplitudes[b] - amplitudes[a]);
    expect(frequencies[order[0]]).toBeCloseTo(1.5, 10);
    expect(amplitudes[order[0]]).toBeCloseTo(1.5, 6);
    expect(frequencies[order[1]]).toBeCloseTo(4, 10);
    expect(amplitudes[order[1]]).toBeCloseTo(0.5, 6);
    expect(amplitudes[order[2]]).toBeLessThan(1e-9);
  });

  it("rejects empty input and mismatched parts", () => {
    expect(() => audio.fft([])).toThrow(/fft: the input is empty/);
    expect(() => audio.fft([1, 2], [1])).toThrow(/2 values but imaginary part has 1/);
  });
});

describe("audio signals", () => {
  it("chirps match scipy.signal.chirp", () => {
    const c = ref.chirp;
    expectClose(audio.chirp(c.f0, c.f1, c.duration, c.sampleRate), c.linear, 1e-4, "linear chirp");
    expectClose(audio.chirp(c.f0, c.f1, c.duration, c.sampleRate, { method: "logarithmic" }), c.logarithmic, 1e-4, "log chirp");
  });

  it("a sine is A sin(2πft + φ) and noise is seeded with the asked spread", () => {
    const y = audio.sine({ amplitude: 2, frequency: 3, phase: 0.5 }, 1, 50);
    expect(y.length).toBe(50);
    expect(y[7]).toBeCloseTo(2 * Math.sin(2 * Math.PI * 3 * (7 / 50) + 0.5), 12);
    const a = audio.noise(1, 20000, { std: 0.5, seed: 7 });
    expect(audio.noise(1, 20000, { std: 0.5, seed: 7 })).toEqual(a);
    expect(audio.noise(1, 20000, { std: 0.5, seed: 8 })).not.toEqual(a);
    const mean = a.reduce((s, v) => s + v, 0) / a.length;
    const std = Math.sqrt(a.reduce((s, v) => s + (v - mean) ** 2, 0) / a.length);
    expect(Math.abs(mean)).toBeLessThan(0.02);
    expect(std).toBeGreaterThan(0.49);
    expect(std).toBeLessThan(0.51);
    expect(() => audio.sine({ frequency: 3 }, 1, 0)).toThrow(/sampleRate must be a positive/);
  });
});

describe("audio WAV", () => {
  it("round-trips PCM16 and float32, mono and stereo", () => {
    const left = audio.sine({ amplitude: 0.8, frequency: 440 }, 0.05, 16000);
    const right = audio.noise(0.05, 16000, { std: 0.1, seed: 3 });
    const pcm = audio.readWav(audio.writeWav([left, right], 16000));
    expect(pcm.sampleRate).toBe(16000);
    expect(pcm.format).toEqual({ encoding: "pcm", bitsPerSample: 16 });
    expect(pcm.channels.length).toBe(2);
    for (let i = 0; i < left.length; i++) {
      expect(Math.abs(pcm.channels[0][i] - left[i])).toBeLessThan(1 / 16000);
      expect(Math.abs(pcm.channels[1][i] - right[i])).toBeLessThan(1 / 16000);
    }
    const f32 = audio.readWav(audio.writeWav([left], 22050, { encoding: "float32" }));
    expect(f32.format).toEqual({ encoding: "float", bitsPerSample: 32 });
    expect(f32.channels[0]).toEqual(Float32Array.from(left));
  });

  it("reads the committed word exactly as scipy.io.wavfile does", () => {
    const w = ref.wavBonjour;
    const { sampleRate, channels } = audio.readWav(readFileSync(fileURLToPath(new URL("../fixtures/audio/words/bonjour.wav", import.meta.url))));
    expect(sampleRate).toBe(w.sampleRate);
    expect(channels[0].length).toBe(w.length);
    expectClose(channels[0].subarray(2000, 2400), w.samples, 1e-7, "bonjour samples");
  });

  it("reads 24-bit extensible PCM with an odd-sized chunk before the data", () => {
    // RIFF, fmt (40-byte WAVE_FORMAT_EXTENSIBLE, sub-format PCM), "LIST" of 3 bytes + pad, data.
    const samples = [0, 0.5, -0.25, -1, 8388607 / 8388608, 1 / 8388608];
    const bytes: number[] = [];
    const str = (t: string) => { for (const ch of t) bytes.push(ch.charCodeAt(0)); };
    const u32 = (v: number) => bytes.push(v & 255, (v >> 8) & 255, (v >> 16) & 255, (v >>> 24) & 255);
    const u16 = (v: number) => bytes.push(v & 255, (v >> 8) & 255);
    str("RIFF"); u32(0); str("WAVE");
    str("fmt "); u32(40); u16(0xfffe); u16(2); u32(48000); u32(48000 * 6); u16(6); u16(24);
    u16(22); u16(24); u32(3); u16(1); for (let i = 0; i < 14; i++) bytes.push(0);
    str("LIST"); u32(3); bytes.push(1, 2, 3, 0);
    str("data"); u32(samples.length * 3);
    for (const v of samples) { const i = Math.round(v * 8388608) & 0xffffff; bytes.push(i & 255, (i >> 8) & 255, (i >> 16) & 255); }
    const wav = audio.readWav(Uint8Array.from(bytes));
    expect(wav.format).toEqual({ encoding: "pcm", bitsPerSample: 24 });
    expect(wav.sampleRate).toBe(48000);
    expect(Array.from(wav.channels[0])).toEqual(Array.from(Float32Array.from([0, -0.25, 8388607 / 8388608])));
    expect(Array.from(wav.channels[1])).toEqual(Array.from(Float32Array.from([0.5, -1, 1 / 8388608])));
  });

  it("explains a bad header", () => {
    expect(() => audio.readWav(new Uint8Array(4))).toThrow(/too short for a RIFF header/);
    const notRiff = new TextEncoder().encode("ID3\u0004xxxxWAVEfmt ");
    expect(() => audio.readWav(notRiff)).toThrow(/starts with "ID3/);
    const wav = audio.writeWav([[0, 0.5]], 8000);
    const noData = wav.slice(0, 36);
    new DataView(noData.buffer).setUint32(4, 28, true);
    expect(() => audio.readWav(noData)).toThrow(/no "data" chunk/);
    const adpcm = wav.slice();
    new DataView(adpcm.buffer).setUint16(20, 2, true);
    expect(() => audio.readWav(adpcm)).toThrow(/format tag 2 is not supported/);
    expect(() => audio.writeWav([[0, 1], [0]], 8000)).toThrow(/channel 1 has 1 samples but channel 0 has 2/);
  });

  it("reads the committed espeak-ng words", () => {
    const bytes = readFileSync(fileURLToPath(new URL("../fixtures/audio/words/bonjour.wav", import.meta.url)));
    const { sampleRate, channels } = audio.readWav(bytes);
    expect(sampleRate).toBe(16000);
    expect(channels.length).toBe(1);
    expect(channels[0].length).toBeGreaterThan(4000);
    const energy = channels[0].reduce((s, v) => s + v * v, 0) / channels[0].length;
    expect(energy).toBeGreaterThan(1e-4);
  });
});

describe("audio STFT and spectrograms", () => {
  const s = ref.spectral;
  const opts = { nFft: s.nFft, hopLength: s.hopLength };

  it("windows match scipy.signal.get_window and numpy.hanning", () => {
    expectClose(audio.getWindow("hann", 10), ref.windows.hann10, 1e-12, "hann");
    expectClose(audio.getWindow("hamming", 10), ref.windows.hamming10, 1e-12, "hamming");
    expectClose(audio.getWindow("hann", 10, false), ref.windows.hann10_symmetric, 1e-12, "symmetric hann");
  });

  it("stft matches scipy.signal.stft (reflect and zero padding) rescaled to librosa's convention", () => {
    const A = audio.stft(s.signal, { ...opts, padMode: "reflect" });
    expect(A.shape).toEqual(s.shape);
    expectClose(A.re, flat(s.stftHannReflect.re), 1e-4, "stft re");
    expectClose(A.im, flat(s.stftHannReflect.im), 1e-4, "stft im");
    const B = audio.stft(s.signal, { ...opts, window: "hamming" });
    expectClose(B.re, flat(s.stftHammingZeros.re), 1e-4, "stft hamming re");
    expectClose(B.im, flat(s.stftHammingZeros.im), 1e-4, "stft hamming im");
  });

  it("stft with a window shorter than nFft (centred, zero-padded) matches", () => {
    const Z = audio.stft(s.signal, { nFft: 256, winLength: 200, hopLength: 50, padMode: "reflect" });
    expect(Z.shape).toEqual(s.shapeWin200Hop50);
    expectClose(Z.re, flat(s.stftWin200Hop50.re), 1e-4, "stft win200 re");
    expectClose(Z.im, flat(s.stftWin200Hop50.im), 1e-4, "stft win200 im");
    const y = audio.istft(Z, { length: s.signal.length });
    expectClose(y, s.signal, 1e-6, "istft win200");
  });

  it("istft(stft(x)) gives x back", () => {
    for (const [nFft, hopLength, window] of [[256, 64, "hann"], [200, 50, "hamming"], [512, 128, "hann"]] as const) {
      const x = Float64Array.from(s.signal as number[]);
      const y = audio.istft(audio.stft(x, { nFft, hopLength, window }), { length: x.length });
      expectClose(y, x, 1e-6, `istft ${nFft}/${hopLength}/${window}`);
    }
  });

  it("power spectrogram in dB matches, with time and Hz axes", () => {
    const P = audio.spectrogram(s.signal, s.sampleRate, { ...opts, padMode: "reflect" });
    expect(P.valueUnit).toBe("power");
    expect(P.frequencyUnit).toBe("Hz");
    expect(P.frequencies[P.frequencies.length - 1]).toBe(s.sampleRate / 2);
    expect(P.times[1]).toBeCloseTo(s.hopLength / s.sampleRate, 12);
    const db = audio.spectrogramToDb(P);
    expect(db.valueUnit).toBe("dB");
    expectClose(db.values, flat(s.powerDb), 1e-4, "power dB");
    const A = audio.spectrogram(s.signal, s.sampleRate, { ...opts, padMode: "reflect", power: 1 });
    expectClose(audio.amplitudeToDb(A.values, { ref: "max", amin: 1e-5 }), flat(s.amplitudeDbMax), 1e-4, "amplitude dB");
  });

  it("mel filter banks match librosa's formulas (Slaney and HTK)", () => {
    const slaney = audio.melFilterBank(s.sampleRate, s.nFft, { nMels: 20 });
    expect(slaney.shape).toEqual([20, s.nFft / 2 + 1]);
    expectClose(slaney.weights, flat(s.melSlaney20), 1e-4, "slaney");
    const htk = audio.melFilterBank(s.sampleRate, s.nFft, { nMels: 16, fmin: 100, fmax: 3500, htk: true, norm: null });
    expectClose(htk.weights, flat(s.melHtk16), 1e-4, "htk");
    expectClose(audio.melFrequencies(5, 0, 4000), s.melFrequencies.slaney, 1e-10, "mel freqs slaney");
    expectClose(audio.melFrequencies(5, 0, 4000, true), s.melFrequencies.htk, 1e-10, "mel freqs htk");
    expect(audio.hzToMel(1000)).toBeCloseTo(15, 12);
    expect(audio.melToHz(audio.hzToMel(3210, true), true)).toBeCloseTo(3210, 8);
    expect(() => audio.melFilterBank(8000, 256, { fmax: 5000 })).toThrow(/above the Nyquist frequency 4000/);
  });

  it("mel spectrogram and 13 MFCCs match", () => {
    const M = audio.melSpectrogram(s.signal, s.sampleRate, { ...opts, padMode: "reflect", nMels: 20 });
    expect(M.frequencyScale).toBe("mel");
    expectClose(M.values, flat(s.melPower), 1e-4, "mel power");
    const C = audio.mfcc(s.signal, s.sampleRate, { ...opts, padMode: "reflect", nMels: 20, nMfcc: 13 });
    expect(C.shape).toEqual([13, s.shape[1]]);
    expectClose(C.values, flat(s.mfcc13), 1e-4, "mfcc");
    expect(() => audio.mfcc(s.signal, s.sampleRate, { nMels: 20, nMfcc: 40 })).toThrow(/nMfcc must be an integer in \[1, nMels=20\]/);
  });

  it("explains bad STFT options", () => {
    expect(() => audio.stft([1, 2, 3], { nFft: 256, center: false })).toThrow(/shorter than nFft=256/);
    expect(() => audio.stft([1, 2, 3], { nFft: 256, padMode: "reflect" })).toThrow(/reflect padding of 128 samples/);
    expect(() => audio.stft([1, 2, 3], { nFft: 8, winLength: 16 })).toThrow(/winLength must be an integer in \[1, nFft=8\]/);
  });
});
