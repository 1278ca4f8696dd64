// Entry point: `axone-kernel CONNECTION_FILE [--no-typecheck]` runs the kernel;
// `axone-kernel install|uninstall …` manages the kernelspec.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { DeferredExecutor, Kernel } from "./protocol";
import { KernelSockets, readConnectionFile } from "./wire";

export interface KernelArguments {
  connectionFile: string;
  typeCheck: boolean;
}

const USAGE = `usage: axone-kernel [--no-typecheck] CONNECTION_FILE
       axone-kernel -f CONNECTION_FILE
       axone-kernel install [--user | --prefix DIR] [-- KERNEL_ARGS…]
       axone-kernel uninstall [--user | --prefix DIR]`;

/** Reads the kernel's command line; throws an error with the usage when it is wrong. */
export function parseArguments(args: string[]): KernelArguments {
  let connectionFile: string | undefined;
  let typeCheck = true;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === "--no-typecheck") typeCheck = false;
    else if (arg === "--typecheck") typeCheck = true;
    else if (arg === "-f" || arg === "--connection-file") connectionFile = args[++i];
    else if (arg.startsWith("--connection-file=")) connectionFile = arg.slice("--connection-file=".length);
    else if (arg.startsWith("-")) throw new Error(`unknown option ${arg}\n${USAGE}`);
    else if (connectionFile === undefined) connectionFile = arg;
    else throw new Error(`unexpected argument ${arg}\n${USAGE}`);
  }
  if (!connectionFile) throw new Error(`no connection file given\n${USAGE}`);
  return { connectionFile, typeCheck };
}

function readVersion(packageJson: string): string {
  try {
    return String(JSON.parse(readFileSync(packageJson, "utf8")).version);
  } catch {
    return "unknown";
  }
}

const log = (line: string) => process.stderr.write(`[axone-kernel] ${line}\n`);

/** Runs the command line; resolves with an exit code for commands, never for the kernel itself (it exits on shutdown). */
export async function main(args: string[]): Promise<number | undefined> {
  if (args[0] === "install" || args[0] === "uninstall") {
    // Loaded only here: the kernel's start does not pay for it.
    const { runInstallCommand } = require("./install") as typeof import("./install");
    return runInstallCommand(args[0], args.slice(1));
  }
  if (args.includes("-h") || args.includes("--help")) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  let parsed: KernelArguments;
  try {
    parsed = parseArguments(args);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    return 2;
  }
  let info;
  try {
    info = readConnectionFile(parsed.connectionFile);
  } catch (error) {
    process.stderr.write(`axone-kernel: ${(error as Error).message}\n`);
    return 1;
  }

  // Nothing a cell or a peer does may kill the kernel: log what escapes instead.
  process.on("uncaughtException", (error) => log(`uncaught exception: ${error.stack ?? error}`));
  process.on("unhandledRejection", (reason) => log(`unhandled rejection: ${(reason as Error)?.stack ?? reason}`));

  const sockets = new KernelSockets(info, log);
  // The executor loads the TypeScript compiler (in a worker thread) and forks the process that runs
  // cells; the protocol answers kernel_info and heartbeat without waiting for either.
  const executor = new DeferredExecutor(() => {
    const { createExecutor } = require("./executor") as typeof import("./executor");
    return createExecutor({ cwd: process.cwd(), typeCheck: parsed.typeCheck });
  });
  let stopping = false;
  const stop = async (reason: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    log(`shutting down (${reason})`);
    const timeout = new Promise((resolve) => setTimeout(resolve, 3000).unref());
    await Promise.race([executor.shutdown().catch((error: Error) => log(`executor shutdown: ${error.message}`)), timeout]);
    sockets.close(1000);
    setTimeout(() => process.exit(0), 200).unref();
  };
  // Started now, in a worker thread and a child process: while the front end connects (its first
  // try usually comes before the sockets are bound, and ZeroMQ retries 100 to 200 ms later),
  // TypeScript loads and parses the standard declarations. kernel_info does not wait for it.
  const executorReady = executor.start();
  executorReady.catch((error: Error) => log(`executor failed to start: ${error.stack ?? error.message}`));
  const kernel = new Kernel({
    executor,
    transport: sockets,
    languageVersion: readVersion(require.resolve("typescript/package.json")),
    implementationVersion: readVersion(join(__dirname, "..", "..", "package.json")),
    executorReady,
    log,
    onShutdown: (restart) => void stop(restart ? "shutdown_request, restart" : "shutdown_request"),
  });
  await sockets.bind(
    (channel, message) => kernel.receive(channel, message),
    () => kernel.welcomeSubscriber(),
  );
  // SIGINT (the front end's interrupt when interrupt_mode is "signal", or a terminal's Ctrl-C) stops the running cell only.
  process.on("SIGINT", () => executor.interrupt());
  process.on("SIGTERM", () => void stop("SIGTERM"));
  return undefined;
}
