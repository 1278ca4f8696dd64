#!/usr/bin/env node
// Runs every build step in scripts/build/, in file-name order. Each step
// checks for itself whether its outputs are older than its inputs, so a
// second run is quick. A step file exports `build(tools)`.
import { spawnSync } from "node:child_process";
import { readdirSync, statSync, existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const stepsDir = join(root, "scripts", "build");

/** Newest modification time (ms) of the files under `paths` (files or folders), 0 when none. */
export function newestMtime(paths, { skip = ["node_modules", "dist", ".git"] } = {}) {
  let newest = 0;
  const visit = (path) => {
    if (!existsSync(path)) return;
    const stat = statSync(path);
    if (stat.isDirectory()) {
      for (const entry of readdirSync(path)) if (!skip.includes(entry)) visit(join(path, entry));
    } else if (stat.mtimeMs > newest) newest = stat.mtimeMs;
  };
  for (const path of paths) visit(path);
  return newest;
}

/** True when some output is missing or older than the newest input. */
export function isStale(inputs, outputs) {
  if (outputs.some((output) => !existsSync(output))) return true;
  const oldestOutput = Math.min(...outputs.map((output) => statSync(output).mtimeMs));
  return newestMtime(inputs) > oldestOutput;
}

const tools = {
  root,
  isStale,
  newestMtime,
  log: (message) => process.stdout.write(`[build] ${message}\n`),
  run(command, args, options = {}) {
    const result = spawnSync(command, args, { stdio: "inherit", cwd: root, ...options });
    if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} failed (exit ${result.status})`);
  },
};

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const file of readdirSync(stepsDir).filter((name) => name.endsWith(".mjs")).sort()) {
    const step = await import(pathToFileURL(join(stepsDir, file)).href);
    await step.build(tools);
  }
}
