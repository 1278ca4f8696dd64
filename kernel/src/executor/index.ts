// The executor: runs cells in a child process (so the protocol loop, heartbeat and control answer
// while a cell spins) and keeps TypeScript in a worker thread (so the kernel starts fast and
// completion answers during a long cell). Implements the Executor contract of ../executor-api.
import { fork, type ChildProcess } from "node:child_process";
import * as path from "node:path";
import { Worker } from "node:worker_threads";
import type {
  CompleteResult,
  ExecuteError,
  ExecuteOutcome,
  ExecuteRequest,
  Executor,
  ExecutorEvent,
  InspectResult,
  IsCompleteResult,
  JsonObject,
} from "../executor-api";
import type { CellDiagnostic } from "../converter/convert";
import type { Completion, Inspection, PreparedCell } from "../converter/session";
import { EVENTS_FD, INTERRUPT_FD, type FromChild, type ToChild } from "./messages";
import type { WorkerReply, WorkerRequest } from "./ts-worker";

export interface ExecutorOptions {
  /** Folder of the notebook: cells run there and resolve npm packages from there first. */
  cwd: string;
  /** Type-check cells before running them (the %typecheck magic switches it per session). */
  typeCheck: boolean;
  /** Milliseconds an interrupt may take before the child is restarted (default 3000). */
  interruptGraceMs?: number;
}

const KERNEL_ROOT = path.resolve(__dirname, "..", "..", "..");

interface Running {
  id: number;
  resolve: (outcome: ExecuteOutcome) => void;
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

function failure(ename: string, evalue: string, traceback: string[] = [`${ename}: ${evalue}`]): ExecuteOutcome & ExecuteError {
  return { status: "error", ename, evalue, traceback };
}

/** The error of a cell that fails to compile or type-check, naming cell line, column and TS code. */
function diagnosticsError(ename: string, cellName: string, code: string, diagnostics: CellDiagnostic[]): ExecuteOutcome {
  const lines = code.split("\n");
  const describe = (d: CellDiagnostic) => `${cellName} line ${d.line}, column ${d.column}: TS${d.code}: ${d.message}`;
  const first = diagnostics[0]!;
  const more = diagnostics.length > 1 ? ` (and ${diagnostics.length - 1} more)` : "";
  const traceback: string[] = [`${ename}: ${diagnostics.length} error${diagnostics.length > 1 ? "s" : ""} in ${cellName}; the cell did not run`];
  for (const d of diagnostics) {
    traceback.push("", describe(d));
    const source = lines[d.line - 1];
    if (source !== undefined) traceback.push(`    ${source}`, `    ${" ".repeat(Math.max(0, d.column - 1))}^`);
  }
  return failure(ename, describe(first) + more, traceback);
}

/** The code with its leading %magic lines turned into spaces (same length: cursor offsets hold). */
function withoutMagics(code: string): string {
  const lines = code.split("\n");
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i]!.trim()) continue;
    if (!/^\s*%\w+/.test(lines[i]!)) break;
    lines[i] = " ".repeat(lines[i]!.length);
  }
  return lines.join("\n");
}

class ChildProcessExecutor implements Executor {
  private child: ChildProcess | undefined;
  private childReady: Promise<void> | undefined;
  private worker: Worker | undefined;
  private readonly workerCalls = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  private workerCounter = 0;
  private readonly listeners: ((event: ExecutorEvent) => void)[] = [];
  private running: Running | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private executeCounter = 0;
  private typeCheck: boolean;
  private readonly openComms = new Map<string, string>();
  /** Comm messages sent to a child whose handlers have not finished: id → that child, resolve. */
  private readonly pendingComms = new Map<number, { child: ChildProcess; resolve: () => void }>();
  private commCounter = 0;
  private interruptTimer: NodeJS.Timeout | undefined;
  private stopped = false;
  /** Interrupts so far: a cell submitted before the latest one does not start. */
  private interrupts = 0;
  /** Set while a child is being replaced on purpose, so its exit is not reported as a crash. */
  private readonly expectedExits = new WeakSet<ChildProcess>();

  constructor(private readonly options: ExecutorOptions) {
    this.typeCheck = options.typeCheck;
  }

  async start(): Promise<void> {
    this.startWorker();
    await this.startChild();
  }

  onEvent(listener: (event: ExecutorEvent) => void): void {
    this.listeners.push(listener);
  }

