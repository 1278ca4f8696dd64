// Builders for every payload kind but curves (live, in curves.ts): a tensor in, a VizFigure out
// (Axone payload + PNG + HTML + text). Bounded: caps from LIMITS, and `cut` says what was dropped.

import { encodeArray, encodeBytes, finiteRange, fmt, LIMITS, readTensor, shrinkMatrices } from "./encode";
import { VizFigure, escapeHtml } from "./figure";
import { melProject, stftMagnitude } from "./fft";
import { labelWidth, Raster } from "./raster";
import { axisTitle, drawAttentionFigure, drawMatrixFigure } from "./matrix-figure";
import {
  PAYLOAD_VERSION,
  type ArrayLikeTensor,
  type AttentionPayload,
  type Axis,
  type ColorMapName,
  type FeatureMapsPayload,
  type FiltersPayload,
  type HeatmapPayload,
  type ImagePayload,
  type SpectrogramPayload,
  type SummaryPayload,
} from "./types";

const shapeText = (s: readonly number[]) => `[${s.join(", ")}]`;
const isTensorLike = (v: unknown): v is ArrayLikeTensor =>
  !!v && typeof v === "object" && Array.isArray((v as ArrayLikeTensor).shape) && typeof (v as ArrayLikeTensor).data === "function";

/** Tile layout of `n` tiles: columns and rows of a near-square grid. */
function grid(n: number, cols?: number): { cols: number; rows: number } {
  const c = Math.max(1, Math.min(n, cols ?? Math.ceil(Math.sqrt(n))));
  return { cols: c, rows: Math.ceil(n / c) };
}

/** Integer zoom so that a side of `size` pixels becomes about `target` (at least 1, at most 16). */
const zoomFor = (size: number, target: number) => Math.max(1, Math.min(16, Math.floor(target / Math.max(1, size))));

// ---------------------------------------------------------------------------------------------
// featuremaps

export interface FeatureMapsOptions {
  title?: string;
  /** which sample of a batch to show (default 0) */
  sample?: number;
  /** channel indices to show (default: the first LIMITS.maxMaps) */
  channels?: number[];
  /** run this model on x with a hook on the layer, instead of calling the layer on x */
  model?: (x: any) => unknown;
  colorMap?: ColorMapName;
  normalize?: "per-map" | "global";
  /** grid columns */
  cols?: number;
}

/** A layer as featureMaps sees it (an nn.Module fits; method syntax keeps parameter types loose). */
interface Hookable {
  registerForwardHook?(hook: (m: any, inputs: unknown[], out: unknown) => unknown): { remove(): void };
  forward?(...args: any[]): unknown;
  typeName?: string;
}

/** Runs `layer` (or `options.model`) on x and captures the layer's output with a forward hook. */
function captureActivation(layer: Hookable, x: unknown, options: FeatureMapsOptions): ArrayLikeTensor {
  let captured: unknown;
  const handle = typeof layer.registerForwardHook === "function" ? layer.registerForwardHook((_m, _in, out) => void (captured = out)) : undefined;
  try {
    let result: unknown;
    if (options.model) result = options.model(x);
    else if (typeof layer === "function") result = (layer as (x: unknown) => unknown)(x);
    else if (typeof layer.forward === "function") result = layer.forward(x);
    else throw new Error("featureMaps: the first argument is neither an activation tensor nor a layer that can be called on x");
    captured ??= options.model ? undefined : result;
  } finally {
    handle?.remove();
  }
  const out = Array.isArray(captured) ? captured[0] : captured;
  if (!isTensorLike(out)) throw new Error(`featureMaps: the layer${options.model ? " did not run during model(x) (is it part of the model?)" : " returned no tensor"}`);
  return out;
}

/**
 * Shows a layer's activations as a grid of maps, one per channel (index shown on hover).
 * Either an activation tensor ([N,C,H,W], [C,H,W], [C,L] or [H,W]), or a layer and its input: the
 * layer's output is captured with a forward hook (pass `{model}` to run a whole model instead).
 * @example
 * viz.featureMaps(model.conv1, x)            // conv1 applied to x
 * viz.featureMaps(model.conv2, x, { model })  // model(x), conv2's output
 */
