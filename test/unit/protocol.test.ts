import { describe, expect, it } from "vitest";
import type { CompleteResult, ExecuteOutcome, ExecuteRequest, Executor, ExecutorEvent, InspectResult, IsCompleteResult, JsonObject } from "../../kernel/src/executor-api";
import { DeferredExecutor, History, Kernel, globToRegExp, replyTypeOf, requestTypes, type Transport } from "../../kernel/src/protocol";
import type { MessageHeader, RequestChannel, WireMessage } from "../../kernel/src/wire";

/** A test double of the executor: runs nothing, records calls, and scripts outcomes per code. */
class ScriptedExecutor implements Executor {
  readonly calls: string[] = [];
  readonly requests: ExecuteRequest[] = [];
  private listener: (event: ExecutorEvent) => void = () => {};
  private pendingInput: ((value: string) => void) | undefined;
  private interruptCurrent: (() => void) | undefined;

  async start(): Promise<void> {}
  onEvent(listener: (event: ExecutorEvent) => void): void {
    this.listener = listener;
  }
  emit(event: ExecutorEvent): void {
    this.listener(event);
  }
  async execute(request: ExecuteRequest): Promise<ExecuteOutcome> {
    this.requests.push(request);
    const { code } = request;
    if (code.startsWith("throw")) return { status: "error", ename: "Error", evalue: code, traceback: [`Error: ${code}`, "    at <cell>:1:1"] };
    if (code === "spin") {
      return new Promise((resolve) => {
        this.interruptCurrent = () => resolve({ status: "error", ename: "Interrupted", evalue: "interrupted", traceback: [] });
      });
    }
    if (code.startsWith("input")) {
      this.emit({ type: "input_request", prompt: "name? ", password: code.includes("password") });
      const value = await new Promise<string>((resolve) => (this.pendingInput = resolve));
      this.emit({ type: "stream", name: "stdout", text: `got ${value}\n` });
      return { status: "ok", userExpressions: {} };
    }
    this.emit({ type: "stream", name: "stdout", text: `running ${code}\n` });
    this.emit({ type: "execute_result", data: { "text/plain": `result of ${code}` }, metadata: {} });
    const userExpressions: Extract<ExecuteOutcome, { status: "ok" }>["userExpressions"] = {};
    for (const [name, expression] of Object.entries(request.userExpressions)) {
      userExpressions[name] = { status: "ok", data: { "text/plain": `value of ${expression}` }, metadata: {} };
    }
    return { status: "ok", userExpressions };
  }
  async complete(code: string, cursorPos: number): Promise<CompleteResult> {
    this.calls.push(`complete ${code} ${cursorPos}`);
    return { matches: ["toFixed", "toString"], cursorStart: cursorPos - 2, cursorEnd: cursorPos, metadata: {} };
  }
  async inspect(code: string, cursorPos: number, detailLevel: 0 | 1): Promise<InspectResult> {
    this.calls.push(`inspect ${code} ${cursorPos} ${detailLevel}`);
    return code.startsWith("known") ? { found: true, data: { "text/plain": `doc of ${code}` }, metadata: {} } : { found: false, data: {}, metadata: {} };
  }
  async isComplete(code: string): Promise<IsCompleteResult> {
    return code.endsWith("{") ? { status: "incomplete", indent: "  " } : { status: "complete" };
  }
  inputReply(value: string): void {
    this.calls.push(`inputReply ${value}`);
    this.pendingInput?.(value);
  }
  commOpen(commId: string, targetName: string, data: JsonObject): void {
    this.calls.push(`commOpen ${commId} ${targetName} ${JSON.stringify(data)}`);
  }
  commMsg(commId: string, data: JsonObject): void {
    this.calls.push(`commMsg ${commId} ${JSON.stringify(data)}`);
    this.emit({ type: "comm_msg", comm_id: commId, data: { echo: data }, metadata: {} });
  }
  commClose(commId: string): void {
    this.calls.push(`commClose ${commId}`);
  }
  async commInfo(targetName?: string): Promise<Record<string, { target_name: string }>> {
    const all = { c1: { target_name: "axone.widget" }, c2: { target_name: "other" } };
    return targetName ? Object.fromEntries(Object.entries(all).filter(([, value]) => value.target_name === targetName)) : all;
  }
  interrupt(): void {
    this.calls.push("interrupt");
    this.interruptCurrent?.();
  }
  async shutdown(): Promise<void> {}
}

