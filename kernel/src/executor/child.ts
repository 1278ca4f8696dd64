// The child process that runs notebook cells. Started by the executor with fork(); one per kernel
// (re)start. Cells run with vm.Script#runInThisContext({ breakOnSigint: true }), so SIGINT stops a
// synchronous spin and keeps the context; a pending await is stopped by the interrupt hooks that
// the converter puts around every await (runtime.w below).
import { AsyncLocalStorage } from "node:async_hooks";
import { Console } from "node:console";
import * as fs from "node:fs";
import { SourceMap, createRequire } from "node:module";
import * as path from "node:path";
import { Writable } from "node:stream";
import { pathToFileURL } from "node:url";
import * as vm from "node:vm";
import { DISPLAY_SYMBOL, format, html, json, latex, markdown, mime, plainText, png, svg } from "../display";
import type { ExecuteError, ExecutorEvent, JsonObject, MimeBundle } from "../executor-api";
import { Worker } from "node:worker_threads";
import { EVENTS_FD, INTERRUPT_FD, type FromChild, type ToChild } from "./messages";

// ---------------------------------------------------------------- channel to the kernel process
function writeAll(text: string): void {
  const buffer = Buffer.from(text);
  let offset = 0;
  while (offset < buffer.length) {
    try {
      offset += fs.writeSync(EVENTS_FD, buffer, offset);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EAGAIN") throw error;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1);
    }
  }
}

function toJson(value: unknown): unknown {
  try {
    return JSON.parse(JSON.stringify(value, (_key, item) => (typeof item === "bigint" ? item.toString() : item)) ?? "null");
  } catch (error) {
    return `[not JSON: ${(error as Error).message}]`;
  }
}

function post(message: FromChild): void {
  flushStreams();
  writeAll(JSON.stringify(message) + "\n");
}

function emit(event: ExecutorEvent): void {
  post({ type: "event", event });
}

// ---------------------------------------------------------------- stdout / stderr capture
// Text is coalesced (a loop of console.log becomes a few stream messages) and flushed before any
// other message, when the cell ends, on the next turn of the event loop, or every 50 ms of a spin.
let streamName: "stdout" | "stderr" | undefined;
let streamText = "";
let streamSince = 0;
let flushScheduled = false;

let lastFlush = 0;

function flushStreams(): void {
  if (streamName && streamText) {
    lastFlush = Date.now();
    const event: ExecutorEvent = { type: "stream", name: streamName, text: streamText };
    streamText = "";
    streamName = undefined;
    writeAll(JSON.stringify({ type: "event", event } satisfies FromChild) + "\n");
  }
}

function writeStream(name: "stdout" | "stderr", text: string): void {
  if (!text) return;
  if (streamName !== name) {
    flushStreams();
    streamName = name;
    streamSince = Date.now();
  }
  streamText += text;
  // Text goes out at once after a quiet spell (a progress line before a long computation shows
  // now), and is coalesced while it pours (at most one message per 50 ms).
  const now = Date.now();
  if (streamText.length > 65_536 || now - streamSince > 50 || now - lastFlush > 50) {
    flushStreams();
    streamSince = now;
  }
  if (!flushScheduled) {
    flushScheduled = true;
    setImmediate(() => {
      flushScheduled = false;
      flushStreams();
    });
  }
}

