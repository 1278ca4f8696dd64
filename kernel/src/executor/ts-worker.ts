// Worker thread of the kernel process that owns the TypeScript compiler: converting cells, type
// checking, completion, inspect and is_complete. Loading TypeScript takes a while, so it happens
// here, off the protocol loop, and completion keeps answering while a cell spins in the child.
import { parentPort, workerData } from "node:worker_threads";
import type * as Session from "../converter/session";
import { requireWithCodeCache } from "./code-cache";

const { cwd, kernelRoot, typeCheck } = workerData as { cwd: string; kernelRoot: string; typeCheck: boolean };
// The compiler first, from V8's code cache: the converter's own `import "typescript"` then finds it
// loaded. One cache per mode: with checking, it also holds the checker's functions.
const compiler = requireWithCodeCache<typeof import("typescript")>("typescript", __filename, undefined, typeCheck ? "check" : "transpile");
const { CellSession, isComplete } = require("../converter/session") as typeof Session;

export interface WorkerRequest {
  id: number;
  method: "prepare" | "rollback" | "complete" | "inspect" | "isComplete" | "reset";
  args: unknown[];
}

export type WorkerReply = { id: number; result: unknown } | { id: number; error: string };

const session = new CellSession(cwd, kernelRoot);

let lastRequestAt = 0;
/** Runs `task` once no request came for IDLE_MS: a notebook run cell after cell never waits for it. */
const IDLE_MS = 300;
function whenIdle(task: () => void): void {
  const since = Date.now();
  setTimeout(() => (lastRequestAt >= since ? whenIdle(task) : task()), IDLE_MS).unref();
}

// Parsing the standard and Node type declarations takes a second or two: do it ahead when cells
// will be checked. Without checking, a cell only needs the transpiler, which is ready now.
if (typeCheck) {
  setImmediate(() => {
    try {
      session.warmUp();
    } catch {
      // A broken warm-up only costs time later; real requests report their own errors.
    }
    // Without a usable cache (first start after an install or upgrade), write one now that the
    // warm-up compiled what checking needs: once, about 50 ms.
    compiler.saveCache();
    whenIdle(() => {
      try {
        session.warmUpCompletion();
      } catch {
        // As above: only the first completion is slower.
      }
    });
  });
}

const methods: Record<WorkerRequest["method"], (...args: never[]) => unknown> = {
  prepare: (code: string, cellName: string, typeCheck: boolean) => session.prepare(code, cellName, typeCheck),
  rollback: (commit: string) => session.rollback(commit),
  complete: (code: string, cursorPos: number) => session.complete(code, cursorPos),
  inspect: (code: string, cursorPos: number, detailLevel: 0 | 1) => session.inspect(code, cursorPos, detailLevel),
  isComplete: (code: string) => isComplete(code),
  reset: () => session.reset(),
};

parentPort!.on("message", (request: WorkerRequest) => {
  lastRequestAt = Date.now();
  let reply: WorkerReply;
  try {
    reply = { id: request.id, result: (methods[request.method] as (...args: unknown[]) => unknown)(...request.args) };
  } catch (error) {
    reply = { id: request.id, error: (error as Error)?.stack ?? String(error) };
  }
  parentPort!.postMessage(reply);
  // Without checking there is no warm-up: the first cell compiled what the cache should hold.
  if (!typeCheck) setImmediate(() => compiler.saveCache());
});
