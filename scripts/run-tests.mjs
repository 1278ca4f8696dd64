#!/usr/bin/env node
// Runs every test runner of the project and ends with one plain summary line,
// "N passed, N failed, N skipped", summed over all of them.
//   vitest: test/**/*.test.ts (unit, ops, ui)
//   pytest (Debian's /usr/bin/python3): test/**/test_*.py (kernel protocol, nbconvert, grading)
// Options: --only=vitest|pytest, and anything after `--` goes to both runners as a filter.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { systemPython } from "./deps.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const results = join(root, "test-results");
mkdirSync(results, { recursive: true });

const args = process.argv.slice(2);
const only = args.find((arg) => arg.startsWith("--only="))?.slice("--only=".length);
const filters = args.includes("--") ? args.slice(args.indexOf("--") + 1) : [];

function runVitest() {
  const report = join(results, "vitest.json");
  rmSync(report, { force: true });
  const result = spawnSync(
    process.execPath,
    [join(root, "node_modules", "vitest", "vitest.mjs"), "run", "--reporter=default", "--reporter=json", `--outputFile.json=${report}`, ...filters],
    { stdio: "inherit", cwd: root },
  );
  if (!existsSync(report)) return { passed: 0, failed: 1, skipped: 0, note: `vitest exited ${result.status} without a report` };
  const json = JSON.parse(readFileSync(report, "utf8"));
  // A file that fails to load counts as a failure even though it reports no test.
  const brokenFiles = (json.testResults ?? []).filter((file) => file.status === "failed" && file.assertionResults.length === 0).length;
  return {
    passed: json.numPassedTests,
    failed: json.numFailedTests + brokenFiles,
    skipped: json.numPendingTests + json.numTodoTests,
    note: result.status === 0 || json.numFailedTests + brokenFiles > 0 ? "" : `vitest exited ${result.status}`,
  };
}

function runPytest() {
  const report = join(results, "pytest.xml");
  rmSync(report, { force: true });
  const env = { ...process.env, PYDEVD_DISABLE_FILE_VALIDATION: "1", PYTHONDONTWRITEBYTECODE: "1" };
  const result = spawnSync(systemPython, ["-m", "pytest", "test", "-p", "no:cacheprovider", "-q", `--junitxml=${report}`, ...filters.flatMap((f) => ["-k", f])], {
    stdio: "inherit",
    cwd: root,
    env,
  });
  if (result.status === 5) return { passed: 0, failed: 0, skipped: 0, note: "" }; // no Python test collected
  if (!existsSync(report)) return { passed: 0, failed: 1, skipped: 0, note: `pytest exited ${result.status} without a report` };
  const xml = readFileSync(report, "utf8");
  const attribute = (name) =>
    [...xml.matchAll(new RegExp(`<testsuite [^>]*\\b${name}="(\\d+)"`, "g"))].reduce((sum, match) => sum + Number(match[1]), 0);
  const total = attribute("tests");
  const failed = attribute("failures") + attribute("errors");
  const skipped = attribute("skipped");
  return { passed: total - failed - skipped, failed, skipped, note: result.status === 0 || failed > 0 ? "" : `pytest exited ${result.status}` };
}

const runners = { vitest: runVitest, pytest: runPytest };
const totals = { passed: 0, failed: 0, skipped: 0 };
for (const [name, runner] of Object.entries(runners)) {
  if (only && only !== name) continue;
  const outcome = runner();
  if (outcome.note) {
    console.log(`[tests] ${name}: ${outcome.note}`);
    outcome.failed = Math.max(outcome.failed, 1);
  }
  console.log(`[tests] ${name}: ${outcome.passed} passed, ${outcome.failed} failed, ${outcome.skipped} skipped`);
  for (const key of Object.keys(totals)) totals[key] += outcome[key];
}
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(totals.failed > 0 || totals.passed === 0 ? 1 : 0);