class RecordingTransport implements Transport {
  readonly sent: Array<{ channel: RequestChannel; message: WireMessage }> = [];
  readonly published: Array<Omit<WireMessage, "identities">> = [];
  async send(channel: RequestChannel, message: WireMessage): Promise<void> {
    this.sent.push({ channel, message });
  }
  async publish(message: Omit<WireMessage, "identities">): Promise<void> {
    this.published.push(message);
  }
  replies(type?: string) {
    return this.sent.filter(({ message }) => !type || message.header.msg_type === type).map(({ message }) => message);
  }
  iopub(parentId?: string) {
    return this.published.filter((message) => !parentId || (message.parentHeader as MessageHeader).msg_id === parentId);
  }
}

let counter = 0;
function request(msgType: string, content: JsonObject = {}): WireMessage {
  counter++;
  return {
    identities: [Buffer.from("front-end")],
    header: { msg_id: `m${counter}`, msg_type: msgType, session: "client", username: "u", date: new Date().toISOString(), version: "5.4" },
    parentHeader: {},
    metadata: {},
    content,
    buffers: [],
  };
}

function setUp() {
  const executor = new ScriptedExecutor();
  const transport = new RecordingTransport();
  const shutdowns: boolean[] = [];
  const logs: string[] = [];
  const kernel = new Kernel({ executor, transport, languageVersion: "6.0.3", implementationVersion: "0.1.0", onShutdown: (restart) => shutdowns.push(restart), log: (line) => logs.push(line) });
  return { executor, transport, kernel, shutdowns, logs };
}

/** Lets the kernel's queued promises run. */
const settle = async (rounds = 20) => {
  for (let i = 0; i < rounds; i++) await new Promise((resolve) => setImmediate(resolve));
};

async function ask(kernel: Kernel, channel: RequestChannel, message: WireMessage, transport: RecordingTransport) {
  kernel.receive(channel, message);
  await settle();
  const reply = transport.sent.find(({ message: sent }) => (sent.parentHeader as MessageHeader).msg_id === message.header.msg_id);
  return reply?.message;
}

describe("the request → reply table", () => {
  it("derives every reply type from its request type", () => {
    for (const type of requestTypes) expect(replyTypeOf(type)).toBe(type.replace("_request", "_reply"));
    expect(replyTypeOf("comm_info_request")).toBe("comm_info_reply");
  });

  it("answers every request type with its own reply type, framed by busy and idle", async () => {
    const { kernel, transport } = setUp();
    const contents: Record<string, JsonObject> = {
      execute_request: { code: "1+1" },
      complete_request: { code: "x.to", cursor_pos: 4 },
      inspect_request: { code: "known", cursor_pos: 5 },
      is_complete_request: { code: "if (x) {" },
      history_request: { hist_access_type: "tail", n: 5 },
      shutdown_request: { restart: false },
      debug_request: { seq: 3, type: "request", command: "initialize" },
    };
    for (const type of requestTypes) {
      const message = request(type, contents[type] ?? {});
      const reply = await ask(kernel, type === "interrupt_request" || type === "debug_request" ? "control" : "shell", message, transport);
      expect(reply?.header.msg_type, type).toBe(replyTypeOf(type));
      expect(reply?.identities.map(String)).toEqual(["front-end"]);
      const states = transport.iopub(message.header.msg_id).filter((m) => m.header.msg_type === "status").map((m) => m.content.execution_state);
      expect(states, type).toEqual(["busy", "idle"]);
    }
  });

  it("describes the TypeScript language in kernel_info", async () => {
    const { kernel, transport } = setUp();
    const reply = await ask(kernel, "shell", request("kernel_info_request"), transport);
    expect(reply?.content).toMatchObject({
      status: "ok",
      protocol_version: "5.4",
      implementation: "axone",
      language_info: { name: "typescript", version: "6.0.3", mimetype: "text/typescript", file_extension: ".ts", pygments_lexer: "typescript", codemirror_mode: "typescript" },
      debugger: false,
    });
  });

  it("answers debug_request with a clear refusal instead of silence", async () => {
    const { kernel, transport } = setUp();
    const reply = await ask(kernel, "control", request("debug_request", { seq: 7, type: "request", command: "initialize" }), transport);
    expect(reply?.content).toMatchObject({ type: "response", request_seq: 7, success: false, command: "initialize" });
    expect(String(reply?.content.message)).toMatch(/not supported/);
  });

  it("answers kernel_info before the executor is ready; a first execute_request waits for it", async () => {
    const executor = new ScriptedExecutor();
    const transport = new RecordingTransport();
    let ready!: () => void;
    const executorReady = new Promise<void>((resolve) => (ready = resolve));
    const kernel = new Kernel({ executor, transport, languageVersion: "6", implementationVersion: "0", executorReady });
    expect((await ask(kernel, "shell", request("kernel_info_request"), transport))?.header.msg_type).toBe("kernel_info_reply");
    kernel.receive("shell", request("execute_request", { code: "a" }));
    await settle();
    expect(transport.replies("execute_reply")).toHaveLength(0);
    ready();
    await settle();
    expect(transport.replies("execute_reply").map((m) => m.content.status)).toEqual(["ok"]);
  });

  it("greets a new iopub subscriber with its current state", async () => {
    const { kernel, transport } = setUp();
    kernel.welcomeSubscriber();
    await settle();
    expect(transport.published.map((m) => [m.header.msg_type, m.content.execution_state, m.parentHeader])).toEqual([["status", "idle", {}]]);
    kernel.receive("shell", request("execute_request", { code: "spin" }));
    await settle();
    kernel.welcomeSubscriber();
    await settle();
    expect(transport.published.at(-1)?.content.execution_state).toBe("busy");
  });

  it("ignores unknown message types without answering or failing", async () => {
    const { kernel, transport, logs } = setUp();
    kernel.receive("shell", request("made_up_request"));
    await settle();
    expect(transport.sent).toHaveLength(0);
    expect(logs.join("\n")).toMatch(/made_up_request/);
    expect((await ask(kernel, "shell", request("kernel_info_request"), transport))?.header.msg_type).toBe("kernel_info_reply");
  });
});

