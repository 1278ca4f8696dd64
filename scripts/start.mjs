#!/usr/bin/env node
// `npm start` (after scripts/setup.mjs): serves JupyterLab with the Axone kernel
// on 127.0.0.1, opens notebooks/index.ipynb, stops cleanly on Ctrl-C.
//   npm start -- --port 9000 --no-browser
import { spawn, spawnSync } from "node:child_process";
import { startLabServer } from "./lab-server.mjs";

const usage = "usage: npm start -- [--port N] [--no-browser] [--verbose]";

function parseArguments(argv) {
  const options = { port: undefined, browser: true, verbose: false };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === "--no-browser") options.browser = false;
    else if (arg === "--verbose") options.verbose = true;
    else if (arg === "--port" || arg.startsWith("--port=")) {
      const value = arg === "--port" ? argv[(i += 1)] : arg.slice("--port=".length);
      if (value === undefined || !/^\d+$/.test(value)) throw new Error(`--port needs a number (${usage})`);
      options.port = Number(value);
    } else if (arg === "--help" || arg === "-h") {
      console.log(usage);
      process.exit(0);
    } else throw new Error(`unknown option ${arg} (${usage})`);
  }
  return options;
}

/** Opens the URL in the desktop's browser when there is a desktop; false otherwise. */
function openBrowser(url) {
  const opener = process.platform === "darwin" ? "open" : "xdg-open";
  const hasDesktop = process.platform === "darwin" || process.env.DISPLAY || process.env.WAYLAND_DISPLAY;
  if (!hasDesktop || spawnSync("which", [opener]).status !== 0) return false;
  spawn(opener, [url], { stdio: "ignore", detached: true }).unref();
  return true;
}

async function main() {
  let options;
  try {
    options = parseArguments(process.argv.slice(2));
  } catch (error) {
    console.error(`[start] ${error.message}`);
    process.exit(2);
  }
  const log = (message) => process.stdout.write(`[start] ${message}\n`);
  log("starting JupyterLab …");
  const lab = await startLabServer({
    port: options.port,
    onOutput: (line) => {
      // The server's warnings and errors always show; its info lines with --verbose.
      const noise = /is not trusted/.test(line);
      if (options.verbose || (!noise && /^\[(W|E|C) |Traceback|Error/.test(line))) process.stderr.write(`${line}\n`);
    },
  });
  log(`JupyterLab is ready in ${(lab.startupMs / 1000).toFixed(1)} s:`);
  process.stdout.write(`\n    ${lab.url}\n\n`);
  if (options.browser && !openBrowser(lab.url)) log("no desktop browser found here: open the address above in your browser");
  log("Ctrl-C stops the server (and its kernels)");

  let stopping = false;
  const shutdown = async (signal) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: stopping the server …`);
    await lab.stop();
    log("stopped");
    process.exit(0);
  };
  process.on("SIGINT", () => shutdown("Ctrl-C"));
  process.on("SIGTERM", () => shutdown("SIGTERM"));
  process.on("SIGHUP", () => shutdown("SIGHUP"));
  const code = await lab.exited;
  if (!stopping) {
    log(`the server stopped by itself (exit ${code})`);
    process.exit(typeof code === "number" && code !== 0 ? code : 1);
  }
}

main().catch((error) => {
  console.error(`[start] ${error.message}`);
  process.exit(1);
});