function captureWrite(name: "stdout" | "stderr") {
  return function write(chunk: unknown, encoding?: unknown, callback?: unknown): boolean {
    const text = typeof chunk === "string" ? chunk : Buffer.from(chunk as Uint8Array).toString(typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8");
    writeStream(name, text);
    const done = typeof encoding === "function" ? encoding : callback;
    if (typeof done === "function") process.nextTick(done as () => void);
    return true;
  };
}

const streamFor = (name: "stdout" | "stderr") =>
  new Writable({
    write(chunk: Buffer, _encoding, callback) {
      writeStream(name, chunk.toString("utf8"));
      callback();
    },
  });

process.stdout.write = captureWrite("stdout") as typeof process.stdout.write;
process.stderr.write = captureWrite("stderr") as typeof process.stderr.write;
const cellConsole = new Console({ stdout: streamFor("stdout"), stderr: streamFor("stderr"), colorMode: false });
globalThis.console = cellConsole;

// ---------------------------------------------------------------- runs, interrupts
class InterruptError extends Error {
  constructor() {
    super("execution interrupted; every variable defined so far is kept");
    this.name = "KeyboardInterrupt";
  }
}

interface Run {
  id: number;
  interrupted: boolean;
  pending: Set<(error: unknown) => void>;
  stop: (error: unknown) => void;
  allowStdin: boolean;
}

const runs = new AsyncLocalStorage<Run>();
let current: Run | undefined;

process.on("SIGINT", () => {
  // Reached while a cell awaits (a synchronous spin is stopped by breakOnSigint instead).
  const run = current;
  if (!run || run.interrupted) return;
  run.interrupted = true;
  const error = new InterruptError();
  for (const reject of run.pending) reject(error);
  run.pending.clear();
  rejectInput(error);
  run.stop(error);
});

// The main thread may be stuck in a loop, so the interrupt request (the id of the run to stop) is
// read by a small thread that puts it in shared memory; the checkpoints the converter puts in every loop of a cell read it.
const interruptFlag = new Int32Array(new SharedArrayBuffer(4));
const interruptWatcher = new Worker(
  `const { workerData } = require("node:worker_threads");
   const net = require("node:net");
   const flag = new Int32Array(workerData.buffer);
   const socket = new net.Socket({ fd: workerData.fd, readable: true, writable: false });
   let text = "";
   socket.setEncoding("utf8");
   socket.on("data", (chunk) => {
     text += chunk;
     const lines = text.split("\\n");
     text = lines.pop();
     const id = Number(lines.pop());
     if (Number.isInteger(id) && id > 0) Atomics.store(flag, 0, id);
   });
   socket.on("error", () => {});`,
  { eval: true, workerData: { buffer: interruptFlag.buffer, fd: INTERRUPT_FD } },
);
interruptWatcher.unref();
interruptWatcher.on("error", () => {});

/** Throws when the kernel asked to interrupt the run this code belongs to (ids: stale asks do nothing). */
function checkpoint(): void {
  const requested = Atomics.load(interruptFlag, 0);
  if (requested === 0) return;
  const run = runs.getStore() ?? current;
  if (!run || run.id !== requested) return;
  run.interrupted = true;
  throw new InterruptError();
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (typeof value === "object" || typeof value === "function") && value !== null && typeof (value as { then?: unknown }).then === "function";
}

// ---------------------------------------------------------------- modules
const cwd = process.cwd();
const notebookRequire = createRequire(path.join(cwd, "__notebook__.js"));
const kernelRequire = createRequire(__filename);

function isBare(id: string): boolean {
  return !id.startsWith(".") && !path.isAbsolute(id) && !id.startsWith("node:");
}

function resolveModule(id: string): { require: NodeJS.Require; path: string } {
  try {
    return { require: notebookRequire, path: notebookRequire.resolve(id) };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "MODULE_NOT_FOUND" || !isBare(id)) throw error;
  }
  try {
    return { require: kernelRequire, path: kernelRequire.resolve(id) };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "MODULE_NOT_FOUND") throw error;
    const missing = new Error(`Cannot find module '${id}' from the notebook folder ${cwd} nor from the kernel: install it with \`npm install ${id}\` in ${cwd}`);
    (missing as NodeJS.ErrnoException).code = "MODULE_NOT_FOUND";
    throw missing;
  }
}

function requireModule(id: string): unknown {
  if (!isBare(id) && !id.startsWith(".")) return notebookRequire(id);
  const found = resolveModule(id);
  return found.require(found.path);
}

const ESM_NAMESPACES = new WeakSet<object>();

function loadModule(id: string): unknown {
  try {
    return requireModule(id);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ERR_REQUIRE_ESM") throw error;
    const target = resolveModule(id).path;
    return import(pathToFileURL(target).href).then((namespace: object) => {
      ESM_NAMESPACES.add(namespace);
      return namespace;
    });
  }
}

function defaultExport(module: unknown): unknown {
  if (module && typeof module === "object" && (ESM_NAMESPACES.has(module) || (module as { __esModule?: boolean }).__esModule)) return (module as { default?: unknown }).default;
  return module;
}

