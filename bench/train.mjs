#!/usr/bin/env node
// bench/train: LeNet-5 training throughput (forward + backward + SGD step, batch 64, 1×28×28 inputs)
// for axone and for PyTorch (Debian's python3-torch, 2 threads) in the same run; prints images per
// second, the time one epoch of 60,000 images would take, and the ratio.
// Usage: node bench/train.mjs [iterations=40]   (build first: node scripts/build.mjs)
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
const require = createRequire(import.meta.url);
const ax = require("axone");
const { lenet5 } = require("./train-models.cjs");
const { nn, optim } = ax;

const iterations = Number(process.argv[2] ?? 40);
const batch = 64;

function axoneRun() {
  ax.manualSeed(0);
  const model = lenet5();
  const opt = new optim.SGD(model.parameters(), { lr: 0.01, momentum: 0.9 });
  const x = ax.randn([batch, 1, 28, 28]);
  const y = ax.randint(0, 10, [batch]);
  const lossFn = new nn.CrossEntropyLoss();
  const step = () => {
    opt.zeroGrad();
    const loss = lossFn(model(x), y);
    loss.backward();
    opt.step();
    return loss;
  };
  for (let i = 0; i < 5; i++) step(); // warm-up: V8 tiers up the WebAssembly and JS
  const t0 = performance.now();
  let last;
  for (let i = 0; i < iterations; i++) last = step();
  const seconds = (performance.now() - t0) / 1000;
  return { imagesPerSecond: (iterations * batch) / seconds, loss: last.item() };
}

const torchScript = `
import time, torch, torch.nn as nn
import sys
torch.set_num_threads(int(sys.argv[1])); torch.manual_seed(0)
m = nn.Sequential(nn.Conv2d(1,6,5,padding=2), nn.ReLU(), nn.MaxPool2d(2), nn.Conv2d(6,16,5), nn.ReLU(), nn.MaxPool2d(2),
                  nn.Flatten(), nn.Linear(400,120), nn.ReLU(), nn.Linear(120,84), nn.ReLU(), nn.Linear(84,10))
opt = torch.optim.SGD(m.parameters(), lr=0.01, momentum=0.9)
x = torch.randn(${batch},1,28,28); y = torch.randint(0,10,(${batch},)); f = nn.CrossEntropyLoss()
def step():
    opt.zero_grad(); l = f(m(x), y); l.backward(); opt.step(); return l
for _ in range(5): step()
t = time.perf_counter()
for _ in range(${iterations}): step()
print(${iterations}*${batch}/(time.perf_counter()-t))
`;

function torchRun(threads) {
  const r = spawnSync("/usr/bin/python3", ["-c", torchScript, String(threads)], { encoding: "utf8" });
  if (r.status !== 0) return { error: (r.stderr || "").trim().split("\n").pop() };
  return { imagesPerSecond: Number(r.stdout.trim()) };
}

function torchVersion() {
  return spawnSync("/usr/bin/python3", ["-c", "import torch; print(torch.__version__)"], { encoding: "utf8" }).stdout.trim();
}
console.log(`load average before the run: ${(await import("node:os")).loadavg().map((v) => v.toFixed(1)).join(", ")} (2 cores shared: figures under load)`);
const a = axoneRun();
const t1 = torchRun(1);
const t2 = torchRun(2);
const t = !t1.error && !t2.error && t1.imagesPerSecond > t2.imagesPerSecond ? { ...t1, threads: 1 } : { ...t2, threads: 2 };
console.log(`LeNet-5 training, batch ${batch}, ${iterations} steps (forward + backward + SGD step)`);
console.log(`  axone:   ${a.imagesPerSecond.toFixed(0)} img/s  → 60,000 images in ${(60000 / a.imagesPerSecond).toFixed(1)} s`);
if (t.error) console.log(`  PyTorch: not measured (${t.error})`);
else {
  console.log(`  PyTorch ${torchVersion()}: ${t1.imagesPerSecond.toFixed(0)} img/s on 1 thread, ${t2.imagesPerSecond.toFixed(0)} img/s on 2 threads`);
  console.log(`  ratio axone / PyTorch (its faster setting, ${t.threads} thread${t.threads > 1 ? "s" : ""}): ${(a.imagesPerSecond / t.imagesPerSecond).toFixed(2)}`);
}
console.log(`  target: ≥ 1,000 img/s (${a.imagesPerSecond >= 1000 ? "met" : "not met"})`);
