import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArguments } from "../../kernel/src/main";

const launcher = join(__dirname, "..", "..", "kernel", "bin", "axone-kernel.js");
const built = existsSync(join(__dirname, "..", "..", "kernel", "dist", "main.js"));

describe("kernel command line", () => {
  it("reads the connection file and --no-typecheck in any order", () => {
    expect(parseArguments(["conn.json"])).toEqual({ connectionFile: "conn.json", typeCheck: true });
    expect(parseArguments(["--no-typecheck", "conn.json"])).toEqual({ connectionFile: "conn.json", typeCheck: false });
    expect(parseArguments(["-f", "c.json", "--no-typecheck"])).toEqual({ connectionFile: "c.json", typeCheck: false });
    expect(parseArguments(["--connection-file=d.json"]).connectionFile).toBe("d.json");
  });

  it("says what is wrong with a bad command line", () => {
    expect(() => parseArguments([])).toThrow(/no connection file/);
    expect(() => parseArguments(["--fast", "c.json"])).toThrow(/unknown option --fast/);
    expect(() => parseArguments(["a.json", "b.json"])).toThrow(/unexpected argument b.json/);
  });

  it.runIf(built)("exits with a clear message, not a crash, on a missing or broken connection file", () => {
    const folder = mkdtempSync(join(tmpdir(), "axone-main-"));
    try {
      const missing = spawnSync(process.execPath, [launcher, join(folder, "none.json")], { encoding: "utf8" });
      expect(missing.status).toBe(1);
      expect(missing.stderr).toMatch(/connection file .*none\.json/);
      writeFileSync(join(folder, "bad.json"), JSON.stringify({ ip: "127.0.0.1", key: "k", shell_port: 1 }));
      const broken = spawnSync(process.execPath, [launcher, join(folder, "bad.json")], { encoding: "utf8" });
      expect(broken.status).toBe(1);
      expect(broken.stderr).toMatch(/control_port/);
      const usage = spawnSync(process.execPath, [launcher, "--bogus"], { encoding: "utf8" });
      expect(usage.status).toBe(2);
      expect(usage.stderr).toMatch(/usage: axone-kernel/);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
