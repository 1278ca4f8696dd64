// headless-gl (`gl`, an optional dependency) for the gpujs backend's headless-gl mode, tested under Xvfb
// (test/unit/gpujs-headlessgl.test.ts). npm runs its install script (allowScripts), which quietly leaves no
// binary when it fails (no prebuilt download here, or the Debian GL/X11 headers were missing then):
// this step builds it from source with node-gyp when the binary is missing and the headers of
// scripts/deps.mjs's test list are present. A failure only skips the headless-gl tests.
import { existsSync } from "node:fs";
import { join } from "node:path";

const headers = ["/usr/include/X11/Xlib.h", "/usr/include/X11/extensions/XInput2.h", "/usr/include/X11/extensions/Xext.h", "/usr/include/GL/gl.h"];

export async function build({ root, run, log }) {
  const gl = join(root, "node_modules", "gl");
  const binary = join(gl, "build", "Release", "webgl.node");
  const nodeGyp = join(root, "node_modules", "node-gyp", "bin", "node-gyp.js");
  if (!existsSync(gl) || existsSync(binary)) return;
  const missing = headers.filter((h) => !existsSync(h));
  if (missing.length || !existsSync(nodeGyp)) {
    log(`headless-gl not built (${missing.length ? `missing ${missing.join(", ")}: install scripts/deps.mjs's test packages` : "node-gyp missing"}); gpujs runs in gpu.js cpu mode`);
    return;
  }
  log("node-gyp rebuild node_modules/gl (headless-gl, a few minutes)");
  try {
    // Node's headers ship with Debian's nodejs (/usr/include/node): no download (none is possible here)
    const nodedir = existsSync("/usr/include/node/node.h") ? ["--nodedir=/usr"] : [];
    run(process.execPath, [nodeGyp, "rebuild", ...nodedir], { cwd: gl, env: { ...process.env, npm_config_build_from_source: "true" } });
  } catch (error) {
    log(`headless-gl build failed (${error.message}); the headless-gl tests will be skipped`);
  }
}
