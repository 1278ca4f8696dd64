// Grading submissions: rebuild each submission from the source notebook (locked and test cells
// restored, hidden tests put back), execute it on the kernel, score each grade_id.
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import {
  checksum,
  isProtectedCell,
  isSolutionCell,
  nbgraderOf,
  releasedSource,
  sourceOf,
  STUB,
  validateSource,
} from "./notebook.mjs";

const HERE = dirname(fileURLToPath(import.meta.url));
export const PYTHON = process.env.AXONE_GRADE_PYTHON ?? "/usr/bin/python3";
export const EXECUTOR = join(HERE, "execute.py");

/** Submissions in a folder: `<student>.ipynb`, or `<student>/<name of the source>.ipynb`. */
export function findSubmissions(folder, sourcePath) {
  const wanted = basename(sourcePath);
  const found = [];
  for (const entry of readdirSync(folder).sort()) {
    const path = join(folder, entry);
    if (statSync(path).isDirectory()) {
      const inside = join(path, wanted);
      found.push({ student: entry, path: existsSync(inside) ? inside : null });
    } else if (entry.endsWith(".ipynb")) {
      found.push({ student: entry.slice(0, -".ipynb".length), path });
    }
  }
  return found;
}

/** Parses a submission; returns { notebook } or { error } with a message a student understands. */
export function readSubmission(path) {
  if (!path) return { error: "notebook absent du dossier de l'étudiant" };
  let text;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    return { error: `lecture impossible : ${error.message}` };
  }
  let notebook;
  try {
    notebook = JSON.parse(text);
  } catch (error) {
    return { error: `JSON invalide (fichier corrompu ?) : ${error.message}` };
  }
  if (!notebook || typeof notebook !== "object" || !Array.isArray(notebook.cells)) {
    return { error: "ce n'est pas un notebook Jupyter (pas de liste \"cells\")" };
  }
  return { notebook };
}

/**
 * The notebook to execute for one submission, and the integrity problems found.
 * Cells follow the submission's order (a student may add scratch cells); every locked or test
 * cell is the source's own, hidden tests included; a deleted graded cell is put back after the
 * graded cell that precedes it in the source.
 */
export function assemble(source, submission) {
  const problems = [];
  const sourceCells = new Map();
  const order = [];
  for (const cell of source.cells) {
    const meta = nbgraderOf(cell);
    if (meta) {
      sourceCells.set(meta.grade_id, cell);
      order.push(meta.grade_id);
    }
  }
  const used = new Set();
  const cells = [];
  for (const cell of submission.cells) {
    if (!cell || typeof cell !== "object") continue;
    const meta = nbgraderOf(cell);
    const original = meta && sourceCells.get(meta.grade_id);
    if (!original) {
      // A student's own cell. Only code and markdown are kept; it cannot carry grading metadata.
      if (cell.cell_type === "code" || cell.cell_type === "markdown") {
        const copy = { cell_type: cell.cell_type, metadata: {}, source: sourceOf(cell) };
        if (cell.cell_type === "code") Object.assign(copy, { outputs: [], execution_count: null });
        cells.push(copy);
      }
      continue;
    }
    if (used.has(meta.grade_id)) {
      problems.push({ grade_id: meta.grade_id, problem: "cellule dupliquée : seule la première est gardée" });
      continue;
    }
    used.add(meta.grade_id);
    if (isSolutionCell(original)) {
      cells.push({ ...fresh(original), source: sourceOf(cell) });
    } else {
      if (isProtectedCell(original)) {
        const expected = checksum(original, releasedSource(original, meta.grade_id));
        const got = checksum(original, sourceOf(cell));
        if (cell.cell_type !== original.cell_type || got !== expected) {
          problems.push({ grade_id: meta.grade_id, problem: "cellule verrouillée modifiée : l'originale a été remise" });
        }
      }
      cells.push(fresh(original));
    }
  }
  // Put back deleted graded cells, each after its predecessor in the source.
  for (const [position, gradeId] of order.entries()) {
    if (used.has(gradeId)) continue;
    const original = sourceCells.get(gradeId);
    const solution = isSolutionCell(original);
    problems.push({
      grade_id: gradeId,
      problem: solution ? "cellule réponse supprimée : remplacée par une cellule vide" : "cellule verrouillée supprimée : l'originale a été remise",
    });
    const restored = solution ? { ...fresh(original), source: releasedSource(original, gradeId) } : fresh(original);
    let at = 0;
    for (let back = position - 1; back >= 0; back--) {
      const index = cells.findIndex((cell) => nbgraderOf(cell)?.grade_id === order[back]);
      if (index >= 0) {
        at = index + 1;
        break;
      }
    }
    cells.splice(at, 0, restored);
    used.add(gradeId);
  }
  return {
    notebook: { ...source, cells: withHelpersRestored(source, cells), metadata: structuredClone(source.metadata ?? {}) },
    problems,
  };
}

