// The extension's payload decoder reads exactly what lib/viz writes (the MIME contract), and
// rejects malformed or newer payloads with readable messages.
import { describe, expect, it } from "vitest";
import * as viz from "../../lib/viz";
import { checkPayload, decodeArray, PayloadError, KINDS } from "../../extension/src/decode";

const t = (shape: number[], f: (i: number) => number) => {
  const data = Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, (_, i) => f(i));
  return { shape, data: () => data };
};

describe("extension decoder against lib/viz payloads", () => {
  it("decodes float32 and quantised uint8 arrays written by lib/viz", () => {
    const values = t([3, 5], (i) => Math.sin(i) * 10);
    const p = checkPayload(viz.heatmap(values).payload);
    expect(p.kind).toBe("heatmap");
    const d = decodeArray(p.values, "values");
    expect(d.shape).toEqual([3, 5]);
    expect(Array.from(d.values)).toEqual(Array.from(values.data()));
    const q = decodeArray(viz.encodeArray(values.data(), [15], { quantise: true }), "q");
    for (let i = 0; i < 15; i++) expect(Math.abs(q.values[i] - values.data()[i])).toBeLessThanOrEqual(20 / 255 / 2 + 1e-5);
  });

  it("knows every kind lib/viz writes", () => {
    const kinds = [
      viz.featureMaps(t([2, 4, 4], (i) => i)).payload.kind,
      viz.filters(t([2, 1, 3, 3], (i) => i)).payload.kind,
      viz.heatmap(t([2, 2], (i) => i)).payload.kind,
      viz.spectrogram(t([4, 4], (i) => i + 1)).payload.kind,
      viz.attention(t([2, 2], (i) => i + 1)).payload.kind,
      viz.curves().figure().payload.kind,
      viz.image(t([2, 2], (i) => i)).payload.kind,
    ];
    for (const k of kinds) expect(KINDS).toContain(k);
  });

  it("explains newer versions, unknown kinds and broken arrays", () => {
    expect(() => checkPayload({ kind: "heatmap", version: 2 })).toThrow(/newer Axone \(payload version 2\)/);
    expect(() => checkPayload({ kind: "sculpture", version: 1 })).toThrow(/unknown kind "sculpture"/);
    expect(() => checkPayload("x")).toThrow(PayloadError);
    expect(() => decodeArray({ dtype: "float32", shape: [2], data: "AAAA" }, "v")).toThrow(/needs 8 bytes of float32, got 3/);
    expect(() => decodeArray({ dtype: "float64", shape: [1], data: "AAAAAAAAAAA=" }, "v")).toThrow(/unknown dtype "float64"/);
    expect(() => decodeArray({ shape: [1] }, "v")).toThrow(/expected \{dtype, shape, data\}/);
  });
});
