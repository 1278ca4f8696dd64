// rspack configuration of Axone's JupyterLab. Used by scripts/build/60-app.mjs
// (and by `node app/build.mjs` directly). It reuses @jupyter/builder's base
// rules (CSS, SVG, fonts, Node fallbacks), the same ones JupyterLab 4.6 uses.
import { createRequire } from "node:module";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const rspack = require("@rspack/core");
const baseConfig = require("@jupyter/builder/lib/webpack.config.base");
const { WPPlugin } = require("@jupyter/builder/lib/webpack-plugins");

export const appDir = dirname(fileURLToPath(import.meta.url));
export const rootDir = join(appDir, "..");
export const buildDir = join(appDir, "build");
export const staticDir = join(buildDir, "static");
/** Axone's renderer extension (written under extension/), bundled as a mime extension. */
export const axoneExtensionEntry = join(rootDir, "extension", "src", "index.ts");

/** The main bundle's configuration. */
export function labConfig({ production = true } = {}) {
  const hasAxoneExtension = existsSync(axoneExtensionEntry);
  return {
    ...baseConfig,
    name: "lab",
    mode: production ? "production" : "development",
    devtool: production ? false : "source-map",
    context: appDir,
    entry: { lab: join(appDir, "src", "index.js") },
    output: {
      ...baseConfig.output,
      path: staticDir,
      // The page template loads lab.js by name; everything else is hashed.
      filename: "[name].js",
      chunkFilename: "[name].[contenthash].js",
      assetModuleFilename: "assets/[name].[contenthash][ext]",
      publicPath: "auto",
      clean: true,
    },
    module: {
      rules: [
        {
          // Axone's extension is TypeScript; rspack's built-in SWC strips the types.
          test: /\.tsx?$/,
          exclude: /node_modules/,
          loader: "builtin:swc-loader",
          options: { jsc: { parser: { syntax: "typescript", tsx: true }, target: "es2022" } },
          type: "javascript/auto",
        },
        ...baseConfig.module.rules,
      ],
    },
    resolve: {
      ...baseConfig.resolve,
      extensions: [".ts", ".tsx", ".js", ".mjs", ".json"],
      // The root node_modules holds every front-end package.
      modules: [join(rootDir, "node_modules"), "node_modules"],
      alias: {
        "axone-mime-extension": hasAxoneExtension ? axoneExtensionEntry : join(appDir, "src", "no-mime-extension.js"),
        "axone-lab-style": join(buildDir, "style.js"),
      },
    },
    optimization: { splitChunks: { chunks: "async" }, minimize: production },
    performance: { hints: false },
    stats: "errors-warnings",
    plugins: [
      ...baseConfig.plugins,
      new rspack.DefinePlugin({ "process.env.NODE_ENV": JSON.stringify(production ? "production" : "development") }),
      // Help > Licenses reads this file through jupyterlab_server's licenses handler.
      new WPPlugin.JSONLicenseWebpackPlugin({ excludedPackageTest: (name) => name === "axone-platform" }),
    ],
  };
}