export function featureMaps(layerOrActivation: ArrayLikeTensor | Hookable, x?: unknown, options: FeatureMapsOptions = {}): VizFigure<FeatureMapsPayload> {
  const cut: string[] = [];
  const activation = isTensorLike(layerOrActivation) && x === undefined ? layerOrActivation : captureActivation(layerOrActivation as Hookable, x, options);
  let { shape, values } = readTensor(activation, "featureMaps");
  const original = shapeText(shape);
  if (shape.length === 4) {
    const n = options.sample ?? 0;
    if (n < 0 || n >= shape[0]) throw new Error(`featureMaps: sample ${n} is out of range for a batch of ${shape[0]} (activation ${original})`);
    if (shape[0] > 1) cut.push(`sample ${n} of a batch of ${shape[0]}`);
    const per = shape[1] * shape[2] * shape[3];
    values = values.slice(n * per, (n + 1) * per);
    shape = shape.slice(1);
  } else if (shape.length === 2) {
    // A layer's 2-D output is [channels, length] (Conv1d without batch); a tensor given directly is one [H, W] map.
    shape = isTensorLike(layerOrActivation) && x === undefined ? [1, ...shape] : [shape[0], 1, shape[1]];
  }
  if (shape.length !== 3) throw new Error(`featureMaps: expected an activation of shape [N, C, H, W], [C, H, W] or [H, W], got ${original}`);
  const [C, H, W] = shape;
  let channels = options.channels ?? Array.from({ length: Math.min(C, LIMITS.maxMaps) }, (_, i) => i);
  for (const c of channels) if (!Number.isInteger(c) || c < 0 || c >= C) throw new Error(`featureMaps: channel ${c} does not exist (activation ${original} has ${C} channels)`);
  if (channels.length > LIMITS.maxMaps) channels = channels.slice(0, LIMITS.maxMaps);
  if (channels.length < C) cut.push(`${channels.length} of ${C} channels shown`);
  const picked = new Float32Array(channels.length * H * W);
  channels.forEach((c, i) => picked.set(values.subarray(c * H * W, (c + 1) * H * W), i * H * W));
  const small = shrinkMatrices(picked, channels.length, H, W, LIMITS.maxMapCells);
  if (small.factor > 1) cut.push(`maps averaged over ${small.factor}×${small.factor} blocks (${H}×${W} → ${small.rows}×${small.cols})`);
  const map = options.colorMap ?? "viridis";
  const normalize = options.normalize ?? "per-map";
  const range = finiteRange(small.values);
  const layerName = !isTensorLike(layerOrActivation) ? (layerOrActivation as Hookable).typeName : undefined;
  const title = options.title ?? `Feature maps${layerName ? ` of ${layerName}` : ""} ${original}`;
  const payload: FeatureMapsPayload = {
    version: PAYLOAD_VERSION,
    kind: "featuremaps",
    title,
    cut,
    maps: encodeArray(small.values, [channels.length, small.rows, small.cols], { cut, what: "maps" }),
    channels,
    totalChannels: C,
    color: { map, range },
    normalize,
    ...(layerName ? { layer: layerName } : {}),
  };
  // PNG: a grid of tiles, each ~64 px, per-map or global colouring.
  const g = grid(channels.length, options.cols);
  // Tiles of at most ~96 px a side in the PNG (big maps sampled), so the fallback stays small.
  const side = Math.max(small.rows, small.cols);
  const scale = Math.min(zoomFor(side, 64), 96 / side);
  const th = Math.max(1, Math.round(small.rows * scale)), tw = Math.max(1, Math.round(small.cols * scale)), gap = 2, pad = 4;
  const colorBar = normalize === "global" ? 40 : 0;
  const r = new Raster(pad * 2 + g.cols * (tw + gap) + colorBar, pad * 2 + g.rows * (th + gap));
  const per = small.rows * small.cols;
  channels.forEach((_, i) => {
    const rng = normalize === "global" ? range : finiteRange(small.values.subarray(i * per, (i + 1) * per));
    r.drawMatrix(small.values, i * per, small.rows, small.cols, pad + (i % g.cols) * (tw + gap), pad + Math.floor(i / g.cols) * (th + gap), tw, th, map, rng);
  });
  if (colorBar) r.drawColorBar(r.width - colorBar + 4, pad, 8, Math.min(r.height - 2 * pad, 160), map, range);
  const text = `${title}: ${channels.length} maps of ${small.rows}×${small.cols}, values in [${fmt(range[0])}, ${fmt(range[1])}]${cut.length ? ` (${cut.join("; ")})` : ""}`;
  return new VizFigure(payload, r, text);
}

// ---------------------------------------------------------------------------------------------
// filters

export interface FiltersOptions {
  title?: string;
  /** rgb: each filter of a 3-input-channel layer as one colour tile; channels: one tile per (out, in) */
  mode?: "auto" | "rgb" | "channels";
  colorMap?: ColorMapName;
}

/**
 * Shows a convolution layer's kernels: a grid of out × in tiles, or one RGB tile per filter when the
 * layer reads 3 channels. Colours are symmetric around 0 (RdBu).
 * @example
 * viz.filters(model.conv1)
 */
