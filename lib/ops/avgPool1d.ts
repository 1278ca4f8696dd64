import { avgPooling, type PoolOptions, type SizeArg } from "./convolution";
import type { Tensor, TensorLike } from "./helpers";

export type AvgPoolOptions = Omit<PoolOptions, "dilation">;

/**
 * 1-D average pooling of input [N, C, L] (or without N): the mean of each window. Options in
 * PyTorch's positional order (stride = kernelSize, padding, ceilMode, countIncludePad = true) or one object.
 * @example
 * avgPool1d(tensor([[[1, 3, 2, 0]]]), 2); // tensor([[[2., 1.]]])
 */
export function avgPool1d(input: TensorLike, kernelSize: SizeArg, options?: AvgPoolOptions): Tensor;
export function avgPool1d(input: TensorLike, kernelSize: SizeArg, stride?: SizeArg | null, padding?: SizeArg, ceilMode?: boolean, countIncludePad?: boolean): Tensor;
export function avgPool1d(input: TensorLike, kernelSize: SizeArg, ...rest: unknown[]): Tensor {
  const options: AvgPoolOptions =
    rest.length === 1 && rest[0] !== null && typeof rest[0] === "object" && !Array.isArray(rest[0])
      ? (rest[0] as AvgPoolOptions)
      : { stride: rest[0] as SizeArg | null, padding: rest[1] as SizeArg, ceilMode: rest[2] as boolean, countIncludePad: rest[3] as boolean };
  return avgPooling("avgPool1d", 1, input, kernelSize, options);
}
