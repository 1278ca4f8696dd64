// Shared plumbing of the convolution and pooling ops: argument parsing, shape checks with
// errors that name the op and both shapes, the kernel geometry, and the autograd wiring.
// The kernels ("conv2d", "conv2dInputGrad", "conv2dWeightGrad", "maxPool2d", "maxPool2dBackward",
// "avgPool2d", "avgPool2dBackward") take a ConvGeometry / PoolGeometry as params; 1-D ops are
// the height-1 case and unbatched inputs the batch-1 case, so no reshape is ever needed.
import { isFloat } from "../core/dtype";
import { fmtShape } from "../core/shape";
import { castTo, record, runKernel, runKernelMulti, toTensor, Tensor, type TensorLike } from "../core/tensor";
import type { ConvGeometry, PoolGeometry } from "../backends/cpu/geometry";

export type { ConvGeometry, PoolGeometry };

/** A size per spatial axis, or one number for all of them. */
export type SizeArg = number | readonly number[];

/** Expands `value` to `axes` positive-or-zero integers (`name` of the argument for the error). */
export function expandSize(op: string, name: string, value: SizeArg, axes: number, minimum: number): number[] {
  const values = typeof value === "number" ? new Array<number>(axes).fill(value) : [...value];
  if (values.length !== axes || values.some((v) => !Number.isInteger(v) || v < minimum))
    throw new Error(`${op}: ${name} must be ${minimum === 0 ? "a non-negative" : "a positive"} integer or ${axes} of them, got ${JSON.stringify(value)}`);
  return values;
}

/** PyTorch's output length along one axis, floor or ceil mode (a ceil window must start inside the input or its left padding). */
export function outputLength(size: number, kernel: number, stride: number, padBefore: number, padAfter: number, dilation: number, ceilMode = false): number {
  const span = size + padBefore + padAfter - dilation * (kernel - 1) - 1;
  if (!ceilMode) return Math.floor(span / stride) + 1;
  let length = Math.ceil(span / stride) + 1;
  if ((length - 1) * stride >= size + padBefore) length--;
  return length;
}

// As the other float-valued ops: numbers and arrays become tensors, int32 and bool become float32.
function asTensor(x: TensorLike): Tensor {
  const t = x instanceof Tensor ? x : toTensor(x);
  return isFloat(t.dtype) ? t : castTo(t, "float32");
}

export interface ConvOptions {
  /** step of the window (default 1) */
  stride?: SizeArg;
  /** zeros added on both sides of each spatial axis, or "valid" (none) or "same" (output as large as the input; stride 1 only) */
  padding?: SizeArg | "same" | "valid";
  /** spacing of the kernel's taps (default 1) */
  dilation?: SizeArg;
  /** channel groups: in- and out-channels are split into `groups` independent convolutions (default 1) */
  groups?: number;
}

export interface ConvTransposeOptions {
  stride?: SizeArg;
  /** rows/columns removed from each side of the full transposed output (default 0) */
  padding?: SizeArg;
  /** extra rows/columns added at the bottom/right of the output (less than stride or dilation; default 0) */
  outputPadding?: SizeArg;
  dilation?: SizeArg;
  groups?: number;
}

/**
 * Reads the trailing (stride | options, padding, dilation, groups) arguments of a functional
 * convolution, accepting PyTorch's positional order or one options object.
 */
export function convOptions<T extends object>(rest: readonly unknown[], names: readonly (keyof T)[]): T {
  if (rest.length === 1 && rest[0] !== null && typeof rest[0] === "object" && !Array.isArray(rest[0])) return rest[0] as T;
  const options: Record<string, unknown> = {};
  rest.forEach((value, i) => {
    if (value !== undefined) options[names[i] as string] = value;
  });
  return options as T;
}

interface Operands {
  x: Tensor;
  w: Tensor;
  bias: Tensor | null;
  batched: boolean;
}

// Checks input/weight/bias ranks and dtypes for a conv over `axes` spatial axes.
function convOperands(op: string, input: TensorLike, weight: TensorLike, bias: TensorLike | null | undefined, axes: number, biasLength: (w: Tensor) => number): Operands {
  const x = asTensor(input), w = asTensor(weight);
  const names = axes === 1 ? "[N, C, L] or [C, L]" : "[N, C, H, W] or [C, H, W]";
  if (x.ndim !== axes + 2 && x.ndim !== axes + 1) throw new Error(`${op}: expected an input of shape ${names}, got ${fmtShape(x.shape)}`);
  if (w.ndim !== axes + 2) throw new Error(`${op}: expected a ${axes + 2}-D weight, got ${fmtShape(w.shape)} (input ${fmtShape(x.shape)})`);
  if (x.dtype !== w.dtype) throw new Error(`${op}: input ${fmtShape(x.shape)} is ${x.dtype} but weight ${fmtShape(w.shape)} is ${w.dtype}; convert one of them`);
  let b: Tensor | null = null;
  if (bias !== null && bias !== undefined) {
    b = asTensor(bias);
    if (b.ndim !== 1 || b.shape[0] !== biasLength(w))
      throw new Error(`${op}: bias must have shape [${biasLength(w)}] for weight ${fmtShape(w.shape)}, got ${fmtShape(b.shape)}`);
    if (b.dtype !== x.dtype) throw new Error(`${op}: bias ${fmtShape(b.shape)} is ${b.dtype} but input ${fmtShape(x.shape)} is ${x.dtype}`);
  }
  return { x, w, bias: b, batched: x.ndim === axes + 2 };
}

