import { describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync, rmSync, existsSync } from "node:fs";
import { inflateSync } from "node:zlib";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DISPLAY_NAME, install, isInstalled, kernelJson, kernelspecDir, launcherPath, uninstall } from "../../kernel/src/install";
import { drawLogo, encodePng } from "../../kernel/src/install/logo";

/** Reads width, height and the unfiltered RGBA rows of a PNG this module wrote. */
function readPng(png: Buffer) {
  expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  let offset = 8;
  let width = 0;
  let height = 0;
  const idat: Buffer[] = [];
  while (offset < png.length) {
    const length = png.readUInt32BE(offset);
    const type = png.toString("ascii", offset + 4, offset + 8);
    const data = png.subarray(offset + 8, offset + 8 + length);
    if (type === "IHDR") {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
    } else if (type === "IDAT") idat.push(data);
    offset += 12 + length;
  }
  return { width, height, raw: inflateSync(Buffer.concat(idat)) };
}

describe("kernelspec install", () => {
  it("writes kernel.json and both logos under <prefix>/share/jupyter/kernels/axone, and removes them", () => {
    const prefix = mkdtempSync(join(tmpdir(), "axone-spec-"));
    try {
      expect(isInstalled({ prefix })).toBe(false);
      const dir = install({ prefix, kernelArgs: ["--no-typecheck"] });
      expect(dir).toBe(join(prefix, "share", "jupyter", "kernels", "axone"));
      const spec = JSON.parse(readFileSync(join(dir, "kernel.json"), "utf8"));
      expect(spec).toMatchObject({ display_name: DISPLAY_NAME, language: "typescript", interrupt_mode: "message" });
      expect(spec.argv[0]).toBe(process.execPath);
      expect(spec.argv).toContain(launcherPath());
      expect(spec.argv.slice(-2)).toEqual(["--no-typecheck", "{connection_file}"]);
      expect(existsSync(launcherPath())).toBe(true);
      for (const size of [32, 64]) {
        const { width, height } = readPng(readFileSync(join(dir, `logo-${size}x${size}.png`)));
        expect([width, height]).toEqual([size, size]);
      }
      expect(isInstalled({ prefix, kernelArgs: ["--no-typecheck"] })).toBe(true);
      // A different kernel.json (other arguments) is stale.
      expect(isInstalled({ prefix })).toBe(false);
      expect(uninstall({ prefix })).toBe(dir);
      expect(existsSync(dir)).toBe(false);
      expect(uninstall({ prefix })).toBeUndefined();
    } finally {
      rmSync(prefix, { recursive: true, force: true });
    }
  });

  it("chooses the user folder with --user", () => {
    expect(kernelspecDir({ user: true })).toMatch(/\.local\/share\/jupyter\/kernels\/axone$/);
    expect(kernelJson().argv).toContain("{connection_file}");
  });
});

describe("logo PNG", () => {
  it("encodes the pixels it is given, row by row", () => {
    const pixels = new Uint8Array([255, 0, 0, 255, 0, 255, 0, 128]);
    const { width, height, raw } = readPng(encodePng(2, 1, pixels));
    expect([width, height]).toEqual([2, 1]);
    expect([...raw]).toEqual([0, ...pixels]);
    expect(() => encodePng(2, 2, pixels)).toThrow(/16 bytes/);
  });

  it("draws a blue square with white marks and transparent corners", () => {
    const { raw } = readPng(drawLogo(32));
    const pixel = (x: number, y: number) => [...raw.subarray(y * (32 * 4 + 1) + 1 + x * 4, y * (32 * 4 + 1) + 1 + x * 4 + 4)];
    expect(pixel(0, 0)[3]).toBe(0);
    expect(pixel(2, 16)).toEqual([0x31, 0x78, 0xc6, 255]);
    // The output node of the little network sits at (0.76, 0.5).
    expect(pixel(24, 16).slice(0, 3)).toEqual([255, 255, 255]);
  });
});
