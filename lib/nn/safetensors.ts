// The safetensors format (https://github.com/huggingface/safetensors): an 8-byte little-endian
// header length N, N bytes of JSON ({name: {dtype, shape, data_offsets: [begin, end]}, optional
// "__metadata__": {string: string}}), then one byte buffer holding every tensor, row-major, little-endian.
// Written here from the format description so files round-trip with PyTorch's `safetensors` package.

export type SafetensorsDtype = "F32" | "F64" | "I32" | "I64" | "U8" | "BOOL" | "F16" | "BF16" | "I8" | "I16";

/** One tensor as stored: the dtype name of the format, its shape and its raw values. */
export interface RawTensor {
  dtype: SafetensorsDtype;
  shape: number[];
  data: Float32Array | Float64Array | Int32Array | Uint8Array | BigInt64Array | Int8Array | Int16Array | Uint16Array;
}

const BYTES: Record<SafetensorsDtype, number> = { F32: 4, F64: 8, I32: 4, I64: 8, U8: 1, BOOL: 1, F16: 2, BF16: 2, I8: 1, I16: 2 };

function littleEndianBytes(data: RawTensor["data"]): Uint8Array {
  // Every machine Node runs on here is little-endian; copy so the caller's buffer is never aliased.
  return new Uint8Array(data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength));
}

/**
 * Encodes named tensors as one safetensors file.
 * @example
 * const bytes = encodeSafetensors({ w: { dtype: "F32", shape: [2], data: new Float32Array([1, 2]) } });
 */
export function encodeSafetensors(tensors: Record<string, RawTensor>, metadata?: Record<string, string>): Uint8Array {
  const header: Record<string, unknown> = {};
  if (metadata && Object.keys(metadata).length > 0) header.__metadata__ = metadata;
  let offset = 0;
  const names = Object.keys(tensors).sort();
  for (const name of names) {
    const t = tensors[name];
    const count = t.shape.reduce((a, b) => a * b, 1);
    const byteLength = count * BYTES[t.dtype];
    if (t.data.byteLength !== byteLength)
      throw new Error(`safetensors: tensor "${name}" of shape [${t.shape}] and dtype ${t.dtype} needs ${byteLength} bytes but has ${t.data.byteLength}`);
    header[name] = { dtype: t.dtype, shape: t.shape, data_offsets: [offset, offset + byteLength] };
    offset += byteLength;
  }
  let json = JSON.stringify(header);
  // Pad the header with spaces so the data buffer starts 8-byte aligned, as the reference writer does.
  const headerBytesLength = Buffer.byteLength(json, "utf8");
  json += " ".repeat((8 - (headerBytesLength % 8)) % 8);
  const headerBytes = new TextEncoder().encode(json);
  const out = new Uint8Array(8 + headerBytes.length + offset);
  new DataView(out.buffer).setBigUint64(0, BigInt(headerBytes.length), true);
  out.set(headerBytes, 8);
  let position = 8 + headerBytes.length;
  for (const name of names) {
    const bytes = littleEndianBytes(tensors[name].data);
    out.set(bytes, position);
    position += bytes.length;
  }
  return out;
}

function view(dtype: SafetensorsDtype, bytes: Uint8Array): RawTensor["data"] {
  // A fresh, aligned copy (Buffer#slice would share Node's pool, so copy explicitly).
  const fresh = new Uint8Array(bytes.length);
  fresh.set(bytes);
  const copy = fresh.buffer;
  switch (dtype) {
    case "F32": return new Float32Array(copy);
    case "F64": return new Float64Array(copy);
    case "I32": return new Int32Array(copy);
    case "I64": return new BigInt64Array(copy);
    case "I16": return new Int16Array(copy);
    case "I8": return new Int8Array(copy);
    case "F16":
    case "BF16": return new Uint16Array(copy);
    case "U8":
    case "BOOL": return new Uint8Array(copy);
  }
}

/**
 * Decodes a safetensors file into named raw tensors and its metadata.
 * @example
 * const { tensors } = decodeSafetensors(readFileSync("model.safetensors"));
 */
export function decodeSafetensors(file: Uint8Array): { tensors: Record<string, RawTensor>; metadata: Record<string, string> } {
  if (file.length < 8) throw new Error(`safetensors: file of ${file.length} bytes is too short for the 8-byte header length`);
  const dataView = new DataView(file.buffer, file.byteOffset, file.byteLength);
  const headerLength = Number(dataView.getBigUint64(0, true));
  if (8 + headerLength > file.length)
    throw new Error(`safetensors: header length ${headerLength} runs past the end of a ${file.length}-byte file (not a safetensors file?)`);
  let header: Record<string, any>;
  try {
    header = JSON.parse(new TextDecoder().decode(file.subarray(8, 8 + headerLength)));
  } catch (error) {
    throw new Error(`safetensors: the header is not valid JSON (${(error as Error).message})`);
  }
  const base = 8 + headerLength;
  const tensors: Record<string, RawTensor> = {};
  for (const [name, entry] of Object.entries(header)) {
    if (name === "__metadata__") continue;
    const dtype = entry.dtype as SafetensorsDtype;
    if (!(dtype in BYTES)) throw new Error(`safetensors: tensor "${name}" has unsupported dtype ${entry.dtype}`);
    const [begin, end] = entry.data_offsets as [number, number];
    const shape = entry.shape as number[];
    const expected = shape.reduce((a, b) => a * b, 1) * BYTES[dtype];
    if (end - begin !== expected || base + end > file.length)
      throw new Error(`safetensors: tensor "${name}" [${shape}] ${dtype} has offsets [${begin}, ${end}] that do not fit its ${expected} bytes or the file`);
    tensors[name] = { dtype, shape, data: view(dtype, file.subarray(base + begin, base + end)) };
  }
  return { tensors, metadata: (header.__metadata__ as Record<string, string>) ?? {} };
}
