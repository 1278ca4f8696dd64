import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import { convertCell } from "../../kernel/src/converter/convert";
import { codePointsToUtf16, utf16ToCodePoints } from "../../kernel/src/converter/positions";
import { CellSession, isComplete } from "../../kernel/src/converter/session";

/** Runs converted cells one after the other in one fresh context, with a minimal runtime. */
async function runCells(cells: string[]): Promise<{ results: unknown[]; context: Record<string, unknown> }> {
  const context: Record<string, unknown> = {};
  context.globalThis = context;
  context.__axone = { w: (value: unknown) => value, load: (id: string) => ({ id, default: `default of ${id}`, named: `named of ${id}` }), def: (m: { default: unknown }) => m.default };
  context.setTimeout = setTimeout;
  const results: unknown[] = [];
  for (const [index, code] of cells.entries()) {
    const converted = convertCell(code, `In[${index + 1}].js`);
    expect(converted.syntaxErrors).toEqual([]);
    const outcome = (await runInNewContext(converted.js, context)) as { value: unknown } | undefined;
    results.push(outcome?.value);
  }
  return { results, context };
}

describe("converter: cell rewrite", () => {
  it("keeps declarations of every kind for later cells", async () => {
    const { results } = await runCells([
      "const a: number = 1;\nlet b = 2;\nvar c = 3;\nconst { d, e: [f] } = { d: 4, e: [5] };",
      "function sum(...xs: number[]): number { return xs.reduce((p, q) => p + q, 0) }\nclass Box<T> { constructor(readonly value: T) {} }\nenum Level { Low = 10, High }",
      "sum(a, b, c, d, f) + new Box(Level.High).value",
    ]);
    expect(results[2]).toBe(15 + 11);
  });

  it("lets the same const be declared again, as when a cell is re-run", async () => {
    const { results } = await runCells(["const x = 1; x", "const x = 2; x", "x"]);
    expect(results).toEqual([1, 2, 2]);
  });

  it("hoists functions, returns only a final expression, and supports top-level await", async () => {
    const { results } = await runCells(["const early = later();\nfunction later() { return 'hoisted' }\nearly", "const y = 1", "await new Promise((r) => setTimeout(() => r('awaited'), 1))"]);
    expect(results).toEqual(["hoisted", undefined, "awaited"]);
  });

  it("turns imports into loads of the module", async () => {
    const { results } = await runCells(["import def, { named as renamed } from 'pkg';\nimport * as whole from 'other';\nimport type { Nothing } from 'types-only';", "[def, renamed, whole.id]"]);
    expect(results[1]).toEqual(["default of pkg", "named of pkg", "other"]);
  });

  it("wraps every await so that an interrupt can stop it", () => {
    const { js } = convertCell("async function f() { await g() }\nawait f()", "In[1].js");
    expect(js.match(/await __axone\.w\(/g)?.length).toBe(2);
  });

  it("keeps a source map back to the cell's lines and reports syntax errors with line and column", () => {
    const converted = convertCell("const a = 1;\n\nthrow new Error('x')", "In[4].js");
    const map = JSON.parse(converted.sourceMap) as { mappings: string; sources: string[] };
    expect(map.sources[0]).toContain("In[4]");
    expect(map.mappings.length).toBeGreaterThan(0);
    expect(convertCell("let = = 2", "In[5].js").syntaxErrors[0]).toMatchObject({ line: 1, column: expect.any(Number), code: expect.any(Number) });
  });

  it("reports the cell's declared names", () => {
    const converted = convertCell("import { t } from 'm';\nconst a = 1;\nfunction f() {}\ninterface I {}\n1 + 1", "In[1].js");
    expect(converted.declared).toEqual(["t", "a", "f", "I"]);
    expect(converted.hasResult).toBe(true);
  });
});

describe("converter: is_complete", () => {
  it("classifies code", () => {
    expect(isComplete("")).toEqual({ status: "complete" });
    expect(isComplete("let a = [1, 2]")).toEqual({ status: "complete" });
    expect(isComplete("for (const x of xs) {")).toEqual({ status: "incomplete", indent: "  " });
    expect(isComplete("const s = 'not closed")).toEqual({ status: "invalid" });
    expect(isComplete("const t = `line one\nline two")).toMatchObject({ status: "incomplete" });
    expect(isComplete("const t = `a ${b} c`")).toEqual({ status: "complete" });
    expect(isComplete("f(a))")).toEqual({ status: "invalid" });
  });
});

describe("converter: code points", () => {
  it("converts between code points and UTF-16 offsets", () => {
    const text = "a😀b😀c";
    expect(codePointsToUtf16(text, 2)).toBe(3);
    expect(codePointsToUtf16(text, 5)).toBe(7);
    expect(utf16ToCodePoints(text, 3)).toBe(2);
    expect(utf16ToCodePoints(text, text.length)).toBe(5);
    expect(codePointsToUtf16(text, 99)).toBe(text.length);
  });
});

describe("converter: completion kinds and order", () => {
  const root = join(__dirname, "..", "..");
  const session = new CellSession(mkdtempSync(join(tmpdir(), "axone-complete-")), root);
  for (const [index, cell] of ["const someConst = 1", "let someLet = 2", "var someVar = 3", "function someFunction() {}", "class SomeClass {}", "enum SomeEnum { A }", "import { tensor } from 'axone'", "const t = tensor([1, 2])"].entries()) {
    expect(session.prepare(cell, `In[${index + 1}]`, true).typeErrors).toEqual([]);
  }

  it("labels names of earlier cells with what they are, not as aliases of the generated import", () => {
    const kinds = Object.fromEntries(session.complete("some", 4).types.map((entry) => [entry.text, entry.type]));
    expect(kinds).toEqual({ someConst: "const", someLet: "let", someVar: "var", someFunction: "function", SomeClass: "class", SomeEnum: "enum" });
    expect(session.complete("tens", 4).types).toEqual([expect.objectContaining({ text: "tensor", type: "function" })]);
  });

  it("puts private members (a leading underscore) after the public ones unless the underscore is typed", () => {
    const members = session.complete("t.", 2).matches;
    expect(members).toContain("_markResult");
    const firstPrivate = members.findIndex((name) => name.startsWith("_"));
    expect(members.slice(firstPrivate).every((name) => name.startsWith("_"))).toBe(true);
    expect(members.slice(0, firstPrivate)).toContain("reshape");
    expect(session.complete("t._", 3).matches).toContain("_markResult");
  });

  it("inspects standard library and Node names with their JSDoc (read on demand) and axone names with theirs", () => {
    const max = session.inspect("Math.max", 7, 0);
    expect(max.text).toContain("Math.max(...values: number[]): number");
    expect(max.text).toContain("Returns the larger of a set of supplied numeric expressions.");
    expect(max.text).toContain("@param values Numeric expressions to be evaluated.");
    expect(session.inspect("process.cwd", 10, 0).text).toContain("returns the current working directory");
    expect(session.inspect("tensor", 3, 0).text).toContain("A tensor from nested arrays");
  });
});

describe("converter: earlier cells kept in slots", () => {
  const root = join(__dirname, "..", "..");

  it("keeps types right past a batch of slots, with redeclarations and a rollback", () => {
    const session = new CellSession(mkdtempSync(join(tmpdir(), "axone-slots-")), root);
    const errorsOf = (code: string, name: string) => session.prepare(code, name, true).typeErrors.map((error) => error.code);
    expect(errorsOf("const y = 1", "In[1]")).toEqual([]);
    expect(errorsOf("const z = y + 1", "In[2]")).toEqual([]);
    expect(errorsOf("const y = 'now a string'", "In[3]")).toEqual([]);
    // z was computed with the number y: it stays a number, and y is the string now.
    expect(errorsOf("const check: [number, string] = [z, y]", "In[4]")).toEqual([]);
    for (let index = 0; index < 40; index++) {
      const previous = index === 0 ? "z" : `v${index - 1}`;
      expect(errorsOf(`const v${index} = ${previous} + 1`, `In[${5 + index}]`)).toEqual([]);
    }
    expect(errorsOf("const last: number = v39; const wrong: string = v39", "In[45]")).toEqual([2322]);

    const kept = session.prepare("const dropped = 1", "In[46]", true);
    expect(kept.commit).toBeDefined();
    session.rollback(kept.commit!);
    expect(session.prepare("const replaced = 'x'", "In[47]", true).commit).toBe(kept.commit);
    expect(errorsOf("dropped", "In[48]")).toEqual([2304]);
    expect(errorsOf("const r: string = replaced", "In[49]")).toEqual([]);

    // Earlier names used only as types, in shorthand properties or in templates are still seen.
    expect(errorsOf("interface Pt { a: number }", "In[50]")).toEqual([]);
    expect(errorsOf("const pt: Pt = { a: 1 }; const wrapped = { pt }; const label = `${replaced}!`", "In[51]")).toEqual([]);
    expect(errorsOf("const bad: Pt = { a: 'text' }; wrapped.pt.a.toFixed(); label.toUpperCase()", "In[52]")).toEqual([2322]);
  });
});

describe("converter: Node's declarations loaded only when a cell needs them", () => {
  const root = join(__dirname, "..", "..");
  const prepare = (session: CellSession, code: string) => session.prepare(code, "In[1]", true).typeErrors.map((e) => e.message);

  it("checks console, timers and axone without @types/node, then loads it for a Node global", () => {
    const session = new CellSession(mkdtempSync(join(tmpdir(), "axone-light-")), root);
    expect(prepare(session, 'import { tensor } from "axone";\nconst a = tensor([1, 2]);\nconst h = setTimeout(() => console.log(a.sum().item()), 1);\nclearTimeout(h);\nawait new Promise((resolve) => setTimeout(resolve, 1));')).toEqual([]);
    expect(session.usesNodeTypes).toBe(false);
    expect(prepare(session, "const here: string = process.cwd();")).toEqual([]);
    expect(session.usesNodeTypes).toBe(true);
  });

  it("reports a type error exactly as with Node's declarations (the light check never decides alone)", () => {
    const session = new CellSession(mkdtempSync(join(tmpdir(), "axone-light-")), root);
    expect(prepare(session, "const n: string = 1;")).toEqual(["Type 'number' is not assignable to type 'string'."]);
    expect(session.usesNodeTypes).toBe(true);
    const other = new CellSession(mkdtempSync(join(tmpdir(), "axone-light-")), root);
    // Error.captureStackTrace exists only in @types/node: the light error is not the answer.
    expect(prepare(other, "Error.captureStackTrace({});")).toEqual([]);
  });

  it("loads them for a package import, for completion, and when idle", () => {
    const withPackage = new CellSession(mkdtempSync(join(tmpdir(), "axone-light-")), root);
    prepare(withPackage, 'import { readFileSync } from "node:fs";\nconst text = readFileSync(__filename, "utf8");');
    expect(withPackage.usesNodeTypes).toBe(true);
    const completing = new CellSession(mkdtempSync(join(tmpdir(), "axone-light-")), root);
    expect(completing.complete("process.cw", 10).matches).toContain("cwd");
    const idle = new CellSession(mkdtempSync(join(tmpdir(), "axone-light-")), root);
    idle.warmUp();
    expect(idle.usesNodeTypes).toBe(false);
    idle.warmUpCompletion();
    expect(idle.usesNodeTypes).toBe(true);
  });
});
