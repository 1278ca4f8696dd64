#!/usr/bin/env node
// Speed of axone's cpu backend against peers measured in the same run: tfjs-backend-wasm,
// tfjs-backend-cpu and gpu.js (its CPU mode here: no GPU context on this machine).
//   matmul 256/512/1024 (GFLOPS), conv2d forward and backward at LeNet-5 shapes with batch 64,
//   element-wise add on 1M elements, per-op overhead on 1k elements, and the line budget.
// Prints medians and ratios (axone ÷ peer time, so > 1 means axone is faster). Not a timed test.
// Usage: node scripts/build.mjs && node bench/ops.mjs [--quick] [--best]
// AXONE_THREADS=n sets axone's thread count (default: all cores); tfjs-wasm runs with what it offers in Node.
import { createRequire } from "node:module";
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { cpus, loadavg } from "node:os";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(import.meta.url);
const quick = process.argv.includes("--quick");
// --best reports the fastest run instead of the median: on a shared, overloaded machine the median
// mostly measures how often the scheduler took the core away.
const best = process.argv.includes("--best");

if (!existsSync(join(root, "lib", "dist", "index.js"))) {
  console.error("bench/ops: lib/dist is missing; run `node scripts/build.mjs` first");
  process.exit(1);
}
const ax = require(join(root, "lib", "dist", "index.js"));
const axWasm = require(join(root, "lib", "dist", "backends", "cpu", "wasm", "index.js"));
const tf = require("@tensorflow/tfjs-core");
require("@tensorflow/tfjs-backend-cpu");
const tfWasm = require("@tensorflow/tfjs-backend-wasm");
const { GPU } = require("gpu.js");

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1];
}
/** Median milliseconds of fn over `reps` runs after `warm` warm-up runs (V8 tiers WASM up first). */
function time(fn, { reps = 9, warm = 3, setup = null } = {}) {
  for (let i = 0; i < warm; i++) fn(setup ? setup() : undefined);
  const samples = [];
  for (let i = 0; i < reps; i++) {
    const arg = setup ? setup() : undefined;
    const start = process.hrtime.bigint();
    fn(arg);
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return best ? Math.min(...samples) : median(samples);
}
const rows = [];
function report(section, name, results, unit = "ms", flops = 0) {
  // results: { peer: ms | null }; axone first
  const axone = results.axone;
  const cells = Object.entries(results).map(([peer, ms]) => {
    if (ms === null || ms === undefined) return `${peer} n/a`;
    const figure = flops ? `${(flops / ms / 1e6).toFixed(1)} GFLOPS` : unit === "us" ? `${(ms * 1000).toFixed(1)} µs` : `${ms.toFixed(2)} ms`;
    const ratio = peer === "axone" || !axone ? "" : ` (axone ×${(ms / axone).toFixed(2)})`;
    return `${peer} ${figure}${ratio}`;
  });
  console.log(`${section.padEnd(8)} ${name.padEnd(34)} ${cells.join(" | ")}`);
  rows.push({ section, name, results });
}

const cpuModel = cpus()[0]?.model ?? "unknown";
let lscpuModel = cpuModel;
try {
  lscpuModel = execFileSync("lscpu", { encoding: "utf8" }).match(/Model name:\s*(.*)/)?.[1] ?? cpuModel;
} catch {}
await tf.setBackend("wasm");
const tfWasmThreads = tfWasm.getThreadsCount();
await tf.setBackend("cpu");
const rt = axWasm.wasmRuntime();
console.log(`CPU: ${lscpuModel}, ${cpus().length} cores; load average ${loadavg().map((l) => l.toFixed(2)).join(" ")} (shared machine: figures are under that load)`);
console.log(`axone: WebAssembly ${rt ? `${rt.variant} SIMD, ${rt.threads} thread(s)` : "unavailable (plain JavaScript)"}; tfjs-wasm: ${tfWasmThreads} thread(s); gpu.js: cpu mode`);
console.log(`${best ? "fastest of" : "median of"} each series; ratios: peer time ÷ axone time (above 1: axone is faster)\n`);

/** Runs fn with axone on one thread (to compare with single-threaded peers), then restores the count. */
function oneThread(fn) {
  const threads = ax.getNumThreads();
  ax.setNumThreads(1);
  try {
    return fn();
  } finally {
    ax.setNumThreads(threads);
  }
}
const random = (n) => Float32Array.from({ length: n }, () => Math.random() * 2 - 1);
const gpu = new GPU({ mode: "cpu" });

async function withTf(backend, fn) {
  await tf.setBackend(backend);
  await tf.ready();
  try {
    return fn();
  } catch (error) {
    console.log(`  (tfjs-${backend}: ${String(error.message ?? error).split("\n")[0].slice(0, 90)})`);
    return null;
  }
}

// tf.tidy must not return the typed array: it would walk every element looking for tensors.
// ---- matmul -----------------------------------------------------------------------------------
for (const n of quick ? [256, 1024] : [256, 512, 1024]) {
  const a = random(n * n), b = random(n * n);
  const flops = 2 * n ** 3;
  const reps = n >= 1024 ? 7 : 15;
  const A = ax.tensor(a).reshape([n, n]), B = ax.tensor(b).reshape([n, n]);
  const results = { axone: time(() => ax.matmul(A, B), { reps }), "axone 1 thread": oneThread(() => time(() => ax.matmul(A, B), { reps })) };
  for (const backend of ["wasm", "cpu"]) {
    results[`tfjs-${backend}`] = await withTf(backend, () => {
      const ta = tf.tensor2d(a, [n, n]), tb = tf.tensor2d(b, [n, n]);
      const ms = time(() => tf.tidy(() => { tf.matMul(ta, tb).dataSync(); }), { reps: backend === "cpu" && n >= 1024 ? 3 : reps, warm: backend === "cpu" && n >= 1024 ? 1 : 3 });
      ta.dispose();
      tb.dispose();
      return ms;
    });
  }
  if (n <= 512 || !quick) {
    const kernel = gpu.createKernel(function (x, y) {
      let sum = 0;
      for (let k = 0; k < this.constants.n; k++) sum += x[this.thread.y * this.constants.n + k] * y[k * this.constants.n + this.thread.x];
      return sum;
    }).setOutput([n, n]).setConstants({ n });
    results["gpu.js"] = time(() => kernel(a, b), { reps: n >= 512 ? 1 : 3, warm: 1 });
  }
  report("matmul", `${n}×${n}·${n}×${n}`, results, "ms", flops);
}

// ---- conv2d at LeNet-5 shapes, batch 64 ----------------------------------------------------------
const lenet = [
  { name: "conv1 [64,1,28,28]*[6,1,5,5] pad 2", x: [64, 1, 28, 28], w: [6, 1, 5, 5], padding: 2 },
  { name: "conv2 [64,6,14,14]*[16,6,5,5]", x: [64, 6, 14, 14], w: [16, 6, 5, 5], padding: 0 },
];
for (const layer of lenet) {
  const [N, C, H, W] = layer.x, [O, , kh, kw] = layer.w;
  const xData = random(N * C * H * W), wData = random(O * C * kh * kw);
  const OH = H + 2 * layer.padding - kh + 1, OW = W + 2 * layer.padding - kw + 1;
  const flops = 2 * N * O * OH * OW * C * kh * kw;
  const x = ax.tensor(xData).reshape(layer.x), w = ax.tensor(wData).reshape(layer.w);
  const forward = {
    axone: time(() => ax.conv2d(x, w, null, { padding: layer.padding })),
    "axone 1 thread": oneThread(() => time(() => ax.conv2d(x, w, null, { padding: layer.padding }))),
  };
  // backward: the input and weight gradients of sum(y·g) (one forward per sample, untimed)
  const xg = ax.tensor(xData).reshape(layer.x).requiresGrad_(true), wg = ax.tensor(wData).reshape(layer.w).requiresGrad_(true);
  const probe = ax.tensor(random(N * O * OH * OW)).reshape([N, O, OH, OW]);
  const backward = {
    axone: time((y) => y.backward(probe), { setup: () => ax.conv2d(xg, wg, null, { padding: layer.padding }) }),
  };
  // tfjs works in NHWC with filters [kh, kw, in, out]
  const toNHWC = (data) => {
    const out = new Float32Array(data.length);
    for (let n = 0; n < N; n++) for (let c = 0; c < C; c++) for (let i = 0; i < H * W; i++) out[(n * H * W + i) * C + c] = data[(n * C + c) * H * W + i];
    return out;
  };
  const xNHWC = toNHWC(xData);
  for (const backend of ["wasm", "cpu"]) {
    const pad = layer.padding ? "same" : "valid"; // 5×5, stride 1: "same" is padding 2
    forward[`tfjs-${backend}`] = await withTf(backend, () => {
      const tx = tf.tensor4d(xNHWC, [N, H, W, C]), tw = tf.randomNormal([kh, kw, C, O]);
      const ms = time(() => tf.tidy(() => { tf.conv2d(tx, tw, 1, pad).dataSync(); }));
      tx.dispose();
      tw.dispose();
      return ms;
    });
    // tfjs-core's CommonJS build registers no gradients, so call the two kernels its gradient would run
    backward[`tfjs-${backend}`] = await withTf(backend, () => {
      const tx = tf.tensor4d(xNHWC, [N, H, W, C]), tw = tf.randomNormal([kh, kw, C, O]), tg = tf.randomNormal([N, OH, OW, O]);
      const ms = time(() => tf.tidy(() => {
        tf.conv2dTranspose(tg, tw, [N, H, W, C], 1, pad).dataSync();
        tf.engine().runKernel("Conv2DBackpropFilter", { x: tx, dy: tg }, { strides: [1, 1], pad, dataFormat: "NHWC", dimRoundingMode: undefined, filterShape: [kh, kw, C, O] }).dataSync();
      }), { reps: 5, warm: 1 });
      [tx, tw, tg].forEach((t) => t.dispose());
      return ms;
    });
  }
  report("conv2d", `${layer.name} fwd`, forward, "ms", flops);
  report("conv2d", `${layer.name} bwd (dx+dw)`, backward, "ms", 2 * flops);
}

// ---- element-wise add on 1M elements, and per-op overhead on 1k ------------------------------------
for (const [label, n, unit] of [["add 1M elements", 1 << 20, "ms"], ["per-op overhead: add 1k", 1000, "us"]]) {
  const a = random(n), b = random(n);
  const A = ax.tensor(a), B = ax.tensor(b);
  const inner = n >= 1 << 20 ? 1 : 2000;
  const results = { axone: time(() => { for (let i = 0; i < inner; i++) ax.add(A, B); }, { reps: 15 }) / inner };
  for (const backend of ["wasm", "cpu"]) {
    results[`tfjs-${backend}`] = await withTf(backend, () => {
      const ta = tf.tensor1d(a), tb = tf.tensor1d(b);
      const ms = time(() => { for (let i = 0; i < inner; i++) tf.add(ta, tb).dispose(); }, { reps: 15 }) / inner;
      ta.dispose();
      tb.dispose();
      return ms;
    });
  }
  const kernel = gpu.createKernel(function (x, y) { return x[this.thread.x] + y[this.thread.x]; }).setOutput([n]);
  results["gpu.js"] = time(() => { for (let i = 0; i < Math.min(inner, 200); i++) kernel(a, b); }, { reps: 7 }) / Math.min(inner, 200);
  report("add", label, results, unit);
}

// ---- line budget -----------------------------------------------------------------------------------
function countLines(folder) {
  let lines = 0;
  const visit = (path) => {
    for (const entry of readdirSync(path)) {
      const full = join(path, entry);
      if (statSync(full).isDirectory()) visit(full);
      else if (entry.endsWith(".ts")) lines += readFileSync(full, "utf8").split("\n").length;
    }
  };
  if (existsSync(folder)) visit(folder);
  return lines;
}
const core = countLines(join(root, "lib", "core")), ops = countLines(join(root, "lib", "ops")), nn = countLines(join(root, "lib", "nn"));
console.log(`\nline budget: lib/core ${core} + lib/ops ${ops} = ${core + ops} lines of TypeScript (lib/nn ${nn} more)`);

const axoneMatmul = rows.find((r) => r.section === "matmul" && r.name.startsWith("1024"));
if (axoneMatmul) {
  const gflops = (2 * 1024 ** 3) / axoneMatmul.results.axone / 1e6;
  const vsWasm = axoneMatmul.results["tfjs-wasm"] ? axoneMatmul.results["tfjs-wasm"] / axoneMatmul.results.axone : NaN;
  console.log(`targets: matmul 1024² ${gflops.toFixed(1)} GFLOPS (≥ 30: ${gflops >= 30 ? "met" : "missed"}), ×${vsWasm.toFixed(2)} tfjs-wasm (≥ 2: ${vsWasm >= 2 ? "met" : "missed"})`);
}
const overhead = rows.find((r) => r.name.startsWith("per-op"));
if (overhead) console.log(`targets: per-op overhead ${(overhead.results.axone * 1000).toFixed(1)} µs (≤ 10: ${overhead.results.axone * 1000 <= 10 ? "met" : "missed"})`);
for (const r of rows.filter((r) => r.section === "conv2d" && r.name.endsWith("fwd")))
  console.log(`targets: ${r.name}: ${r.results["tfjs-wasm"] ? `×${(r.results["tfjs-wasm"] / r.results.axone).toFixed(2)} tfjs-wasm (≥ 1: ${r.results["tfjs-wasm"] >= r.results.axone ? "met" : "missed"})` : "tfjs-wasm n/a"}`);
process.exit(0);
