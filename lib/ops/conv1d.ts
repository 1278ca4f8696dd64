import { convOptions, convolution, type ConvOptions, type SizeArg } from "./convolution";
import type { Tensor, TensorLike } from "./helpers";

/**
 * 1-D convolution (cross-correlation, as in PyTorch) of input [N, C, L] (or [C, L]) with weight
 * [O, C/groups, k], plus bias [O]: output [N, O, L']. Options as conv2d's, one number per option.
 * @example
 * conv1d(tensor([[[0, 0, 1, 2, 3]]]), tensor([[[-1, 1]]])); // tensor([[[0., 1., 1., 1.]]])
 */
export function conv1d(input: TensorLike, weight: TensorLike, bias?: TensorLike | null, options?: ConvOptions): Tensor;
export function conv1d(input: TensorLike, weight: TensorLike, bias?: TensorLike | null, stride?: SizeArg, padding?: SizeArg | "same" | "valid", dilation?: SizeArg, groups?: number): Tensor;
export function conv1d(input: TensorLike, weight: TensorLike, bias?: TensorLike | null, ...rest: unknown[]): Tensor {
  return convolution("conv1d", 1, input, weight, bias, convOptions<ConvOptions>(rest, ["stride", "padding", "dilation", "groups"]));
}