export function filters(layerOrWeight: { weight: ArrayLikeTensor | null } | ArrayLikeTensor, options: FiltersOptions = {}): VizFigure<FiltersPayload> {
  const weight = isTensorLike(layerOrWeight) ? layerOrWeight : (layerOrWeight as { weight: ArrayLikeTensor | null })?.weight;
  if (!isTensorLike(weight)) throw new Error("filters: expected a convolution layer (with .weight) or its weight tensor");
  let { shape, values } = readTensor(weight, "filters");
  const original = shapeText(shape);
  if (shape.length === 3) shape = [shape[0], shape[1], 1, shape[2]];
  if (shape.length !== 4) throw new Error(`filters: expected a weight of shape [out, in, kh, kw] (or [out, in, k] for Conv1d), got ${original}`);
  const [O, I, KH, KW] = shape;
  const mode = options.mode === undefined || options.mode === "auto" ? (I === 3 ? "rgb" : "channels") : options.mode;
  if (mode === "rgb" && I !== 3) throw new Error(`filters: mode "rgb" needs 3 input channels, the weight ${original} has ${I}`);
  const cut: string[] = [];
  const inShown = mode === "rgb" ? 3 : Math.min(I, 16);
  const outShown = Math.min(O, mode === "rgb" ? LIMITS.maxMaps : Math.max(1, Math.floor(LIMITS.maxTiles / inShown)));
  if (outShown < O) cut.push(`${outShown} of ${O} output filters shown`);
  if (inShown < I) cut.push(`${inShown} of ${I} input channels shown`);
  const kept = new Float32Array(outShown * inShown * KH * KW);
  for (let o = 0; o < outShown; o++) for (let i = 0; i < inShown; i++) kept.set(values.subarray((o * I + i) * KH * KW, (o * I + i + 1) * KH * KW), (o * inShown + i) * KH * KW);
  const [lo, hi] = finiteRange(kept);
  const m = Math.max(Math.abs(lo), Math.abs(hi)) || 1;
  const map = options.colorMap ?? "RdBu";
  const title = options.title ?? `Filters ${original}`;
  const payload: FiltersPayload = {
    version: PAYLOAD_VERSION, kind: "filters", title, cut, mode,
    weights: encodeArray(kept, [outShown, inShown, KH, KW], { cut, what: "weights" }),
    totalOut: O, totalIn: I, color: { map, range: [-m, m] },
  };
  const z = zoomFor(Math.max(KH, KW), 32);
  const th = KH * z, tw = KW * z, gap = 2, pad = 4;
  let r: Raster;
  if (mode === "rgb") {
    const g = grid(outShown);
    r = new Raster(pad * 2 + g.cols * (tw + gap), pad * 2 + g.rows * (th + gap));
    const rgb = new Uint8Array(3);
    for (let o = 0; o < outShown; o++) {
      const x0 = pad + (o % g.cols) * (tw + gap), y0 = pad + Math.floor(o / g.cols) * (th + gap);
      for (let py = 0; py < th; py++) for (let px = 0; px < tw; px++) {
        const k = Math.floor(py / z) * KW + Math.floor(px / z);
        for (let c = 0; c < 3; c++) rgb[c] = Math.round(((kept[(o * 3 + c) * KH * KW + k] / m) * 0.5 + 0.5) * 255);
        r.setPixel(x0 + px, y0 + py, rgb);
      }
    }
  } else {
    // One input channel: the kernels as a near-square grid instead of one tall column.
    const g = inShown === 1 ? grid(outShown) : { cols: inShown, rows: outShown };
    const at = (o: number, i: number) => (inShown === 1 ? [o % g.cols, Math.floor(o / g.cols)] : [i, o]);
    r = new Raster(pad * 2 + g.cols * (tw + gap) + 40, pad * 2 + g.rows * (th + gap));
    for (let o = 0; o < outShown; o++) for (let i = 0; i < inShown; i++) {
      const [gx, gy] = at(o, i);
      r.drawMatrix(kept, (o * inShown + i) * KH * KW, KH, KW, pad + gx * (tw + gap), pad + gy * (th + gap), tw, th, map, [-m, m]);
    }
    r.drawColorBar(r.width - 36, pad, 8, Math.min(r.height - 2 * pad, 160), map, [-m, m]);
  }
  const text = `${title}: ${outShown}×${inShown} kernels of ${KH}×${KW} (${mode}), weights in [${fmt(lo)}, ${fmt(hi)}]${cut.length ? ` (${cut.join("; ")})` : ""}`;
  return new VizFigure(payload, r, text);
}

// ---------------------------------------------------------------------------------------------
// heatmap

export interface HeatmapOptions {
  title?: string;
  colorMap?: ColorMapName;
  /** value range of the colour scale (default: the data's min..max) */
  range?: [number, number];
  /** label and unit of the values, shown beside the colour bar */
  valueLabel?: string;
  unit?: string;
  x?: Partial<Axis>;
  y?: Partial<Axis>;
  /** text per column / row (class names, tokens) */
  xLabels?: string[];
  yLabels?: string[];
}

function matrix2d(t: ArrayLikeTensor, op: string): { values: Float32Array; rows: number; cols: number } {
  const { shape, values } = readTensor(t, op);
  const dims = shape.filter((d, i) => d !== 1 || i >= shape.length - 2);
  const s = dims.length === 1 ? [1, dims[0]] : dims.length === 0 ? [1, 1] : dims;
  if (s.length !== 2) throw new Error(`${op}: expected a 2-D tensor [rows, cols] (or 1-D), got ${shapeText(shape)}`);
  return { values, rows: s[0], cols: s[1] };
}

