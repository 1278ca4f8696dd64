// Worker thread of the kernel process that owns the TypeScript compiler: converting cells, type
// checking, completion, inspect and is_complete. Loading TypeScript takes a while, so it happens
// here, off the protocol loop, and completion keeps answering while a cell spins in the child.
import { parentPort, workerData } from "node:worker_threads";
import { CellSession, isComplete } from "../converter/session";

export interface WorkerRequest {
  id: number;
  method: "prepare" | "rollback" | "complete" | "inspect" | "isComplete" | "reset";
  args: unknown[];
}

export type WorkerReply = { id: number; result: unknown } | { id: number; error: string };

const { cwd, kernelRoot, typeCheck } = workerData as { cwd: string; kernelRoot: string; typeCheck: boolean };
const session = new CellSession(cwd, kernelRoot);
// Parsing the standard and Node type declarations takes a second or two: do it ahead when cells
// will be checked. Without checking, a cell only needs the transpiler, which is ready now.
if (typeCheck) {
  setImmediate(() => {
    try {
      session.warmUp();
    } catch {
      // A broken warm-up only costs time later; real requests report their own errors.
    }
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
  let reply: WorkerReply;
  try {
    reply = { id: request.id, result: (methods[request.method] as (...args: unknown[]) => unknown)(...request.args) };
  } catch (error) {
    reply = { id: request.id, error: (error as Error)?.stack ?? String(error) };
  }
  parentPort!.postMessage(reply);
});
