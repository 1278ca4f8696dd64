// The summary's PNG fallback is a readable table: the test reads its text back from the pixels
// (matching the 5×7 glyphs) and compares it, line by line, with the model's layers, output shapes,
// sizes and parameter counts.
import { describe, expect, it } from "vitest";
import { PNG } from "pngjs";
import { nn, summary, viz } from "axone";
import { readTextLine } from "../../lib/viz/font5x7";
import { SUMMARY_PNG } from "../../lib/viz/builders";

const DISPLAY = Symbol.for("Jupyter.display");

/** Reads a line of 5×7 text whose glyph tops are at row `top`; blank runs become one space. */
const readLine = (png: PNG, top: number) => readTextLine(png, top);

const lineTop = (i: number) => SUMMARY_PNG.pad + i * SUMMARY_PNG.rowHeight + SUMMARY_PNG.textTop;
const pngOf = (bundle: Record<string, unknown>) => PNG.sync.read(Buffer.from(bundle["image/png"] as string, "base64"));

describe("summary PNG: a table image", () => {
  const lenet = () => new nn.Sequential(new nn.Conv2d(1, 6, 5), new nn.ReLU(), new nn.MaxPool2d(2), new nn.Conv2d(6, 16, 5), new nn.ReLU(), new nn.MaxPool2d(2), new nn.Flatten(), new nn.Linear(256, 120), new nn.Linear(120, 10));

  it("holds the title, header, every layer with output shape, activation size and parameters, and the totals", () => {
    const s = summary(lenet(), [1, 28, 28]);
    const png = pngOf((s as unknown as { [DISPLAY](): Record<string, unknown> })[DISPLAY]());
    const lines = Array.from({ length: s.rows.length + 4 }, (_, i) => readLine(png, lineTop(i) + (i === s.rows.length + 3 ? 4 : 0)).text);
    expect(lines).toEqual([
      "Model: Sequential",
      "Layer (type) Output Shape Activation size Param #",
      "Input [-1, 1, 28, 28] 784 0",
      "0 (Conv2d) [-1, 6, 24, 24] 3,456 156",
      "1 (ReLU) [-1, 6, 24, 24] 3,456 0",
      "2 (MaxPool2d) [-1, 6, 12, 12] 864 0",
      "3 (Conv2d) [-1, 16, 8, 8] 1,024 2,416",
      "4 (ReLU) [-1, 16, 8, 8] 1,024 0",
      "5 (MaxPool2d) [-1, 16, 4, 4] 256 0",
      "6 (Flatten) [-1, 256] 256 0",
      "7 (Linear) [-1, 120] 120 30,840",
      "8 (Linear) [-1, 10] 10 1,210",
      `Total params: 34,622 trainable: 34,622 non-trainable: 0`,
    ]);
  });

  it("draws frozen layers in grey and the others in dark ink", () => {
    const net = lenet();
    for (const p of net.namedParameters().filter(([name]) => name.startsWith("0."))) p[1].requiresGrad = false;
    const s = summary(net, [1, 28, 28]);
    const png = pngOf(viz.summary(s).bundle());
    const frozen = readLine(png, lineTop(3));
    const trainable = readLine(png, lineTop(6));
    expect(frozen.text).toMatch(/^0 \(Conv2d\)/);
    expect([...frozen.colours]).toEqual(["150,150,150"]);
    expect([...trainable.colours]).toEqual(["33,33,33"]);
    expect(readLine(png, lineTop(12) + 4).text).toBe("Total params: 34,622 trainable: 34,466 non-trainable: 156");
  });

  it("keeps the first rows of a very deep model and says how many follow", () => {
    const deep = new nn.Sequential(...Array.from({ length: SUMMARY_PNG.maxRows + 30 }, () => new nn.Linear(2, 2)));
    const png = pngOf(viz.summary(summary(deep, [2])).bundle());
    // 151 rows (Input and 150 layers): the first maxRows (120), then a note for the 31 others
    expect(readLine(png, lineTop(2 + SUMMARY_PNG.maxRows)).text).toBe("... 31 more rows");
    expect(readLine(png, lineTop(3)).text).toBe("0 (Linear) [-1, 2] 2 6");
  });
});
