// Starts Axone's JupyterLab server (Debian's jupyter_server + jupyterlab_server
// with the front end built under app/build/). One code path for `npm start`
// (scripts/start.mjs) and the browser tests (test/ui/).
//
//   const lab = await startLabServer({ port: 0 });
//   console.log(lab.url);      // http://127.0.0.1:PORT/lab/tree/index.ipynb?token=…
//   await lab.stop();
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync } from "node:fs";
import { createServer } from "node:net";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { systemPython } from "./deps.mjs";

export const projectRoot = join(dirname(fileURLToPath(import.meta.url)), "..");

/** The kernels the lab offers. `AXONE_LAB_KERNELS=axone,python3` widens it (development only). */
export const defaultKernels = (process.env.AXONE_LAB_KERNELS ?? "axone").split(",").filter(Boolean);

const host = "127.0.0.1";

/** True when nothing listens on host:port. */
function isPortFree(port) {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once("error", () => resolve(false));
    probe.listen({ port, host, exclusive: true }, () => probe.close(() => resolve(true)));
  });
}

/** A port the OS says is free now. */
function anyFreePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen({ port: 0, host }, () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

/**
 * The port to serve on: `requested` when given (an error if it is taken), 0 for
 * any free port, otherwise the first free one from 8888 on (as Jupyter does).
 */
export async function choosePort(requested) {
  if (requested === 0) return anyFreePort();
  if (requested !== undefined) {
    if (!(Number.isInteger(requested) && requested > 0 && requested < 65536)) {
      throw new Error(`--port expects a number between 1 and 65535, got ${requested}`);
    }
    if (!(await isPortFree(requested))) throw new Error(`port ${requested} is already in use on ${host}: choose another with --port N`);
    return requested;
  }
  for (let port = 8888; port < 8888 + 50; port += 1) if (await isPortFree(port)) return port;
  return anyFreePort();
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Starts the server and resolves once its REST API answers.
 * @param {object} [options]
 * @param {number} [options.port] a port, 0 for any free one; default: the first free from 8888
 * @param {string} [options.notebookDir] the folder the file browser shows (default notebooks/)
 * @param {string} [options.openPath] the document to open first, relative to notebookDir
 * @param {string[]} [options.kernels] kernelspec names offered in the picker
 * @param {string} [options.stateDir] settings, workspaces and runtime files (default .axone/lab)
 * @param {string} [options.token] the access token (default: random)
 * @param {(line: string) => void} [options.onOutput] receives the server's log lines
 * @param {number} [options.timeoutMs] how long to wait for the server to answer
 */
export async function startLabServer(options = {}) {
  const started = Date.now();
  const notebookDir = options.notebookDir ?? join(projectRoot, "notebooks");
  const stateDir = options.stateDir ?? join(projectRoot, ".axone", "lab");
  const kernels = options.kernels ?? defaultKernels;
  const token = options.token ?? randomBytes(24).toString("hex");
  const timeoutMs = options.timeoutMs ?? 60_000;
  const openPath = options.openPath ?? (existsSync(join(notebookDir, "index.ipynb")) ? "index.ipynb" : "");

  for (const built of ["templates/index.html", "static/lab.js"]) {
    if (!existsSync(join(projectRoot, "app", "build", built))) {
      throw new Error(`the JupyterLab front end is not built (app/build/${built} missing): run \`npm run build\``);
    }
  }
  if (!existsSync(systemPython)) throw new Error(`${systemPython} is missing: run \`npm start\` once so set-up installs Debian's Jupyter packages`);
  const runtimeDir = join(stateDir, "runtime");
  for (const dir of [notebookDir, runtimeDir, join(stateDir, "config")]) mkdirSync(dir, { recursive: true });

  const port = await choosePort(options.port);
  const args = [
    "-m",
    "axone_lab",
    `--ip=${host}`,
    `--port=${port}`,
    "--ServerApp.port_retries=0",
    "--no-browser",
    "--allow-root",
    `--ServerApp.token=${token}`,
    `--ServerApp.root_dir=${notebookDir}`,
    // The kernel picker lists only these kernelspecs (traitlets appends each flag to the set).
    ...kernels.map((name) => `--KernelSpecManager.allowed_kernelspecs=${name}`),
  ];
  const env = {
    ...process.env,
    PYTHONPATH: [join(projectRoot, "jupyter-config"), process.env.PYTHONPATH].filter(Boolean).join(":"),
    // No configuration from the machine or the user: the lab is the same everywhere.
    JUPYTER_NO_CONFIG: "1",
    JUPYTER_CONFIG_DIR: join(stateDir, "config"),
    JUPYTER_RUNTIME_DIR: runtimeDir,
    AXONE_LAB_STATE_DIR: stateDir,
    PYDEVD_DISABLE_FILE_VALIDATION: "1",
    PYTHONDONTWRITEBYTECODE: "1",
  };
  // Its own process group, so a Ctrl-C in the terminal reaches only our handler,
  // which then stops the server without jupyter_server's "Shutdown? (y/[n])" prompt.
  const child = spawn(systemPython, args, { cwd: projectRoot, env, stdio: ["ignore", "pipe", "pipe"], detached: true });
  const recent = [];
  const onLine = (chunk) => {
    for (const line of chunk.toString().split("\n")) {
      if (!line.trim()) continue;
      recent.push(line);
      if (recent.length > 40) recent.shift();
      options.onOutput?.(line);
    }
  };
  child.stdout.on("data", onLine);
  child.stderr.on("data", onLine);
  let exitCode = null;
  const exited = new Promise((resolve) =>
    child.once("exit", (code, signal) => {
      exitCode = code ?? signal;
      resolve(exitCode);
    }),
  );

  const baseUrl = `http://${host}:${port}`;
  const stop = async ({ graceMs = 10_000 } = {}) => {
    if (exitCode !== null) return exitCode;
    // SIGTERM: jupyter_server shuts its kernels down and exits.
    try {
      process.kill(-child.pid, "SIGTERM");
    } catch {
      return exitCode;
    }
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid, "SIGKILL");
      } catch {}
    }, graceMs);
    const code = await exited;
    clearTimeout(timer);
    return code;
  };

  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (exitCode !== null) {
      throw new Error(`the Jupyter server exited (${exitCode}) before answering:\n${recent.join("\n")}`);
    }
    try {
      const response = await fetch(`${baseUrl}/api/status`, { headers: { Authorization: `token ${token}` } });
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`the Jupyter server did not answer on ${baseUrl} within ${timeoutMs / 1000} s:\n${recent.join("\n")}`);
    }
    await sleep(100);
  }

  const labPath = openPath ? `/lab/tree/${openPath.split("/").map(encodeURIComponent).join("/")}` : "/lab";
  return {
    baseUrl,
    port,
    token,
    notebookDir,
    pid: child.pid,
    url: `${baseUrl}${labPath}?token=${token}`,
    startupMs: Date.now() - started,
    exited,
    stop,
  };
}
