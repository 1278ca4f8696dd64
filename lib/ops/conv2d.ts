import { convOptions, convolution, type ConvOptions, type SizeArg } from "./convolution";
import type { Tensor, TensorLike } from "./helpers";

/**
 * 2-D convolution (cross-correlation, as in PyTorch) of input [N, C, H, W] (or [C, H, W]) with
 * weight [O, C/groups, kH, kW], plus bias [O]: output [N, O, H', W']. Options in PyTorch's positional
 * order (stride, padding, dilation, groups) or as one object; padding may be "same" or "valid".
 * @example
 * const x = randn([1, 3, 6, 6]), w = randn([4, 3, 3, 3]);
 * conv2d(x, w, null, { padding: "same" }).shape; // [1, 4, 6, 6]
 * conv2d(x, w, null, 2, 1).shape;               // [1, 4, 3, 3]
 */
export function conv2d(input: TensorLike, weight: TensorLike, bias?: TensorLike | null, options?: ConvOptions): Tensor;
export function conv2d(input: TensorLike, weight: TensorLike, bias?: TensorLike | null, stride?: SizeArg, padding?: SizeArg | "same" | "valid", dilation?: SizeArg, groups?: number): Tensor;
export function conv2d(input: TensorLike, weight: TensorLike, bias?: TensorLike | null, ...rest: unknown[]): Tensor {
  return convolution("conv2d", 2, input, weight, bias, convOptions<ConvOptions>(rest, ["stride", "padding", "dilation", "groups"]));
}