/**
 * Re-runs the locked helper cells (locked, not graded, not solutions) just before each test cell,
 * so that an answer cell that redefines `assertClose` or a fixture cannot make a test pass.
 * The copies carry no nbgrader metadata and are not scored.
 */
export function withHelpersRestored(source, cells) {
  const helpers = source.cells.filter((cell) => cell.cell_type === "code" && isProtectedCell(cell) && !nbgraderOf(cell).grade);
  if (!helpers.length) return cells;
  const out = [];
  for (const cell of cells) {
    const meta = nbgraderOf(cell);
    if (meta?.grade && !meta.solution) {
      for (const helper of helpers) {
        const copy = fresh(helper);
        copy.metadata = { axone_grade: { restored_helper: nbgraderOf(helper).grade_id }, jupyter: { source_hidden: true, outputs_hidden: true } };
        out.push(copy);
      }
    }
    out.push(cell);
  }
  return out;
}

function fresh(cell) {
  const copy = structuredClone(cell);
  copy.source = sourceOf(cell);
  if (copy.cell_type === "code") {
    copy.outputs = [];
    copy.execution_count = null;
  }
  return copy;
}

/** Runs the executor on one notebook in its own process group; kills the group on the overall timeout. */
export function execute(inputPath, outputPath, { kernel, cellTimeout, maxOutput, overallTimeout }) {
  return new Promise((resolvePromise) => {
    const args = [EXECUTOR, inputPath, outputPath, "--kernel", kernel, "--cell-timeout", String(cellTimeout), "--max-output", String(maxOutput)];
    const child = spawn(PYTHON, args, {
      cwd: dirname(inputPath),
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, PYDEVD_DISABLE_FILE_VALIDATION: "1" },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => {
      if (stderr.length < 100_000) stderr += chunk;
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid, "SIGKILL");
      } catch {}
    }, overallTimeout * 1000);
    child.on("error", (error) => {
      clearTimeout(timer);
      resolvePromise({ ok: false, error: `cannot start ${PYTHON}: ${error.message}` });
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      // The kernel is the executor's child; make sure none is left behind.
      try {
        process.kill(-child.pid, "SIGKILL");
      } catch {}
      if (timedOut) return resolvePromise({ ok: false, error: `execution stopped after ${overallTimeout} s` });
      if (code !== 0 || !existsSync(outputPath)) {
        // the last line of a Python traceback names the exception, e.g. "NoSuchKernel: No such kernel named x"
        const tail = stderr.trim().split("\n").filter((line) => line.trim()).pop() ?? "";
        return resolvePromise({ ok: false, error: `executor exited with status ${code}: ${tail}` });
      }
      let summary = {};
      try {
        summary = JSON.parse(stdout.trim().split("\n").pop());
      } catch {}
      resolvePromise({ ok: true, summary });
    });
  });
}

/** First error of a cell's outputs as one line, or null when the cell ran cleanly. */
export function cellError(cell) {
  for (const output of cell?.outputs ?? []) {
    if (output.output_type === "error") return `${output.ename}: ${output.evalue}`.replace(/\s+/g, " ").slice(0, 500);
  }
  return null;
}

/**
 * nbgrader's partial credit: a test cell whose result (its `execute_result`, the value of its last
 * expression) is a number in (0, points] scores that number. As in nbgrader, any other result (text,
 * 0, a negative number) leaves the full points: a test cell gives 0 by failing, not by returning 0.
 * A result above the cell's points is the instructor's mistake: nbgrader stops on it, we score 0
 * for that cell and say why.
 */
export function partialCredit(output, max) {
  const plain = output?.data?.["text/plain"];
  const lines = Array.isArray(plain) ? plain : [plain ?? ""];
  // nbformat may store a one-line value as a list of one string; several lines are not a number
  const text = lines.length === 1 ? String(lines[0]).trim() : "";
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$|^[+-]?inf(inity)?$/i.test(text)) return { points: max, partial: false };
  const value = /inf/i.test(text) ? (text.startsWith("-") ? -Infinity : Infinity) : Number(text);
  if (!(value > 0)) return { points: max, partial: false };
  if (value > max) return { points: 0, partial: true, failure: `note partielle ${text} supérieure aux ${max} points de la cellule (cellule de test à corriger)` };
  return { points: value, partial: true };
}

