import { describe, expect, it } from "vitest";
import { format, html, json, latex, markdown, mime, png, svg } from "../../kernel/src/display";

describe("display: format", () => {
  it("gives Node-inspect text without colours for plain values", () => {
    expect(format(42)).toEqual({ "text/plain": "42" });
    expect(format("hi")).toEqual({ "text/plain": "'hi'" });
    expect(format({ a: [1, 2], b: new Map([["k", 1]]) })["text/plain"]).toBe("{ a: [ 1, 2 ], b: Map(1) { 'k' => 1 } }");
    expect(format(null)).toEqual({ "text/plain": "null" });
    expect(format(new Error("bad"))["text/plain"]).not.toMatch(/\x1b\[/);
  });

  it("uses Symbol.for('Jupyter.display') and always adds text/plain", () => {
    class Chart {
      [Symbol.for("Jupyter.display")]() {
        return { "image/png": "iVBOR", "application/vnd.axone.v1+json": { kind: "curves" } };
      }
    }
    const bundle = format(new Chart());
    expect(bundle["image/png"]).toBe("iVBOR");
    expect(bundle["application/vnd.axone.v1+json"]).toEqual({ kind: "curves" });
    expect(bundle["text/plain"]).toBe("Chart {}");
    const withText = format({ [Symbol.for("Jupyter.display")]: () => ({ "text/plain": "custom", "text/html": "<b>x</b>" }) });
    expect(withText).toEqual({ "text/plain": "custom", "text/html": "<b>x</b>" });
  });

  it("falls back to text, saying why, when the display method misbehaves", () => {
    const throwing = { [Symbol.for("Jupyter.display")]: () => { throw new Error("no data yet") } };
    expect(format(throwing)["text/plain"]).toContain("display failed: no data yet");
    const wrong = { [Symbol.for("Jupyter.display")]: () => "not a bundle" };
    expect(format(wrong)["text/plain"]).toContain("must return an object of MIME type");
    expect(Object.keys(format(wrong))).toEqual(["text/plain"]);
  });
});

describe("display: helpers", () => {
  it("build bundles of each kind", () => {
    expect(format(html("<b>b</b>"))).toMatchObject({ "text/html": "<b>b</b>" });
    expect(format(markdown("# T"))).toMatchObject({ "text/markdown": "# T" });
    expect(format(svg("<svg/>"))).toMatchObject({ "image/svg+xml": "<svg/>" });
    expect(format(latex("$x^2$"))).toMatchObject({ "text/latex": "$x^2$" });
    expect(format(json({ a: 1n === 1n ? 1 : 0, nested: { b: [true] } }))).toMatchObject({ "application/json": { a: 1, nested: { b: [true] } } });
    expect(format(mime({ "text/csv": "a,b" }))).toMatchObject({ "text/csv": "a,b", "text/plain": "[text/csv]" });
  });

  it("encodes PNG bytes to base64 and rejects what is not a PNG", () => {
    const bytes = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(format(png(bytes))["image/png"]).toBe(Buffer.from(bytes).toString("base64"));
    expect(format(png("data:image/png;base64,AAAA"))["image/png"]).toBe("AAAA");
    expect(() => png(new Uint8Array([1, 2, 3]))).toThrow(/not a PNG/);
  });

  it("name the helper in their errors", () => {
    expect(() => html(3 as unknown as string)).toThrow(/html\(\): expected a string, got number/);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => json(cyclic)).toThrow(/json\(\): the value cannot be turned into JSON/);
    expect(() => mime({ notAMime: 1 })).toThrow(/mime\(\)/);
  });
});
