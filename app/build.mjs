// Builds Axone's JupyterLab into app/build/:
//   static/     the bundle (lab.js + chunks + assets, third-party-licenses.json)
//   schemas/    settings schemas of every bundled extension (for jupyterlab_server)
//   themes/     the light and dark theme CSS (for jupyterlab_server's themes handler)
//   templates/  index.html, the page jupyterlab_server renders with the page config
// Run by scripts/build/60-app.mjs when a source changed, or directly:
//   node app/build.mjs [--dev]
import { createRequire } from "node:module";
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { appDir, buildDir, labConfig, staticDir } from "./rspack.config.mjs";

const require = createRequire(import.meta.url);
const rspack = require("@rspack/core");
const { Build } = require("@jupyter/builder");

/** The packages app/src/extensions.js imports (their schemas, themes and CSS are needed). */
export function bundledPackages() {
  const source = readFileSync(join(appDir, "src", "extensions.js"), "utf8");
  return [...source.matchAll(/import\("(@jupyterlab\/[^"]+)"\)/g)].map((match) => match[1]);
}

function compile(configs) {
  return new Promise((resolve, reject) => {
    rspack(configs, (error, stats) => {
      if (error) return reject(error);
      if (stats.hasErrors()) return reject(new Error(stats.toString({ all: false, errors: true, colors: false })));
      resolve(stats);
    });
  });
}

function writeTemplate() {
  const bundle = readFileSync(join(staticDir, "lab.js"));
  const version = createHash("sha256").update(bundle).digest("hex").slice(0, 16);
  const templates = join(buildDir, "templates");
  mkdirSync(templates, { recursive: true });
  // Rendered by jupyterlab_server's LabHandler (Jinja): page_config, base_url and ws_url come from it.
  writeFileSync(
    join(templates, "index.html"),
    `<!DOCTYPE html>
<html lang="fr">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>{{ page_config['appName'] | e }}</title>
  {% set page_config_full = page_config.copy() %}
  {% set _ = page_config_full.update(baseUrl=base_url, wsUrl=ws_url) %}
  <script id="jupyter-config-data" type="application/json">{{ page_config_full | tojson }}</script>
  <script src="{{ page_config['fullStaticUrl'] }}/lab.js?v=${version}" defer></script>
</head>
<body>
  <script>
    // Remove the token from the address bar once the page has it.
    (function () {
      var url = new URL(window.location.href);
      if (url.searchParams.get("token")) {
        url.searchParams.delete("token");
        window.history.replaceState({}, "", url.href);
      }
    })();
  </script>
</body>
</html>
`,
  );
}

/** jupyterlab_server's licenses handler names the bundle after static/package.json. */
function writeStaticPackage() {
  const version = JSON.parse(readFileSync(require.resolve("@jupyterlab/application/package.json"), "utf8")).version;
  const data = { name: "axone-lab", version, private: true, jupyterlab: { name: "Axone", version, extensionMetadata: {} } };
  writeFileSync(join(staticDir, "package.json"), JSON.stringify(data, null, 2) + "\n");
}

export async function buildApp({ production = true, log = console.log } = {}) {
  const started = Date.now();
  mkdirSync(buildDir, { recursive: true });
  const themeConfigs = Build.ensureAssets({ output: buildDir, packageNames: bundledPackages() });
  await compile([labConfig({ production }), ...themeConfigs]);
  writeStaticPackage();
  // Written last: the build step takes its presence as "the build finished".
  writeTemplate();
  log(`JupyterLab built in ${((Date.now() - started) / 1000).toFixed(1)} s → ${buildDir}`);
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  await buildApp({ production: !process.argv.includes("--dev") });
}
