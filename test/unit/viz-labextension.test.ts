// Build step 50 makes a loadable prebuilt labextension: JupyterLab's federated-extension metadata,
// the remote entry it points to, the mime extension exposed, JupyterLab's packages shared (not
// bundled), plotly in its own lazily loaded chunk.
import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
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
