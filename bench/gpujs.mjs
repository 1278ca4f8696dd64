#!/usr/bin/env node
// The gpujs backend against peers in the same run: axone's cpu backend and a raw gpu.js matmul kernel
// in the same mode (the backend's flat-index kernel vs gpu.js's 2-D textbook kernel).
//   matmul n×n (GFLOPS, the result read back), a chain of 10 element-wise ops on 1M elements kept on
//   the device with one readback, and per-op overhead on 1k elements. Not a timed test.
// The mode is the backend's own choice (gpu.js cpu mode without a GL context); for headless-gl run
//   xvfb-run -a env AXONE_GPUJS_MODE=headlessgl node bench/gpujs.mjs
// Usage: node scripts/build.mjs && node bench/gpujs.mjs [--sizes=128,256,512]
import { createRequire } from "node:module";
import { existsSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { loadavg } from "node:os";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(import.meta.url);
if (!existsSync(join(root, "lib", "dist", "index.js"))) {
  console.error("bench/gpujs: lib/dist is missing; run `node scripts/build.mjs` first");
  process.exit(1);
}
const ax = require(join(root, "lib", "dist", "index.js"));
const { gpujsBackend } = require(join(root, "lib", "dist", "backends", "gpujs", "index.js"));
const { GPU } = require("gpu.js");

const sizesArg = process.argv.find((a) => a.startsWith("--sizes="));
const sizes = sizesArg ? sizesArg.slice(8).split(",").map(Number) : [128, 256, 512];

const backend = gpujsBackend();
let renderer = "";
if (backend.onDevice) {
  const gl = require("gl")(1, 1);
  renderer = gl ? ` (${gl.getParameter(gl.RENDERER)})` : "";
}
console.log(`gpujs backend: gpu.js mode "${backend.mode}"${renderer}; load average ${loadavg().map((l) => l.toFixed(1)).join(" ")} on this shared machine`);

/** Median milliseconds of fn() over reps runs after warm-up runs. */
function time(fn, { reps = 5, warm = 1 } = {}) {
  for (let i = 0; i < warm; i++) fn();
  const ts = [];
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    fn();
    ts.push(performance.now() - t0);
  }
  ts.sort((a, b) => a - b);
  return ts[Math.floor(ts.length / 2)];
}
const fmt = (v) => (v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2));

const rawGpu = new GPU({ mode: backend.mode });
console.log("\nmatmul n×n float32, result read back (GFLOPS; ratio = gpujs backend ÷ peer time, > 1 = backend faster)");
for (const n of sizes) {
  const a = Float32Array.from({ length: n * n }, () => Math.random() - 0.5);
  const b = Float32Array.from({ length: n * n }, () => Math.random() - 0.5);
  const flops = 2 * n * n * n;
  const reps = n >= 512 ? 3 : 5;
  const ga = ax.tensor(a, { device: "gpujs" }).reshape([n, n]);
  const gb = ax.tensor(b, { device: "gpujs" }).reshape([n, n]);
  const tGpujs = time(() => ga.matmul(gb).data(), { reps });
  const ca = ax.tensor(a).reshape([n, n]);
  const cb = ax.tensor(b).reshape([n, n]);
  const tCpu = time(() => ca.matmul(cb).data(), { reps });
  const kernel = rawGpu
    .createKernel(function (x, y) {
      let sum = 0;
      for (let k = 0; k < this.constants.n; k++) sum += x[this.thread.y][k] * y[k][this.thread.x];
      return sum;
    })
    .setConstants({ n })
    .setOutput([n, n]);
  const a2 = Array.from({ length: n }, (_, i) => a.subarray(i * n, (i + 1) * n));
  const b2 = Array.from({ length: n }, (_, i) => b.subarray(i * n, (i + 1) * n));
  const tRaw = time(() => kernel(a2, b2), { reps });
  const gf = (t) => flops / (t * 1e6);
  console.log(
    `  ${String(n).padStart(4)}: gpujs ${fmt(gf(tGpujs))}  raw gpu.js ${fmt(gf(tRaw))}  cpu backend ${fmt(gf(tCpu))}` +
      `   (vs raw gpu.js ×${(tRaw / tGpujs).toFixed(2)}, vs cpu backend ×${(tCpu / tGpujs).toFixed(2)})`,
  );
}

console.log("\n10 chained element-wise ops on 1M elements, one readback at the end (ms)");
{
  const n = 1 << 20;
  const x = Float32Array.from({ length: n }, () => Math.random());
  const chain = (t) => {
    let y = t;
    for (let i = 0; i < 5; i++) y = y.mul(1.01).add(0.5);
    return y.sum().item();
  };
  const g = ax.tensor(x, { device: "gpujs" });
  const c = ax.tensor(x);
  const before = backend.stats.readbacks;
  const tG = time(() => chain(g), { reps: 3 });
  const readbacks = (backend.stats.readbacks - before) / 4;
  const tC = time(() => chain(c), { reps: 3 });
  console.log(`  gpujs ${fmt(tG)} ms (${readbacks} readback per chain)  cpu backend ${fmt(tC)} ms  ratio ×${(tC / tG).toFixed(2)}`);
}

console.log("\nper-op overhead, add on 1k elements (µs per op, no readback)");
{
  const x = Float32Array.from({ length: 1000 }, () => Math.random());
  const g = ax.tensor(x, { device: "gpujs" });
  const c = ax.tensor(x);
  const loop = (t) => () => {
    for (let i = 0; i < 200; i++) t.add(t);
  };
  const tG = (time(loop(g), { reps: 5 }) * 1000) / 200;
  const tC = (time(loop(c), { reps: 5 }) * 1000) / 200;
  console.log(`  gpujs ${fmt(tG)} µs  cpu backend ${fmt(tC)} µs`);
}
