// The protocol layer: turns Jupyter requests into Executor calls and executor events
// into iopub messages. One table maps each request type to its handler; the reply's
// msg_type comes from the request's, so it can never be wrong.
import { randomUUID } from "node:crypto";
import type { ExecuteError, Executor, ExecutorEvent, JsonObject } from "../executor-api";
import type { MessageHeader, RequestChannel, WireMessage } from "../wire";
import { History } from "./history";
import {
  isOneWayType,
  isRequestType,
  PROTOCOL_VERSION,
  replyTypeOf,
  type ErrorContent,
  type ExecuteReply,
  type KernelInfoReply,
  type OneWayMap,
  type OneWayType,
  type PagePayload,
  type ReplyContent,
  type RequestContent,
  type RequestType,
} from "./messages";

/** What the protocol needs from the sockets (KernelSockets, or a test double). */
export interface Transport {
  send(channel: RequestChannel, message: WireMessage): Promise<void>;
  publish(message: Omit<WireMessage, "identities">): Promise<void>;
}

export interface KernelOptions {
  executor: Executor;
  transport: Transport;
  /** The TypeScript version cells are compiled with (language_info.version). */
  languageVersion: string;
  implementationVersion: string;
  /** Called after the shutdown_reply went out; the caller stops the executor and the process. */
  onShutdown?: (restart: boolean) => void;
  log?: (line: string) => void;
  /** Resolves when the executor can run a first cell; requests that need it wait for it (kernel_info does not). */
  executorReady?: Promise<void>;
}

/** The request being handled, and where its events go. */
interface RequestContext {
  channel: RequestChannel;
  message: WireMessage;
}

interface ExecutionParent {
  message: WireMessage;
  executionCount: number;
  silent: boolean;
  storeHistory: boolean;
}

type Handler<K extends RequestType> = (content: RequestContent<K>, context: RequestContext) => Promise<ReplyContent<K>>;
type OneWayHandler<K extends OneWayType> = (content: OneWayMap[K], context: RequestContext) => void | Promise<void>;

const HELP_REQUEST = /^\s*([A-Za-z_$][\w$]*(?:\s*\.\s*[A-Za-z_$][\w$]*)*)\s*(\?\??)\s*$/;
/** How long busy lasts at most around a comm message whose handler reports when it is done. */
const COMM_HANDLER_WAIT_MS = 5000;
const DEBUG_NOT_SUPPORTED = "The Axone TypeScript kernel has no debugger: debug_request is not supported.";

/** Length of a string in Unicode code points, as the protocol counts cursor positions. */
export function codePointLength(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}

function errorContent(error: unknown, context: string): ErrorContent {
  const ename = error instanceof Error ? error.name : "Error";
  const evalue = `${context}: ${error instanceof Error ? error.message : String(error)}`;
  return { status: "error", ename, evalue, traceback: [`${ename}: ${evalue}`] };
}

export class Kernel {
  readonly session = randomUUID();
  readonly history = new History();
  executionCount = 0;
  private readonly executor: Executor;
  private readonly transport: Transport;
  private readonly log: (line: string) => void;
  private readonly executorReady: Promise<void>;
  private readonly shellQueue: RequestContext[] = [];
  private shellRunning = false;
  private controlBusy = 0;
  /** Set while a cell fails with stop_on_error, until its reply is sent. */
  private aborting = false;
  /** Execute requests that were queued behind a failed cell when its reply went out: they are aborted. */
  private readonly aborted = new Set<string>();
  private shuttingDown = false;
  /** The execute request running now, or the last one (late output goes there). */
  private executionParent: ExecutionParent | undefined;
  /** The shell message being handled (a comm_msg's replies go back to it). */
  private shellParent: WireMessage | undefined;

