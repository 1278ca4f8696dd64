#!/usr/bin/env node
// Idempotent set-up shared by `npm start` and `npm test`: Debian packages when
// missing, `npm ci` when the lock changed, the build, the kernelspec.
// Uses Node built-ins only, since it runs before node_modules exists.
import { execFileSync, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { debianForStart, debianForTests } from "./deps.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const forTests = process.argv.includes("--for-tests");
const started = Date.now();

function log(message) {
  process.stdout.write(`[setup] ${message}\n`);
}

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: "inherit", cwd: root, ...options });
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(" ")} failed with exit status ${result.status}`);
  }
}

function missingDebianPackages(names) {
  return names.filter((name) => {
    const result = spawnSync("dpkg-query", ["-W", "-f=${Status}", name], { encoding: "utf8" });
    return result.status !== 0 || !result.stdout.includes("install ok installed");
  });
}

function installDebianPackages(names) {
  const missing = missingDebianPackages(names);
  if (missing.length === 0) return;
  log(`installing Debian packages: ${missing.join(" ")}`);
  const asRoot = process.getuid && process.getuid() === 0 ? [] : ["sudo"];
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  const apt = (args) => (asRoot.length ? run("sudo", ["apt-get", ...args], { env }) : run("apt-get", args, { env }));
  apt(["update", "-qq"]);
  apt(["install", "-y", "-qq", "--no-install-recommends", ...missing]);
}

function installNodePackages() {
  const lock = readFileSync(join(root, "package-lock.json"));
  const hash = createHash("sha256").update(lock).digest("hex");
  const stamp = join(root, "node_modules", ".axone-lock-hash");
  if (existsSync(stamp) && readFileSync(stamp, "utf8") === hash) return;
  log("npm ci");
  run("npm", ["ci", "--no-audit", "--no-fund"]);
  mkdirSync(dirname(stamp), { recursive: true });
  writeFileSync(stamp, hash);
}

installDebianPackages(forTests ? debianForTests : debianForStart);
installNodePackages();
run(process.execPath, [join(root, "scripts", "build.mjs")]);
log(`ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