// [batch, channels, height, width] of an input over `axes` (1 or 2) spatial axes, batched or not.
function spatial(x: Tensor, axes: number, batched: boolean): [number, number, number, number] {
  const s = batched ? x.shape : [1, ...x.shape];
  return axes === 1 ? [s[0], s[1], 1, s[2]] : [s[0], s[1], s[2], s[3]];
}

// The output shape for geometry g in the input's layout (unbatched stays unbatched; 1-D drops the height).
function layoutShape(batched: boolean, axes: number, batch: number, channels: number, h: number, w: number): number[] {
  const dims = axes === 1 ? [w] : [h, w];
  return batched ? [batch, channels, ...dims] : [channels, ...dims];
}

// Σ over batch and spatial positions of g [N, C, …] → [C] (the bias gradient).
function channelSums(g: Tensor, batch: number, channels: number, plane: number): Tensor {
  const perSample = runKernel("reduce", [g], { op: "sum", outer: batch * channels, size: plane, inner: 1 }, { shape: [batch, channels], dtype: g.dtype }, "sum");
  return runKernel("reduce", [perSample], { op: "sum", outer: 1, size: batch, inner: channels }, { shape: [channels], dtype: g.dtype }, "sum");
}

/** Convolution over `axes` (1 or 2) spatial dims, with its gradient. */
export function convolution(op: string, axes: number, input: TensorLike, weight: TensorLike, bias: TensorLike | null | undefined, options: ConvOptions): Tensor {
  const { x, w, bias: b, batched } = convOperands(op, input, weight, bias, axes, (w) => w.shape[0]);
  const [batch, C, H, W] = spatial(x, axes, batched);
  const groups = options.groups ?? 1;
  const O = w.shape[0], Cg = w.shape[1];
  const [kh, kw] = axes === 1 ? [1, w.shape[2]] : [w.shape[2], w.shape[3]];
  if (!Number.isInteger(groups) || groups < 1) throw new Error(`${op}: groups must be a positive integer, got ${groups}`);
  if (Cg * groups !== C)
    throw new Error(`${op}: input ${fmtShape(x.shape)} has ${C} channels but weight ${fmtShape(w.shape)} expects ${Cg} per group × ${groups} group(s) = ${Cg * groups}`);
  if (O % groups !== 0) throw new Error(`${op}: weight ${fmtShape(w.shape)} has ${O} out-channels, not divisible by groups ${groups} (input ${fmtShape(x.shape)})`);
  const pad1 = axes === 1 ? [0] : [];
  const [sh, sw] = [...pad1.map(() => 1), ...expandSize(op, "stride", options.stride ?? 1, axes, 1)];
  const [dh, dw] = [...pad1.map(() => 1), ...expandSize(op, "dilation", options.dilation ?? 1, axes, 1)];
  let top: number, left: number, bottom: number, right: number;
  const padding = options.padding ?? 0;
  if (padding === "same") {
    if (sh !== 1 || sw !== 1) throw new Error(`${op}: padding "same" needs stride 1, got stride ${JSON.stringify(options.stride)} (input ${fmtShape(x.shape)}, weight ${fmtShape(w.shape)})`);
    // as PyTorch: any odd extra row/column goes to the bottom/right
    const th = dh * (kh - 1), tw = dw * (kw - 1);
    [top, bottom, left, right] = [Math.floor(th / 2), th - Math.floor(th / 2), Math.floor(tw / 2), tw - Math.floor(tw / 2)];
  } else if (padding === "valid") {
    [top, bottom, left, right] = [0, 0, 0, 0];
  } else {
    const [ph, pw] = [...pad1.map(() => 0), ...expandSize(op, "padding", padding, axes, 0)];
    [top, bottom, left, right] = [ph, ph, pw, pw];
  }
  const outH = outputLength(H, kh, sh, top, bottom, dh), outW = outputLength(W, kw, sw, left, right, dw);
  if (outH < 1 || outW < 1) {
    const size = axes === 1 ? `${W + left + right}` : `${H + top + bottom}×${W + left + right}`;
    const kernel = axes === 1 ? `${dw * (kw - 1) + 1}` : `${dh * (kh - 1) + 1}×${dw * (kw - 1) + 1}`;
    throw new Error(`${op}: input ${fmtShape(x.shape)} (${size} after padding) is smaller than the kernel of weight ${fmtShape(w.shape)} (${kernel} with dilation); pad the input or use a smaller kernel`);
  }
  const g: ConvGeometry = { batch, inChannels: C, height: H, width: W, outChannels: O, kernelH: kh, kernelW: kw, strideH: sh, strideW: sw, padTop: top, padLeft: left, dilationH: dh, dilationW: dw, groups, outH, outW };
  const outShape = layoutShape(batched, axes, batch, O, outH, outW);
  const y = runKernel("conv2d", b ? [x, w, b] : [x, w], g, { shape: outShape, dtype: x.dtype }, op);
  return record(`${op[0].toUpperCase()}${op.slice(1)}Backward`, y, b ? [x, w, b] : [x, w], (gy) => [
    x.requiresGrad ? runKernel("conv2dInputGrad", [gy, w], g, { shape: x.shape, dtype: x.dtype }, op) : null,
    w.requiresGrad ? runKernel("conv2dWeightGrad", [x, gy], g, { shape: w.shape, dtype: w.dtype }, op) : null,
    b?.requiresGrad ? channelSums(gy, batch, O, outH * outW) : null,
  ]);
}