  private readonly handlers: { [K in RequestType]: Handler<K> } = {
    kernel_info_request: async () => this.kernelInfo(),
    execute_request: async (content, context) => this.execute(content, context),
    complete_request: async (content) => {
      await this.executorStarted();
      const code = String(content.code ?? "");
      const cursor = typeof content.cursor_pos === "number" ? content.cursor_pos : codePointLength(code);
      const result = await this.executor.complete(code, cursor);
      return { status: "ok", matches: result.matches, cursor_start: result.cursorStart, cursor_end: result.cursorEnd, metadata: result.metadata };
    },
    inspect_request: async (content) => {
      await this.executorStarted();
      const code = String(content.code ?? "");
      const cursor = typeof content.cursor_pos === "number" ? content.cursor_pos : codePointLength(code);
      const result = await this.executor.inspect(code, cursor, content.detail_level === 1 ? 1 : 0);
      return { status: "ok", found: result.found, data: result.data, metadata: result.metadata };
    },
    is_complete_request: async (content) => {
      await this.executorStarted();
      try {
        return await this.executor.isComplete(String(content.code ?? ""));
      } catch (error) {
        this.log(`is_complete_request failed: ${(error as Error).message}`);
        return { status: "unknown" };
      }
    },
    history_request: async (content) => ({ status: "ok", history: this.history.query(content) }),
    comm_info_request: async (content) => {
      await this.executorStarted();
      const target = typeof content.target_name === "string" ? content.target_name : undefined;
      return { status: "ok", comms: await this.executor.commInfo(target) };
    },
    shutdown_request: async (content) => {
      this.shuttingDown = true;
      return { status: "ok", restart: content.restart === true };
    },
    interrupt_request: async () => {
      this.executor.interrupt();
      return { status: "ok" };
    },
    debug_request: async (content) => ({
      type: "response",
      request_seq: typeof content.seq === "number" ? content.seq : 0,
      success: false,
      command: typeof content.command === "string" ? content.command : "",
      message: DEBUG_NOT_SUPPORTED,
      body: { error: DEBUG_NOT_SUPPORTED },
    }),
  };

  private readonly oneWayHandlers: { [K in OneWayType]: OneWayHandler<K> } = {
    comm_open: (content, { message }) => this.executor.commOpen(String(content.comm_id), String(content.target_name), content.data ?? {}, message.metadata),
    comm_msg: (content, { message }) => this.executor.commMsg(String(content.comm_id), content.data ?? {}, message.metadata),
    comm_close: (content, { message }) => this.executor.commClose(String(content.comm_id), content.data ?? {}, message.metadata),
    input_reply: (content) => this.executor.inputReply(typeof content.value === "string" ? content.value : String(content.value ?? "")),
  };

  constructor(private readonly options: KernelOptions) {
    this.executor = options.executor;
    this.transport = options.transport;
    this.log = options.log ?? ((line) => process.stderr.write(`[axone-kernel] ${line}\n`));
    this.executorReady = options.executorReady ?? Promise.resolve();
    // A failed start is reported by each request that needs the executor; keep it from being unhandled here.
    this.executorReady.catch(() => {});
    this.executor.onEvent((event) => this.publishEvent(event));
  }

  private executorStarted(): Promise<void> {
    return this.executorReady;
  }

  /**
   * Greets a new iopub subscriber with the kernel's state. A front end's first messages on iopub
   * may be lost before its subscription arrives; jupyter_client's wait_for_ready waits for one
   * iopub message after the kernel_info_reply, and would otherwise ask again.
   */
  welcomeSubscriber(): void {
    void this.publish("status", { execution_state: this.shellRunning || this.controlBusy > 0 ? "busy" : "idle" }, {});
  }

  /** The wire listener: every decoded message from shell, control or stdin comes here. */
  receive(channel: RequestChannel, message: WireMessage): void {
    const type = message.header.msg_type;
    if (channel === "stdin") {
      if (type === "input_reply") this.oneWayHandlers.input_reply(message.content as OneWayMap["input_reply"], { channel, message });
      else this.log(`stdin: ignored a ${type} message (only input_reply is expected there)`);
      return;
    }
    if (!isRequestType(type) && !isOneWayType(type)) {
      this.log(`${channel}: ignored unknown message type ${JSON.stringify(type)}`);
      return;
    }
    const urgent = type === "interrupt_request" || type === "shutdown_request";
    if (urgent || (channel === "control" && type !== "execute_request" && !isOneWayType(type))) {
      // Control requests are answered at once, even while a cell runs; code and comms still
      // wait their turn behind the running cell (the reply goes back on control).
      this.controlBusy++;
      void this.dispatch({ channel, message }).finally(() => this.controlBusy--);
      return;
    }
    this.shellQueue.push({ channel, message });
    void this.drainShell();
  }

  private async drainShell(): Promise<void> {
    if (this.shellRunning) return;
    this.shellRunning = true;
    try {
      for (let next = this.shellQueue.shift(); next; next = this.shellQueue.shift()) {
        this.shellParent = next.message;
        await this.dispatch(next);
      }
    } finally {
      this.shellRunning = false;
    }
  }

