#!/usr/bin/env node
// Spoken-digit classification demo: digits 0–9 said by espeak-ng with varied pitch and speed
// ("speakers"), MFCC features (13 × frames), a small MLP trained with axone (Adam, cross-entropy).
// Train on some speakers, test on unseen ones; prints accuracy beside chance (10 %) and a
// nearest-centroid peer computed on the same features in the same run.
// Usage: node bench/spoken-digits.mjs [--speakers=N] [--language=fr|en]   (build first: npx tsc -b)
import { createRequire } from "node:module";
const require = createRequire(import.meta.url);
const ax = require("axone");
const { audio, nn, optim, tensor } = ax;

const arg = (name, dflt) => (process.argv.find((a) => a.startsWith(`--${name}=`)) ?? `--${name}=${dflt}`).split("=")[1];
const speakers = Number(arg("speakers", 16));
const language = arg("language", "fr");
const testSpeakers = Math.max(2, Math.round(speakers / 4));

let t0 = performance.now();
const { x, y, sampleRate } = audio.spokenDigitsTensor({ language, speakers, duration: 0.8 });
console.log(`synthesised ${x.shape[0]} clips (${speakers} voices × 10 digits, ${language}) in ${(performance.now() - t0).toFixed(0)} ms`);
t0 = performance.now();
const C = audio.mfccTensor(x, sampleRate, { nMfcc: 13, nFft: 256, hopLength: 128, nMels: 32 });
const [n, k, frames] = C.shape;
// Standardise each feature over the training clips.
const feats = Float32Array.from(C.data());
const dim = k * frames;
const nTrain = (speakers - testSpeakers) * 10;
for (let j = 0; j < dim; j++) {
  let m = 0, v = 0;
  for (let i = 0; i < nTrain; i++) m += feats[i * dim + j];
  m /= nTrain;
  for (let i = 0; i < nTrain; i++) v += (feats[i * dim + j] - m) ** 2;
  const s = Math.sqrt(v / nTrain) || 1;
  for (let i = 0; i < n; i++) feats[i * dim + j] = (feats[i * dim + j] - m) / s;
}
console.log(`MFCC features [${n}, ${k}, ${frames}] in ${(performance.now() - t0).toFixed(0)} ms; train on ${speakers - testSpeakers} voices, test on ${testSpeakers} unseen voices`);
const labels = Array.from(y.data());
const X = tensor(feats).reshape([n, dim]);
const Xtrain = X.narrow(0, 0, nTrain), Xtest = X.narrow(0, nTrain, n - nTrain);
const ytrain = tensor(Int32Array.from(labels.slice(0, nTrain)), { dtype: "int32" });
const ytest = labels.slice(nTrain);

// Peer: nearest class centroid on the same standardised features.
const centroids = Array.from({ length: 10 }, () => new Float64Array(dim));
for (let i = 0; i < nTrain; i++) for (let j = 0; j < dim; j++) centroids[labels[i]][j] += feats[i * dim + j] / (nTrain / 10);
let centroidOk = 0;
for (let i = nTrain; i < n; i++) {
  let best = 0, bestD = Infinity;
  centroids.forEach((c, d) => { let s = 0; for (let j = 0; j < dim; j++) s += (feats[i * dim + j] - c[j]) ** 2; if (s < bestD) { bestD = s; best = d; } });
  if (best === labels[i]) centroidOk++;
}

ax.manualSeed(0);
const model = new nn.Sequential(new nn.Linear(dim, 64), new nn.ReLU(), new nn.Dropout(0.2), new nn.Linear(64, 10));
const opt = new optim.Adam(model.parameters(), { lr: 3e-3 });
t0 = performance.now();
let loss;
for (let epoch = 0; epoch < 150; epoch++) {
  model.train();
  opt.zeroGrad();
  loss = nn.functional.crossEntropy(model(Xtrain), ytrain);
  loss.backward();
  opt.step();
}
model.eval();
const predicted = Array.from(ax.noGrad(() => model(Xtest)).argmax(1).data());
const acc = predicted.filter((p, i) => p === ytest[i]).length / ytest.length;
console.log(`MLP ${dim}-64-10, 150 full-batch Adam steps in ${(performance.now() - t0).toFixed(0)} ms, final train loss ${loss.item().toFixed(4)}`);
console.log(`test accuracy on unseen voices: MLP ${(acc * 100).toFixed(1)} %, nearest centroid ${((100 * centroidOk) / ytest.length).toFixed(1)} %, chance 10 %`);