describe("execute_request", () => {
  it("counts executions, echoes the input and publishes output with the request as parent", async () => {
    const { kernel, transport, executor } = setUp();
    const first = request("execute_request", { code: "a", user_expressions: { twice: "a * 2" } });
    const reply = await ask(kernel, "shell", first, transport);
    expect(reply?.content).toMatchObject({ status: "ok", execution_count: 1, user_expressions: { twice: { status: "ok", data: { "text/plain": "value of a * 2" } } } });
    const types = transport.iopub(first.header.msg_id).map((m) => m.header.msg_type);
    expect(types).toEqual(["status", "execute_input", "stream", "execute_result", "status"]);
    expect(transport.iopub(first.header.msg_id)[1].content).toEqual({ code: "a", execution_count: 1 });
    expect(transport.iopub(first.header.msg_id)[3].content).toMatchObject({ execution_count: 1, data: { "text/plain": "result of a" } });
    expect(executor.requests[0]).toMatchObject({ code: "a", executionCount: 1, silent: false, storeHistory: true, allowStdin: false });

    const second = await ask(kernel, "shell", request("execute_request", { code: "b" }), transport);
    expect(second?.content.execution_count).toBe(2);
  });

  it("keeps silent and store_history=false cells out of the count, and silent ones off iopub", async () => {
    const { kernel, transport } = setUp();
    const silent = request("execute_request", { code: "quiet", silent: true });
    expect((await ask(kernel, "shell", silent, transport))?.content.execution_count).toBe(0);
    expect(transport.iopub(silent.header.msg_id).map((m) => m.header.msg_type)).toEqual(["status", "stream", "status"]);
    const unstored = request("execute_request", { code: "unstored", store_history: false });
    expect((await ask(kernel, "shell", unstored, transport))?.content.execution_count).toBe(0);
    expect(kernel.history.length).toBe(0);
    expect((await ask(kernel, "shell", request("execute_request", { code: "kept" }), transport))?.content.execution_count).toBe(1);
  });

  it("publishes an error and aborts the execute requests queued behind a failed cell", async () => {
    const { kernel, transport, executor } = setUp();
    const failing = request("execute_request", { code: "throw here" });
    const queued = [request("execute_request", { code: "after1" }), request("execute_request", { code: "after2" })];
    const info = request("kernel_info_request");
    kernel.receive("shell", failing);
    for (const message of [...queued, info]) kernel.receive("shell", message);
    await settle();
    const failed = transport.replies("execute_reply").find((m) => (m.parentHeader as MessageHeader).msg_id === failing.header.msg_id);
    expect(failed?.content).toMatchObject({ status: "error", ename: "Error", evalue: "throw here", execution_count: 1 });
    expect(transport.iopub(failing.header.msg_id).map((m) => m.header.msg_type)).toContain("error");
    for (const message of queued) {
      const reply = transport.replies("execute_reply").find((m) => (m.parentHeader as MessageHeader).msg_id === message.header.msg_id);
      expect(reply?.content.status).toBe("aborted");
      expect(transport.iopub(message.header.msg_id).map((m) => m.content.execution_state)).toEqual(["busy", "idle"]);
    }
    expect(executor.requests.map((r) => r.code)).toEqual(["throw here"]);
    expect(transport.replies("kernel_info_reply")).toHaveLength(1);
    // The abort ends with the queue: a later cell runs.
    expect((await ask(kernel, "shell", request("execute_request", { code: "later" }), transport))?.content.status).toBe("ok");
  });

  it("runs a cell the front end sends once it has the error reply", async () => {
    const { kernel, transport, executor } = setUp();
    const send = transport.send.bind(transport);
    const next = request("execute_request", { code: "next" });
    transport.send = async (channel, message) => {
      await send(channel, message);
      // The front end answers the error reply at once, before the kernel's idle status went out.
      if (message.content.status === "error") kernel.receive("shell", next);
    };
    kernel.receive("shell", request("execute_request", { code: "throw now" }));
    await settle();
    expect(transport.replies("execute_reply").map((m) => m.content.status)).toEqual(["error", "ok"]);
    expect(executor.requests.map((r) => r.code)).toEqual(["throw now", "next"]);
  });

  it("runs every later cell when stop_on_error is false (nbconvert --allow-errors)", async () => {
    const { kernel, transport, executor } = setUp();
    kernel.receive("shell", request("execute_request", { code: "throw x", stop_on_error: false }));
    kernel.receive("shell", request("execute_request", { code: "after", stop_on_error: false }));
    await settle();
    expect(transport.replies("execute_reply").map((m) => m.content.status)).toEqual(["error", "ok"]);
    expect(executor.requests.map((r) => r.code)).toEqual(["throw x", "after"]);
  });

  it("answers interrupt_request on control while a cell spins on shell", async () => {
    const { kernel, transport, executor } = setUp();
    const spin = request("execute_request", { code: "spin" });
    kernel.receive("shell", spin);
    kernel.receive("shell", request("kernel_info_request"));
    await settle();
    expect(transport.replies("execute_reply")).toHaveLength(0);
    // Shell waits behind the cell, control does not.
    expect(transport.replies("kernel_info_reply")).toHaveLength(0);
    const interrupt = await ask(kernel, "control", request("interrupt_request"), transport);
    expect(interrupt?.content).toEqual({ status: "ok" });
    expect(executor.calls).toContain("interrupt");
    await settle();
    expect(transport.replies("execute_reply")[0].content).toMatchObject({ status: "error", ename: "Interrupted" });
    expect(transport.replies("kernel_info_reply")).toHaveLength(1);
  });

  it("queues an execute_request sent on control behind the running cell, and replies on control", async () => {
    const { kernel, transport, executor } = setUp();
    kernel.receive("shell", request("execute_request", { code: "spin", stop_on_error: false }));
    const onControl = request("execute_request", { code: "from control" });
    kernel.receive("control", onControl);
    await settle();
    expect(executor.requests.map((r) => r.code)).toEqual(["spin"]);
    executor.interrupt();
    await settle();
    expect(executor.requests.map((r) => r.code)).toEqual(["spin", "from control"]);
    const reply = transport.sent.find(({ message }) => (message.parentHeader as MessageHeader).msg_id === onControl.header.msg_id);
    expect(reply?.channel).toBe("control");
  });

  it("answers interrupt_request at once even when it comes on shell", async () => {
    const { kernel, transport, executor } = setUp();
    kernel.receive("shell", request("execute_request", { code: "spin" }));
    await settle();
    const interrupt = request("interrupt_request");
    kernel.receive("shell", interrupt);
    await settle();
    expect(executor.calls).toContain("interrupt");
    expect(transport.replies("interrupt_reply")).toHaveLength(1);
    expect(transport.replies("execute_reply")[0].content.status).toBe("error");
  });

  it("routes input_request to the asking front end on stdin and its input_reply back", async () => {
    const { kernel, transport, executor } = setUp();
    const asking = request("execute_request", { code: "input password", allow_stdin: true });
    kernel.receive("shell", asking);
    await settle();
    const prompt = transport.sent.find(({ channel }) => channel === "stdin");
    expect(prompt?.message.header.msg_type).toBe("input_request");
    expect(prompt?.message.content).toEqual({ prompt: "name? ", password: true });
    expect(prompt?.message.identities.map(String)).toEqual(["front-end"]);
    expect((prompt?.message.parentHeader as MessageHeader).msg_id).toBe(asking.header.msg_id);
    kernel.receive("stdin", request("input_reply", { value: "Ada" }));
    await settle();
    expect(executor.calls).toContain("inputReply Ada");
    expect(executor.requests[0].allowStdin).toBe(true);
    expect(transport.iopub(asking.header.msg_id).some((m) => m.content.text === "got Ada\n")).toBe(true);
  });

  it("pages the inspection of `name?` as IPython does", async () => {
    const { kernel, transport } = setUp();
    const reply = await ask(kernel, "shell", request("execute_request", { code: "known.thing??" }), transport);
    expect(reply?.content).toMatchObject({ status: "ok", payload: [{ source: "page", data: { "text/plain": "doc of known.thing" }, start: 0 }] });
    const missing = request("execute_request", { code: "nothing?" });
    expect((await ask(kernel, "shell", missing, transport))?.content).toMatchObject({ status: "ok", payload: [] });
    expect(transport.iopub(missing.header.msg_id).some((m) => /not found/.test(String(m.content.text)))).toBe(true);
  });

  it("publishes late output (after a cell ended) under the last execute request", async () => {
    const { kernel, transport, executor } = setUp();
    const cell = request("execute_request", { code: "a" });
    await ask(kernel, "shell", cell, transport);
    executor.emit({ type: "error", ename: "UnhandledRejection", evalue: "late", traceback: [] });
    await settle();
    const late = transport.published.at(-1)!;
    expect(late.header.msg_type).toBe("error");
    expect((late.parentHeader as MessageHeader).msg_id).toBe(cell.header.msg_id);
  });
});

