import { describe, expect, it } from "vitest";
import { tensor, audio, text } from "axone";
import * as plain from "../../lib/audio";

describe("audio tensor API (through the public axone entry)", () => {
  const sr = 8000;
  const x = plain.sumOfSines([{ amplitude: 0.7, frequency: 440 }, { amplitude: 0.2, frequency: 1900 }], 0.25, sr);

  it("spectrogram / mel / MFCC tensors equal the typed-array results, batched too", () => {
    const opts = { nFft: 256, hopLength: 64 };
    const S = audio.spectrogramTensorOf(tensor(Float32Array.from(x)), sr, opts);
    const ref = plain.spectrogram(Float32Array.from(x), sr, opts);
    expect(S.shape).toEqual(ref.shape);
    const got = S.data() as Float32Array;
    for (let i = 0; i < got.length; i += 97) expect(got[i]).toBeCloseTo(ref.values[i], 2);
    const batch = tensor(Float32Array.from([...x, ...x.map((v) => 0.5 * v)])).reshape([2, x.length]);
    const M = audio.melSpectrogramTensor(batch, sr, { ...opts, nMels: 24, db: true });
    expect(M.shape).toEqual([2, 24, ref.shape[1]]);
    const m = M.data() as Float32Array;
    const half = m.length / 2;
    // Halving the amplitude lowers the power by 20·log10(2) ≈ 6.02 dB wherever it is above the floor.
    expect(m[half + 5 * ref.shape[1] + 10] - m[5 * ref.shape[1] + 10]).toBeCloseTo(-6.0206, 2);
    expect(audio.mfccTensor(batch, sr, { ...opts, nMels: 24, nMfcc: 12 }).shape).toEqual([2, 12, ref.shape[1]]);
  });

  it("stftTensor → istftTensor reconstructs, and the axes travel with spectrogramOf", () => {
    const t = tensor(Float32Array.from(x));
    const Z = audio.stftTensor(t, { nFft: 256, hopLength: 64 });
    expect(Z.shape).toEqual([129, 1 + Math.floor(x.length / 64), 2]);
    const y = audio.istftTensor(Z, { nFft: 256, hopLength: 64, length: x.length }).data() as Float32Array;
    let err = 0;
    for (let i = 0; i < x.length; i++) err = Math.max(err, Math.abs(y[i] - x[i]));
    expect(err).toBeLessThan(1e-5);
    const S = audio.spectrogramOf(t, sr, { nFft: 256, hopLength: 64, mel: { nMels: 32 }, db: true });
    expect(S.frequencyScale).toBe("mel");
    expect(S.valueUnit).toBe("dB");
    expect(S.times.length).toBe(S.shape[1]);
    expect(S.frequencies.length).toBe(32);
    expect(() => audio.stftTensor(tensor([[[1]]]))).toThrow(/\[samples\] or \[batch, samples\], got \[1, 1, 1\]/);
  });

  it("fftTensor finds the course's sines; WAV through tensors; CSR to tensor", () => {
    const s = audio.sumOfSinesTensor([{ amplitude: 0.5, frequency: 4 }, { amplitude: 1.5, frequency: 1.5 }], 10, 100);
    const X = audio.fftTensor(s).data() as Float32Array;
    const amp = (k: number) => (2 / 1000) * Math.hypot(X[2 * k], X[2 * k + 1]);
    expect(amp(40)).toBeCloseTo(0.5, 4); // 4 Hz = bin 40 at 0.1 Hz resolution
    expect(amp(15)).toBeCloseTo(1.5, 4);
    const { waveform, sampleRate } = audio.loadWav(audio.saveWav(tensor([[0, 0.5, -0.5], [0.25, 0, 1]]), 8000, { encoding: "float32" }));
    expect(sampleRate).toBe(8000);
    expect(waveform.toArray()).toEqual([[0, 0.5, -0.5], [0.25, 0, 1]]);
    expect(new text.CountVectorizer({ tokenizer: "sklearn" }).fitTransform(["aa bb", "bb cc"]).toTensor().toArray()).toEqual([[1, 1, 0], [0, 1, 1]]);
  });
});

describe("audio spectrograms drawn by viz with their axes", () => {
  it("vizOptions carries time, Hz/mel and the value scale into viz.spectrogram", async () => {
    const viz = await import("../../lib/viz");
    const x = plain.chirp(200, 3500, 0.5, 8000);
    const S = plain.spectrogramToDb(plain.melSpectrogram(x, 8000, { nFft: 256, hopLength: 64, nMels: 40, fmin: 50 }));
    const o = audio.vizOptions(S);
    expect(o).toMatchObject({ sampleRate: 8000, hopLength: 64, mel: true, scale: "db", fMin: 50, fMax: 4000 });
    expect(o.duration).toBeCloseTo((S.shape[1] * 64) / 8000, 12);
    const fig = viz.spectrogram(audio.spectrogramTensor(S), o) as unknown as { payload: { y: { scale: string; unit: string; range: number[] }; x: { unit: string } } };
    expect(fig.payload.y).toMatchObject({ scale: "mel", unit: "Hz", range: [50, 4000] });
    expect(fig.payload.x.unit).toBe("s");
  });

  it("plotSpectrogram draws a linear spectrogram with Hz up to Nyquist and a notebook display", () => {
    const x = plain.sumOfSines([{ frequency: 1000 }], 0.5, 8000);
    const fig = audio.plotSpectrogram(audio.spectrogramOf(x, 8000, { nFft: 256, hopLength: 64, db: true }), { title: "1 kHz" }) as unknown as {
      payload: { kind: string; title: string; y: { scale: string; range: number[] } };
    };
    expect(fig.payload).toMatchObject({ kind: "spectrogram", title: "1 kHz", y: { scale: "linear", range: [0, 4000] } });
    expect(typeof (fig as unknown as Record<symbol, unknown>)[Symbol.for("Jupyter.display")]).toBe("function");
  });

  it("viz.spectrogram reads SpectrogramData directly (mel and MFCC)", async () => {
    const viz = await import("../../lib/viz");
    const x = plain.chirp(300, 3000, 0.4, 8000);
    const M = plain.spectrogramToDb(plain.melSpectrogram(x, 8000, { nFft: 256, hopLength: 64, nMels: 30, fmax: 3800 }));
    const figM = viz.spectrogram(M as never) as unknown as { payload: { y: { scale: string; range: number[] } } };
    expect(figM.payload.y).toMatchObject({ scale: "mel", range: [0, 3800] });
    const C = plain.mfcc(x, 8000, { nFft: 256, hopLength: 64, nMels: 30, nMfcc: 13 });
    expect(() => viz.spectrogram(C as never)).not.toThrow();
  });
});
