// The executor driven directly (no ZeroMQ): a real child process runs real cells.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ExecuteOutcome, Executor, ExecutorEvent } from "../../kernel/src/executor-api";

const root = join(__dirname, "..", "..");

/** The executor forks kernel/dist/executor/child.js: compile the kernel when its sources are newer. */
function ensureBuilt(): void {
  const newest = (dir: string): number =>
    Math.max(0, ...readdirSync(dir, { withFileTypes: true }).map((entry) => (entry.isDirectory() ? newest(join(dir, entry.name)) : statSync(join(dir, entry.name)).mtimeMs)));
  let built = 0;
  try {
    built = statSync(join(root, "kernel", "dist", "executor", "child.js")).mtimeMs;
  } catch {
    built = 0;
  }
  if (built < newest(join(root, "kernel", "src"))) {
    execFileSync(process.execPath, [join(root, "node_modules", "typescript", "bin", "tsc"), "-b", join(root, "kernel")], { stdio: "inherit" });
  }
}

class Harness {
  events: ExecutorEvent[] = [];
  private count = 0;
  constructor(readonly executor: Executor) {
    executor.onEvent((event) => {
      this.events.push(event);
      if (event.type === "input_request") this.onInput?.(event);
    });
  }
  onInput?: (event: Extract<ExecutorEvent, { type: "input_request" }>) => void;
  async run(code: string, options: { allowStdin?: boolean; userExpressions?: Record<string, string> } = {}) {
    this.events = [];
    const outcome = await this.executor.execute({
      code,
      executionCount: ++this.count,
      silent: false,
      storeHistory: true,
      userExpressions: options.userExpressions ?? {},
      allowStdin: options.allowStdin ?? false,
    });
    return { outcome, events: this.events, result: this.events.find((e) => e.type === "execute_result") as Extract<ExecutorEvent, { type: "execute_result" }> | undefined };
  }
  /** Runs a cell that writes "go" straight to fd 1 once it really runs, then interrupts it. */
  async runAndInterrupt(code: string) {
    const running = this.run(`require("fs").writeSync(1, "go\\n");\n${code}`);
    const started = Date.now();
    while (!this.events.some((e) => e.type === "stream" && e.text.includes("go\n"))) {
      if (Date.now() - started > 20_000) throw new Error("the cell never started");
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
    this.executor.interrupt();
    return running;
  }
  async value(code: string): Promise<unknown> {
    const { outcome, result } = await this.run(code);
    expect(outcome, JSON.stringify(outcome)).toMatchObject({ status: "ok" });
    return result?.data["text/plain"];
  }
  stdout(): string {
    return this.events.filter((e): e is Extract<ExecutorEvent, { type: "stream" }> => e.type === "stream" && e.name === "stdout").map((e) => e.text).join("");
  }
}

const errorOf = (outcome: ExecuteOutcome) => {
  if (outcome.status !== "error") throw new Error(`expected an error, got ${JSON.stringify(outcome)}`);
  return outcome;
};

let notebookDir: string;
let harness: Harness;

beforeAll(async () => {
  ensureBuilt();
  notebookDir = mkdtempSync(join(tmpdir(), "axone-executor-"));
  // A package installed next to the notebook, with types and JSDoc.
  const pkg = join(notebookDir, "node_modules", "fixture-pkg");
  mkdirSync(pkg, { recursive: true });
  writeFileSync(join(pkg, "package.json"), JSON.stringify({ name: "fixture-pkg", version: "1.0.0", main: "index.js", types: "index.d.ts" }));
  writeFileSync(join(pkg, "index.js"), "exports.greet = (name) => `hello ${name}`;\nexports.Counter = class Counter { constructor() { this.count = 0 } increment() { return ++this.count } };\n");
  writeFileSync(
    join(pkg, "index.d.ts"),
    "/** Says hello to someone. @example greet('Ada') */\nexport declare function greet(name: string): string;\nexport declare class Counter { count: number; /** Adds one and returns the new count. */ increment(): number }\n",
  );
  const { createExecutor } = (await import(join(root, "kernel", "dist", "executor", "index.js"))) as typeof import("../../kernel/src/executor");
  harness = new Harness(createExecutor({ cwd: notebookDir, typeCheck: true, interruptGraceMs: 4000 }));
  await harness.executor.start();
});

afterAll(async () => {
  await harness?.executor.shutdown();
  if (notebookDir) rmSync(notebookDir, { recursive: true, force: true });
});

describe("executor: cells and state", () => {
  it("returns the last expression as text/plain and keeps state across cells", async () => {
    expect(await harness.value("1 + 1")).toBe("2");
    expect(await harness.value("const x: number = 5;\nlet names = ['a'];\nfunction twice(n: number) { return 2 * n }\nclass Point { constructor(public x: number, public y: number) {} }")).toBeUndefined();
    expect(await harness.value("names.push('b'); twice(x) + names.length")).toBe("12");
    expect(await harness.value("new Point(1, 2)")).toBe("Point { x: 1, y: 2 }");
    expect(await harness.value("({ a: 'é', b: [1, 2, 3] })")).toBe("{ a: 'é', b: [ 1, 2, 3 ] }");
  });

  it("lets a cell that declares const x run again, and a later cell redeclare it", async () => {
    expect(await harness.value("const again = 1; again")).toBe("1");
    expect(await harness.value("const again = 1; again")).toBe("1");
    expect(await harness.value("const again = 'now a string'; again.toUpperCase()")).toBe("'NOW A STRING'");
  });

  it("supports top-level await and enums", async () => {
    expect(await harness.value("enum Color { Red, Green }\nconst waited = await new Promise<number>((resolve) => setTimeout(() => resolve(42), 20));\nwaited")).toBe("42");
    expect(await harness.value("Color.Green + waited")).toBe("43");
  });

  it("captures console and process.stdout.write in order, on the right streams", async () => {
    const { outcome, events } = await harness.run("console.log('one', 1); console.error('two'); process.stdout.write('three\\n'); console.info({ four: 4 }); console.warn('five')");
    expect(outcome.status).toBe("ok");
    const streams = events.filter((e): e is Extract<ExecutorEvent, { type: "stream" }> => e.type === "stream");
    // Consecutive text of one stream may come in one message or several: compare the runs.
    const runs: [string, string][] = [];
    for (const e of streams) {
      const last = runs[runs.length - 1];
      if (last && last[0] === e.name) last[1] += e.text;
      else runs.push([e.name, e.text]);
    }
    expect(runs).toEqual([
      ["stdout", "one 1\n"],
      ["stderr", "two\n"],
      ["stdout", "three\n{ four: 4 }\n"],
      ["stderr", "five\n"],
    ]);
    expect(streams.map((e) => e.text).join("")).not.toMatch(/\x1b\[/);
  });

  it("sends a line printed before a long synchronous computation before the computation ends", async () => {
    const seen: number[] = [];
    const started = Date.now();
    harness.executor.onEvent((event) => {
      if (event.type === "stream" && event.text.includes("epoch 1")) seen.push(Date.now() - started);
    });
    const { outcome } = await harness.run("await new Promise((resolve) => setTimeout(resolve, 100));\nconsole.log('epoch 1');\nconst until = Date.now() + 1500;\nwhile (Date.now() < until) {}");
    expect(outcome.status).toBe("ok");
    expect(seen.length).toBe(1);
    expect(seen[0]!).toBeLessThan(Date.now() - started - 700);
  });

  it("imports npm packages from the notebook folder, then from the kernel's own", async () => {
    expect(await harness.value("import { greet, Counter } from 'fixture-pkg';\ngreet('Ada')")).toBe("'hello Ada'");
    expect(await harness.value("const counter = new Counter(); counter.increment(); counter.increment()")).toBe("2");
    // pngjs is not next to the notebook: it comes from the kernel's node_modules.
    expect(await harness.value("import { PNG } from 'pngjs';\nnew PNG({ width: 2, height: 3 }).height")).toBe("3");
    const missing = errorOf((await harness.run("import nothing from 'no-such-package-here'")).outcome);
    expect(missing.evalue).toContain("no-such-package-here");
  });

  it("evaluates user expressions after a successful cell", async () => {
    const { outcome } = await harness.run("const answer = 41", { userExpressions: { next: "answer + 1", bad: "nope.nope" } });
    if (outcome.status !== "ok") throw new Error(JSON.stringify(outcome));
    expect(outcome.userExpressions.next).toMatchObject({ status: "ok", data: { "text/plain": "42" } });
    expect(outcome.userExpressions.bad).toMatchObject({ status: "error", ename: "ReferenceError" });
  });
});

describe("executor: errors", () => {
  it("fails a cell on a type error naming line, column and TS code; later cells still work", async () => {
    const error = errorOf((await harness.run("const ok = 1;\nconst wrong: number = 'text';")).outcome);
    expect(error.ename).toBe("TSError");
    expect(error.evalue).toMatch(/line 2, column 7: TS2322/);
    expect(error.traceback.join("\n")).toContain("const wrong: number = 'text';");
    expect(await harness.value("x + 1")).toBe("6");
  });

  it("turns type checking off and on with the %typecheck magic", async () => {
    const off = await harness.run("%typecheck off\nconst loose: number = 'text' as any as number; (loose as any).length");
    expect(off.outcome.status).toBe("ok");
    expect(off.result?.data["text/plain"]).toBe("4");
    expect(errorOf((await harness.run("%typecheck on\nconst strict: number = 'text';")).outcome).ename).toBe("TSError");
    expect(errorOf((await harness.run("%nosuchmagic")).outcome).evalue).toContain("%typecheck");
    expect(await harness.executor.isComplete("%typecheck off\nconst a = 1")).toEqual({ status: "complete" });
  });

  it("points tracebacks at the cell's TypeScript lines and hides the kernel's frames", async () => {
    const error = errorOf((await harness.run("function inner(n: number): number {\n  throw new RangeError('too big: ' + n);\n}\n\ninner(3);")).outcome);
    expect(error.ename).toBe("RangeError");
    expect(error.evalue).toBe("too big: 3");
    const text = error.traceback.join("\n");
    expect(text).toMatch(/at inner \(In\[\d+\]:2:9\)/);
    expect(text).toMatch(/In\[\d+\]:5:1/);
    expect(text).not.toMatch(/child\.js|node:internal|node:vm|async_hooks/);
  });

  it("reports syntax errors without running anything", async () => {
    const error = errorOf((await harness.run("const broken = ;")).outcome);
    expect(error.ename).toBe("SyntaxError");
    expect(error.evalue).toMatch(/line 1, column 16/);
  });

  it("reports errors thrown after a cell finished as error events, and keeps running", async () => {
    const { outcome } = await harness.run("setTimeout(() => { throw new Error('late timer') }, 10);\nPromise.reject(new Error('nobody caught me'));\n'done'");
    expect(outcome.status).toBe("ok");
    await new Promise((resolve) => setTimeout(resolve, 300));
    const late = harness.events.filter((e): e is Extract<ExecutorEvent, { type: "error" }> => e.type === "error");
    expect(late.map((e) => e.evalue).sort()).toEqual(["late timer", "nobody caught me"]);
    expect(await harness.value("x")).toBe("5");
  });

  it("reports process.exit() and keeps every variable", async () => {
    const error = errorOf((await harness.run("process.exit(2)")).outcome);
    expect(error.evalue).toContain("process.exit(2)");
    expect(await harness.value("x")).toBe("5");
  });
});

describe("executor: interrupt", () => {
  it("stops a synchronous infinite loop and keeps variables", async () => {
    const error = errorOf((await harness.runAndInterrupt("let spins = 0;\nwhile (true) { spins++ }")).outcome);
    expect(error.ename).toBe("KeyboardInterrupt");
    expect(await harness.value("spins > 0 && x === 5")).toBe("true");
  });

  it("stops a synchronous loop that runs after an await, and keeps variables", async () => {
    const error = errorOf((await harness.runAndInterrupt("let laterSpins = 0;\nawait new Promise((resolve) => setTimeout(resolve, 10));\nfor (;;) { laterSpins++ }")).outcome);
    expect(error.ename).toBe("KeyboardInterrupt");
    expect(error.evalue).not.toContain("restarted");
    expect(await harness.value("laterSpins > 0 && x === 5")).toBe("true");
  });

  it("stops a loop in a timer callback of the running cell", async () => {
    const running = harness.runAndInterrupt("let timerSpins = 0;\nawait new Promise((resolve, reject) => setTimeout(() => { try { while (true) timerSpins++ } catch (e) { reject(e) } }, 10));");
    expect(errorOf((await running).outcome).ename).toBe("KeyboardInterrupt");
    expect(await harness.value("timerSpins > 0")).toBe("true");
  });

  it("stops a long await loop and keeps variables", async () => {
    const error = errorOf((await harness.runAndInterrupt("let ticks = 0;\nwhile (true) { ticks++; await new Promise((resolve) => setTimeout(resolve, 5)); }")).outcome);
    expect(error.ename).toBe("KeyboardInterrupt");
    const ticks = Number(await harness.value("ticks"));
    expect(ticks).toBeGreaterThan(0);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(Number(await harness.value("ticks"))).toBe(ticks); // the loop really stopped
  });
});

describe("executor: display, input, comms", () => {
  it("displays, updates and clears outputs, and uses Symbol.for('Jupyter.display')", async () => {
    const { events, result } = await harness.run(
      "display(html('<b>hi</b>'));\nconst handle = display(markdown('*first*'), { displayId: 'progress' });\nupdateDisplay('progress', json({ step: 2 }));\nclearOutput({ wait: true });\n({ [Symbol.for('Jupyter.display')]() { return { 'text/html': '<i>rich</i>' } } })",
    );
    expect(events.map((e) => e.type)).toEqual(["display_data", "display_data", "update_display_data", "clear_output", "execute_result"]);
    expect(events[0]).toMatchObject({ data: { "text/html": "<b>hi</b>" }, transient: {} });
    expect(events[1]).toMatchObject({ data: { "text/markdown": "*first*" }, transient: { display_id: "progress" } });
    expect(events[2]).toMatchObject({ data: { "application/json": { step: 2 } }, transient: { display_id: "progress" } });
    expect(events[3]).toEqual({ type: "clear_output", wait: true });
    expect(result?.data["text/html"]).toBe("<i>rich</i>");
    expect(typeof result?.data["text/plain"]).toBe("string");
  });

  it("throttles updates of one display and always sends the last value", async () => {
    const { events } = await harness.run("display('start', { displayId: 'loop' });\nfor (let step = 1; step <= 2000; step++) updateDisplay('loop', `step ${step}`);\n'end'");
    const updates = events.filter((e): e is Extract<ExecutorEvent, { type: "update_display_data" }> => e.type === "update_display_data");
    expect(updates.length).toBeGreaterThan(0);
    expect(updates.length).toBeLessThan(200);
    expect(updates[updates.length - 1]!.data["text/plain"]).toBe("'step 2000'");
    expect(events[events.length - 1]!.type).toBe("execute_result");
  });

  it("asks for input through input_request, and fails clearly without stdin", async () => {
    harness.onInput = (event) => harness.executor.inputReply(event.password ? "s3cret" : "Ada");
    const { result, events } = await harness.run("const who = await input('Name? ');\nconst secret = await password('Password: ');\nwho + ':' + secret.length", { allowStdin: true });
    expect(events.filter((e) => e.type === "input_request")).toEqual([
      { type: "input_request", prompt: "Name? ", password: false },
      { type: "input_request", prompt: "Password: ", password: true },
    ]);
    expect(result?.data["text/plain"]).toBe("'Ada:6'");
    const error = errorOf((await harness.run("await input('again?')", { allowStdin: false })).outcome);
    expect(error.evalue).toContain("allow_stdin");
  });

  it("routes comms both ways and lists them in commInfo", async () => {
    await harness.value("comm.registerTarget('echo', (c, data) => { c.onMsg((msg) => c.send({ echoed: msg.text })); c.send({ opened: data.hello }) })");
    harness.events = [];
    harness.executor.commOpen("front-1", "echo", { hello: "world" }, {});
    harness.executor.commMsg("front-1", { text: "ping" }, {});
    await new Promise((resolve) => setTimeout(resolve, 300));
    const messages = harness.events.filter((e) => e.type === "comm_msg");
    expect(messages).toEqual([
      { type: "comm_msg", comm_id: "front-1", data: { opened: "world" }, metadata: {} },
      { type: "comm_msg", comm_id: "front-1", data: { echoed: "ping" }, metadata: {} },
    ]);
    expect(await harness.executor.commInfo()).toMatchObject({ "front-1": { target_name: "echo" } });
    expect(await harness.executor.commInfo("other")).toEqual({});
    harness.executor.commOpen("front-2", "unknown-target", {}, {});
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(harness.events.some((e) => e.type === "comm_close" && e.comm_id === "front-2")).toBe(true);
    const { events } = await harness.run("const mine = comm.open('from-kernel', { a: 1 }); mine.send({ b: 2 }); mine.close()");
    expect(events.map((e) => e.type)).toEqual(["comm_open", "comm_msg", "comm_close"]);
  });

  it("resolves a comm message once its async handler is done, after the handler's output", async () => {
    await harness.value(
      "comm.registerTarget('slow', async (c) => { await new Promise((r) => setTimeout(r, 100)); console.log('opened late'); c.onMsg(async (msg) => { await new Promise((r) => setTimeout(r, 100)); display(html('<b>' + msg.n + '</b>')); c.send({ done: msg.n }) }) })",
    );
    harness.events = [];
    await harness.executor.commOpen("slow-1", "slow", {}, {});
    expect(harness.events).toEqual([{ type: "stream", name: "stdout", text: "opened late\n" }]);
    await harness.executor.commMsg("slow-1", { n: 7 }, {});
    expect(harness.events.slice(1).map((e) => e.type)).toEqual(["display_data", "comm_msg"]);
    // A handler that fails is reported, and the message still counts as handled.
    await harness.value("comm.registerTarget('broken', async () => { await null; throw new Error('handler broke') })");
    harness.events = [];
    await harness.executor.commOpen("broken-1", "broken", {}, {});
    expect(harness.events).toEqual([expect.objectContaining({ type: "error", evalue: "handler broke" })]);
  });
});

describe("executor: completion, inspect, is_complete", () => {
  it("completes members of variables from earlier cells and of packages", async () => {
    const completion = await harness.executor.complete("counter.inc", 11);
    expect(completion.matches).toContain("increment");
    expect(completion).toMatchObject({ cursorStart: 8, cursorEnd: 11 });
    expect((await harness.executor.complete("names.", 6)).matches).toContain("push");
    expect((await harness.executor.complete("twi", 3)).matches).toContain("twice");
  });

  it("counts cursor positions in code points", async () => {
    const code = "const s = '😀😀'; s.len";
    expect([...code].length).toBe(code.length - 2);
    const completion = await harness.executor.complete(code, [...code].length);
    expect(completion.matches).toContain("length");
    expect(completion.cursorStart).toBe([...code].length - 3);
  });

  it("inspects with type and JSDoc", async () => {
    const plain = await harness.executor.inspect("greet('x')", 2, 0);
    expect(plain.found).toBe(true);
    expect(plain.data["text/plain"]).toContain("greet(name: string): string");
    expect(plain.data["text/plain"]).toContain("Says hello to someone.");
    expect(plain.data["text/plain"]).not.toContain("@example");
    expect((await harness.executor.inspect("greet('x')", 2, 1)).data["text/plain"]).toContain("@example");
    expect((await harness.executor.inspect("x", 1, 0)).data["text/plain"]).toContain("const x: number");
    expect((await harness.executor.inspect("   ", 1, 0)).found).toBe(false);
  });

  it("tells complete, incomplete (with indent) and invalid code apart", async () => {
    expect(await harness.executor.isComplete("const a = 1")).toEqual({ status: "complete" });
    expect(await harness.executor.isComplete("function f() {")).toEqual({ status: "incomplete", indent: "  " });
    expect(await harness.executor.isComplete("if (a) {\n  call(")).toEqual({ status: "incomplete", indent: "    " });
    expect(await harness.executor.isComplete("const t = `a ${")).toMatchObject({ status: "incomplete" });
    expect(await harness.executor.isComplete("a + )")).toEqual({ status: "invalid" });
    expect(await harness.executor.isComplete("}}")).toEqual({ status: "invalid" });
  });
});

describe("executor: crash and restart", () => {
  it("restarts the child when an interrupt cannot stop code blocked outside the cell's loops after an await", async () => {
    expect(await harness.value("const before = 'set'; before")).toBe("'set'");
    const error = errorOf((await harness.runAndInterrupt("await null;\nAtomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);")).outcome);
    expect(error.ename).toBe("KeyboardInterrupt");
    expect(error.evalue).toContain("restarted");
    expect(await harness.value("%typecheck off\ntypeof before")).toBe("'undefined'");
    expect(await harness.value("%typecheck on\n'alive'")).toBe("'alive'");
  });

  it("reports a child that dies and restarts it, with every variable gone", async () => {
    expect(await harness.value("const kept = 'yes'; kept")).toBe("'yes'");
    const died = errorOf((await harness.run("process.kill(process.pid, 'SIGKILL')")).outcome);
    expect(died.ename).toBe("KernelRestarted");
    expect(await harness.value("%typecheck off\ntypeof kept")).toBe("'undefined'");
    expect(await harness.value("%typecheck on\n1 + 2")).toBe("3");
  });
});

describe("executor: the axone library in cells", () => {
  it("imports axone from a notebook folder that does not have it, runs it, completes and inspects it", async () => {
    expect(await harness.value("import { tensor, nn } from 'axone';\nconst t = tensor([[1, 2], [3, 4]]);\nt.shape")).toBe("[ 2, 2 ]");
    expect(await harness.value("const layer: nn.Linear = new nn.Linear(2, 3);\nlayer.weight.shape")).toBe("[ 3, 2 ]");
    const members = (await harness.executor.complete("t.resh", 6)).matches;
    expect(members).toContain("reshape");
    expect((await harness.executor.complete("layer.", 6)).matches).toContain("forward");
    const inspected = await harness.executor.inspect("tensor", 3, 0);
    expect(inspected.found).toBe(true);
    expect(String(inspected.data["text/plain"])).toMatch(/tensor\(/);
  });
});

describe("executor: modules and flags", () => {
  it("loads ES-module-only packages and starts the child with relaxed SIMD", async () => {
    const pkg = join(notebookDir, "node_modules", "esm-only");
    mkdirSync(pkg, { recursive: true });
    writeFileSync(join(pkg, "package.json"), JSON.stringify({ name: "esm-only", version: "1.0.0", type: "module", exports: "./index.js" }));
    writeFileSync(join(pkg, "index.js"), "export const kind = 'esm';\nexport default function hello() { return 'default export' }\n");
    expect(await harness.value("%typecheck off\nimport hello, { kind } from 'esm-only';\nhello() + ' / ' + kind")).toBe("'default export / esm'");
    expect(await harness.value("%typecheck on\nprocess.execArgv.includes('--experimental-wasm-relaxed-simd')")).toBe("true");
  });

  it("answers completion while a cell spins", async () => {
    await harness.value("const spinList = [1, 2]");
    const running = harness.run("let spinning = 0;\nwhile (true) { spinning++ }");
    await new Promise((resolve) => setTimeout(resolve, 200));
    const started = Date.now();
    const completion = await harness.executor.complete("spinList.pu", 11).finally(() => harness.executor.interrupt());
    expect(completion.matches).toContain("push");
    expect(Date.now() - started).toBeLessThan(5000);
    expect(errorOf((await running).outcome).ename).toBe("KeyboardInterrupt");
  });
});

describe("executor: packages installed during the session", () => {
  it("finds a package installed after a cell failed to find it", async () => {
    const missing = errorOf((await harness.run("import { late } from 'late-pkg';\nlate")).outcome);
    expect(missing.evalue).toContain("late-pkg");
    const pkg = join(notebookDir, "node_modules", "late-pkg");
    mkdirSync(pkg, { recursive: true });
    writeFileSync(join(pkg, "package.json"), JSON.stringify({ name: "late-pkg", version: "1.0.0", main: "index.js", types: "index.d.ts" }));
    writeFileSync(join(pkg, "index.js"), "exports.late = 'arrived';\n");
    writeFileSync(join(pkg, "index.d.ts"), "export declare const late: string;\n");
    expect(await harness.value("import { late } from 'late-pkg';\nlate")).toBe("'arrived'");
  });
});

describe("executor: interrupt before the cell runs", () => {
  it("cancels a cell interrupted while it is still being checked", async () => {
    const running = harness.run("const neverSet = 1;\nwhile (true) {}");
    harness.executor.interrupt();
    const error = errorOf((await running).outcome);
    expect(error.ename).toBe("KeyboardInterrupt");
    expect(await harness.value("'still answering'")).toBe("'still answering'");
    // What the cancelled cell declared is unknown to the checker too.
    expect(errorOf((await harness.run("neverSet")).outcome).evalue).toContain("TS2304");
  });
});

describe("executor: V8 code cache of the TypeScript compiler", () => {
  it("writes the cache once, uses it in the next process, and replaces one V8 rejects", () => {
    const cacheDir = mkdtempSync(join(tmpdir(), "axone-code-cache-"));
    const probe = join(cacheDir, "probe.js");
    writeFileSync(
      probe,
      `const { requireWithCodeCache } = require(${JSON.stringify(join(root, "kernel", "dist", "executor", "code-cache.js"))});
       const loaded = requireWithCodeCache("typescript", ${JSON.stringify(join(root, "kernel", "dist", "executor", "ts-worker.js"))}, process.argv[2]);
       const js = loaded.exports.transpileModule("const n: number = 1", { compilerOptions: {} }).outputText.trim();
       console.log(JSON.stringify({ cacheUsed: loaded.cacheUsed, js, same: require(require.resolve("typescript", { paths: [${JSON.stringify(root)}] })) === loaded.exports, saved: loaded.saveCache() }));`,
    );
    const run = () => JSON.parse(execFileSync(process.execPath, [probe, cacheDir], { encoding: "utf8" })) as { cacheUsed: boolean; js: string; same: boolean; saved: boolean };
    const cacheFiles = () => readdirSync(cacheDir).filter((name) => name.endsWith(".v8cache"));
    try {
      expect(run()).toEqual({ cacheUsed: false, js: expect.stringContaining("const n = 1;"), same: true, saved: true });
      expect(cacheFiles()).toHaveLength(1);
      expect(run()).toEqual({ cacheUsed: true, js: expect.stringContaining("const n = 1;"), same: true, saved: false });
      writeFileSync(join(cacheDir, cacheFiles()[0]!), "not V8 bytecode");
      expect(run()).toEqual({ cacheUsed: false, js: expect.stringContaining("const n = 1;"), same: true, saved: true });
      expect(run().cacheUsed).toBe(true);
    } finally {
      rmSync(cacheDir, { recursive: true, force: true });
    }
  });
});
