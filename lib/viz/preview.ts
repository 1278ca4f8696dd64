// Pictures for a tensor or a module left as a cell's last value: next to their unchanged text, a
// small Axone payload (a heatmap or a grid of maps, or the layer table). No PNG: these outputs are
// everywhere in notebooks, so they stay a few KB, and nbconvert, GitHub and VS Code show the text.
// Installed into core's `notebookPreviews` when lib/viz is loaded (core does not import viz).

import { notebookPreviews } from "../core/format";
import { encodeArray, finiteRange, readTensor, shrinkMatrices } from "./encode";
import { AXONE_MIME, PAYLOAD_VERSION, type ArrayLikeTensor, type FeatureMapsPayload, type HeatmapPayload, type MimeBundle, type SummaryPayload } from "./types";

/**
 * Bounds of the previews: values shown in all, how many travel exactly as float32 (more are
 * quantised to 8 bits: both end near 5 KB of JSON), maps of a 3-D+ tensor, smallest tensor pictured.
 */
export const PREVIEW_LIMITS = { maxCells: 64 * 64, maxExactCells: 1024, maxMaps: 16, minElements: 16, maxLayers: 200 };

const quantise = (cells: number) => cells > PREVIEW_LIMITS.maxExactCells;

const shapeText = (s: readonly number[]) => `[${s.join(", ")}]`;

/**
 * The preview payload of a tensor with ≥ 2 dimensions and at least `minElements` values (undefined
 * otherwise): a heatmap for a matrix; for more dimensions the maps of the last three dimensions
 * (the first index of any dimension before them), like an image batch. Values are block-averaged
 * to at most `maxCells` and, beyond `maxExactCells`, quantised to 8 bits; `cut` says so. `showText` asks the front end to
 * keep the text (the values) visible beside the picture.
 * @example
 * tensorPreview(randn([28, 28]))?.kind // "heatmap"
 */
export function tensorPreview(t: ArrayLikeTensor): HeatmapPayload | FeatureMapsPayload | undefined {
  const shape = [...t.shape];
  const count = shape.reduce((a, b) => a * b, 1);
  if (shape.length < 2 || count < PREVIEW_LIMITS.minElements || shape.slice(-2).some((d) => d < 2)) return undefined;
  let { values } = readTensor(t, "tensor preview");
  const cut: string[] = [];
  const title = `tensor ${shapeText(shape)}`;
  if (shape.length === 2) {
    const [rows, cols] = shape;
    const small = shrinkMatrices(values, 1, rows, cols, PREVIEW_LIMITS.maxCells);
    if (small.factor > 1) cut.push(`averaged over ${small.factor}×${small.factor} blocks (${rows}×${cols} → ${small.rows}×${small.cols})`);
    const range = finiteRange(small.values);
    return {
      version: PAYLOAD_VERSION, kind: "heatmap", title, cut, showText: true,
      values: encodeArray(small.values, [small.rows, small.cols], { quantise: quantise(small.values.length), cut, what: "values" }),
      x: { label: "column", scale: "linear", range: [0, cols] },
      y: { label: "row", scale: "linear", range: [0, rows] },
      color: { map: "viridis", range },
    };
  }
  const [C, H, W] = shape.slice(-3);
  const leading = shape.slice(0, -3);
  if (leading.some((d) => d > 1)) cut.push(`slice [${leading.map(() => "0").join(", ")}, …] of ${shapeText(shape)}`);
  const shown = Math.min(C, PREVIEW_LIMITS.maxMaps);
  if (shown < C) cut.push(`${shown} of ${C} maps shown`);
  values = values.subarray(0, shown * H * W);
  const small = shrinkMatrices(values, shown, H, W, Math.max(1, Math.floor(PREVIEW_LIMITS.maxCells / shown)));
  if (small.factor > 1) cut.push(`maps averaged over ${small.factor}×${small.factor} blocks (${H}×${W} → ${small.rows}×${small.cols})`);
  const range = finiteRange(small.values);
  return {
    version: PAYLOAD_VERSION, kind: "featuremaps", title, cut, showText: true,
    maps: encodeArray(small.values, [shown, small.rows, small.cols], { quantise: quantise(small.values.length), cut, what: "values" }),
    channels: Array.from({ length: shown }, (_, i) => i),
    totalChannels: C,
    // One colour scale for all maps: the maps of a plain tensor are compared with each other.
    color: { map: "viridis", range },
    normalize: "global",
  };
}

/** A module as tensorPreview's sibling reads it (nn.Module fits; structural so viz does not import nn). */
interface ModuleLike {
  readonly typeName: string;
  namedModules(): [string, ModuleLike][];
  children(): unknown[];
  readonly _parameters: Map<string, ArrayLikeTensor & { requiresGrad?: boolean } | null>;
  parameters(): (ArrayLikeTensor & { requiresGrad?: boolean })[];
}

const numel = (t: ArrayLikeTensor) => t.shape.reduce((a, b) => a * b, 1);

/**
 * The layer table of a module without running it (no input shape is known): each leaf layer, or
 * layer owning parameters, with its type and parameter count, and the totals. Kind "summary" with
 * the columns "Layer (type)" and "Param #"; `summary(model, shape)` adds output shapes.
 * @example
 * modulePreview(new nn.Linear(3, 1)).totals.total // 4
 */
export function modulePreview(m: ModuleLike): SummaryPayload {
  const layers = m.namedModules().filter(([, child]) => child.children().length === 0 || child._parameters.size > 0);
  const cut: string[] = [];
  const kept = layers.slice(0, PREVIEW_LIMITS.maxLayers);
  if (kept.length < layers.length) cut.push(`first ${kept.length} of ${layers.length} layers shown`);
  const rows = kept.map(([name, child]) => {
    const own = [...child._parameters.values()].filter((p): p is NonNullable<typeof p> => p !== null);
    return { name: name || child.typeName, type: child.typeName, outputShape: [], activationSize: 0, params: own.reduce((n, p) => n + numel(p), 0), trainable: own.every((p) => p.requiresGrad !== false) };
  });
  const all = m.parameters();
  const total = all.reduce((n, p) => n + numel(p), 0);
  const trainable = all.filter((p) => p.requiresGrad !== false).reduce((n, p) => n + numel(p), 0);
  return {
    version: PAYLOAD_VERSION, kind: "summary", title: m.typeName, cut, showText: true,
    inputShape: [], columns: ["Layer (type)", "Param #"], rows,
    totals: { total, trainable, nonTrainable: total - trainable },
  };
}

/** The extra MIME data of a tensor's notebook output (nothing for small or 1-D tensors). */
export function tensorPreviewBundle(t: ArrayLikeTensor): MimeBundle | undefined {
  const payload = tensorPreview(t);
  return payload && { [AXONE_MIME]: payload };
}

/** The extra MIME data of a module's notebook output. */
export function modulePreviewBundle(m: ModuleLike): MimeBundle {
  return { [AXONE_MIME]: modulePreview(m) };
}

notebookPreviews.tensor = tensorPreviewBundle;
notebookPreviews.module = (m) => modulePreviewBundle(m as ModuleLike);