// ---------------------------------------------------------------- runtime used by converted cells
const runtime = {
  /** Wraps every await of a cell: an interrupt rejects what the cell waits for. */
  w(value: unknown): unknown {
    const run = runs.getStore();
    if (!run) return value;
    if (run.interrupted) throw new InterruptError();
    if (!isThenable(value)) return value;
    return new Promise((resolve, reject) => {
      const stop = (error: unknown) => reject(error);
      run.pending.add(stop);
      value.then(
        (result) => {
          run.pending.delete(stop);
          if (run.interrupted) reject(new InterruptError());
          else resolve(result);
        },
        (error) => {
          run.pending.delete(stop);
          reject(error);
        },
      );
    });
  },
  c: checkpoint,
  load: loadModule,
  def: defaultExport,
};
Object.defineProperty(globalThis, "__axone", { value: runtime, enumerable: false, writable: false, configurable: false });

// ---------------------------------------------------------------- tracebacks
interface CellSource {
  code: string[];
  map: SourceMap | undefined;
}
const cells = new Map<string, CellSource>();
const ownFiles = [__filename, path.join(__dirname, "..", "display")];

function mapFrame(line: string): string | undefined {
  if (/\(node:(internal|vm|async_hooks|events)|at node:/.test(line) || ownFiles.some((file) => line.includes(file))) return undefined;
  return line.replace(/(In\[[^\]]*\]):(\d+):(\d+)/, (whole, name: string, row: string, column: string) => {
    const cell = cells.get(name);
    const entry = cell?.map?.findEntry(Number(row) - 1, Number(column) - 1) as { originalLine?: number; originalColumn?: number } | undefined;
    if (!entry || entry.originalLine === undefined) return whole;
    return `${name}:${entry.originalLine + 1}:${(entry.originalColumn ?? 0) + 1}`;
  });
}

export function describeError(error: unknown, headline?: string): ExecuteError {
  if (!(error instanceof Error) && !(typeof error === "object" && error !== null && "stack" in error && "message" in error)) {
    const evalue = plainText(error);
    return { ename: "Uncaught", evalue, traceback: [...(headline ? [headline] : []), `Uncaught ${evalue}`] };
  }
  const err = error as Error;
  const ename = err.name || err.constructor?.name || "Error";
  const evalue = String(err.message ?? "");
  const stackLines = String(err.stack ?? "").split("\n");
  const firstFrame = stackLines.findIndex((line) => /^\s+at /.test(line));
  let rawFrames = firstFrame < 0 ? [] : stackLines.slice(firstFrame);
  // Everything from the call of the cell's wrapper function down is the kernel's, not the user's.
  const entry = rawFrames.findIndex((line) => /\bat (sigintHandlersWrap|Script\.runInThisContext|AsyncLocalStorage\.run) /.test(line));
  if (entry >= 0) rawFrames = rawFrames.slice(0, entry > 0 && /In\[[^\]]*\]:\d+:\d+\)?$/.test(rawFrames[entry - 1]!) ? entry - 1 : entry);
  const frames = rawFrames.map(mapFrame).filter((line): line is string => line !== undefined);
  const traceback = [...(headline ? [headline] : []), `${ename}: ${evalue}`, ...frames];
  // Show the cell line where it happened, with a caret.
  for (const frame of frames) {
    const match = /(In\[[^\]]*\]):(\d+):(\d+)/.exec(frame);
    const source = match && cells.get(match[1]!)?.code[Number(match[2]) - 1];
    if (match && source !== undefined) {
      traceback.push("", `${match[1]}, line ${match[2]}:`, `    ${source}`, `    ${" ".repeat(Math.max(0, Number(match[3]) - 1))}^`);
      break;
    }
  }
  return { ename, evalue, traceback };
}

function errorEvent(error: unknown, headline: string): void {
  emit({ type: "error", ...describeError(error, headline) });
}

process.on("uncaughtException", (error) => errorEvent(error, "Uncaught error in a callback (the cell that started it had already finished, or did not wait for it):"));
process.on("unhandledRejection", (reason) => errorEvent(reason, "Unhandled promise rejection (a promise failed and nothing awaited or caught it):"));

class ProcessExitError extends Error {
  constructor(code: number) {
    super(`process.exit(${code}) was called: the kernel keeps running and keeps your variables (use Restart to start afresh)`);
    this.name = "ProcessExitError";
  }
}
process.exit = ((code?: number | string | null) => {
  throw new ProcessExitError(Number(code ?? 0));
}) as typeof process.exit;

