// Bundles the test page (index.ts + Axone's extension sources) with rspack into `outDir`,
// reusing @jupyter/builder's base rules for CSS, SVG and fonts.
import { createRequire } from "node:module";
import { copyFileSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..", "..", "..");

export async function buildPage(outDir) {
  const rspack = require("@rspack/core");
  const base = require("@jupyter/builder/lib/webpack.config.base");
  mkdirSync(outDir, { recursive: true });
  const config = {
    ...base,
    mode: "development",
    devtool: false,
    context: here,
    entry: { page: join(here, "index.ts") },
    output: { path: outDir, filename: "[name].js", chunkFilename: "[name].[contenthash].js", publicPath: "auto", clean: true },
    module: {
      rules: [
        { test: /\.tsx?$/, exclude: /node_modules/, loader: "builtin:swc-loader", options: { jsc: { parser: { syntax: "typescript" }, target: "es2022" } }, type: "javascript/auto" },
        ...base.module.rules,
      ],
    },
    resolve: { ...base.resolve, extensions: [".ts", ".js", ".mjs", ".json"], modules: [join(root, "node_modules"), "node_modules"] },
    performance: { hints: false },
    stats: "errors-only",
    plugins: [...base.plugins, new rspack.DefinePlugin({ "process.env.NODE_ENV": JSON.stringify("development") })],
  };
  await new Promise((resolve, reject) =>
    rspack.rspack(config, (err, stats) => {
      if (err) return reject(err);
      if (stats.hasErrors()) return reject(new Error(stats.toString({ all: false, errors: true })));
      resolve(undefined);
    }),
  );
  copyFileSync(join(here, "index.html"), join(outDir, "index.html"));
  return outDir;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const t = Date.now();
  await buildPage(process.argv[2] ?? join(root, "test-results", "ui-page", "axone-ui"));
  console.log(`page built in ${Date.now() - t} ms`);
}
