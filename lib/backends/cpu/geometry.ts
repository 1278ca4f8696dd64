/**
 * Shapes and hyper-parameters of one 2-D convolution, already checked and resolved
 * by the op (padding "same" becomes explicit top/left padding, output size computed).
 * x: [batch, inChannels, height, width]; w: [outChannels, inChannels / groups, kernelH, kernelW];
 * y: [batch, outChannels, outH, outW]. Padding past the bottom/right edge is implied by outH/outW.
 */
export interface ConvGeometry {
  batch: number;
  inChannels: number;
  height: number;
  width: number;
  outChannels: number;
  kernelH: number;
  kernelW: number;
  strideH: number;
  strideW: number;
  padTop: number;
  padLeft: number;
  dilationH: number;
  dilationW: number;
  groups: number;
  outH: number;
  outW: number;
}

/** Shapes and hyper-parameters of one 2-D pooling over `planes` = batch·channels images of height×width. */
export interface PoolGeometry {
  planes: number;
  height: number;
  width: number;
  kernelH: number;
  kernelW: number;
  strideH: number;
  strideW: number;
  padTop: number;
  padLeft: number;
  dilationH: number;
  dilationW: number;
  outH: number;
  outW: number;
  /** average pooling only: divide by the whole window, padding included (PyTorch's default) */
  countIncludePad: boolean;
}

/** Output length of a convolution or pooling along one axis (PyTorch's formula, floor mode). */
export function convOutputSize(size: number, kernel: number, stride: number, padBefore: number, padAfter: number, dilation: number): number {
  return Math.floor((size + padBefore + padAfter - dilation * (kernel - 1) - 1) / stride) + 1;
}