describe("other requests", () => {
  it("passes cursor positions through and fills them in when missing", async () => {
    const { kernel, transport, executor } = setUp();
    const reply = await ask(kernel, "shell", request("complete_request", { code: "é😀.to", cursor_pos: 5 }), transport);
    expect(reply?.content).toEqual({ status: "ok", matches: ["toFixed", "toString"], cursor_start: 3, cursor_end: 5, metadata: {} });
    await ask(kernel, "shell", request("inspect_request", { code: "known😀", detail_level: 1 }), transport);
    expect(executor.calls).toContain("inspect known😀 6 1");
  });

  it("answers is_complete with incomplete and an indent", async () => {
    const { kernel, transport } = setUp();
    expect((await ask(kernel, "shell", request("is_complete_request", { code: "if (x) {" }), transport))?.content).toEqual({ status: "incomplete", indent: "  " });
  });

  it("forwards comms and answers comm_info with comm_info_reply, filtered by target", async () => {
    const { kernel, transport, executor } = setUp();
    kernel.receive("shell", request("comm_open", { comm_id: "c9", target_name: "t", data: { a: 1 } }));
    const message = request("comm_msg", { comm_id: "c9", data: { b: 2 } });
    kernel.receive("shell", message);
    kernel.receive("shell", request("comm_close", { comm_id: "c9" }));
    await settle();
    expect(executor.calls).toEqual(['commOpen c9 t {"a":1}', 'commMsg c9 {"b":2}', "commClose c9"]);
    const echoed = transport.iopub(message.header.msg_id).find((m) => m.header.msg_type === "comm_msg");
    expect(echoed?.content).toEqual({ comm_id: "c9", data: { echo: { b: 2 } } });
    expect(transport.sent).toHaveLength(0);
    const info = await ask(kernel, "shell", request("comm_info_request", { target_name: "axone.widget" }), transport);
    expect(info?.header.msg_type).toBe("comm_info_reply");
    expect(info?.content).toEqual({ status: "ok", comms: { c1: { target_name: "axone.widget" } } });
  });

  it("keeps busy until a comm handler that reports its end is done, so its output comes before idle", async () => {
    const { kernel, transport, executor } = setUp();
    executor.commMsg = (commId: string, data: JsonObject) =>
      new Promise<void>((resolve) =>
        setTimeout(() => {
          executor.emit({ type: "comm_msg", comm_id: commId, data: { late: data }, metadata: {} });
          resolve();
        }, 20),
      );
    const message = request("comm_msg", { comm_id: "c1", data: { n: 1 } });
    kernel.receive("shell", message);
    await new Promise((resolve) => setTimeout(resolve, 60));
    await settle();
    const types = transport.iopub(message.header.msg_id).map((m) => m.header.msg_type === "status" ? String(m.content.execution_state) : m.header.msg_type);
    expect(types).toEqual(["busy", "comm_msg", "idle"]);
  });

  it("replies to shutdown before stopping, on shell or control", async () => {
    const { kernel, transport, shutdowns } = setUp();
    const reply = await ask(kernel, "control", request("shutdown_request", { restart: true }), transport);
    expect(reply?.content).toEqual({ status: "ok", restart: true });
    expect(shutdowns).toEqual([true]);
  });

  it("answers history tail, range and search over the session's cells", async () => {
    const { kernel, transport } = setUp();
    for (const code of ["let a = 1", "a + 1", "let b = 2", "a + 1"]) await ask(kernel, "shell", request("execute_request", { code }), transport);
    const history = async (content: JsonObject) => (await ask(kernel, "shell", request("history_request", content), transport))?.content.history;
    expect(await history({ hist_access_type: "tail", n: 2 })).toEqual([[1, 3, "let b = 2"], [1, 4, "a + 1"]]);
    expect(await history({ hist_access_type: "tail", n: 1, output: true })).toEqual([[1, 4, ["a + 1", "result of a + 1"]]]);
    expect(await history({ hist_access_type: "range", session: 0, start: 2, stop: 4 })).toEqual([[1, 2, "a + 1"], [1, 3, "let b = 2"]]);
    expect(await history({ hist_access_type: "range", session: 7, start: 1, stop: 4 })).toEqual([]);
    expect(await history({ hist_access_type: "search", pattern: "a*" })).toEqual([[1, 2, "a + 1"], [1, 4, "a + 1"]]);
    expect(await history({ hist_access_type: "search", pattern: "a*", unique: true })).toEqual([[1, 4, "a + 1"]]);
    expect(await history({ hist_access_type: "search", pattern: "let ?*", n: 1 })).toEqual([[1, 3, "let b = 2"]]);
  });
});

