// One HTML page per student: the executed notebook, headed by the scores and problems, via nbconvert.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { PYTHON } from "./autograde.mjs";
import { isTestCell, nbgraderOf, releasedSource } from "./notebook.mjs";

/** What a student may see: test cells without their hidden part (outputs kept), no restored helper copies. */
export function studentView(executed, source) {
  const tests = new Map(source.cells.filter(isTestCell).map((cell) => [nbgraderOf(cell).grade_id, cell]));
  const cells = executed.cells
    .filter((cell) => !cell.metadata?.axone_grade?.restored_helper)
    .map((cell) => {
      const original = tests.get(nbgraderOf(cell)?.grade_id);
      return original ? { ...cell, source: releasedSource(original, nbgraderOf(cell).grade_id) } : cell;
    });
  return { ...executed, cells };
}

function escapeMarkdown(text) {
  return String(text).replace(/[|<>*_`\\[\]]/g, (c) => `\\${c}`).replace(/\n/g, " ");
}

export function summaryMarkdown(record) {
  const lines = [`# Retour de correction : ${escapeMarkdown(record.student)}`, "", `**Note : ${record.total} / ${record.max}**`, ""];
  lines.push("| question | points | détail |", "|---|---|---|");
  for (const result of record.results) {
    lines.push(`| ${escapeMarkdown(result.grade_id)} | ${result.points} / ${result.max} | ${result.failure ? escapeMarkdown(result.failure) : result.points < result.max ? "note partielle" : "réussi"} |`);
  }
  if (record.problems.length) {
    lines.push("", "**Remarques :**", "");
    for (const problem of record.problems) lines.push(`- ${escapeMarkdown(problem.grade_id ? `${problem.grade_id} : ${problem.problem}` : problem.problem)}`);
  }
  return lines.join("\n");
}

export async function feedback({ outDir, log = () => {} }) {
  const resultsPath = join(outDir, "results.json");
  if (!existsSync(resultsPath)) throw new Error(`${resultsPath} is missing: run axone-grade autograde --out ${outDir} first`);
  const { students, source: sourcePath } = JSON.parse(readFileSync(resultsPath, "utf8"));
  const source = JSON.parse(readFileSync(sourcePath, "utf8"));
  const folder = join(outDir, "feedback");
  mkdirSync(folder, { recursive: true });
  const pages = [];
  for (const record of students) {
    const header = { cell_type: "markdown", metadata: {}, source: summaryMarkdown(record) };
    let notebook;
    if (record.executed && existsSync(record.executed)) {
      notebook = studentView(JSON.parse(readFileSync(record.executed, "utf8")), source);
      notebook.cells.unshift(header);
    } else {
      notebook = { cells: [header], metadata: {}, nbformat: 4, nbformat_minor: 5 };
    }
    const input = join(folder, `${record.student}.ipynb`);
    writeFileSync(input, JSON.stringify(notebook));
    const run = spawnSync(PYTHON, ["-m", "nbconvert", "--to", "html", "--output-dir", resolve(folder), resolve(input)], {
      encoding: "utf8",
      timeout: 120_000,
      env: { ...process.env, PYDEVD_DISABLE_FILE_VALIDATION: "1" },
    });
    const page = join(folder, `${record.student}.html`);
    const ok = run.status === 0 && existsSync(page);
    log(ok ? `feedback ${page}` : `feedback for ${record.student} failed: ${(run.stderr ?? "").trim().split("\n").slice(-3).join(" ")}`);
    pages.push({ student: record.student, page, ok });
  }
  return pages;
}