// ---------------------------------------------------------------- input()
let pendingInput: { resolve: (value: string) => void; reject: (error: unknown) => void } | undefined;

function rejectInput(error: unknown): void {
  const pending = pendingInput;
  pendingInput = undefined;
  pending?.reject(error);
}

function requestInput(prompt: string, password: boolean): Promise<string> {
  const run = runs.getStore() ?? current;
  if (!run) return Promise.reject(new Error("input(): no cell is running; input() can only be awaited inside a cell"));
  if (!run.allowStdin) return Promise.reject(new Error("input(): this front end does not accept input (allow_stdin is false); pass the value in code instead"));
  if (pendingInput) return Promise.reject(new Error("input(): another input() is already waiting for an answer; await them one after the other"));
  return new Promise<string>((resolve, reject) => {
    pendingInput = { resolve, reject };
    emit({ type: "input_request", prompt: String(prompt ?? ""), password });
  });
}

// ---------------------------------------------------------------- comms
/** A comm handler; a promise it returns is awaited, so what it outputs comes before the comm message's idle. */
type CommHandler = (data: JsonObject, metadata: JsonObject) => void | PromiseLike<void>;

class Comm {
  private messageHandlers: CommHandler[] = [];
  private closeHandlers: CommHandler[] = [];
  closed = false;
  constructor(
    readonly commId: string,
    readonly targetName: string,
  ) {}
  /** Sends data to the front end's side of this comm. */
  send(data: JsonObject = {}, metadata: JsonObject = {}): void {
    if (this.closed) throw new Error(`comm ${this.commId} (${this.targetName}) is closed: open a new one`);
    emit({ type: "comm_msg", comm_id: this.commId, data: toJson(data) as JsonObject, metadata: toJson(metadata) as JsonObject });
  }
  /** Closes the comm on both sides. */
  close(data: JsonObject = {}, metadata: JsonObject = {}): void {
    if (this.closed) return;
    this.closed = true;
    comms.delete(this.commId);
    emit({ type: "comm_close", comm_id: this.commId, data: toJson(data) as JsonObject, metadata: toJson(metadata) as JsonObject });
  }
  onMsg(handler: CommHandler): void {
    this.messageHandlers.push(handler);
  }
  onClose(handler: CommHandler): void {
    this.closeHandlers.push(handler);
  }
  /** @internal Runs the handlers; resolves once the promises they returned settled. */ deliver(kind: "msg" | "close", data: JsonObject, metadata: JsonObject): Promise<void> {
    const headline = `Error in a comm ${kind} handler of target '${this.targetName}':`;
    return Promise.all((kind === "msg" ? this.messageHandlers : this.closeHandlers).map((handler) => runHandler(() => handler(data, metadata), headline))).then(() => {});
  }
}

/** Calls a comm handler, reporting what it throws or rejects with; resolves when it is done. */
async function runHandler(call: () => unknown, headline: string): Promise<void> {
  try {
    const result = call();
    if (isThenable(result)) await result;
  } catch (error) {
    errorEvent(error, headline);
  }
}

const comms = new Map<string, Comm>();
const commTargets = new Map<string, (comm: Comm, data: JsonObject, metadata: JsonObject) => void | PromiseLike<void>>();
let commCounter = 0;

const commApi = {
  /** Opens a comm to the front end's target `targetName`. */
  open(targetName: string, data: JsonObject = {}, metadata: JsonObject = {}): Comm {
    const comm = new Comm(`axone-${process.pid}-${Date.now().toString(36)}-${commCounter++}`, targetName);
    comms.set(comm.commId, comm);
    emit({ type: "comm_open", comm_id: comm.commId, target_name: targetName, data: toJson(data) as JsonObject, metadata: toJson(metadata) as JsonObject });
    return comm;
  },
  /** Handles comms the front end opens to `targetName`. */
  registerTarget(targetName: string, handler: (comm: Comm, data: JsonObject, metadata: JsonObject) => void | PromiseLike<void>): void {
    if (typeof handler !== "function") throw new TypeError(`comm.registerTarget('${targetName}'): the handler must be a function (comm, data, metadata) => void`);
    commTargets.set(targetName, handler);
  },
  unregisterTarget(targetName: string): void {
    commTargets.delete(targetName);
  },
};