function labelsFit(labels: string[] | undefined, n: number, op: string, which: string): string[] | undefined {
  if (!labels) return undefined;
  if (labels.length !== n) throw new Error(`${op}: ${labels.length} ${which} labels given for ${n} ${which === "x" ? "columns" : "rows"}`);
  return labels.map(String);
}

/**
 * A 2-D tensor as a coloured grid with a colour bar and its value range.
 * @example
 * viz.heatmap(confusion, { xLabels: classes, yLabels: classes, title: "Confusion matrix" })
 */
export function heatmap(t: ArrayLikeTensor, options: HeatmapOptions = {}): VizFigure<HeatmapPayload> {
  const m = matrix2d(t, "heatmap");
  const cut: string[] = [];
  let xLabels = labelsFit(options.xLabels, m.cols, "heatmap", "x");
  let yLabels = labelsFit(options.yLabels, m.rows, "heatmap", "y");
  const small = shrinkMatrices(m.values, 1, m.rows, m.cols, LIMITS.maxCells);
  if (small.factor > 1) {
    cut.push(`averaged over ${small.factor}×${small.factor} blocks (${m.rows}×${m.cols} → ${small.rows}×${small.cols})`);
    if (xLabels || yLabels) cut.push("row/column labels dropped after averaging");
    xLabels = yLabels = undefined;
  }
  const range = options.range ?? finiteRange(m.values);
  const map = options.colorMap ?? "viridis";
  const title = options.title ?? `Heatmap ${m.rows}×${m.cols}`;
  const x: Axis = { label: "column", scale: "linear", range: [0, m.cols], ...options.x, ...(xLabels ? { labels: xLabels } : {}) };
  const y: Axis = { label: "row", scale: "linear", range: [0, m.rows], ...options.y, ...(yLabels ? { labels: yLabels } : {}) };
  const payload: HeatmapPayload = {
    version: PAYLOAD_VERSION, kind: "heatmap", title, cut,
    values: encodeArray(small.values, [small.rows, small.cols], { cut }),
    x, y, color: { map, range, ...(options.valueLabel ? { label: options.valueLabel } : {}), ...(options.unit ? { unit: options.unit } : {}) },
  };
  const colorTitle = options.valueLabel || options.unit ? axisTitle({ label: options.valueLabel ?? "", unit: options.unit, scale: "linear", range }).trim() : undefined;
  const r = drawMatrixFigure(small.values, small.rows, small.cols, map, range, false, x, y, colorTitle);
  const text = `${title}: ${m.rows}×${m.cols}, values in [${fmt(range[0])}, ${fmt(range[1])}]${options.unit ? ` ${options.unit}` : ""}${cut.length ? ` (${cut.join("; ")})` : ""}`;
  return new VizFigure(payload, r, text);
}

// ---------------------------------------------------------------------------------------------
// spectrogram

export interface SpectrogramOptions {
  title?: string;
  /** samples per second of the signal (needed for a time axis in s and a frequency axis in Hz) */
  sampleRate?: number;
  /** mel-spaced frequency rows (the matrix given already is, or the signal should be) */
  mel?: boolean;
  nMels?: number;
  /** signal input: FFT size (power of two, default 512) and hop (default nFft / 4) */
  nFft?: number;
  hopLength?: number;
  fMin?: number;
  fMax?: number;
  /** what the matrix holds: magnitude (→ 20·log10), power (→ 10·log10) or db already */
  scale?: "magnitude" | "power" | "db";
  /** dynamic range shown below the peak, in dB (default 80) */
  topDb?: number;
  /** duration in s of a given matrix when sampleRate/hopLength are unknown */
  duration?: number;
  colorMap?: ColorMapName;
  /** y-axis label when rows are not frequencies in Hz (e.g. "coefficient" for MFCC) */
  rowLabel?: string;
}

/**
 * A spectrogram with time in s, frequency in Hz (linear or mel rows) and a dB colour scale. Give
 * either a 1-D signal (the magnitude STFT is computed here) or a [frequency, frames] matrix.
 * @example
 * viz.spectrogram(signal, { sampleRate: 16000, mel: true })
 */
