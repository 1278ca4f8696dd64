// The application/vnd.axone.v1+json payload schema (see shared/DESIGN.md) and the structural
// inputs the builders accept, so lib/viz needs nothing from core beyond "a shape and its numbers".

/** The Axone visualisation MIME type. */
export const AXONE_MIME = "application/vnd.axone.v1+json";
/** The payload schema version this library writes; front ends refuse newer ones with a message. */
export const PAYLOAD_VERSION = 1;
export const PLOTLY_MIME = "application/vnd.plotly.v1+json";

/** Anything with a shape and row-major numbers: an axone Tensor, or a plain stand-in. */
export interface ArrayLikeTensor {
  readonly shape: readonly number[];
  data(): ArrayLike<number>;
}

/** Numbers in transit: base64 of little-endian float32, or uint8 quantised over `domain`. */
export interface EncodedArray {
  dtype: "float32" | "uint8";
  shape: number[];
  /** base64 of the raw little-endian bytes */
  data: string;
  /** uint8 only: value = domain[0] + q / 255 * (domain[1] - domain[0]). Absent for raw 0..255 pixels. */
  domain?: [number, number];
}

export type ColorMapName = "viridis" | "gray" | "RdBu";

/** One axis as the front end must draw it: label, unit and how values map to positions. */
export interface Axis {
  label: string;
  unit?: string;
  /** linear: evenly spaced; log: log10-spaced; mel: rows evenly spaced in mel, tick labels in Hz. */
  scale: "linear" | "log" | "mel";
  /** value at the first and the last edge of the data (cells span the range evenly in `scale`) */
  range: [number, number];
  /** optional text per cell instead of numbers (tokens, class names) */
  labels?: string[];
}

export interface ColorScale {
  map: ColorMapName;
  /** values mapped to the first and last colour; outside values are clamped */
  range: [number, number];
  label?: string;
  unit?: string;
}

interface PayloadBase {
  version: number;
  title: string;
  /** Human-readable notes on what was cut to keep the payload bounded (empty when nothing was). */
  cut: string[];
  /**
   * The front end shows the output's text/plain beside the picture: set for a tensor or module left
   * as a cell's value (the user expects its values), absent for viz builders (their text is a caption).
   */
  showText?: boolean;
}

export interface FeatureMapsPayload extends PayloadBase {
  kind: "featuremaps";
  /** [maps, height, width] */
  maps: EncodedArray;
  /** the channel index of each map in the original activation */
  channels: number[];
  totalChannels: number;
  color: ColorScale;
  /** each map is coloured over its own min..max when true */
  normalize: "per-map" | "global";
  layer?: string;
}

export interface FiltersPayload extends PayloadBase {
  kind: "filters";
  /** channels: [out, in, kh, kw] drawn as an out × in grid; rgb: [out, 3, kh, kw] drawn as colour tiles */
  mode: "channels" | "rgb";
  weights: EncodedArray;
  totalOut: number;
  totalIn: number;
  color: ColorScale;
}

export interface HeatmapPayload extends PayloadBase {
  kind: "heatmap";
  /** [rows, cols] */
  values: EncodedArray;
  x: Axis;
  y: Axis;
  color: ColorScale;
}

export interface SpectrogramPayload extends PayloadBase {
  kind: "spectrogram";
  /** [frequency bins, frames], lowest frequency first, in dB when color.unit is "dB" */
  values: EncodedArray;
  x: Axis;
  y: Axis;
  color: ColorScale;
}

export interface AttentionPayload extends PayloadBase {
  kind: "attention";
  /** [heads, queries, keys], each row summing to 1 */
  weights: EncodedArray;
  queries: string[];
  keys: string[];
  heads: number;
  color: ColorScale;
}

export interface CurveSeries {
  name: string;
  x: EncodedArray;
  y: EncodedArray;
  /** the latest value, exact even when the series was thinned */
  last: number | null;
}

export interface CurvesPayload extends PayloadBase {
  kind: "curves";
  x: Axis;
  y: Axis;
  series: CurveSeries[];
  /** steps at which an epoch ended: [{step, epoch}] */
  epochs: { step: number; epoch: number }[];
  /** true while a training loop is still pushing points */
  live: boolean;
}

export interface SummaryPayload extends PayloadBase {
  kind: "summary";
  inputShape: number[];
  columns: string[];
  rows: { name: string; type: string; outputShape: number[]; activationSize: number; params: number; trainable: boolean }[];
  totals: { total: number; trainable: number; nonTrainable: number };
}

export interface ImagePayload extends PayloadBase {
  kind: "image";
  /** uint8 [height, width, channels], channels 1 (grey) or 3 (RGB) */
  pixels: EncodedArray;
  /** the value range of the input that was mapped to 0..255 */
  valueRange: [number, number];
}

export type AxonePayload =
  | FeatureMapsPayload
  | FiltersPayload
  | HeatmapPayload
  | SpectrogramPayload
  | AttentionPayload
  | CurvesPayload
  | SummaryPayload
  | ImagePayload;

export type MimeBundle = Record<string, unknown>;
