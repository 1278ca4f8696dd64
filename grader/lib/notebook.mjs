// Notebook cells with nbgrader metadata: which cells are solutions, tests, locked; the release
// transformation and the checksums that detect an edited test cell.
import { createHash } from "node:crypto";

export const BEGIN_SOLUTION = "// BEGIN SOLUTION";
export const END_SOLUTION = "// END SOLUTION";
export const BEGIN_HIDDEN = "// BEGIN HIDDEN TESTS";
export const END_HIDDEN = "// END HIDDEN TESTS";
export const STUB = ["// YOUR CODE HERE", 'throw new Error("not implemented")'];

/** The source of a cell as one string (nbformat allows a string or a list of lines). */
export function sourceOf(cell) {
  return Array.isArray(cell.source) ? cell.source.join("") : String(cell.source ?? "");
}

export function nbgraderOf(cell) {
  const meta = cell?.metadata?.nbgrader;
  return meta && typeof meta === "object" && typeof meta.grade_id === "string" ? meta : null;
}

/** Test cells are graded and not solutions; locked cells are given as is. Both are restored at grading. */
export function isTestCell(cell) {
  const meta = nbgraderOf(cell);
  return Boolean(meta && meta.grade && !meta.solution);
}
export function isSolutionCell(cell) {
  return Boolean(nbgraderOf(cell)?.solution);
}
export function isProtectedCell(cell) {
  const meta = nbgraderOf(cell);
  return Boolean(meta && !meta.solution && (meta.locked || meta.grade));
}

/**
 * Replaces each `// BEGIN <begin>` … `// END <end>` region of `source` by `replacement(indent)`
 * lines (or by nothing). Throws on an unclosed region, naming the cell, so an instructor
 * never releases half a solution.
 */
export function replaceRegions(source, begin, end, replacement, where) {
  const lines = source.split("\n");
  const out = [];
  let inside = false;
  for (const line of lines) {
    const trimmed = line.trim();
    if (!inside && trimmed === begin) {
      inside = true;
      const indent = line.slice(0, line.indexOf(begin));
      if (replacement) out.push(...replacement.map((text) => indent + text));
    } else if (inside && trimmed === end) {
      inside = false;
    } else if (inside && (trimmed === begin || trimmed === end)) {
      throw new Error(`${where}: "${trimmed}" inside another region`);
    } else if (!inside) {
      if (trimmed === end) throw new Error(`${where}: "${end}" without "${begin}"`);
      out.push(line);
    }
  }
  if (inside) throw new Error(`${where}: "${begin}" is never closed by "${end}"`);
  return out.join("\n");
}

/** The student's version of one cell's source. */
export function releasedSource(cell, where) {
  let source = sourceOf(cell);
  if (isSolutionCell(cell)) {
    source = source.includes(BEGIN_SOLUTION)
      ? replaceRegions(source, BEGIN_SOLUTION, END_SOLUTION, STUB, where)
      : STUB.join("\n");
  }
  if (source.includes(BEGIN_HIDDEN) || source.includes(END_HIDDEN)) {
    source = replaceRegions(source, BEGIN_HIDDEN, END_HIDDEN, null, where).replace(/\n{3,}/g, "\n\n");
  }
  return source;
}

/** Checksum of what a student must not change: cell type, grading metadata and released source. */
export function checksum(cell, source) {
  const meta = nbgraderOf(cell) ?? {};
  const normalized = source.replace(/\r\n/g, "\n").replace(/[ \t]+$/gm, "").trimEnd();
  const key = JSON.stringify([cell.cell_type, meta.grade_id, Boolean(meta.grade), Boolean(meta.solution), meta.points ?? 0, normalized]);
  return createHash("sha256").update(key).digest("hex");
}

/** Checks the nbgrader metadata of a source notebook; returns the list of problems found. */
export function validateSource(notebook) {
  const problems = [];
  const seen = new Set();
  for (const [index, cell] of (notebook.cells ?? []).entries()) {
    const meta = nbgraderOf(cell);
    if (!meta) continue;
    if (seen.has(meta.grade_id)) problems.push(`cell ${index}: grade_id "${meta.grade_id}" is used twice`);
    seen.add(meta.grade_id);
    if (meta.grade && !(Number(meta.points) >= 0)) problems.push(`cell ${index} (${meta.grade_id}): a graded cell needs "points"`);
    if (meta.solution && cell.cell_type !== "code") problems.push(`cell ${index} (${meta.grade_id}): solution cells must be code cells`);
    // nbgrader grades these by hand (formgrader); axone-grade has no manual step, so it refuses them
    // rather than give them points that no one checked.
    if (meta.grade && meta.solution) problems.push(`cell ${index} (${meta.grade_id}): a cell that is both graded and a solution is graded by hand in nbgrader, which axone-grade does not do: make it an answer cell followed by a test cell`);
    else if (meta.grade && cell.cell_type !== "code") problems.push(`cell ${index} (${meta.grade_id}): a graded ${cell.cell_type} cell is graded by hand in nbgrader, which axone-grade does not do: grade with a code test cell`);
  }
  return problems;
}

/** The released (student) notebook of a source notebook. */
export function release(source, sourceName = "notebook") {
  const problems = validateSource(source);
  if (problems.length) throw new Error(`${sourceName}: ${problems.join("; ")}`);
  const notebook = structuredClone(source);
  notebook.cells = notebook.cells.map((cell, index) => {
    const meta = nbgraderOf(cell);
    const where = `${sourceName}, cell ${index}${meta ? ` (${meta.grade_id})` : ""}`;
    const text = releasedSource(cell, where);
    const out = { ...cell, source: text };
    if (cell.cell_type === "code") {
      out.outputs = [];
      out.execution_count = null;
    }
    if (meta) {
      out.metadata = { ...cell.metadata, nbgrader: { ...meta, schema_version: 3 } };
      if (isProtectedCell(cell)) out.metadata.nbgrader.checksum = checksum(cell, text);
      if (meta.locked || isTestCell(cell)) out.metadata.editable = false;
      if (isTestCell(cell) || meta.locked) out.metadata.deletable = false;
    }
    return out;
  });
  return notebook;
}
