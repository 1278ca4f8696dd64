// Builds Axone's renderer extension (extension/) as a prebuilt JupyterLab 4 labextension in
// extension/labextension/, only when its sources or the lock changed, and installs a copy (with
// its install.json) as <prefix>/share/jupyter/labextensions/axone-jupyterlab/, where Jupyter's
// labextension discovery (jupyter_path("labextensions")) finds it: the kernelspec's prefix
// (40-kernelspec): AXONE_KERNELSPEC_PREFIX, else /usr/local for root, else ~/.local. A JupyterLab
// installed elsewhere loads it from there; Axone's own lab (app/) bundles the same renderers.
//
// 1. tsc compiles extension/src → extension/dist (ES modules, the package's main).
// 2. build-labextension (@jupyter/builder, rspack + module federation) needs the host
//    JupyterLab's package.json to know which packages it shares; with npm alone there is none, so
//    a stand-in (extension/dist/core-package.json) lists JupyterLab 4's singleton packages with the
//    versions installed here.
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { join, resolve } from "node:path";

export const LABEXTENSION_NAME = "axone-jupyterlab";

/** The labextensions folder of the kernelspec's prefix (see scripts/build/40-kernelspec.mjs). */
export function labextensionsDir(env = process.env) {
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  const prefix = env.AXONE_KERNELSPEC_PREFIX ? resolve(env.AXONE_KERNELSPEC_PREFIX) : isRoot ? "/usr/local" : join(homedir(), ".local");
  return join(prefix, "share", "jupyter", "labextensions");
}

/** True when `dir` holds exactly the built labextension (same package.json, so the same remote entry). */
export function isLabextensionInstalled(root, dir = labextensionsDir()) {
  const built = join(root, "extension", "labextension", "package.json");
  const installed = join(dir, LABEXTENSION_NAME, "package.json");
  if (!existsSync(built) || !existsSync(installed) || !existsSync(join(dir, LABEXTENSION_NAME, "install.json"))) return false;
  return readFileSync(built, "utf8") === readFileSync(installed, "utf8");
}

/**
 * Copies extension/labextension to <dir>/axone-jupyterlab with the install.json that
 * `jupyter labextension list` reads. A copy, not a link: the install must survive a rebuild
 * that is half done, and a removed checkout.
 */
export function installLabextension(root, dir = labextensionsDir()) {
  const source = join(root, "extension", "labextension");
  if (!existsSync(join(source, "package.json"))) throw new Error(`labextension: ${source} is not built; run \`npm run build\``);
  const target = join(dir, LABEXTENSION_NAME);
  rmSync(target, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  cpSync(source, target, { recursive: true });
  const install = {
    packageManager: "npm",
    packageName: LABEXTENSION_NAME,
    uninstallInstructions: `Remove ${target} (installed by Axone's build step scripts/build/50-extension.mjs)`,
  };
  writeFileSync(join(target, "install.json"), `${JSON.stringify(install, null, 2)}\n`);
  return target;
}

/** JupyterLab 4's singleton packages (its staging package.json `jupyterlab.singletonPackages`). */
export const SINGLETONS = [
  "@codemirror/language", "@codemirror/state", "@codemirror/view",
  "@jupyter/ydoc", "@jupyter/react-components", "@jupyter/web-components",
  "@jupyterlab/application", "@jupyterlab/apputils", "@jupyterlab/cell-toolbar", "@jupyterlab/codeeditor",
  "@jupyterlab/codemirror", "@jupyterlab/completer", "@jupyterlab/console", "@jupyterlab/coreutils",
  "@jupyterlab/docmanager", "@jupyterlab/documentsearch", "@jupyterlab/filebrowser", "@jupyterlab/fileeditor",
  "@jupyterlab/imageviewer", "@jupyterlab/inspector", "@jupyterlab/launcher", "@jupyterlab/logconsole",
  "@jupyterlab/mainmenu", "@jupyterlab/markdownviewer", "@jupyterlab/notebook", "@jupyterlab/outputarea",
  "@jupyterlab/rendermime", "@jupyterlab/rendermime-interfaces", "@jupyterlab/services",
  "@jupyterlab/settingregistry", "@jupyterlab/statedb", "@jupyterlab/statusbar", "@jupyterlab/terminal",
  "@jupyterlab/toc", "@jupyterlab/tooltip", "@jupyterlab/translation", "@jupyterlab/ui-components",
  "@lumino/algorithm", "@lumino/application", "@lumino/commands", "@lumino/coreutils", "@lumino/disposable",
  "@lumino/domutils", "@lumino/dragdrop", "@lumino/messaging", "@lumino/properties", "@lumino/signaling",
  "@lumino/virtualdom", "@lumino/widgets",
  "@microsoft/fast-element", "@microsoft/fast-foundation",
  "react", "react-dom", "yjs",
];

/** Writes the core-path stand-in: the singletons with the versions installed under node_modules. */
export function writeCorePackage(root, file) {
  const dependencies = {};
  for (const name of SINGLETONS) {
    const pkg = join(root, "node_modules", name, "package.json");
    if (existsSync(pkg)) dependencies[name] = `^${JSON.parse(readFileSync(pkg, "utf8")).version}`;
  }
  const data = { name: "@jupyterlab/application-top", version: "4.6.3", private: true, dependencies, jupyterlab: { singletonPackages: SINGLETONS } };
  writeFileSync(file, JSON.stringify(data, null, 2));
  return file;
}

export async function build({ root, isStale, run, log }) {
  const ext = join(root, "extension");
  const inputs = [join(ext, "src"), join(ext, "style"), join(ext, "package.json"), join(ext, "tsconfig.json"), join(root, "package-lock.json"), join(root, "scripts", "build", "50-extension.mjs")];
  const outputs = [join(ext, "dist", "index.js"), join(ext, "labextension", "package.json")];
  if (!existsSync(join(root, "node_modules", "@jupyter", "builder"))) return log("extension: @jupyter/builder is not installed, skipped");
  if (isStale(inputs, outputs)) {
    log("extension: tsc");
    run(process.execPath, [join(root, "node_modules", "typescript", "bin", "tsc"), "-p", join(ext, "tsconfig.json")]);
    mkdirSync(join(ext, "dist"), { recursive: true });
    const core = writeCorePackage(root, join(ext, "dist", "core-package.json"));
    log("extension: build-labextension → extension/labextension");
    run(process.execPath, [join(root, "node_modules", "@jupyter", "builder", "lib", "build-labextension.js"), "--core-package-file", core, ext]);
  }
  if (!isLabextensionInstalled(root)) log(`extension: installed → ${installLabextension(root)}`);
}
