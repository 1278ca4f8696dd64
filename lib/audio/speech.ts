// Real speech without a download: Debian's espeak-ng synthesises words, sox resamples them.
// Both are listed in scripts/deps.mjs; without them these functions say what to install.

import { spawnSync } from "node:child_process";
import { readWav } from "./wav";

export interface SpeakOptions {
  /** espeak-ng voice: "fr" (default), "en", "en-us", "de", ... */
  voice?: string;
  /** Words per minute (espeak default 175). */
  speed?: number;
  /** Pitch 0–99 (espeak default 50). */
  pitch?: number;
  /** Output rate in Hz (default 16000). */
  sampleRate?: number;
}

function run(op: string, command: string, args: string[], input?: Uint8Array): Uint8Array {
  const result = spawnSync(command, args, { input, maxBuffer: 64 * 1024 * 1024 });
  if (result.error) {
    const missing = (result.error as NodeJS.ErrnoException).code === "ENOENT";
    throw new Error(missing ? `${op}: ${command} is not installed; install the Debian packages espeak-ng and sox (apt-get install espeak-ng sox)` : `${op}: ${command} failed: ${result.error.message}`);
  }
  if (result.status !== 0) throw new Error(`${op}: ${command} exited with ${result.status}: ${result.stderr.toString().trim()}`);
  return new Uint8Array(result.stdout);
}

/**
 * Synthesises `text` with espeak-ng and returns mono samples in [-1, 1] at `sampleRate`.
 * @example
 * const { samples, sampleRate } = speak("bonjour", { voice: "fr" });
 */
export function speak(text: string, options: SpeakOptions = {}): { samples: Float32Array; sampleRate: number } {
  const { voice = "fr", speed = 160, pitch = 50, sampleRate = 16000 } = options;
  if (typeof text !== "string" || text.trim() === "") throw new Error("speak: give a non-empty text to say");
  if (!(pitch >= 0 && pitch <= 99)) throw new Error(`speak: pitch must be in 0..99, got ${pitch}`);
  if (!(speed >= 80 && speed <= 450)) throw new Error(`speak: speed must be 80..450 words per minute, got ${speed}`);
  const raw = run("speak", "espeak-ng", ["-v", voice, "-s", String(Math.round(speed)), "-p", String(Math.round(pitch)), "--stdout", text]);
  if (raw.byteLength < 44) throw new Error(`speak: espeak-ng produced no audio for voice "${voice}" (is the voice name right? see espeak-ng --voices)`);
  const resampled = run("speak", "sox", ["-t", "wav", "-", "-r", String(sampleRate), "-b", "16", "-c", "1", "-t", "wav", "-"], raw);
  const wav = readWav(resampled);
  return { samples: wav.channels[0], sampleRate: wav.sampleRate };
}

const DIGIT_WORDS: Record<string, string[]> = {
  fr: ["zéro", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf"],
  en: ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"],
};

/**
 * A tiny spoken-digit set for classification demos: each digit 0–9 said by espeak-ng with
 * `speakers` pitch/speed variations (deterministic), padded or cut to `duration` seconds.
 * @example
 * const { waveforms, labels } = spokenDigits({ language: "fr", speakers: 6 }); // 60 clips
 */
export function spokenDigits(options: { language?: "fr" | "en"; speakers?: number; sampleRate?: number; duration?: number } = {}): {
  waveforms: Float32Array[];
  labels: number[];
  words: string[];
  sampleRate: number;
} {
  const { language = "fr", speakers = 6, sampleRate = 8000, duration = 0.8 } = options;
  const words = DIGIT_WORDS[language];
  if (!words) throw new Error(`spokenDigits: unknown language "${String(language)}"; use "fr" or "en"`);
  if (!Number.isInteger(speakers) || speakers < 1 || speakers > 40) throw new Error(`spokenDigits: speakers must be an integer in 1..40, got ${speakers}`);
  const length = Math.round(duration * sampleRate);
  const waveforms: Float32Array[] = [];
  const labels: number[] = [];
  for (let s = 0; s < speakers; s++) {
    // Spread voices over pitch and speed with a fixed pattern, so the set is reproducible.
    const pitch = 20 + ((s * 37) % 60);
    const speed = 120 + ((s * 53) % 100);
    for (let d = 0; d < 10; d++) {
      const { samples } = speak(words[d], { voice: language, pitch, speed, sampleRate });
      const clip = new Float32Array(length);
      clip.set(samples.subarray(0, length));
      waveforms.push(clip);
      labels.push(d);
    }
  }
  return { waveforms, labels, words, sampleRate };
}
