import { convOptions, convolutionTranspose, type ConvTransposeOptions, type SizeArg } from "./convolution";
import type { Tensor, TensorLike } from "./helpers";

/**
 * 2-D transposed convolution (the gradient of conv2d with respect to its input, a.k.a. fractionally
 * strided convolution) of input [N, Cin, H, W] (or [Cin, H, W]) with weight [Cin, Cout/groups, kH, kW],
 * plus bias [Cout]: output [N, Cout, (H-1)·stride - 2·padding + dilation·(kH-1) + outputPadding + 1, …].
 * Options in PyTorch's positional order (stride, padding, outputPadding, groups, dilation) or one object.
 * @example
 * convTranspose2d(tensor([[[[55, 52], [57, 50]]]]), tensor([[[[1, 2, 1], [2, 1, 2], [1, 1, 2]]]])).shape; // [1, 1, 4, 4]
 */
export function convTranspose2d(input: TensorLike, weight: TensorLike, bias?: TensorLike | null, options?: ConvTransposeOptions): Tensor;
export function convTranspose2d(input: TensorLike, weight: TensorLike, bias?: TensorLike | null, stride?: SizeArg, padding?: SizeArg, outputPadding?: SizeArg, groups?: number, dilation?: SizeArg): Tensor;
export function convTranspose2d(input: TensorLike, weight: TensorLike, bias?: TensorLike | null, ...rest: unknown[]): Tensor {
  return convolutionTranspose("convTranspose2d", 2, input, weight, bias, convOptions<ConvTransposeOptions>(rest, ["stride", "padding", "outputPadding", "groups", "dilation"]));
}
