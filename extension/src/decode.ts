// The shared payload decoder: checks an application/vnd.axone.v1+json payload and turns its
// base64 arrays into Float32Arrays. Every problem becomes a readable PayloadError.

export const AXONE_MIME = "application/vnd.axone.v1+json";
export const PLOTLY_MIME = "application/vnd.plotly.v1+json";
/** The newest payload version these renderers understand. */
export const SUPPORTED_VERSION = 1;
export const KINDS = ["featuremaps", "filters", "heatmap", "spectrogram", "attention", "curves", "summary", "image"] as const;
export type Kind = (typeof KINDS)[number];

export class PayloadError extends Error {}

export interface EncodedArray { dtype: "float32" | "uint8"; shape: number[]; data: string; domain?: [number, number] }
export interface Axis { label: string; unit?: string; scale: "linear" | "log" | "mel"; range: [number, number]; labels?: string[] }
export interface ColorScale { map: "viridis" | "gray" | "RdBu"; range: [number, number]; label?: string; unit?: string }
/** A payload whose common fields were checked; kind-specific fields are read through the helpers. */
export interface Payload { kind: Kind; version: number; title: string; cut: string[]; [key: string]: unknown }

export interface NDArray { shape: number[]; values: Float32Array }

function base64Bytes(text: string): Uint8Array {
  const bin = atob(text);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** Decodes a base64 array (float32 little-endian, or uint8 with an optional domain). */
export function decodeArray(a: unknown, what: string): NDArray {
  const e = a as EncodedArray;
  if (!e || typeof e !== "object" || typeof e.data !== "string" || !Array.isArray(e.shape) || !e.shape.every((d) => Number.isInteger(d) && d >= 0)) {
    throw new PayloadError(`${what}: expected {dtype, shape, data}, got ${JSON.stringify(a)?.slice(0, 80)}`);
  }
  const count = e.shape.reduce((x, y) => x * y, 1);
  let bytes: Uint8Array;
  try {
    bytes = base64Bytes(e.data);
  } catch {
    throw new PayloadError(`${what}: data is not valid base64`);
  }
  let values: Float32Array;
  if (e.dtype === "float32") {
    if (bytes.length !== count * 4) throw new PayloadError(`${what}: shape [${e.shape.join(", ")}] needs ${count * 4} bytes of float32, got ${bytes.length}`);
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    values = new Float32Array(count);
    for (let i = 0; i < count; i++) values[i] = view.getFloat32(i * 4, true);
  } else if (e.dtype === "uint8") {
    if (bytes.length !== count) throw new PayloadError(`${what}: shape [${e.shape.join(", ")}] needs ${count} bytes, got ${bytes.length}`);
    const [lo, hi] = e.domain ?? [0, 255];
    values = new Float32Array(count);
    for (let i = 0; i < count; i++) values[i] = e.domain ? lo + (bytes[i] / 255) * (hi - lo) : bytes[i];
  } else throw new PayloadError(`${what}: unknown dtype ${JSON.stringify(e.dtype)} (float32 or uint8 expected)`);
  return { shape: e.shape, values };
}

/** Checks the common fields; throws PayloadError for malformed or newer payloads. */
export function checkPayload(data: unknown): Payload {
  if (!data || typeof data !== "object" || Array.isArray(data)) throw new PayloadError("the payload is not a JSON object");
  const p = data as Record<string, unknown>;
  const version = p.version === undefined ? 1 : p.version;
  if (typeof version !== "number") throw new PayloadError(`version ${JSON.stringify(version)} is not a number`);
  if (version > SUPPORTED_VERSION) {
    throw new PayloadError(`this output was made by a newer Axone (payload version ${version}); this extension reads version ${SUPPORTED_VERSION}. Update the Axone JupyterLab extension to see it.`);
  }
  if (typeof p.kind !== "string" || !(KINDS as readonly string[]).includes(p.kind)) {
    throw new PayloadError(`unknown kind ${JSON.stringify(p.kind)}; this extension draws ${KINDS.join(", ")}`);
  }
  return { ...p, kind: p.kind as Kind, version, title: typeof p.title === "string" ? p.title : "", cut: Array.isArray(p.cut) ? p.cut.map(String) : [] } as Payload;
}

export function axis(p: Payload, key: string, fallback: Axis): Axis {
  const a = p[key] as Partial<Axis> | undefined;
  if (!a || typeof a !== "object") return fallback;
  const range = Array.isArray(a.range) && a.range.length === 2 && a.range.every(Number.isFinite) ? (a.range as [number, number]) : fallback.range;
  return {
    label: typeof a.label === "string" ? a.label : fallback.label,
    unit: typeof a.unit === "string" ? a.unit : undefined,
    scale: a.scale === "log" || a.scale === "mel" ? a.scale : "linear",
    range,
    labels: Array.isArray(a.labels) ? a.labels.map(String) : undefined,
  };
}

export function colorScale(p: Payload, fallbackRange: [number, number]): ColorScale {
  const c = (p.color ?? {}) as Partial<ColorScale>;
  const map = c.map === "gray" || c.map === "RdBu" ? c.map : "viridis";
  const range = Array.isArray(c.range) && c.range.length === 2 && c.range.every(Number.isFinite) ? (c.range as [number, number]) : fallbackRange;
  return { map, range, label: typeof c.label === "string" ? c.label : undefined, unit: typeof c.unit === "string" ? c.unit : undefined };
}

export function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.map(String) : [];
}

export function range(values: ArrayLike<number>): [number, number] {
  let lo = Infinity, hi = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (Number.isFinite(v)) { if (v < lo) lo = v; if (v > hi) hi = v; }
  }
  return lo <= hi ? [lo, hi] : [0, 0];
}
