#!/usr/bin/env node
// Launcher for the compiled kernel (kernel/dist, built by `npm run build`).
require("../dist/main.js").main(process.argv.slice(2)).then(
  (code) => {
    if (typeof code === "number") process.exitCode = code;
  },
  (error) => {
    process.stderr.write(`[axone-kernel] ${error && error.stack ? error.stack : error}\n`);
    process.exit(1);
  },
);