export function spectrogram(input: ArrayLikeTensor | ArrayLike<number> | AudioSpectrogram, options: SpectrogramOptions = {}): VizFigure<SpectrogramPayload> {
  if (isAudioSpectrogram(input)) return spectrogram(...fromAudio(input, options));
  const cut: string[] = [];
  const tensor = isTensorLike(input) ? readTensor(input, "spectrogram") : { shape: [input.length], values: Float32Array.from(input) };
  const dims = tensor.shape.filter((d) => d !== 1);
  const sr = options.sampleRate;
  let values: Float32Array, bins: number, frames: number, scale = options.scale ?? "magnitude";
  const nFft = options.nFft ?? 512;
  const hop = options.hopLength ?? nFft / 4;
  let fromSignal = false;
  if (dims.length <= 1) {
    if (!sr) throw new Error("spectrogram: a 1-D signal needs { sampleRate } (samples per second)");
    if (tensor.values.length < 2) throw new Error(`spectrogram: the signal has ${tensor.values.length} samples; give at least nFft = ${nFft}`);
    const s = stftMagnitude(tensor.values, nFft, hop);
    ({ values, bins, frames } = s);
    scale = "magnitude";
    fromSignal = true;
  } else if (dims.length === 2) {
    [bins, frames] = dims;
    values = tensor.values;
  } else throw new Error(`spectrogram: expected a 1-D signal or a [frequency, frames] matrix, got ${shapeText(tensor.shape)}`);
  const fMin = options.fMin ?? 0;
  const fMax = options.fMax ?? (sr ? sr / 2 : bins);
  if (fromSignal && options.mel) {
    const power = values.map((v) => v * v);
    values = melProject(power, bins, frames, sr as number, options.nMels ?? 64, fMin, fMax);
    bins = options.nMels ?? 64;
    scale = "power";
  }
  const db = new Float32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    db[i] = scale === "db" ? v : scale === "power" ? 10 * Math.log10(Math.max(v, 1e-10)) : 20 * Math.log10(Math.max(Math.abs(v), 1e-10));
  }
  const [lowest, peak] = finiteRange(db);
  const topDb = options.topDb ?? 80;
  const floor = Number.isFinite(topDb) ? Math.max(lowest, peak - topDb) : lowest;
  for (let i = 0; i < db.length; i++) if (!(db[i] >= floor)) db[i] = floor;
  const small = shrinkMatrices(db, 1, bins, frames, LIMITS.maxCells);
  if (small.factor > 1) cut.push(`averaged over ${small.factor}×${small.factor} blocks (${bins}×${frames} → ${small.rows}×${small.cols})`);
  const duration = fromSignal ? tensor.values.length / (sr as number) : sr && options.hopLength ? (frames * options.hopLength) / sr : options.duration;
  const x: Axis = duration ? { label: "time", unit: "s", scale: "linear", range: [0, duration] } : { label: "frame", scale: "linear", range: [0, frames] };
  const y: Axis = sr || options.fMax
    ? { label: "frequency", unit: "Hz", scale: options.mel ? "mel" : "linear", range: [fMin, fMax] }
    : { label: options.rowLabel ?? "frequency bin", scale: "linear", range: [0, bins] };
  const map = options.colorMap ?? "viridis";
  const range: [number, number] = [floor, peak];
  const title = options.title ?? `${options.mel ? "Mel s" : "S"}pectrogram`;
  const payload: SpectrogramPayload = {
    version: PAYLOAD_VERSION, kind: "spectrogram", title, cut,
    values: encodeArray(small.values, [small.rows, small.cols], { cut, what: "dB values" }),
    x, y, color: { map, range, unit: "dB", label: "level" },
  };
  const r = drawMatrixFigure(small.values, small.rows, small.cols, map, range, true, x, y, "level (dB)");
  const text = `${title}: ${bins} ${options.mel ? "mel bands" : "frequency bins"} × ${frames} frames${duration ? `, ${fmt(duration)} s` : ""}, ${fmt(y.range[0])}–${fmt(y.range[1])}${y.unit ? " Hz" : ""}, ${fmt(floor)}…${fmt(peak)} dB`;
  return new VizFigure(payload, r, text);
}

/** lib/audio's SpectrogramData (matrix with its axes), read structurally: viz does not import audio. */
interface AudioSpectrogram {
  values: ArrayLike<number>;
  shape: [number, number];
  sampleRate: number;
  hopLength: number;
  frequencyRange: [number, number];
  frequencyScale: "linear" | "mel" | "index";
  valueUnit: string;
}

function isAudioSpectrogram(v: unknown): v is AudioSpectrogram {
  const s = v as AudioSpectrogram;
  return !!s && typeof s === "object" && typeof (s as unknown as ArrayLikeTensor).data !== "function" && Array.isArray(s.shape) && !!s.values && typeof s.frequencyScale === "string";
}

function fromAudio(S: AudioSpectrogram, options: SpectrogramOptions): [ArrayLikeTensor, SpectrogramOptions] {
  const scale = S.valueUnit === "amplitude" ? "magnitude" : S.valueUnit === "power" ? "power" : "db";
  const values = Float32Array.from(S.values);
  const matrix: ArrayLikeTensor = { shape: S.shape, data: () => values };
  if (S.frequencyScale === "index") {
    return [matrix, { title: "MFCC", scale: "db", rowLabel: "coefficient", duration: (S.shape[1] * S.hopLength) / S.sampleRate, topDb: Infinity, ...options }];
  }
  return [matrix, {
    sampleRate: S.sampleRate, hopLength: S.hopLength, mel: S.frequencyScale === "mel", scale,
    fMin: S.frequencyRange[0], fMax: S.frequencyRange[1], title: S.frequencyScale === "mel" ? "Mel spectrogram" : "Spectrogram", ...options,
  }];
}

// ---------------------------------------------------------------------------------------------
// attention

export interface AttentionOptions {
  title?: string;
  /** token text of the queries (rows) and keys (columns) */
  queries?: string[];
  keys?: string[];
  /** which batch element of a [B, H, Q, K] input (default 0) */
  sample?: number;
  colorMap?: ColorMapName;
}