describe("helpers", () => {
  it("reads history globs as whole-cell matches", () => {
    expect(globToRegExp("a*").test("a + 1")).toBe(true);
    expect(globToRegExp("a*").test("ba")).toBe(false);
    expect(globToRegExp("?.x").test("a.x")).toBe(true);
    expect(globToRegExp("[ab]1").test("b1")).toBe(true);
    expect(globToRegExp("[!ab]1").test("b1")).toBe(false);
    expect(globToRegExp("(x)+").test("(x)+")).toBe(true);
    expect(new History().query({ hist_access_type: "tail", n: 3 })).toEqual([]);
  });

  it("DeferredExecutor forwards everything once the real executor is loaded, listeners included", async () => {
    const real = new ScriptedExecutor();
    let loads = 0;
    const deferred = new DeferredExecutor(() => {
      loads++;
      return real;
    });
    const events: ExecutorEvent[] = [];
    deferred.onEvent((event) => events.push(event));
    deferred.interrupt(); // nothing loaded: nothing to stop, and no error
    await deferred.start();
    const outcome = await deferred.execute({ code: "x", executionCount: 1, silent: false, storeHistory: true, userExpressions: {}, allowStdin: false });
    expect(outcome.status).toBe("ok");
    expect(events.map((event) => event.type)).toEqual(["stream", "execute_result"]);
    await deferred.commMsg("c", { z: 1 }, {});
    expect(real.calls).toContain('commMsg c {"z":1}');
    expect(loads).toBe(1);
  });
});
