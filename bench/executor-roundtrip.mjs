#!/usr/bin/env node
// Times the executor layer alone (no ZeroMQ): start, first cell, and the round trip of trivial
// cells with type checking on and off. Prints medians; run after `npm run build`.
// The kernel-level benchmark (kernel_info, 1+1 over the wire, nbconvert) measures the whole kernel.
import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";

const require = createRequire(import.meta.url);
const { createExecutor } = require("../kernel/dist/executor/index.js");
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const cwd = mkdtempSync(join(tmpdir(), "axone-bench-"));
const executor = createExecutor({ cwd, typeCheck: true });
let count = 0;
const run = async (code) => {
  const t = performance.now();
  const outcome = await executor.execute({ code, executionCount: ++count, silent: false, storeHistory: true, userExpressions: {}, allowStdin: false });
  if (outcome.status !== "ok") throw new Error(`${code}: ${outcome.evalue}`);
  return performance.now() - t;
};
let t = performance.now();
await executor.start();
console.log(`start (child ready): ${(performance.now() - t).toFixed(0)} ms`);
console.log(`first cell (waits for TypeScript to load): ${(await run("1+1")).toFixed(0)} ms`);
await run("const a = 1; let b = [1, 2, 3]; function f(n: number) { return n * 2 }");
const rounds = Number(process.env.ROUNDS ?? 50);
for (const check of ["on", "off"]) {
  await run(`%typecheck ${check}`);
  const same = [];
  const varied = [];
  for (let i = 0; i < rounds; i++) same.push(await run("1+1"));
  for (let i = 0; i < rounds; i++) varied.push(await run(`f(a + ${i}) + b.length`));
  console.log(`typecheck ${check}: 1+1 median ${median(same).toFixed(2)} ms (min ${Math.min(...same).toFixed(2)}), varied cell median ${median(varied).toFixed(2)} ms`);
}
await executor.shutdown();
rmSync(cwd, { recursive: true, force: true });