/**
 * Attention weights per head with query/key token labels, each row normalised to sum to 1
 * (scores with negative values go through a softmax first).
 * @example
 * viz.attention(weights, { queries: tokens, keys: tokens })
 */
export function attention(weights: ArrayLikeTensor, options: AttentionOptions = {}): VizFigure<AttentionPayload> {
  let { shape, values } = readTensor(weights, "attention");
  const original = shapeText(shape);
  const cut: string[] = [];
  if (shape.length === 4) {
    const n = options.sample ?? 0;
    if (n < 0 || n >= shape[0]) throw new Error(`attention: sample ${n} is out of range for a batch of ${shape[0]} (weights ${original})`);
    if (shape[0] > 1) cut.push(`sample ${n} of a batch of ${shape[0]}`);
    const per = shape[1] * shape[2] * shape[3];
    values = values.slice(n * per, (n + 1) * per);
    shape = shape.slice(1);
  }
  if (shape.length === 2) shape = [1, ...shape];
  if (shape.length !== 3) throw new Error(`attention: expected weights of shape [queries, keys], [heads, queries, keys] or [batch, heads, queries, keys], got ${original}`);
  let [H, Q, K] = shape;
  const queries = options.queries?.map(String) ?? Array.from({ length: Q }, (_, i) => String(i));
  const keys = options.keys?.map(String) ?? Array.from({ length: K }, (_, i) => String(i));
  if (queries.length !== Q) throw new Error(`attention: ${queries.length} query labels given but the weights ${original} have ${Q} queries`);
  if (keys.length !== K) throw new Error(`attention: ${keys.length} key labels given but the weights ${original} have ${K} keys`);
  const h2 = Math.min(H, LIMITS.maxHeads), q2 = Math.min(Q, LIMITS.maxTokens), k2 = Math.min(K, LIMITS.maxTokens);
  if (h2 < H) cut.push(`${h2} of ${H} heads shown`);
  if (q2 < Q || k2 < K) cut.push(`first ${q2} of ${Q} queries and ${k2} of ${K} keys shown (rows renormalised)`);
  const w = new Float32Array(h2 * q2 * k2);
  let negative = false;
  for (let h = 0; h < h2; h++) for (let q = 0; q < q2; q++) for (let k = 0; k < k2; k++) {
    const v = values[(h * Q + q) * K + k];
    if (v < 0) negative = true;
    w[(h * q2 + q) * k2 + k] = Number.isFinite(v) ? v : 0;
  }
  if (negative) cut.push("negative values: rows passed through a softmax");
  for (let row = 0; row < h2 * q2; row++) {
    const seg = w.subarray(row * k2, (row + 1) * k2);
    if (negative) {
      const mx = Math.max(...seg);
      for (let k = 0; k < k2; k++) seg[k] = Math.exp(seg[k] - mx);
    }
    let sum = 0;
    for (let k = 0; k < k2; k++) sum += seg[k];
    for (let k = 0; k < k2; k++) seg[k] = sum > 0 ? seg[k] / sum : 1 / k2;
  }
  [H, Q, K] = [h2, q2, k2];
  const map = options.colorMap ?? "viridis";
  const title = options.title ?? `Attention ${original}`;
  const payload: AttentionPayload = {
    version: PAYLOAD_VERSION, kind: "attention", title, cut,
    weights: encodeArray(w, [H, Q, K], { cut, what: "weights" }),
    queries: queries.slice(0, Q), keys: keys.slice(0, K), heads: H, color: { map, range: [0, 1] },
  };
  const r = drawAttentionFigure(w, H, payload.queries, payload.keys, zoomFor(Math.max(Q, K), 160), map);
  const text = `${title}: ${H} head${H > 1 ? "s" : ""}, ${Q} queries × ${K} keys (rows sum to 1)${cut.length ? ` (${cut.join("; ")})` : ""}`;
  return new VizFigure(payload, r, text);
}

// ---------------------------------------------------------------------------------------------
// image

export interface ImageOptions {
  title?: string;
  /** value range mapped to black..white (default: [0,1] or [0,255] when the data fit, else min..max) */
  range?: [number, number];
}

/**
 * A tensor as a grey or RGB picture: [H, W], [1|3, H, W], [H, W, 1|3] or [1, C, H, W].
 * @example
 * viz.image(x.select(0, 0)) // one MNIST digit
 */
