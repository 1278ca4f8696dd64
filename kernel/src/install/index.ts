// Installs the kernelspec where Jupyter looks for kernels:
//   <prefix>/share/jupyter/kernels/axone/{kernel.json, logo-32x32.png, logo-64x64.png}
// prefix: --prefix P, or ~/.local with --user, or /usr/local for root (as `jupyter kernelspec list` searches).
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { join, resolve } from "node:path";
import { drawLogo } from "./logo";

export const KERNEL_NAME = "axone";
export const DISPLAY_NAME = "TypeScript (Axone)";

export interface InstallOptions {
  /** Installs under <prefix>/share/jupyter/kernels. */
  prefix?: string;
  /** Installs under ~/.local/share/jupyter/kernels (ignored when prefix is given). */
  user?: boolean;
  /** Extra arguments for the kernel, such as --no-typecheck. */
  kernelArgs?: string[];
}

/** The folder holding the kernel.json this install writes. */
export function kernelspecDir(options: InstallOptions = {}): string {
  const kernels = (base: string) => join(base, "share", "jupyter", "kernels", KERNEL_NAME);
  if (options.prefix) return kernels(resolve(options.prefix));
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  if (options.user || !isRoot) return kernels(join(homedir(), ".local"));
  return kernels("/usr/local");
}

/** The launcher the kernelspec runs: kernel/bin/axone-kernel.js of this checkout. */
export function launcherPath(): string {
  return resolve(__dirname, "..", "..", "bin", "axone-kernel.js");
}

let relaxedSimdFlag: string[] | undefined;
/** Node flags the kernel starts with: relaxed SIMD for the library's fastest WebAssembly kernels, where this Node accepts the flag. */
export function nodeFlags(): string[] {
  if (!relaxedSimdFlag) {
    const flag = "--experimental-wasm-relaxed-simd";
    const probe = spawnSync(process.execPath, [flag, "-e", "0"], { stdio: "ignore" });
    relaxedSimdFlag = probe.status === 0 ? [flag] : [];
  }
  return relaxedSimdFlag;
}

export function kernelJson(options: InstallOptions = {}): Record<string, unknown> {
  return {
    argv: [process.execPath, ...nodeFlags(), launcherPath(), ...(options.kernelArgs ?? []), "{connection_file}"],
    display_name: DISPLAY_NAME,
    language: "typescript",
    // interrupt_request on the control channel; the kernel also turns SIGINT into the same interrupt.
    interrupt_mode: "message",
    env: {},
    metadata: { debugger: false },
  };
}

const LOGO_SIZES = [32, 64] as const;

/** True when the installed kernelspec is exactly what install would write now. */
export function isInstalled(options: InstallOptions = {}): boolean {
  const dir = kernelspecDir(options);
  const file = join(dir, "kernel.json");
  if (!existsSync(file) || LOGO_SIZES.some((size) => !existsSync(join(dir, `logo-${size}x${size}.png`)))) return false;
  try {
    return JSON.stringify(JSON.parse(readFileSync(file, "utf8"))) === JSON.stringify(kernelJson(options));
  } catch {
    return false;
  }
}

/** Writes kernel.json and the logos; returns the folder. */
export function install(options: InstallOptions = {}): string {
  const dir = kernelspecDir(options);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "kernel.json"), `${JSON.stringify(kernelJson(options), null, 2)}\n`);
  for (const size of LOGO_SIZES) writeFileSync(join(dir, `logo-${size}x${size}.png`), drawLogo(size));
  return dir;
}

/** Removes the kernelspec folder; returns it, or undefined when nothing was installed there. */
export function uninstall(options: InstallOptions = {}): string | undefined {
  const dir = kernelspecDir(options);
  if (!existsSync(dir)) return undefined;
  rmSync(dir, { recursive: true, force: true });
  return dir;
}

const USAGE = `usage: axone-kernel install [--user | --prefix DIR] [-- KERNEL_ARGS…]
       axone-kernel uninstall [--user | --prefix DIR]`;

/** The `install` / `uninstall` commands; returns the process exit code. */
export function runInstallCommand(command: "install" | "uninstall", args: string[]): number {
  const options: InstallOptions = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === "--user") options.user = true;
    else if (arg === "--prefix") {
      options.prefix = args[++i];
      if (!options.prefix) {
        process.stderr.write(`--prefix needs a folder\n${USAGE}\n`);
        return 2;
      }
    } else if (arg.startsWith("--prefix=")) options.prefix = arg.slice("--prefix=".length);
    else if (arg === "--" && command === "install") {
      options.kernelArgs = args.slice(i + 1);
      break;
    } else {
      process.stderr.write(`unknown option ${arg}\n${USAGE}\n`);
      return 2;
    }
  }
  if (command === "install") {
    process.stdout.write(`Installed kernelspec ${KERNEL_NAME} (${DISPLAY_NAME}) in ${install(options)}\n`);
  } else {
    const removed = uninstall(options);
    process.stdout.write(removed ? `Removed kernelspec ${KERNEL_NAME} from ${removed}\n` : `No kernelspec ${KERNEL_NAME} in ${kernelspecDir(options)}\n`);
  }
  return 0;
}