/**
 * Scores of an executed notebook: one entry per graded cell of the source, as nbgrader's autograder
 * scores a test cell: 0 when an output is an error (a failed assertion, a timeout, a crash), the
 * number it returns when that is a partial score (see partialCredit), its full points otherwise.
 */
export function score(source, executed) {
  const byId = new Map();
  for (const cell of executed?.cells ?? []) {
    const meta = nbgraderOf(cell);
    if (meta && !byId.has(meta.grade_id)) byId.set(meta.grade_id, cell);
  }
  const results = [];
  for (const cell of source.cells) {
    const meta = nbgraderOf(cell);
    if (!meta?.grade) continue;
    const max = Number(meta.points ?? 0);
    const ran = byId.get(meta.grade_id);
    let result = { grade_id: meta.grade_id, points: max, max, failure: null };
    if (!ran || (ran.execution_count == null && !(ran.outputs ?? []).length)) {
      result = { ...result, points: 0, failure: "cellule non exécutée" };
    } else {
      // like nbgrader, the first error or result decides (a cell that returns a value ran to its end)
      for (const output of ran.outputs ?? []) {
        if (output.output_type === "error") {
          result = { ...result, points: 0, failure: cellError(ran) };
          break;
        }
        if (output.output_type === "execute_result") {
          const credit = partialCredit(output, max);
          result = { ...result, points: credit.points, failure: credit.failure ?? null };
          if (credit.partial && !credit.failure) result.partial = true;
          break;
        }
      }
    }
    results.push(result);
  }
  return results;
}

/** Grades every submission of a folder; never stops on one student's problem. */
export async function autograde({ sourcePath, submissionsDir, outDir, kernel = "axone", cellTimeout = 30, maxOutput = 200_000, log = () => {} }) {
  const source = JSON.parse(readFileSync(sourcePath, "utf8"));
  const invalid = validateSource(source);
  if (invalid.length) throw new Error(`${sourcePath}: ${invalid.join("; ")}`);
  const graded = source.cells.filter((cell) => nbgraderOf(cell)?.grade);
  const maxScore = graded.reduce((sum, cell) => sum + Number(nbgraderOf(cell).points ?? 0), 0);
  const name = basename(sourcePath);
  const codeCells = source.cells.filter((cell) => cell.cell_type === "code").length;
  const students = [];
  for (const { student, path } of findSubmissions(submissionsDir, sourcePath)) {
    const started = Date.now();
    const record = { student, notebook: name, status: "graded", problems: [], results: [], total: 0, max: maxScore, executed: null, seconds: 0 };
    const read = readSubmission(path);
    if (read.error) {
      record.status = "invalid";
      record.problems.push({ grade_id: "", problem: read.error });
    } else {
      const { notebook, problems } = assemble(source, read.notebook);
      record.problems.push(...problems);
      const folder = join(outDir, "executed", student);
      mkdirSync(folder, { recursive: true });
      const input = join(folder, name.replace(/\.ipynb$/, ".in.ipynb"));
      const output = join(folder, name);
      writeFileSync(input, JSON.stringify(notebook, null, 1));
      const overallTimeout = 120 + (codeCells + 4) * cellTimeout * 2;
      const options = { kernel, cellTimeout, maxOutput, overallTimeout };
      let run = await execute(resolve(input), resolve(output), options);
      if (!run.ok && !run.error.startsWith("execution stopped")) {
        // A kernel that failed to start (a loaded machine, a build in progress) gets one more try.
        log(`${student}: ${run.error}; retrying once`);
        run = await execute(resolve(input), resolve(output), options);
      }
      if (!run.ok) {
        record.status = "error";
        record.problems.push({ grade_id: "", problem: `exécution impossible : ${run.error}` });
      } else {
        record.executed = output;
        const executed = JSON.parse(readFileSync(output, "utf8"));
        for (const index of run.summary.timeouts ?? []) {
          record.problems.push({ grade_id: nbgraderOf(executed.cells[index])?.grade_id ?? `cellule ${index}`, problem: `temps dépassé (${cellTimeout} s)` });
        }
        for (const index of run.summary.crashes ?? []) {
          record.problems.push({ grade_id: nbgraderOf(executed.cells[index])?.grade_id ?? `cellule ${index}`, problem: "le noyau s'est arrêté" });
        }
        record.results = score(source, executed);
        for (const result of record.results) {
          if (result.partial) log(`${student}: ${result.grade_id}: partial credit ${result.points}/${result.max}`);
        }
      }
    }
    if (!record.results.length) {
      const reason = record.problems.at(-1)?.problem ?? "non corrigé";
      record.results = graded.map((cell) => ({ grade_id: nbgraderOf(cell).grade_id, points: 0, max: Number(nbgraderOf(cell).points ?? 0), failure: reason }));
    }
    record.total = record.results.reduce((sum, result) => sum + result.points, 0);
    record.seconds = (Date.now() - started) / 1000;
    log(`${student}: ${record.total}/${record.max} (${record.status}${record.problems.length ? `; ${record.problems.map((p) => (p.grade_id ? `${p.grade_id} ${p.problem}` : p.problem)).join("; ")}` : ""})`);
    students.push(record);
  }
  mkdirSync(outDir, { recursive: true });
  const gradeIds = graded.map((cell) => nbgraderOf(cell).grade_id);
  writeFileSync(join(outDir, "gradebook.csv"), gradebookCsv(students, gradeIds));
  writeFileSync(join(outDir, "junit.xml"), junitXml(students, name));
  writeFileSync(join(outDir, "results.json"), JSON.stringify({ source: resolve(sourcePath), max: maxScore, students }, null, 1));
  return { students, max: maxScore };
}