export function image(t: ArrayLikeTensor, options: ImageOptions = {}): VizFigure<ImagePayload> {
  let { shape, values } = readTensor(t, "image");
  const original = shapeText(shape);
  const cut: string[] = [];
  if (shape.length === 4) {
    if (shape[0] > 1) cut.push(`first image of a batch of ${shape[0]}`);
    const per = shape[1] * shape[2] * shape[3];
    values = values.slice(0, per);
    shape = shape.slice(1);
  }
  let H: number, W: number, C: number, chw: boolean;
  if (shape.length === 2) [H, W, C, chw] = [shape[0], shape[1], 1, false];
  else if (shape.length === 3 && (shape[0] === 1 || shape[0] === 3) && !(shape[2] === 1 || shape[2] === 3)) [C, H, W, chw] = [shape[0], shape[1], shape[2], true];
  else if (shape.length === 3 && (shape[2] === 1 || shape[2] === 3)) [H, W, C, chw] = [shape[0], shape[1], shape[2], false];
  else if (shape.length === 3 && (shape[0] === 1 || shape[0] === 3)) [C, H, W, chw] = [shape[0], shape[1], shape[2], true];
  else throw new Error(`image: expected [H, W], [1 or 3, H, W], [H, W, 1 or 3] or [1, C, H, W], got ${original}`);
  const [lo, hi] = finiteRange(values);
  const range = options.range ?? (lo >= 0 && hi <= 1 ? [0, 1] : lo >= 0 && hi <= 255 ? [0, 255] : [lo, hi]) as [number, number];
  const step = Math.max(1, Math.ceil(Math.sqrt((H * W) / LIMITS.maxImagePixels)));
  const h2 = Math.ceil(H / step), w2 = Math.ceil(W / step);
  if (step > 1) cut.push(`downsampled by ${step} (${H}×${W} → ${h2}×${w2})`);
  const px = new Uint8Array(h2 * w2 * C);
  const span = range[1] - range[0] || 1;
  for (let y = 0; y < h2; y++) for (let x = 0; x < w2; x++) for (let c = 0; c < C; c++) {
    const sy = y * step, sx = x * step;
    const v = chw ? values[(c * H + sy) * W + sx] : values[(sy * W + sx) * C + c];
    px[(y * w2 + x) * C + c] = Number.isFinite(v) ? Math.max(0, Math.min(255, Math.round(((v - range[0]) / span) * 255))) : 0;
  }
  const title = options.title ?? `Image ${original}`;
  const payload: ImagePayload = { version: PAYLOAD_VERSION, kind: "image", title, cut, pixels: encodeBytes(px, [h2, w2, C]), valueRange: range };
  const z = zoomFor(Math.max(h2, w2), 128);
  const r = new Raster(w2 * z, h2 * z);
  const rgb = new Uint8Array(3);
  for (let y = 0; y < h2 * z; y++) for (let x = 0; x < w2 * z; x++) {
    const i = (Math.floor(y / z) * w2 + Math.floor(x / z)) * C;
    rgb[0] = px[i]; rgb[1] = px[i + (C === 3 ? 1 : 0)]; rgb[2] = px[i + (C === 3 ? 2 : 0)];
    r.setPixel(x, y, rgb);
  }
  const text = `${title}: ${h2}×${w2} ${C === 3 ? "RGB" : "grey"}, values ${fmt(range[0])}…${fmt(range[1])} mapped to 0…255${cut.length ? ` (${cut.join("; ")})` : ""}`;
  return new VizFigure(payload, r, text);
}

// ---------------------------------------------------------------------------------------------
// summary

type SummaryData = Omit<SummaryPayload, "version" | "cut"> & { version?: number; cut?: string[] };

/**
 * The model table (layer, output shape, parameters) from the rows nn's `summary(model, shape)`
 * computes: pass its result, its `.payload`, or a model and an input shape.
 * @example
 * viz.summary(summary(model, [1, 28, 28]))
 */
export function summary(input: SummaryData | { payload: SummaryData } | { namedModules(): unknown }, inputShape?: number[]): VizFigure<SummaryPayload> {
  let data: SummaryData;
  if (input && typeof (input as { namedModules?: unknown }).namedModules === "function") {
    if (!inputShape) throw new Error("summary: give the input shape without the batch dimension, e.g. viz.summary(model, [1, 28, 28])");
    // Loaded lazily so that lib/viz does not pull lib/nn in for every other builder.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const nn = require("../nn/summary") as { summary(m: unknown, s: number[]): { payload: SummaryData } };
    data = nn.summary(input, inputShape).payload;
  } else data = ((input as { payload?: SummaryData }).payload ?? input) as SummaryData;
  if (!data || data.kind !== "summary" || !Array.isArray(data.rows)) throw new Error("summary: expected the result of summary(model, shape), its .payload, or a model and an input shape");
  const cut: string[] = [];
  const rows = data.rows.slice(0, 500);
  if (rows.length < data.rows.length) cut.push(`first 500 of ${data.rows.length} layers shown`);
  const payload: SummaryPayload = {
    version: PAYLOAD_VERSION, kind: "summary", title: String(data.title), cut,
    inputShape: [...data.inputShape], columns: [...data.columns], rows: rows.map((r) => ({ ...r, name: String(r.name), type: String(r.type) })), totals: { ...data.totals },
  };
  const r = drawSummaryTable(payload);
  const n = (v: number) => v.toLocaleString("en-US");
  const td = (s: string, right = false) => `<td style="text-align:${right ? "right" : "left"};padding:0 8px">${escapeHtml(s)}</td>`;
  const table =
    `<table class="axone-summary"><thead><tr>${payload.columns.map((c) => `<th>${escapeHtml(c)}</th>`).join("")}</tr></thead><tbody>` +
    payload.rows.map((row) => `<tr>${td(`${row.name} (${row.type})`)}${td(`[${row.outputShape.join(", ")}]`)}${td(n(row.activationSize), true)}${td(n(row.params), true)}</tr>`).join("") +
    `</tbody></table><p>Total params: ${n(payload.totals.total)} — trainable: ${n(payload.totals.trainable)} — non-trainable: ${n(payload.totals.nonTrainable)}</p>`;
  const text =
    `Model: "${payload.title}"  input [-1, ${payload.inputShape.join(", ")}]\n` +
    payload.rows.map((row) => `${`${row.name} (${row.type})`.padEnd(32)}${`[${row.outputShape.join(", ")}]`.padEnd(22)}${n(row.params).padStart(12)}`).join("\n") +
    `\nTotal params: ${n(payload.totals.total)} (trainable ${n(payload.totals.trainable)})`;
  return new VizFigure(payload, r, text, table, true);
}

