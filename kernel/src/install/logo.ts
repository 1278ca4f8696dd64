// The kernel's logo, drawn here so no binary file needs to live in the repository:
// a TypeScript-blue rounded square with a small three-layer network in white.
import { deflateSync } from "node:zlib";

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(bytes: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typeAndData = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
}

/** Encodes RGBA pixels (row-major, 4 bytes each) as a PNG file. */
export function encodePng(width: number, height: number, rgba: Uint8Array): Buffer {
  if (rgba.length !== width * height * 4) throw new Error(`encodePng: expected ${width * height * 4} bytes for ${width}x${height} RGBA, got ${rgba.length}`);
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // colour type RGBA
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width * 4 + 1)] = 0; // filter: none
    Buffer.from(rgba.buffer, rgba.byteOffset + y * width * 4, width * 4).copy(raw, y * (width * 4 + 1) + 1);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(raw)),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

const BLUE = [0x31, 0x78, 0xc6];
const WHITE = [0xff, 0xff, 0xff];

function distanceToSegment(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

/** Draws the logo at `size`×`size` pixels, 4×4 supersampled for smooth edges. */
export function drawLogo(size: number): Buffer {
  const layers = [[0.3, 0.5, 0.7], [0.38, 0.62], [0.5]].map((ys, layer) => ys.map((y) => [0.24 + layer * 0.26, y] as const));
  const edges: Array<[readonly [number, number], readonly [number, number]]> = [];
  for (let layer = 0; layer + 1 < layers.length; layer++) for (const a of layers[layer]) for (const b of layers[layer + 1]) edges.push([a, b]);
  const nodes = layers.flat();
  const sample = (x: number, y: number): { inside: boolean; white: boolean } => {
    const radius = 0.18;
    const cx = Math.min(Math.max(x, radius), 1 - radius);
    const cy = Math.min(Math.max(y, radius), 1 - radius);
    const inside = Math.hypot(x - cx, y - cy) <= radius;
    const white =
      nodes.some(([nx, ny]) => Math.hypot(x - nx, y - ny) <= 0.075) ||
      edges.some(([[ax, ay], [bx, by]]) => distanceToSegment(x, y, ax, ay, bx, by) <= 0.022);
    return { inside, white };
  };
  const pixels = new Uint8Array(size * size * 4);
  const samples = 4;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let coverage = 0;
      let whiteness = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const { inside, white } = sample((px + (sx + 0.5) / samples) / size, (py + (sy + 0.5) / samples) / size);
          if (inside) {
            coverage++;
            if (white) whiteness++;
          }
        }
      }
      const offset = (py * size + px) * 4;
      const mix = coverage ? whiteness / coverage : 0;
      for (let channel = 0; channel < 3; channel++) pixels[offset + channel] = Math.round(BLUE[channel] * (1 - mix) + WHITE[channel] * mix);
      pixels[offset + 3] = Math.round((255 * coverage) / (samples * samples));
    }
  }
  return encodePng(size, size, pixels);
}