// ---------------------------------------------------------------- display globals
let displayCounter = 0;

interface DisplayOptions {
  displayId?: string | boolean;
  update?: boolean;
  metadata?: JsonObject;
}

function bundleOf(value: unknown): MimeBundle {
  const bundle = format(value);
  for (const key of Object.keys(bundle)) if (!key.endsWith("json") && typeof bundle[key] !== "string") bundle[key] = String(bundle[key]);
  return toJson(bundle) as MimeBundle;
}

class DisplayHandle {
  constructor(readonly displayId: string) {}
  /** Replaces what this display shows. */
  update(value: unknown, metadata: JsonObject = {}): void {
    updateDisplay(this.displayId, value, metadata);
  }
  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return `DisplayHandle(${this.displayId})`;
  }
}

function display(value: unknown, options: DisplayOptions = {}): DisplayHandle | undefined {
  const displayId = options.displayId === true ? `display-${process.pid}-${displayCounter++}` : options.displayId || undefined;
  if (options.update) {
    if (!displayId) throw new Error("display(value, { update: true }) needs a displayId: the one given when the value was first displayed");
    updateDisplay(displayId, value, options.metadata);
    return new DisplayHandle(displayId);
  }
  emit({ type: "display_data", data: bundleOf(value), metadata: toJson(options.metadata ?? {}) as JsonObject, transient: displayId ? { display_id: displayId } : {} });
  return displayId ? new DisplayHandle(displayId) : undefined;
}

// Updates of one display are throttled: a training loop may update every step, the front end
// needs at most one update per UPDATE_INTERVAL_MS. The last value always goes out (at the latest
// when the cell ends).
const UPDATE_INTERVAL_MS = 50;
const lastUpdate = new Map<string, number>();
const pendingUpdates = new Map<string, { value: unknown; metadata: JsonObject; timer: NodeJS.Timeout }>();

function sendUpdate(displayId: string, value: unknown, metadata: JsonObject): void {
  lastUpdate.set(displayId, Date.now());
  emit({ type: "update_display_data", data: bundleOf(value), metadata: toJson(metadata) as JsonObject, transient: { display_id: displayId } });
}

function flushUpdate(displayId: string): void {
  const pending = pendingUpdates.get(displayId);
  if (!pending) return;
  clearTimeout(pending.timer);
  pendingUpdates.delete(displayId);
  sendUpdate(displayId, pending.value, pending.metadata);
}

function flushAllUpdates(): void {
  for (const displayId of [...pendingUpdates.keys()]) flushUpdate(displayId);
}

function updateDisplay(displayId: string, value: unknown, metadata: JsonObject = {}): void {
  if (typeof displayId !== "string" || !displayId) throw new TypeError("updateDisplay(displayId, value): displayId must be the non-empty string given to display(value, { displayId })");
  const since = Date.now() - (lastUpdate.get(displayId) ?? 0);
  const pending = pendingUpdates.get(displayId);
  if (since >= UPDATE_INTERVAL_MS) {
    if (pending) {
      clearTimeout(pending.timer);
      pendingUpdates.delete(displayId);
    }
    sendUpdate(displayId, value, metadata);
  } else if (pending) {
    pending.value = value;
    pending.metadata = metadata;
  } else {
    const timer = setTimeout(() => flushUpdate(displayId), UPDATE_INTERVAL_MS - since);
    pendingUpdates.set(displayId, { value, metadata, timer });
  }
}

function clearOutput(options: { wait?: boolean } = {}): void {
  flushAllUpdates();
  emit({ type: "clear_output", wait: Boolean(options.wait) });
}

const cellGlobals: Record<string, unknown> = {
  display,
  updateDisplay,
  clearOutput,
  html,
  markdown,
  svg,
  png,
  json,
  latex,
  mime,
  input: (prompt = "", options: { password?: boolean } = {}) => requestInput(prompt, Boolean(options.password)),
  password: (prompt = "") => requestInput(prompt, true),
  comm: commApi,
  require: Object.assign(requireModule, { resolve: (id: string) => resolveModule(id).path }),
  __dirname: cwd,
  __filename: path.join(cwd, "__notebook__.js"),
};
for (const [name, value] of Object.entries(cellGlobals)) {
  Object.defineProperty(globalThis, name, { value, writable: true, configurable: true, enumerable: false });
}
void DISPLAY_SYMBOL;

