// Build step 50 makes a loadable prebuilt labextension: JupyterLab's federated-extension metadata,
// the remote entry it points to, the mime extension exposed, JupyterLab's packages shared (not
// bundled), plotly in its own lazily loaded chunk; and installs it where Jupyter finds it.
import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const root = join(__dirname, "..", "..");
const ext = join(root, "extension");

describe.skipIf(!existsSync(join(root, "node_modules", "@jupyter", "builder")))("prebuilt labextension", () => {
  it("builds with build-labextension and a core-path stand-in", async () => {
    const { isStale } = await import(join(root, "scripts", "build.mjs"));
    const step = await import(join(root, "scripts", "build", "50-extension.mjs"));
    await step.build({
      root, isStale, log: () => undefined,
      run(command: string, args: string[]) {
        const r = spawnSync(command, args, { cwd: root, encoding: "utf8" });
        if (r.status !== 0) throw new Error(`${command} ${args.join(" ")} failed:\n${r.stdout}\n${r.stderr}`);
      },
    });
    const meta = JSON.parse(readFileSync(join(ext, "labextension", "package.json"), "utf8"));
    expect(meta.name).toBe("axone-jupyterlab");
    expect(meta.jupyterlab._build.mimeExtension).toBe("./mimeExtension");
    const entry = join(ext, "labextension", meta.jupyterlab._build.load);
    expect(existsSync(entry)).toBe(true);
    const entryJs = readFileSync(entry, "utf8");
    expect(entryJs).toContain("_JUPYTERLAB");
    expect(entryJs).toContain("./mimeExtension");
    // @lumino/widgets comes from the host lab (singleton), so the bundle holds no copy of it.
    const statics = readdirSync(join(ext, "labextension", "static")).filter((f) => f.endsWith(".js"));
    const all = statics.map((f) => readFileSync(join(ext, "labextension", "static", f), "utf8"));
    expect(all.some((js) => js.includes("class Widget") && js.includes("lm-Widget"))).toBe(false);
    // plotly.js is its own chunk, fetched only when a plotly output appears.
    const sizes = statics.map((f) => statSync(join(ext, "labextension", "static", f)).size);
    expect(Math.max(...sizes)).toBeGreaterThan(3_000_000);
    expect(statSync(entry).size).toBeLessThan(200_000);
  }, 180_000);
});

describe.skipIf(!existsSync(join(ext, "labextension", "package.json")) || !existsSync("/usr/bin/python3"))("installed labextension", () => {
  it("is installed under the kernelspec prefix where Jupyter's discovery and the axone_lab server find it", async () => {
    const step = await import(join(root, "scripts", "build", "50-extension.mjs"));
    const prefix = mkdtempSync(join(tmpdir(), "axone-labext-"));
    const env = { ...process.env, AXONE_KERNELSPEC_PREFIX: prefix };
    const dir = step.labextensionsDir(env);
    expect(dir).toBe(join(prefix, "share", "jupyter", "labextensions"));
    expect(step.isLabextensionInstalled(root, dir)).toBe(false);
    const target = step.installLabextension(root, dir);
    expect(step.isLabextensionInstalled(root, dir)).toBe(true);
    // What `jupyter labextension list` does: search jupyter_path("labextensions") and read the
    // package metadata and install.json of each extension.
    const jupyterPath = join(prefix, "share", "jupyter");
    const probe = spawnSync("/usr/bin/python3", ["-c", [
      "import json",
      "from jupyter_core.paths import jupyter_path",
      "from jupyterlab_server.config import get_federated_extensions",
      "e = get_federated_extensions(jupyter_path('labextensions'))['axone-jupyterlab']",
      "print(json.dumps({'path': e['ext_path'], 'install': e.get('install'), 'load': e['jupyterlab']['_build']['load'], 'mime': e['jupyterlab']['_build'].get('mimeExtension')}))",
    ].join("\n")], { env: { ...process.env, JUPYTER_PATH: jupyterPath }, encoding: "utf8" });
    expect(probe.status, probe.stderr).toBe(0);
    const found = JSON.parse(probe.stdout);
    expect(found.path).toBe(target);
    expect(found.install).toMatchObject({ packageManager: "npm", packageName: "axone-jupyterlab" });
    expect(found.mime).toBe("./mimeExtension");
    expect(existsSync(join(target, found.load))).toBe(true);

    // The axone_lab server (npm start's code path) lists it in the page config and serves its files.
    const { startLabServer } = await import(join(root, "scripts", "lab-server.mjs"));
    const saved = process.env.JUPYTER_PATH;
    process.env.JUPYTER_PATH = jupyterPath;
    const lab = await startLabServer({ port: 0, notebookDir: join(prefix, "notebooks"), stateDir: join(prefix, "state"), openPath: "" }).finally(() => {
      if (saved === undefined) delete process.env.JUPYTER_PATH;
      else process.env.JUPYTER_PATH = saved;
    });
    try {
      const html = await (await fetch(`${lab.baseUrl}/lab?token=${lab.token}`)).text();
      const config = JSON.parse(/<script id="jupyter-config-data" type="application\/json">([^]*?)<\/script>/.exec(html)![1]);
      const listed = (config.federated_extensions as { name: string; load: string; mimeExtension?: string }[]).find((e) => e.name === "axone-jupyterlab");
      expect(listed).toMatchObject({ load: found.load, mimeExtension: "./mimeExtension" });
      const entry = await fetch(`${lab.baseUrl}/lab/extensions/axone-jupyterlab/${found.load}?token=${lab.token}`);
      expect(entry.status).toBe(200);
      expect(await entry.text()).toContain("./mimeExtension");
    } finally {
      await lab.stop();
      rmSync(prefix, { recursive: true, force: true });
    }
  }, 120_000);
});
