import { convOptions, convolutionTranspose, type ConvTransposeOptions, type SizeArg } from "./convolution";
import type { Tensor, TensorLike } from "./helpers";

/**
 * 1-D transposed convolution of input [N, Cin, L] (or [Cin, L]) with weight [Cin, Cout/groups, k]
 * plus bias [Cout]; options as convTranspose2d's.
 * @example
 * convTranspose1d(tensor([[[1, 2]]]), tensor([[[1, 1]]])); // tensor([[[1., 3., 2.]]])
 */
export function convTranspose1d(input: TensorLike, weight: TensorLike, bias?: TensorLike | null, options?: ConvTransposeOptions): Tensor;
export function convTranspose1d(input: TensorLike, weight: TensorLike, bias?: TensorLike | null, stride?: SizeArg, padding?: SizeArg, outputPadding?: SizeArg, groups?: number, dilation?: SizeArg): Tensor;
export function convTranspose1d(input: TensorLike, weight: TensorLike, bias?: TensorLike | null, ...rest: unknown[]): Tensor {
  return convolutionTranspose("convTranspose1d", 1, input, weight, bias, convOptions<ConvTransposeOptions>(rest, ["stride", "padding", "outputPadding", "groups", "dilation"]));
}