// ---------------------------------------------------------------- execution
async function execute(message: Extract<ToChild, { type: "execute" }>): Promise<void> {
  let stop: (error: unknown) => void = () => {};
  const stopped = new Promise<never>((_resolve, reject) => (stop = reject));
  stopped.catch(() => {});
  const run: Run = { id: message.id, interrupted: false, pending: new Set(), stop, allowStdin: message.allowStdin };
  current = run;
  const done = (outcome: Extract<FromChild, { type: "done" }>["outcome"]) => {
    flushAllUpdates();
    post({ type: "done", id: message.id, outcome });
  };
  try {
    let map: SourceMap | undefined;
    try {
      map = message.sourceMap ? new SourceMap(JSON.parse(message.sourceMap)) : undefined;
    } catch {
      map = undefined;
    }
    cells.set(message.cellName, { code: message.code.split("\n"), map });
    const script = new vm.Script(message.js, { filename: message.cellName });
    const completion = runs.run(run, () => script.runInThisContext({ breakOnSigint: true })) as Promise<{ value: unknown } | undefined> | undefined;
    const result = await Promise.race([completion, stopped]);
    if (run.interrupted) throw new InterruptError();
    flushAllUpdates();
    if (result && message.hasResult && !message.silent && result.value !== undefined) {
      emit({ type: "execute_result", data: bundleOf(result.value), metadata: {} });
    }
    const userExpressions: Record<string, unknown> = {};
    for (const [name, expression] of Object.entries(message.userExpressions)) {
      try {
        const value = vm.runInThisContext(expression, { filename: `user_expressions[${name}]` });
        userExpressions[name] = { status: "ok", data: bundleOf(value), metadata: {} };
      } catch (error) {
        userExpressions[name] = { status: "error", ...describeError(error) };
      }
    }
    done({ status: "ok", userExpressions: userExpressions as never });
  } catch (error) {
    const interrupted = run.interrupted || error instanceof InterruptError || (error as NodeJS.ErrnoException)?.code === "ERR_SCRIPT_EXECUTION_INTERRUPTED";
    if (interrupted) {
      run.interrupted = true;
      for (const reject of run.pending) reject(new InterruptError());
      run.pending.clear();
      rejectInput(new InterruptError());
      const interruptError = new InterruptError();
      done({ status: "error", ename: interruptError.name, evalue: interruptError.message, traceback: [`${interruptError.name}: ${interruptError.message}`] });
    } else {
      done({ status: "error", ...describeError(error) });
    }
  } finally {
    if (current === run) current = undefined;
  }
}

process.on("message", (message: ToChild) => {
  switch (message.type) {
    case "execute":
      void execute(message);
      break;
    case "input_reply": {
      const pending = pendingInput;
      pendingInput = undefined;
      pending?.resolve(message.value);
      break;
    }
    case "comm_open":
    case "comm_msg":
    case "comm_close":
      void handleComm(message).then(() => post({ type: "comm_done", id: message.id }));
      break;
  }
});

/** Runs the kernel-side handlers of a comm message from the front end; resolves when they are done. */
async function handleComm(message: Extract<ToChild, { type: "comm_open" | "comm_msg" | "comm_close" }>): Promise<void> {
  if (message.type === "comm_open") {
    const handler = commTargets.get(message.target_name);
    if (!handler) {
      emit({ type: "comm_close", comm_id: message.comm_id, data: { error: `no comm target '${message.target_name}' is registered in the kernel (comm.registerTarget)` }, metadata: {} });
      return;
    }
    const comm = new Comm(message.comm_id, message.target_name);
    comms.set(comm.commId, comm);
    await runHandler(() => handler(comm, message.data, message.metadata), `Error in the comm target handler '${message.target_name}':`);
    return;
  }
  const comm = comms.get(message.comm_id);
  if (!comm) return;
  if (message.type === "comm_close") {
    comm.closed = true;
    comms.delete(message.comm_id);
  }
  await comm.deliver(message.type === "comm_msg" ? "msg" : "close", message.data, message.metadata);
}
process.on("disconnect", () => process.kill(process.pid, "SIGKILL"));

post({ type: "ready", pid: process.pid });
