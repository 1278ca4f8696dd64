import { describe, expect, it } from "vitest";
import * as audio from "../../lib/audio";

describe("audio speech (espeak-ng + sox)", () => {
  it("speaks a word at the asked rate, and the spoken digits differ by digit", () => {
    const { samples, sampleRate } = audio.speak("bonjour", { sampleRate: 8000 });
    expect(sampleRate).toBe(8000);
    expect(samples.length).toBeGreaterThan(2000);
    const rms = Math.sqrt(samples.reduce((s, v) => s + v * v, 0) / samples.length);
    expect(rms).toBeGreaterThan(0.01);
    const set = audio.spokenDigits({ speakers: 2, duration: 0.6 });
    expect(set.labels).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(set.waveforms.every((w) => w.length === 4800)).toBe(true);
    expect(set.waveforms[1]).not.toEqual(set.waveforms[11]); // same digit, another "speaker"
  });

  it("explains bad requests", () => {
    expect(() => audio.speak("  ")).toThrow(/non-empty text/);
    expect(() => audio.spokenDigits({ language: "xx" as "fr" })).toThrow(/unknown language "xx"/);
  });
});
