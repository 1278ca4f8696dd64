// axone.data: data sets, batching, transforms, progress bars.
export { Dataset, TensorDataset, Subset, DataLoader, trainTestSplit, randomSplit, type DataLoaderOptions } from "./dataset";
export { mnist, iris, xor, spirals, moons, housePrices, type TensorData, type Split } from "./datasets";
export * as transforms from "./transforms";
export { Random } from "./random";
export { ProgressBar, progress, type ProgressOptions } from "./progress";
export * as arrays from "./arrays";