/** Transposed convolution over `axes` (1 or 2) spatial dims (the adjoint of convolution), with its gradient. */
export function convolutionTranspose(op: string, axes: number, input: TensorLike, weight: TensorLike, bias: TensorLike | null | undefined, options: ConvTransposeOptions): Tensor {
  const groups = options.groups ?? 1;
  if (!Number.isInteger(groups) || groups < 1) throw new Error(`${op}: groups must be a positive integer, got ${groups}`);
  // weight [in, out/groups, k…]: the bias has one entry per output channel
  const { x, w, bias: b, batched } = convOperands(op, input, weight, bias, axes, (w) => w.shape[1] * groups);
  const [batch, Cin, H, W] = spatial(x, axes, batched);
  const Og = w.shape[1], Cout = Og * groups;
  const [kh, kw] = axes === 1 ? [1, w.shape[2]] : [w.shape[2], w.shape[3]];
  if (w.shape[0] !== Cin) throw new Error(`${op}: input ${fmtShape(x.shape)} has ${Cin} channels but weight ${fmtShape(w.shape)} expects ${w.shape[0]} (weight is [in, out/groups, …])`);
  if (Cin % groups !== 0) throw new Error(`${op}: input ${fmtShape(x.shape)} has ${Cin} channels, not divisible by groups ${groups} (weight ${fmtShape(w.shape)})`);
  const pad1 = axes === 1 ? [1] : [];
  const [sh, sw] = [...pad1, ...expandSize(op, "stride", options.stride ?? 1, axes, 1)];
  const [dh, dw] = [...pad1, ...expandSize(op, "dilation", options.dilation ?? 1, axes, 1)];
  const [ph, pw] = [...pad1.map(() => 0), ...expandSize(op, "padding", options.padding ?? 0, axes, 0)];
  const [oph, opw] = [...pad1.map(() => 0), ...expandSize(op, "outputPadding", options.outputPadding ?? 0, axes, 0)];
  if (oph >= Math.max(sh, dh) || opw >= Math.max(sw, dw))
    throw new Error(`${op}: outputPadding ${JSON.stringify(options.outputPadding)} must be smaller than stride or dilation (stride ${JSON.stringify(options.stride ?? 1)}, dilation ${JSON.stringify(options.dilation ?? 1)})`);
  const outH = (H - 1) * sh - 2 * ph + dh * (kh - 1) + oph + 1, outW = (W - 1) * sw - 2 * pw + dw * (kw - 1) + opw + 1;
  if (outH < 1 || outW < 1) throw new Error(`${op}: padding ${JSON.stringify(options.padding)} removes the whole output of input ${fmtShape(x.shape)} with weight ${fmtShape(w.shape)}`);
  // The convolution whose input gradient this is: its input is our output, its output is our input.
  const g: ConvGeometry = { batch, inChannels: Cout, height: outH, width: outW, outChannels: Cin, kernelH: kh, kernelW: kw, strideH: sh, strideW: sw, padTop: ph, padLeft: pw, dilationH: dh, dilationW: dw, groups, outH: H, outW: W };
  const outShape = layoutShape(batched, axes, batch, Cout, outH, outW);
  const y = runKernel("conv2dInputGrad", b ? [x, w, b] : [x, w], g, { shape: outShape, dtype: x.dtype }, op);
  return record(`${op[0].toUpperCase()}${op.slice(1)}Backward`, y, b ? [x, w, b] : [x, w], (gy) => [
    x.requiresGrad ? runKernel("conv2d", [gy, w], g, { shape: x.shape, dtype: x.dtype }, op) : null,
    w.requiresGrad ? runKernel("conv2dWeightGrad", [gy, x], g, { shape: w.shape, dtype: w.dtype }, op) : null,
    b?.requiresGrad ? channelSums(gy, batch, Cout, outH * outW) : null,
  ]);
}