  private emit(event: ExecutorEvent): void {
    if (event.type === "comm_open") this.openComms.set(event.comm_id, event.target_name);
    if (event.type === "comm_close") this.openComms.delete(event.comm_id);
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch {
        // A listener's failure must not stop the events of others.
      }
    }
  }

  // ------------------------------------------------------------------ worker (TypeScript)
  private startWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(path.join(__dirname, "ts-worker.js"), { workerData: { cwd: this.options.cwd, kernelRoot: KERNEL_ROOT, typeCheck: this.typeCheck }, resourceLimits: { maxYoungGenerationSizeMb: 64 } });
    worker.unref();
    worker.on("message", (reply: WorkerReply) => {
      const call = this.workerCalls.get(reply.id);
      if (!call) return;
      this.workerCalls.delete(reply.id);
      if ("error" in reply) call.reject(new Error(reply.error));
      else call.resolve(reply.result);
    });
    const fail = (error: Error) => {
      if (this.worker === worker) this.worker = undefined;
      for (const call of this.workerCalls.values()) call.reject(new Error(`the TypeScript worker stopped: ${error.message}`));
      this.workerCalls.clear();
    };
    worker.on("error", fail);
    worker.on("exit", (code) => fail(new Error(`exit code ${code}`)));
    this.worker = worker;
    return worker;
  }

  private callWorker<T>(method: WorkerRequest["method"], ...args: unknown[]): Promise<T> {
    const worker = this.startWorker();
    const id = ++this.workerCounter;
    return new Promise<T>((resolve, reject) => {
      this.workerCalls.set(id, { resolve: resolve as (value: unknown) => void, reject });
      worker.postMessage({ id, method, args } satisfies WorkerRequest);
    });
  }

  // ------------------------------------------------------------------ child (runs cells)
  private startChild(): Promise<void> {
    const child = fork(path.join(__dirname, "child.js"), [], {
      cwd: this.options.cwd,
      execArgv: ["--experimental-wasm-relaxed-simd"],
      stdio: ["ignore", "pipe", "pipe", "ipc", "pipe", "pipe"],
      serialization: "json",
    });
    this.child = child;
    let markReady: () => void = () => {};
    let markFailed: (error: Error) => void = () => {};
    const ready = new Promise<void>((resolve, reject) => {
      markReady = resolve;
      markFailed = reject;
    });
    this.childReady = ready;
    ready.catch(() => {});

    (child.stdio as unknown as (NodeJS.WritableStream | null)[])[INTERRUPT_FD]?.on("error", () => {});
    let buffered = "";
    const events = child.stdio[EVENTS_FD] as NodeJS.ReadableStream;
    events.setEncoding("utf8");
    events.on("data", (chunk: string) => {
      buffered += chunk;
      let newline: number;
      while ((newline = buffered.indexOf("\n")) >= 0) {
        const line = buffered.slice(0, newline);
        buffered = buffered.slice(newline + 1);
        if (!line) continue;
        let message: FromChild;
        try {
          message = JSON.parse(line) as FromChild;
        } catch {
          continue;
        }
        if (this.child !== child) continue;
        this.fromChild(message, markReady);
      }
    });
    // Output written straight to the file descriptors (native code, child processes of the cell).
    child.stdout!.setEncoding("utf8").on("data", (text: string) => this.child === child && this.emit({ type: "stream", name: "stdout", text }));
    child.stderr!.setEncoding("utf8").on("data", (text: string) => this.child === child && this.emit({ type: "stream", name: "stderr", text }));
    child.on("error", (error) => markFailed(error));
    let wasReady = false;
    void ready.then(() => (wasReady = true), () => {});
    child.on("exit", (code, signal) => {
      markFailed(new Error(`the process running cells exited before it was ready (code ${code}, signal ${signal})`));
      // Handlers that were running died with the child: nobody should wait for them.
      this.settleComms(child);
      if (this.expectedExits.has(child) || this.stopped || this.child !== child) return;
      // A child that dies while starting is not restarted in a loop: the next cell tries again.
      if (!wasReady) return;
      this.childDied(code, signal);
    });
    return ready;
  }

  private fromChild(message: FromChild, markReady: () => void): void {
    switch (message.type) {
      case "ready":
        markReady();
        break;
      case "event":
        this.emit(message.event);
        break;
      case "done":
        if (this.running?.id === message.id) {
          const running = this.running;
          this.running = undefined;
          clearTimeout(this.interruptTimer);
          running.resolve(message.outcome);
        }
        break;
      case "comm_done":
        this.pendingComms.get(message.id)?.resolve();
        this.pendingComms.delete(message.id);
        break;
      case "exit_requested":
        break;
    }
  }

  private childDied(code: number | null, signal: NodeJS.Signals | null): void {
    const how = signal ? `was killed by ${signal}` : `exited with code ${code}`;
    const evalue = `the process running cells ${how}; it has been restarted, so every variable is lost: re-run the cells you need`;
    const running = this.running;
    this.running = undefined;
    clearTimeout(this.interruptTimer);
    this.openComms.clear();
    if (running) running.resolve(failure("KernelRestarted", evalue));
    else this.emit({ type: "error", ename: "KernelRestarted", evalue, traceback: [`KernelRestarted: ${evalue}`] });
    void this.callWorker("reset").catch(() => {});
    void this.startChild().catch(() => {});
  }

  private send(message: ToChild): void {
    if (this.child?.connected) this.child.send(message);
  }

  // ------------------------------------------------------------------ execute
  execute(request: ExecuteRequest): Promise<ExecuteOutcome> {
    const epoch = this.interrupts;
    const next = this.queue.then(() => this.executeNow(request, epoch));
    this.queue = next.catch(() => {});
    return next;
  }

  /** Line magics at the top of a cell: %typecheck on|off. They are blanked so line numbers hold. */
  private magics(code: string): { code: string; error?: ExecuteOutcome; note?: string } {
    const lines = code.split("\n");
    const notes: string[] = [];
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]!;
      if (!line.trim()) continue;
      const match = /^\s*%(\w+)\s*(.*?)\s*$/.exec(line);
      if (!match) break;
      const [, name, argument] = match;
      if (name === "typecheck" && (argument === "on" || argument === "off" || argument === "")) {
        if (argument) this.typeCheck = argument === "on";
        notes.push(`type checking is ${this.typeCheck ? "on" : "off"}`);
        lines[i] = "";
      } else {
        return { code, error: failure("UsageError", `unknown magic %${name} ${argument}`.trimEnd() + ": the kernel knows %typecheck on | off") };
      }
    }
    return { code: lines.join("\n"), note: notes.length ? notes.join("\n") + "\n" : undefined };
  }

  private async executeNow(request: ExecuteRequest, epoch: number): Promise<ExecuteOutcome> {
    const { code, error, note } = this.magics(request.code);
    if (error) return error;
    if (note && !request.silent) this.emit({ type: "stream", name: "stdout", text: note });
    if (!code.trim()) return { status: "ok", userExpressions: {} };
    const cellName = `In[${request.executionCount}]`;
    let prepared: PreparedCell;
    try {
      prepared = await this.callWorker<PreparedCell>("prepare", code, cellName, this.typeCheck);
    } catch (workerError) {
      return failure("KernelError", `could not convert the cell: ${(workerError as Error).message.split("\n")[0]}`);
    }
    // Interrupted since it was submitted (while TypeScript loaded or checked it): it does not run.
    if (this.interrupts !== epoch) {
      if (prepared.commit) void this.callWorker("rollback", prepared.commit).catch(() => {});
      return failure("KeyboardInterrupt", "interrupted before the cell started; nothing ran and every variable is kept");
    }
    if (prepared.syntaxErrors.length) return diagnosticsError("SyntaxError", cellName, code, prepared.syntaxErrors);
    if (prepared.typeErrors.length) return diagnosticsError("TSError", cellName, code, prepared.typeErrors);
    try {
      await this.childReady;
    } catch {
      try {
        await this.restartChild();
      } catch (startError) {
        return failure("KernelError", `the process that runs cells could not start: ${(startError as Error).message}`);
      }
    }
    const id = ++this.executeCounter;
    return new Promise<ExecuteOutcome>((resolve) => {
      this.running = { id, resolve };
      this.send({
        type: "execute",
        id,
        cellName,
        code,
        js: prepared.js,
        sourceMap: prepared.sourceMap,
        hasResult: prepared.hasResult,
        silent: request.silent,
        allowStdin: request.allowStdin,
        userExpressions: request.userExpressions,
      });
    });
  }

  // ------------------------------------------------------------------ language features
  async complete(code: string, cursorPos: number): Promise<CompleteResult> {
    try {
      const result = await this.callWorker<Completion>("complete", withoutMagics(code), cursorPos);
      return { matches: result.matches, cursorStart: result.cursorStart, cursorEnd: result.cursorEnd, metadata: { _jupyter_types_experimental: result.types } };
    } catch {
      return { matches: [], cursorStart: cursorPos, cursorEnd: cursorPos, metadata: {} };
    }
  }

  async inspect(code: string, cursorPos: number, detailLevel: 0 | 1): Promise<InspectResult> {
    try {
      const result = await this.callWorker<Inspection>("inspect", withoutMagics(code), cursorPos, detailLevel);
      if (!result.found) return { found: false, data: {}, metadata: {} };
      return { found: true, data: { "text/plain": result.text, "text/markdown": result.markdown }, metadata: {} };
    } catch {
      return { found: false, data: {}, metadata: {} };
    }
  }

  async isComplete(code: string): Promise<IsCompleteResult> {
    try {
      return await this.callWorker<IsCompleteResult>("isComplete", withoutMagics(code));
    } catch {
      return { status: "unknown" };
    }
  }

  // ------------------------------------------------------------------ stdin and comms
  inputReply(value: string): void {
    this.send({ type: "input_reply", value });
  }

  /** Sends a comm message to the child; resolves once its handlers (and the promises they returned) are done. */
  private sendComm(message: DistributiveOmit<Extract<ToChild, { type: "comm_open" | "comm_msg" | "comm_close" }>, "id">): Promise<void> {
    const child = this.child;
    if (!child?.connected) return Promise.resolve();
    const id = ++this.commCounter;
    return new Promise<void>((resolve) => {
      this.pendingComms.set(id, { child, resolve });
      child.send({ ...message, id } as ToChild);
    });
  }

  private settleComms(child: ChildProcess): void {
    for (const [id, pending] of this.pendingComms) {
      if (pending.child !== child) continue;
      pending.resolve();
      this.pendingComms.delete(id);
    }
  }

  commOpen(commId: string, targetName: string, data: JsonObject, metadata: JsonObject): Promise<void> {
    this.openComms.set(commId, targetName);
    return this.sendComm({ type: "comm_open", comm_id: commId, target_name: targetName, data, metadata });
  }

  commMsg(commId: string, data: JsonObject, metadata: JsonObject): Promise<void> {
    return this.sendComm({ type: "comm_msg", comm_id: commId, data, metadata });
  }

  commClose(commId: string, data: JsonObject, metadata: JsonObject): Promise<void> {
    this.openComms.delete(commId);
    return this.sendComm({ type: "comm_close", comm_id: commId, data, metadata });
  }

  async commInfo(targetName?: string): Promise<Record<string, { target_name: string }>> {
    const comms: Record<string, { target_name: string }> = {};
    for (const [id, target] of this.openComms) if (targetName === undefined || targetName === target) comms[id] = { target_name: target };
    return comms;
  }

  // ------------------------------------------------------------------ lifecycle
  interrupt(): void {
    this.interrupts++;
    const child = this.child;
    const running = this.running;
    if (!child || !running) return;
    // SIGINT first: breakOnSigint stops synchronous code, the child's listener a pending await.
    child.kill("SIGINT");
    // A loop of the cell running after an await sees neither: then ask its loop checkpoints to
    // throw, naming the run so that a late request never stops a later cell.
    setTimeout(() => {
      if (this.running !== running || this.child !== child) return;
      (child.stdio as unknown as (NodeJS.WritableStream | null)[])[INTERRUPT_FD]?.write(`${running.id}\n`);
    }, 200);
    clearTimeout(this.interruptTimer);
    // Code that blocks outside the cell's own loops after an await (a library's loop, Atomics.wait)
    // is out of reach of both breakOnSigint and the loop checkpoints: restart the child.
    this.interruptTimer = setTimeout(() => {
      if (this.running !== running || this.child !== child) return;
      this.expectedExits.add(child);
      child.kill("SIGKILL");
      this.running = undefined;
      this.openComms.clear();
      const evalue = "the cell did not stop on interrupt (it blocks outside its own loops after an await), so the process running cells was restarted: every variable is lost";
      running.resolve(failure("KeyboardInterrupt", evalue));
      void this.callWorker("reset").catch(() => {});
      void this.startChild().catch(() => {});
    }, this.options.interruptGraceMs ?? 3000);
  }

  private async restartChild(): Promise<void> {
    const old = this.child;
    if (old) {
      this.expectedExits.add(old);
      old.kill("SIGKILL");
    }
    const running = this.running;
    this.running = undefined;
    clearTimeout(this.interruptTimer);
    if (running) running.resolve(failure("KernelRestarted", "the kernel was restarted while this cell ran"));
    this.openComms.clear();
    await this.startChild();
  }

  async shutdown(): Promise<void> {
    this.stopped = true;
    const child = this.child;
    this.child = undefined;
    if (child) {
      this.expectedExits.add(child);
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
        child.kill("SIGKILL");
        await exited;
      }
    }
    const running = this.running;
    this.running = undefined;
    if (running) running.resolve(failure("KernelShutdown", "the kernel shut down while this cell ran"));
    const worker = this.worker;
    this.worker = undefined;
    if (worker) await worker.terminate();
  }
}

/** The executor the protocol layer drives (see executor-api.ts). */
export function createExecutor(options: ExecutorOptions): Executor {
  return new ChildProcessExecutor(options);
}
