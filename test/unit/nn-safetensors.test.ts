import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { decodeSafetensors, encodeSafetensors } from "../../lib/nn/safetensors";

const fixtures = join(__dirname, "..", "fixtures", "nn");

describe("safetensors", () => {
  it("decodes a file written from PyTorch tensors by the format's layout", () => {
    const { tensors, metadata } = decodeSafetensors(readFileSync(join(fixtures, "torch-written.safetensors")));
    const expected = JSON.parse(readFileSync(join(fixtures, "torch-written.json"), "utf8")) as Record<string, { shape: number[]; data: number[] }>;
    expect(metadata).toEqual({ format: "pt" });
    expect(Object.keys(tensors).sort()).toEqual(Object.keys(expected).sort());
    for (const [name, e] of Object.entries(expected)) {
      expect(tensors[name].shape).toEqual(e.shape);
      const values = Array.from(tensors[name].data as ArrayLike<number | bigint>, Number);
      values.forEach((v, i) => expect(v).toBeCloseTo(e.data[i], 6));
    }
    expect(tensors.steps.dtype).toBe("I64");
  });

  it("round-trips and lays out the header as the format says", () => {
    const w = new Float32Array([1.5, -2, 3.25, 0, 1e-8, 7]);
    const bytes = encodeSafetensors({ "layer.weight": { dtype: "F32", shape: [2, 3], data: w }, idx: { dtype: "I32", shape: [2], data: new Int32Array([4, -1]) } }, { note: "x" });
    const n = Number(new DataView(bytes.buffer).getBigUint64(0, true));
    expect((8 + n) % 8).toBe(0);
    const header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + n)));
    expect(header.__metadata__).toEqual({ note: "x" });
    expect(header.idx).toEqual({ dtype: "I32", shape: [2], data_offsets: [0, 8] });
    expect(header["layer.weight"].data_offsets).toEqual([8, 32]);
    expect(bytes.length).toBe(8 + n + 32);
    const back = decodeSafetensors(bytes);
    expect(Array.from(back.tensors["layer.weight"].data as Float32Array)).toEqual(Array.from(w));
    expect(Array.from(back.tensors.idx.data as Int32Array)).toEqual([4, -1]);
  });

  it("rejects truncated or inconsistent files with a message", () => {
    expect(() => decodeSafetensors(new Uint8Array(4))).toThrow(/too short/);
    const bytes = encodeSafetensors({ a: { dtype: "F32", shape: [4], data: new Float32Array(4) } });
    expect(() => decodeSafetensors(bytes.subarray(0, bytes.length - 4))).toThrow(/offsets/);
    expect(() => encodeSafetensors({ a: { dtype: "F32", shape: [3], data: new Float32Array(4) } })).toThrow(/needs 12 bytes/);
  });
});
