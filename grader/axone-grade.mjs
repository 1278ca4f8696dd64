#!/usr/bin/env node
// axone-grade: release graded exercise notebooks, grade submissions on the Axone kernel, write feedback.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { parseArgs } from "node:util";
import { autograde } from "./lib/autograde.mjs";
import { feedback } from "./lib/feedback.mjs";
import { release } from "./lib/notebook.mjs";

const USAGE = `usage:
  axone-grade release SOURCE.ipynb... --out DIR
      write the student version of each source notebook into DIR
  axone-grade autograde SUBMISSIONS_DIR --source SOURCE.ipynb --out DIR
      [--cell-timeout S (30)] [--kernel NAME (axone)] [--max-output CHARS (200000)] [--min-score N]
      grade DIR/<student>.ipynb or DIR/<student>/<source name>; writes DIR/gradebook.csv,
      DIR/junit.xml, DIR/results.json and the executed notebooks in DIR/executed/<student>/
  axone-grade feedback --out DIR
      one HTML page per student in DIR/feedback/ from an autograde run in DIR

exit status: 0 every submission was graded (whatever the scores); 1 a submission could not be
executed (kernel or executor failure: the reports say which), or --min-score was given and a
student scored below it; 2 wrong usage or an invalid source notebook.`;

function fail(message) {
  console.error(`axone-grade: ${message}\n\n${USAGE}`);
  process.exit(2);
}

async function main(argv) {
  const [command, ...rest] = argv;
  let parsed;
  try {
    parsed = parseArgs({
      args: rest,
      allowPositionals: true,
      options: {
        out: { type: "string" },
        source: { type: "string" },
        "cell-timeout": { type: "string", default: "30" },
        kernel: { type: "string", default: "axone" },
        "max-output": { type: "string", default: "200000" },
        "min-score": { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (error) {
    fail(error.message);
  }
  const { values, positionals } = parsed;
  if (!command || values.help || command === "help") {
    console.log(USAGE);
    return 0;
  }
  if (!values.out) fail("--out DIR is required");
  if (command === "release") {
    if (!positionals.length) fail("release needs at least one source notebook");
    mkdirSync(values.out, { recursive: true });
    for (const path of positionals) {
      let released;
      try {
        released = release(JSON.parse(readFileSync(path, "utf8")), basename(path));
      } catch (error) {
        fail(`${path}: ${error.message}`);
      }
      const target = join(values.out, basename(path));
      writeFileSync(target, JSON.stringify(released, null, 1) + "\n");
      console.log(`released ${path} -> ${target}`);
    }
    return 0;
  }
  if (command === "autograde") {
    if (positionals.length !== 1) fail("autograde needs one submissions folder");
    if (!values.source) fail("autograde needs --source SOURCE.ipynb (the version with solutions and hidden tests)");
    const cellTimeout = Number(values["cell-timeout"]);
    const maxOutput = Number(values["max-output"]);
    if (!(cellTimeout > 0) || !Number.isInteger(cellTimeout)) fail("--cell-timeout must be a whole number of seconds");
    if (!(maxOutput > 0)) fail("--max-output must be a positive number of characters");
    let result;
    try {
      result = await autograde({
        sourcePath: values.source,
        submissionsDir: positionals[0],
        outDir: values.out,
        kernel: values.kernel,
        cellTimeout,
        maxOutput,
        log: (line) => console.log(line),
      });
    } catch (error) {
      fail(error.message);
    }
    console.log(`graded ${result.students.length} submissions; reports in ${values.out}`);
    const broken = result.students.filter((s) => s.status === "error");
    const minScore = values["min-score"] === undefined ? null : Number(values["min-score"]);
    const below = minScore === null ? [] : result.students.filter((s) => s.total < minScore);
    if (broken.length) console.error(`could not execute: ${broken.map((s) => s.student).join(", ")}`);
    if (below.length) console.error(`below ${minScore}: ${below.map((s) => s.student).join(", ")}`);
    return broken.length || below.length ? 1 : 0;
  }
  if (command === "feedback") {
    const pages = await feedback({ outDir: values.out, log: (line) => console.log(line) });
    return pages.every((page) => page.ok) ? 0 : 1;
  }
  fail(`unknown command "${command}"`);
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code ?? 0),
  (error) => {
    console.error(`axone-grade: ${error.stack ?? error}`);
    process.exit(2);
  },
);
