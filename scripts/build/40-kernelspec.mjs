// Installs (or refreshes) the Axone kernelspec after the TypeScript build, where
// `jupyter kernelspec list` finds it: /usr/local/share/jupyter/kernels/axone for root,
// ~/.local/share/jupyter/kernels/axone otherwise. AXONE_KERNELSPEC_PREFIX overrides the prefix.
import { createRequire } from "node:module";
import { existsSync } from "node:fs";
import { join } from "node:path";

export async function build({ root, log }) {
  const installModule = join(root, "kernel", "dist", "install", "index.js");
  if (!existsSync(installModule) || !existsSync(join(root, "kernel", "dist", "main.js"))) {
    throw new Error("kernelspec: kernel/dist is missing; the tsc step (20-typescript) must run first");
  }
  const { install, isInstalled } = createRequire(import.meta.url)(installModule);
  const options = process.env.AXONE_KERNELSPEC_PREFIX ? { prefix: process.env.AXONE_KERNELSPEC_PREFIX } : {};
  if (isInstalled(options)) return;
  log(`kernelspec → ${install(options)}`);
}