  private async dispatch(context: RequestContext): Promise<void> {
    const { message, channel } = context;
    const type = message.header.msg_type;
    // Not awaited: iopub keeps its order through its send queue, and the request need not wait for it.
    void this.publish("status", { execution_state: "busy" }, message.header);
    try {
      if (isOneWayType(type)) {
        if (channel !== "shell") this.log(`${channel}: ${type} belongs on shell; handled anyway`);
        try {
          await this.executorStarted();
          // Waits for the comm handler when the executor says when it is done (bounded: a handler may never end).
          const handled = (this.oneWayHandlers[type] as OneWayHandler<OneWayType>)(message.content as OneWayMap[OneWayType], context);
          if (handled) await Promise.race([handled, new Promise((resolve) => setTimeout(resolve, COMM_HANDLER_WAIT_MS))]);
        } catch (error) {
          this.log(`${type} failed: ${(error as Error).message}`);
        }
      } else if (isRequestType(type)) {
        await this.answer(type, context);
      }
    } finally {
      await this.publish("status", { execution_state: "idle" }, message.header);
    }
    if (type === "shutdown_request" && this.shuttingDown) {
      this.options.onShutdown?.((message.content as { restart?: boolean }).restart === true);
    }
  }

  private async answer<K extends RequestType>(type: K, context: RequestContext): Promise<void> {
    let reply: ReplyContent<K> | ErrorContent;
    if (type === "execute_request" && this.aborted.delete(context.message.header.msg_id)) {
      reply = { status: "aborted", execution_count: this.executionCount } as ReplyContent<K>;
    } else {
      try {
        reply = await (this.handlers[type] as Handler<K>)(context.message.content as RequestContent<K>, context);
      } catch (error) {
        this.log(`${type} failed: ${(error as Error).stack ?? String(error)}`);
        reply = errorContent(error, type);
      }
    }
    if (this.aborting && type === "execute_request") {
      // What the front end sent before it could see the error is aborted; what it sends after runs.
      this.aborting = false;
      for (const queued of this.shellQueue) if (queued.message.header.msg_type === "execute_request") this.aborted.add(queued.message.header.msg_id);
    }
    const status = (reply as { status?: string }).status;
    const metadata: JsonObject = { started: new Date().toISOString() };
    if (status) metadata.status = status;
    await this.transport.send(context.channel, {
      identities: context.message.identities,
      header: this.header(replyTypeOf(type)),
      parentHeader: context.message.header,
      metadata,
      content: reply as unknown as JsonObject,
      buffers: [],
    });
  }

  private kernelInfo(): KernelInfoReply {
    return {
      status: "ok",
      protocol_version: PROTOCOL_VERSION,
      implementation: "axone",
      implementation_version: this.options.implementationVersion,
      language_info: {
        name: "typescript",
        version: this.options.languageVersion,
        mimetype: "text/typescript",
        file_extension: ".ts",
        // A name both JupyterLab 4 (findByName) and CodeMirror 5 (findModeByName) resolve to TypeScript.
        codemirror_mode: "typescript",
        pygments_lexer: "typescript",
        nbconvert_exporter: "script",
      },
      banner: `Axone ${this.options.implementationVersion}: TypeScript ${this.options.languageVersion} on Node ${process.versions.node}`,
      debugger: false,
      help_links: [
        { text: "TypeScript handbook", url: "https://www.typescriptlang.org/docs/handbook/intro.html" },
        { text: "Node.js API", url: "https://nodejs.org/api/" },
      ],
    };
  }

