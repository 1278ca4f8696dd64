import { maxPooling, type PoolOptions, type SizeArg } from "./convolution";
import type { Tensor, TensorLike } from "./helpers";

export interface MaxPoolOptions extends Omit<PoolOptions, "countIncludePad"> {
  /** also return the flat index (within each plane) of every maximum, as an int32 tensor */
  returnIndices?: boolean;
}

/**
 * 1-D max pooling of input [N, C, L] (or without N): the largest value of each window (padding counts
 * as -∞). Options in PyTorch's positional order (stride = kernelSize, padding, dilation, ceilMode,
 * returnIndices) or one object; with returnIndices, [values, indices].
 * @example
 * maxPool1d(tensor([[[1, 3, 2, 0]]]), 2); // tensor([[[3., 2.]]])
 */
export function maxPool1d(input: TensorLike, kernelSize: SizeArg, options: MaxPoolOptions & { returnIndices: true }): [Tensor, Tensor];
export function maxPool1d(input: TensorLike, kernelSize: SizeArg, options?: MaxPoolOptions): Tensor;
export function maxPool1d(input: TensorLike, kernelSize: SizeArg, stride: SizeArg | null, padding: SizeArg | undefined, dilation: SizeArg | undefined, ceilMode: boolean | undefined, returnIndices: true): [Tensor, Tensor];
export function maxPool1d(input: TensorLike, kernelSize: SizeArg, stride?: SizeArg | null, padding?: SizeArg, dilation?: SizeArg, ceilMode?: boolean, returnIndices?: boolean): Tensor;
export function maxPool1d(input: TensorLike, kernelSize: SizeArg, ...rest: unknown[]): Tensor | [Tensor, Tensor] {
  const options: MaxPoolOptions =
    rest.length === 1 && rest[0] !== null && typeof rest[0] === "object" && !Array.isArray(rest[0])
      ? (rest[0] as MaxPoolOptions)
      : { stride: rest[0] as SizeArg | null, padding: rest[1] as SizeArg, dilation: rest[2] as SizeArg, ceilMode: rest[3] as boolean, returnIndices: rest[4] as boolean };
  const [values, indices] = maxPooling("maxPool1d", 1, input, kernelSize, options);
  return options.returnIndices ? [values, indices] : values;
}