/** The table text of a summary payload: header, then one array of cells per row (Input first). */
export function summaryTableCells(p: SummaryPayload): { header: string[]; rows: string[][]; numeric: boolean[]; totals: string } {
  const n = (v: number) => v.toLocaleString("en-US");
  const cell: Record<string, (r: SummaryPayload["rows"][number]) => string> = {
    "Layer (type)": (r) => `${r.name} (${r.type})`,
    "Output Shape": (r) => `[${r.outputShape.join(", ")}]`,
    "Activation size": (r) => n(r.activationSize),
    "Param #": (r) => n(r.params),
  };
  const header = p.columns.filter((c) => c in cell);
  const inputCells: Record<string, string> = { "Layer (type)": "Input", "Output Shape": `[-1, ${p.inputShape.join(", ")}]`, "Activation size": n(p.inputShape.reduce((a, b) => a * b, 1)), "Param #": "0" };
  const rows = [...(p.inputShape.length ? [header.map((c) => inputCells[c])] : []), ...p.rows.map((r) => header.map((c) => cell[c](r)))];
  const totals = `Total params: ${n(p.totals.total)}   trainable: ${n(p.totals.trainable)}   non-trainable: ${n(p.totals.nonTrainable)}`;
  return { header, rows, numeric: header.map((c) => c === "Activation size" || c === "Param #"), totals };
}

/** Geometry of the summary PNG, shared with the tests that read it back. */
export const SUMMARY_PNG = { pad: 6, rowHeight: 12, columnGap: 16, textTop: 2, maxRows: 120 };

/** The summary as a table picture: title, header, one line per layer (frozen ones grey), totals. */
function drawSummaryTable(p: SummaryPayload): Raster {
  const { header, rows: all, numeric, totals } = summaryTableCells(p);
  // A very deep model: the picture keeps the first rows and says how many follow (the payload,
  // the HTML table and the text have them all).
  const rows = all.length > SUMMARY_PNG.maxRows ? [...all.slice(0, SUMMARY_PNG.maxRows), header.map((_, c) => (c === 0 ? `... ${all.length - SUMMARY_PNG.maxRows} more rows` : ""))] : all;
  const { pad, rowHeight, columnGap, textTop } = SUMMARY_PNG;
  const title = `Model: ${p.title}`;
  const widths = header.map((h, c) => Math.max(labelWidth(h), ...rows.map((row) => labelWidth(row[c]))));
  const tableWidth = widths.reduce((a, b) => a + b, 0) + columnGap * (header.length - 1);
  const width = pad * 2 + Math.max(tableWidth, labelWidth(title), labelWidth(totals));
  // title, header, rows, totals
  const height = pad * 2 + rowHeight * (rows.length + 3) + 4;
  const r = new Raster(width, height);
  const ink = [33, 33, 33], grey = [150, 150, 150], rule = [190, 190, 190];
  const lineY = (i: number) => pad + i * rowHeight;
  r.label(title, pad, lineY(0) + textTop, ink);
  const drawRow = (cells: string[], i: number, rgb: number[]) => {
    let x = pad;
    cells.forEach((text, c) => {
      r.label(text, numeric[c] ? x + widths[c] - labelWidth(text) : x, lineY(i) + textTop, rgb);
      x += widths[c] + columnGap;
    });
  };
  drawRow(header, 1, ink);
  r.fillRect(pad, lineY(2) - 1, tableWidth, 1, ink);
  const frozenFrom = p.inputShape.length ? 1 : 0;
  rows.forEach((cells, i) => {
    const layer = p.rows[i - frozenFrom];
    drawRow(cells, i + 2, layer && !layer.trainable ? grey : ink);
    if (i < rows.length - 1) r.fillRect(pad, lineY(i + 3) - 1, tableWidth, 1, rule);
  });
  r.fillRect(pad, lineY(rows.length + 2) + 1, tableWidth, 1, ink);
  r.label(totals, pad, lineY(rows.length + 2) + 4 + textTop, ink);
  return r;
}