  private async execute(content: RequestContent<"execute_request">, context: RequestContext): Promise<ExecuteReply> {
    const code = typeof content.code === "string" ? content.code : "";
    const silent = content.silent === true;
    const storeHistory = silent ? false : content.store_history !== false;
    const stopOnError = content.stop_on_error !== false;
    if (storeHistory) this.executionCount++;
    const executionCount = this.executionCount;
    const parent: ExecutionParent = { message: context.message, executionCount, silent, storeHistory };
    this.executionParent = parent;
    if (!silent) void this.publish("execute_input", { code, execution_count: executionCount }, context.message.header);
    if (storeHistory) this.history.add(executionCount, code);

    const fail = (error: ExecuteError): ExecuteReply => {
      if (!silent) void this.publish("error", { ename: error.ename, evalue: error.evalue, traceback: error.traceback }, context.message.header);
      if (stopOnError) this.aborting = true;
      return { status: "error", execution_count: executionCount, ename: error.ename, evalue: error.evalue, traceback: error.traceback };
    };

    try {
      await this.executorStarted();
    } catch (error) {
      return fail({ ename: "KernelStartError", evalue: `the executor failed to start: ${(error as Error).message}`, traceback: [] });
    }

    const help = HELP_REQUEST.exec(code);
    if (help) return this.help(help[1].replace(/\s+/g, ""), help[2] === "??" ? 1 : 0, executionCount, context);

    let outcome;
    try {
      outcome = await this.executor.execute({
        code,
        executionCount,
        silent,
        storeHistory,
        userExpressions: content.user_expressions && typeof content.user_expressions === "object" ? content.user_expressions : {},
        allowStdin: content.allow_stdin === true,
      });
    } catch (error) {
      return fail({ ename: "KernelError", evalue: `the executor failed while running the cell: ${(error as Error).message}`, traceback: [] });
    }
    if (outcome.status === "error") return fail(outcome);
    return { status: "ok", execution_count: executionCount, user_expressions: outcome.userExpressions, payload: [] };
  }

  /** `name?` / `name??` pages the inspection of `name`, as IPython does. */
  private async help(expression: string, detailLevel: 0 | 1, executionCount: number, context: RequestContext): Promise<ExecuteReply> {
    const result = await this.executor.inspect(expression, codePointLength(expression), detailLevel);
    if (!result.found) {
      await this.publish("stream", { name: "stdout", text: `Object \`${expression}\` not found.\n` }, context.message.header);
      return { status: "ok", execution_count: executionCount, user_expressions: {}, payload: [] };
    }
    const payload: PagePayload = { source: "page", data: result.data, start: 0 };
    return { status: "ok", execution_count: executionCount, user_expressions: {}, payload: [payload] };
  }

  /** Publishes what the executor reports, with the request that caused it as parent. */
  private publishEvent(event: ExecutorEvent): void {
    const running = this.executionParent;
    const parentHeader = running?.message.header ?? {};
    switch (event.type) {
      case "stream":
        void this.publish("stream", { name: event.name, text: event.text }, parentHeader);
        break;
      case "display_data":
      case "update_display_data":
        void this.publish(event.type, { data: event.data, metadata: event.metadata, transient: event.transient }, parentHeader);
        break;
      case "execute_result": {
        if (running?.silent) break;
        const count = running?.executionCount ?? this.executionCount;
        if (running?.storeHistory && typeof event.data["text/plain"] === "string") this.history.setOutput(count, event.data["text/plain"] as string);
        void this.publish("execute_result", { execution_count: count, data: event.data, metadata: event.metadata }, parentHeader);
        break;
      }
      case "clear_output":
        void this.publish("clear_output", { wait: event.wait }, parentHeader);
        break;
      case "error":
        void this.publish("error", { ename: event.ename, evalue: event.evalue, traceback: event.traceback }, parentHeader);
        break;
      case "input_request": {
        if (!running) {
          this.log("input_request outside any execute request: answered with an empty string");
          this.executor.inputReply("");
          break;
        }
        void this.transport.send("stdin", {
          identities: running.message.identities,
          header: this.header("input_request"),
          parentHeader: running.message.header,
          metadata: {},
          content: { prompt: event.prompt, password: event.password },
          buffers: [],
        });
        break;
      }
      case "comm_open":
      case "comm_msg":
      case "comm_close": {
        // Comm traffic answers the shell message being handled (a comm_msg from the front end), else the cell.
        const commParent = this.shellParent?.header ?? parentHeader;
        const content: JsonObject = { comm_id: event.comm_id, data: event.data };
        if (event.type === "comm_open") content.target_name = event.target_name;
        void this.publish(event.type, content, commParent, event.metadata);
        break;
      }
      default: {
        const unknown: never = event;
        this.log(`ignored an executor event of unknown type ${JSON.stringify((unknown as { type: string }).type)}`);
      }
    }
  }

  private header(msgType: string): MessageHeader {
    return { msg_id: randomUUID(), msg_type: msgType, session: this.session, username: "kernel", date: new Date().toISOString(), version: PROTOCOL_VERSION };
  }

  private publish(msgType: string, content: JsonObject, parentHeader: WireMessage["parentHeader"], metadata: JsonObject = {}): Promise<void> {
    return this.transport.publish({ header: this.header(msgType), parentHeader, metadata, content, buffers: [] });
  }
}