function csvField(value) {
  const text = String(value ?? "");
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function gradebookCsv(students, gradeIds) {
  const header = ["student", "notebook", "status", ...gradeIds, "total", "max", "problems"];
  const rows = students.map((record) => {
    const points = new Map(record.results.map((result) => [result.grade_id, result.points]));
    const problems = record.problems.map((p) => (p.grade_id ? `${p.grade_id}: ${p.problem}` : p.problem)).join(" | ");
    return [record.student, record.notebook, record.status, ...gradeIds.map((id) => points.get(id) ?? 0), record.total, record.max, problems];
  });
  return [header, ...rows].map((row) => row.map(csvField).join(",")).join("\n") + "\n";
}

function xml(text) {
  return String(text ?? "")
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}

export function junitXml(students, notebookName) {
  let tests = 0;
  let failures = 0;
  let errors = 0;
  const suites = students.map((record) => {
    const cases = record.results.map((result) => {
      tests++;
      const head = `    <testcase classname="${xml(`${record.student}.${notebookName}`)}" name="${xml(result.grade_id)}" points="${result.points}" max="${result.max}"`;
      if (!result.failure) return `${head}/>`;
      if (record.status === "graded") {
        failures++;
        return `${head}>\n      <failure message="${xml(result.failure)}">${xml(result.failure)}</failure>\n    </testcase>`;
      }
      errors++;
      return `${head}>\n      <error message="${xml(result.failure)}">${xml(result.failure)}</error>\n    </testcase>`;
    });
    tests++;
    const integrity = record.problems.map((p) => (p.grade_id ? `${p.grade_id}: ${p.problem}` : p.problem)).join("\n");
    if (integrity && record.status === "graded") {
      failures++;
      cases.push(`    <testcase classname="${xml(`${record.student}.${notebookName}`)}" name="integrity">\n      <failure message="${xml(integrity.split("\n")[0])}">${xml(integrity)}</failure>\n    </testcase>`);
    } else if (integrity) {
      errors++;
      cases.push(`    <testcase classname="${xml(`${record.student}.${notebookName}`)}" name="integrity">\n      <error message="${xml(integrity.split("\n")[0])}">${xml(integrity)}</error>\n    </testcase>`);
    } else {
      cases.push(`    <testcase classname="${xml(`${record.student}.${notebookName}`)}" name="integrity"/>`);
    }
    const suiteFailures = (record.results.filter((r) => r.failure).length) + (integrity ? 1 : 0);
    const kind = record.status === "graded" ? "failures" : "errors";
    return `  <testsuite name="${xml(record.student)}" tests="${record.results.length + 1}" ${kind}="${suiteFailures}" score="${record.total}" max="${record.max}" time="${record.seconds.toFixed(2)}">\n${cases.join("\n")}\n  </testsuite>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="axone-grade ${xml(notebookName)}" tests="${tests}" failures="${failures}" errors="${errors}">\n${suites.join("\n")}\n</testsuites>\n`;
}

export { STUB };