export interface PoolOptions {
  /** step of the window (default: the kernel size) */
  stride?: SizeArg | null;
  /** implicit padding on both sides (at most half the kernel; max pooling pads with -∞, average with zeros) */
  padding?: SizeArg;
  /** spacing of the window's taps (max pooling only; default 1) */
  dilation?: SizeArg;
  /** round the output size up instead of down (default false) */
  ceilMode?: boolean;
  /** average pooling: count the padding zeros in the divisor (default true, as PyTorch) */
  countIncludePad?: boolean;
}

function poolGeometry(op: string, axes: number, x: Tensor, kernelSize: SizeArg, options: PoolOptions): { g: PoolGeometry; batched: boolean; outShape: number[] } {
  const names = axes === 1 ? "[N, C, L] or [C, L]" : "[N, C, H, W] or [C, H, W]";
  if (x.ndim !== axes + 2 && x.ndim !== axes + 1) throw new Error(`${op}: expected an input of shape ${names}, got ${fmtShape(x.shape)}`);
  const batched = x.ndim === axes + 2;
  const [batch, C, H, W] = spatial(x, axes, batched);
  const one = axes === 1 ? [1] : [];
  const zero = axes === 1 ? [0] : [];
  const [kh, kw] = [...one, ...expandSize(op, "kernelSize", kernelSize, axes, 1)];
  const [sh, sw] = [...one, ...expandSize(op, "stride", options.stride ?? kernelSize, axes, 1)];
  const [ph, pw] = [...zero, ...expandSize(op, "padding", options.padding ?? 0, axes, 0)];
  const [dh, dw] = [...one, ...expandSize(op, "dilation", options.dilation ?? 1, axes, 1)];
  if (2 * ph > kh || 2 * pw > kw)
    throw new Error(`${op}: padding ${JSON.stringify(options.padding)} must be at most half of kernelSize ${JSON.stringify(kernelSize)} (input ${fmtShape(x.shape)})`);
  const outH = outputLength(H, kh, sh, ph, ph, dh, options.ceilMode), outW = outputLength(W, kw, sw, pw, pw, dw, options.ceilMode);
  if (outH < 1 || outW < 1)
    throw new Error(`${op}: input ${fmtShape(x.shape)} is smaller than the window ${JSON.stringify(kernelSize)} (with padding ${JSON.stringify(options.padding ?? 0)}); use a smaller kernelSize`);
  const g: PoolGeometry = { planes: batch * C, height: H, width: W, kernelH: kh, kernelW: kw, strideH: sh, strideW: sw, padTop: ph, padLeft: pw, dilationH: dh, dilationW: dw, outH, outW, countIncludePad: options.countIncludePad ?? true };
  return { g, batched, outShape: layoutShape(batched, axes, batch, C, outH, outW) };
}

/** Max pooling over `axes` spatial dims: values (differentiable) and the flat index of each maximum in its plane. */
export function maxPooling(op: string, axes: number, input: TensorLike, kernelSize: SizeArg, options: PoolOptions): [Tensor, Tensor] {
  const x = asTensor(input);
  const { g, outShape } = poolGeometry(op, axes, x, kernelSize, options);
  const [values, indices] = runKernelMulti("maxPool2d", [x], g, [{ shape: outShape, dtype: x.dtype }, { shape: outShape, dtype: "int32" }], op);
  const y = record(`${op[0].toUpperCase()}${op.slice(1)}Backward`, values, [x], (gy) => [runKernel("maxPool2dBackward", [gy, indices], g, { shape: x.shape, dtype: x.dtype }, op)]);
  return [y, indices];
}

/** Average pooling over `axes` spatial dims, with its gradient. */
export function avgPooling(op: string, axes: number, input: TensorLike, kernelSize: SizeArg, options: PoolOptions): Tensor {
  const x = asTensor(input);
  if (options.dilation !== undefined) throw new Error(`${op}: average pooling has no dilation (input ${fmtShape(x.shape)})`);
  const { g, outShape } = poolGeometry(op, axes, x, kernelSize, options);
  const y = runKernel("avgPool2d", [x], g, { shape: outShape, dtype: x.dtype }, op);
  return record(`${op[0].toUpperCase()}${op.slice(1)}Backward`, y, [x], (gy) => [runKernel("avgPool2dBackward", [gy], g, { shape: x.shape, dtype: x.dtype }, op)]);
}
