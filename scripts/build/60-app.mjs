// Builds the JupyterLab front end (app/) with Axone's renderer extension
// (extension/) bundled in, only when one of their sources or the lock changed.
import { join } from "node:path";
import { pathToFileURL } from "node:url";

export async function build({ root, isStale, log }) {
  const inputs = [
    join(root, "app", "src"),
    join(root, "app", "rspack.config.mjs"),
    join(root, "app", "build.mjs"),
    join(root, "extension", "src"),
    join(root, "extension", "style"),
    join(root, "package-lock.json"),
  ];
  const outputs = [join(root, "app", "build", "templates", "index.html"), join(root, "app", "build", "static", "lab.js")];
  if (!isStale(inputs, outputs)) return;
  log("JupyterLab front end (app/)");
  const { buildApp } = await import(pathToFileURL(join(root, "app", "build.mjs")).href);
  await buildApp({ log });
}
