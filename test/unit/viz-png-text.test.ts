// The PNG fallbacks say what they show: titles, axis titles, legends and cell labels are drawn in
// the 5×7 font (accents included) and read back here from the decoded pixels.
import { describe, expect, it } from "vitest";
import { PNG } from "pngjs";
import { viz } from "axone";
import { drawnText, GLYPHS_5X7, readAllText, readTextLine, type RgbaImage } from "../../lib/viz/font5x7";
import { labelWidth, Raster } from "../../lib/viz/raster";

const pngOf = (fig: { png: string }) => PNG.sync.read(Buffer.from(fig.png, "base64"));
const textOf = (fig: { png: string }) => readAllText(pngOf(fig)).map((l) => l.text);
const matrix = (rows: number, cols: number, f: (i: number, j: number) => number) => ({
  shape: [rows, cols],
  data: () => Float32Array.from({ length: rows * cols }, (_, k) => f(Math.floor(k / cols), k % cols)),
});

/** The picture turned a quarter right, so that text written bottom to top (Raster.labelUp) reads level. */
function turnedRight(img: RgbaImage): RgbaImage {
  const width = img.height, height = img.width;
  const data = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) {
    const from = ((img.height - 1 - x) * img.width + y) * 4;
    for (let c = 0; c < 4; c++) data[(y * width + x) * 4 + c] = img.data[from + c];
  }
  return { width, height, data };
}

describe("5×7 font: French and fallbacks", () => {
  it("has one distinct picture per character, accented letters included", () => {
    const seen = new Map<string, string>();
    for (const [ch, rows] of GLYPHS_5X7) {
      const key = rows.join(",");
      expect(seen.get(key), `${ch} looks like ${seen.get(key)}`).toBeUndefined();
      seen.set(key, ch);
    }
    for (const ch of "àâçéèêëîïôùûüœÉÀÇ²") expect(GLYPHS_5X7.has(ch), ch).toBe(true);
  });

  it("draws what it lacks as substitutes or base letters, and only then as ?", () => {
    expect(drawnText("η₁₀ = 10⁻⁴ – ŷ… ñ")).toBe("η10 = 10-4 - y... n");
    expect(drawnText("中")).toBe("?");
    expect(labelWidth("₁₀")).toBe(labelWidth("10"));
  });

  it("writes accented French text that reads back character for character", () => {
    const line = "Époque à 2 s : précision, cœur, ça, île, où, x² (λ = 0,5)";
    const r = new Raster(labelWidth(line) + 10, 12);
    r.label(line, 5, 2, [0, 0, 0]);
    expect(readTextLine(PNG.sync.read(r.toPNG()), 2).text).toBe(line);
  });
});

describe("plot PNG: title, axis titles and legend", () => {
  const xs = [0, 1, 2, 3, 4];
  it("writes the title, both axis titles and one legend entry per named trace", () => {
    const fig = viz.plot(
      [{ x: xs, y: xs.map((v) => v * v), name: "entraînement" }, { x: xs, y: xs, name: "validation", type: "bar" }],
      { title: "Perte par époque", xaxis: { title: "époque" }, yaxis: { title: { text: "perte (entropie croisée)" } } },
    );
    const lines = textOf(fig);
    expect(lines).toContain("Perte par époque");
    expect(lines).toContain("entraînement validation");
    expect(lines).toContain("perte (entropie croisée)");
    expect(lines).toContain("époque");
    // the legend's swatches are the traces' colours, in order
    const png = pngOf(fig);
    const legendTop = readAllText(png).find((l) => l.text === "entraînement validation")!.top;
    const row = Array.from({ length: png.width }, (_, x) => Array.from(png.data.subarray(((legendTop + 3) * png.width + x) * 4, ((legendTop + 3) * png.width + x) * 4 + 3)).join(","));
    const swatches = row.filter((c, x) => c !== row[x - 1] && (c === "31,119,180" || c === "255,127,14"));
    expect(swatches).toEqual(["31,119,180", "255,127,14"]);
  });

  it("breaks a long title over two lines between words instead of cutting it", () => {
    const title = "Écart type des activations, couche par couche (ReLU) : σ × √(2/256) reste proche de 1 partout";
    const lines = textOf(viz.plot([{ x: xs, y: xs }], { title }));
    expect(lines.slice(0, 2).join(" ")).toBe(title);
  });

  it("leaves the legend out for one trace or when the layout hides it", () => {
    expect(textOf(viz.plot([{ x: xs, y: xs, name: "seule" }], { title: "une courbe" }))).toEqual(["une courbe"]);
    const hidden = viz.plot([{ x: xs, y: xs, name: "a" }, { x: xs, y: xs, name: "b" }], { showlegend: false });
    expect(textOf(hidden)).toEqual([]);
    expect(textOf(viz.plot([{ x: xs, y: xs, name: "seule" }], { showlegend: true }))).toEqual(["seule"]);
  });
});

describe("curves PNG: title, series names and axis titles", () => {
  it("names every series with its colour and writes the axis labels", () => {
    const live = viz.curves({ title: "Entraînement", xLabel: "itération", yLabel: "coût", display: () => undefined });
    for (let step = 0; step < 20; step++) live.push({ "perte": 1 / (step + 1), "précision": step / 20 });
    const lines = textOf(live.figure());
    expect(lines).toEqual(["Entraînement", "perte précision", "coût", "itération"]);
  });
});

describe("matrix PNGs: axis titles and cell labels", () => {
  it("heatmap: the row labels level on the left, the column labels turned under the cells, both axis titles", () => {
    const words = ["printemps", "été", "automne", "hiver"]; // wider than the 40 px cells: turned
    const fig = viz.heatmap(matrix(4, 4, (i, j) => i * 4 + j), { title: "Saisons", xLabels: words, yLabels: words, x: { label: "mot prédit" }, y: { label: "mot réel" }, valueLabel: "similarité" });
    const png = pngOf(fig);
    const lines = readAllText(png).map((l) => l.text);
    expect(lines[0]).toBe("Saisons"); // the title band above the picture
    expect(lines[1]).toBe("mot réel similarité");
    for (const w of words) expect(lines).toContain(w);
    expect(lines[lines.length - 1]).toBe("mot prédit");
    const turned = readAllText(turnedRight(png)).map((l) => l.text);
    for (const w of words) expect(turned).toContain(w);
  });

  it("spectrogram: time and frequency axis titles with units and the dB colour label", () => {
    const tone = Float32Array.from({ length: 4000 }, (_, i) => Math.sin((2 * Math.PI * 440 * i) / 8000));
    const lines = textOf(viz.spectrogram(tone, { sampleRate: 8000, mel: true }));
    expect(lines[0]).toBe("Mel spectrogram");
    expect(lines[1]).toBe("frequency (Hz) level (dB)");
    expect(lines[lines.length - 1]).toBe("time (s)");
  });

  it("attention: a title per head, the query tokens level and the key tokens turned", () => {
    const tokens = ["le", "chat", "dort", "déjà"];
    const fig = viz.attention({ shape: [2, 4, 4], data: () => Float32Array.from({ length: 32 }, (_, k) => (k % 5) + 1) }, { queries: tokens, keys: tokens, title: "Attention du chat" });
    const png = pngOf(fig);
    const lines = readAllText(png).map((l) => l.text);
    expect(lines[0]).toBe("Attention du chat");
    expect(lines[1]).toBe("head 0 head 1");
    expect(lines.slice(2)).toEqual(tokens);
    const turned = readAllText(turnedRight(png)).map((l) => l.text);
    for (const t of tokens) expect(turned).toContain(t);
  });
});
