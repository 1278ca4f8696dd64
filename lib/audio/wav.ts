// RIFF/WAVE reading and writing: PCM 8/16/24/32-bit integer and IEEE float 32/64, any number of
// channels (WAVE_FORMAT_EXTENSIBLE too). Samples come back as Float32Array per channel in
// [-1, 1) — integer PCM divided by 2^(bits-1), as soundfile / librosa load it.

/** Decoded audio: one Float32Array per channel. */
export interface WavData {
  sampleRate: number;
  channels: Float32Array[];
  /** The encoding found in the file. */
  format: { encoding: "pcm" | "float"; bitsPerSample: number };
}

export interface WavWriteOptions {
  /** "pcm16" (default) or "float32". */
  encoding?: "pcm16" | "float32";
}

const ascii = (view: DataView, offset: number, length: number): string => {
  let s = "";
  for (let i = 0; i < length; i++) s += String.fromCharCode(view.getUint8(offset + i));
  return s;
};

/**
 * Parses a WAV file's bytes.
 * @example
 * const { sampleRate, channels } = readWav(fs.readFileSync("word.wav"));
 */
export function readWav(bytes: Uint8Array | ArrayBuffer): WavData {
  const u8 = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  const view = new DataView(u8.buffer, u8.byteOffset, u8.byteLength);
  if (u8.byteLength < 12) throw new Error(`readWav: file is ${u8.byteLength} bytes, too short for a RIFF header (12 bytes)`);
  const riff = ascii(view, 0, 4);
  if (riff !== "RIFF") throw new Error(`readWav: not a WAV file: starts with "${riff}" instead of "RIFF"${riff === "RIFX" ? " (big-endian RIFX is not supported)" : ""}`);
  const wave = ascii(view, 8, 4);
  if (wave !== "WAVE") throw new Error(`readWav: RIFF file of type "${wave}", expected "WAVE"`);
  let offset = 12;
  let fmt: { tag: number; channels: number; sampleRate: number; blockAlign: number; bits: number } | undefined;
  let data: { start: number; length: number } | undefined;
  while (offset + 8 <= u8.byteLength) {
    const id = ascii(view, offset, 4);
    const size = view.getUint32(offset + 4, true);
    const body = offset + 8;
    if (id === "fmt ") {
      if (size < 16) throw new Error(`readWav: "fmt " chunk is ${size} bytes, needs at least 16`);
      let tag = view.getUint16(body, true);
      if (tag === 0xfffe && size >= 40) tag = view.getUint16(body + 24, true); // extensible: sub-format GUID
      fmt = {
        tag,
        channels: view.getUint16(body + 2, true),
        sampleRate: view.getUint32(body + 4, true),
        blockAlign: view.getUint16(body + 12, true),
        bits: view.getUint16(body + 14, true),
      };
    } else if (id === "data") {
      // Streams written before their length was known carry 0 or 0xFFFFFFFF: take the rest.
      const length = size === 0 || size === 0xffffffff || body + size > u8.byteLength ? u8.byteLength - body : size;
      data = { start: body, length };
    }
    offset = body + size + (size & 1);
  }
  if (!fmt) throw new Error('readWav: no "fmt " chunk: the header does not say how samples are encoded');
  if (!data) throw new Error('readWav: no "data" chunk: the file holds no samples');
  const { tag, channels, sampleRate, bits } = fmt;
  if (channels < 1) throw new Error(`readWav: header says ${channels} channels`);
  const encoding = tag === 1 ? "pcm" : tag === 3 ? "float" : undefined;
  if (!encoding) throw new Error(`readWav: format tag ${tag} is not supported; only PCM (1) and IEEE float (3)`);
  const okBits = encoding === "pcm" ? [8, 16, 24, 32] : [32, 64];
  if (!okBits.includes(bits)) throw new Error(`readWav: ${bits}-bit ${encoding} samples are not supported (use ${okBits.join("/")})`);
  const bytesPer = bits / 8;
  const frame = bytesPer * channels;
  const frames = Math.floor(data.length / frame);
  const out = Array.from({ length: channels }, () => new Float32Array(frames));
  let p = data.start;
  for (let i = 0; i < frames; i++) {
    for (let c = 0; c < channels; c++, p += bytesPer) {
      let v: number;
      if (encoding === "float") v = bits === 32 ? view.getFloat32(p, true) : view.getFloat64(p, true);
      else if (bits === 8) v = (view.getUint8(p) - 128) / 128;
      else if (bits === 16) v = view.getInt16(p, true) / 32768;
      else if (bits === 24) {
        const raw = view.getUint8(p) | (view.getUint8(p + 1) << 8) | (view.getInt8(p + 2) << 16);
        v = raw / 8388608;
      } else v = view.getInt32(p, true) / 2147483648;
      out[c][i] = v;
    }
  }
  return { sampleRate, channels: out, format: { encoding, bitsPerSample: bits } };
}

/**
 * Encodes channels as a WAV file. PCM16 clips to [-1, 1] and rounds x·32767.
 * @example
 * fs.writeFileSync("tone.wav", writeWav([sine({ frequency: 440 }, 1, 16000)], 16000));
 */
export function writeWav(channels: ArrayLike<number>[], sampleRate: number, options: WavWriteOptions = {}): Uint8Array {
  const { encoding = "pcm16" } = options;
  if (encoding !== "pcm16" && encoding !== "float32") throw new Error(`writeWav: encoding must be "pcm16" or "float32", got ${String(encoding)}`);
  if (channels.length === 0) throw new Error("writeWav: give at least one channel (an array of samples)");
  if (!Number.isInteger(sampleRate) || sampleRate <= 0) throw new Error(`writeWav: sampleRate must be a positive integer, got ${sampleRate}`);
  const frames = channels[0].length;
  channels.forEach((ch, c) => {
    if (ch.length !== frames) throw new Error(`writeWav: channel ${c} has ${ch.length} samples but channel 0 has ${frames}`);
  });
  const bytesPer = encoding === "pcm16" ? 2 : 4;
  const blockAlign = bytesPer * channels.length;
  const dataBytes = frames * blockAlign;
  const buf = new Uint8Array(44 + dataBytes + (dataBytes & 1));
  const view = new DataView(buf.buffer);
  const put = (o: number, s: string) => { for (let i = 0; i < 4; i++) view.setUint8(o + i, s.charCodeAt(i)); };
  put(0, "RIFF");
  view.setUint32(4, buf.byteLength - 8, true);
  put(8, "WAVE");
  put(12, "fmt ");
  view.setUint32(16, 16, true);
  view.setUint16(20, encoding === "pcm16" ? 1 : 3, true);
  view.setUint16(22, channels.length, true);
  view.setUint32(24, sampleRate, true);
  view.setUint32(28, sampleRate * blockAlign, true);
  view.setUint16(32, blockAlign, true);
  view.setUint16(34, bytesPer * 8, true);
  put(36, "data");
  view.setUint32(40, dataBytes, true);
  let p = 44;
  for (let i = 0; i < frames; i++) {
    for (const ch of channels) {
      const v = ch[i];
      if (encoding === "float32") view.setFloat32(p, v, true);
      else view.setInt16(p, Math.round(Math.max(-1, Math.min(1, v)) * 32767), true);
      p += bytesPer;
    }
  }
  return buf;
}
