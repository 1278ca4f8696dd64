#!/usr/bin/env node
// FFT and STFT speed of axone.audio against tfjs-core's CPU backend measured in the same run
// (tf.spectral.rfft, tf.signal.stft; tfjs has no centre padding, so axone's STFT does ~4 more
// frames). Medians of repeated runs after warm-up; the machine may be shared, so compare ratios.
// tfjs-cpu runs fewer repetitions because it is slow.
// Usage: node bench/audio-fft.mjs   (build first: npx tsc -b)
import { createRequire } from "node:module";
const require = createRequire(import.meta.url);
const { audio } = require("axone");
const tf = require("@tensorflow/tfjs-core");
require("@tensorflow/tfjs-backend-cpu");

await tf.setBackend("cpu");
function median(fn, reps) {
  for (let i = 0; i < 3; i++) fn();
  const times = [];
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(reps / 2)];
}

const x16k = audio.noise(1, 16000, { seed: 1 });
for (const n of [512, 1000, 4096]) {
  const x = x16k.subarray(0, n);
  const xt = tf.tensor1d(Float32Array.from(x));
  const ours = median(() => audio.rfft(x), 50);
  const peer = median(() => tf.tidy(() => tf.spectral.rfft(xt).dataSync()), 5);
  const kind = (n & (n - 1)) === 0 ? "radix-2" : "Bluestein";
  console.log(`rfft n=${n} (${kind}): axone ${ours.toFixed(3)} ms, tfjs-cpu ${peer.toFixed(3)} ms, ratio ${(peer / ours).toFixed(2)}×`);
  xt.dispose();
}
// tfjs-cpu's FFT is slow (tens of ms per 512-point frame), so the STFT comparison uses 0.25 s.
const signal = audio.noise(0.25, 16000, { seed: 2 });
const st = tf.tensor1d(Float32Array.from(signal));
const ours = median(() => audio.stft(signal, { nFft: 512, hopLength: 128 }), 7);
const peer = median(() => tf.tidy(() => tf.signal.stft(st, 512, 128, 512, tf.signal.hannWindow).dataSync()), 1);
console.log(`stft 0.25 s @ 16 kHz, nFft 512, hop 128: axone ${ours.toFixed(1)} ms, tfjs-cpu ${peer.toFixed(1)} ms, ratio ${(peer / ours).toFixed(2)}×`);
const ten = audio.noise(10, 16000, { seed: 3 });
console.log(`stft 10 s @ 16 kHz, nFft 512, hop 128: axone ${median(() => audio.stft(ten, { nFft: 512, hopLength: 128 }), 5).toFixed(1)} ms`);
const mf = median(() => audio.mfcc(ten, 16000, { nFft: 512, hopLength: 160, nMels: 40, nMfcc: 13 }), 5);
console.log(`mfcc 10 s @ 16 kHz (nFft 512, hop 160, 40 mels, 13 coefficients): axone ${mf.toFixed(1)} ms`);
