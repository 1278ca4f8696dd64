// Compiles the CPU backend's AssemblyScript kernels (lib/backends/cpu/wasm/assembly/)
// into lib/wasm/ (git-ignored build output, shipped with the `axone` package):
//   kernels-relaxed.wasm  SIMD + relaxed-SIMD fused multiply-add + shared memory
//   kernels-simd.wasm     SIMD + shared memory (for engines without relaxed SIMD)
// The loader picks the first one WebAssembly.validate accepts, and falls back to
// plain typed-array kernels when neither is.
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";

export const variants = {
  relaxed: "simd,relaxed-simd,threads",
  simd: "simd,threads",
};

export async function build({ root, run, log, isStale }) {
  const sources = join(root, "lib", "backends", "cpu", "wasm", "assembly");
  const outDir = join(root, "lib", "wasm");
  const asc = join(root, "node_modules", "assemblyscript", "bin", "asc.js");
  const outputs = Object.keys(variants).map((name) => join(outDir, `kernels-${name}.wasm`));
  if (!isStale([sources, join(root, "scripts", "build", "30-wasm.mjs"), asc], outputs)) return;
  if (!existsSync(outDir)) mkdirSync(outDir, { recursive: true });
  for (const [name, features] of Object.entries(variants)) {
    log(`asc → lib/wasm/kernels-${name}.wasm`);
    run(process.execPath, [
      asc, join(sources, "index.ts"),
      "--enable", features,
      "--runtime", "stub", "--importMemory", "--sharedMemory", "--maximumMemory", "65536",
      "-O3", "--noAssert",
      "-o", join(outDir, `kernels-${name}.wasm`),
    ]);
  }
}
