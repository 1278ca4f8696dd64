// nn.init: PyTorch's initialisers, in place on a parameter. He (kaiming) normal is the course's
// sqrt(2 / fan_in) · N(0, 1); zeros shows the symmetry problem (every hidden unit stays identical).

import { Tensor } from "../core";
import { defaultGenerator as generator } from "../core/random";
import { overwrite } from "./storage";

// Initialisation draws from the library's global generator, so manualSeed(n) makes models reproducible.

/** fan_in and fan_out of a weight: [out, in, ...kernel] → (in·k, out·k); 1-D → (n, n). */
export function calculateFanInAndFanOut(shape: readonly number[]): { fanIn: number; fanOut: number } {
  if (shape.length < 2) throw new Error(`nn.init: fan in and fan out need a tensor of at least 2 dimensions, got shape [${shape}]`);
  const receptive = shape.slice(2).reduce((a, b) => a * b, 1);
  return { fanIn: shape[1] * receptive, fanOut: shape[0] * receptive };
}

export type Nonlinearity = "linear" | "sigmoid" | "tanh" | "relu" | "leaky_relu" | "conv1d" | "conv2d" | "selu";

/** The recommended gain for a non-linearity (PyTorch's calculate_gain). */
export function calculateGain(nonlinearity: Nonlinearity, param?: number): number {
  switch (nonlinearity) {
    case "linear":
    case "conv1d":
    case "conv2d":
    case "sigmoid":
      return 1;
    case "tanh":
      return 5 / 3;
    case "relu":
      return Math.SQRT2;
    case "leaky_relu": {
      const slope = param ?? 0.01;
      return Math.sqrt(2 / (1 + slope * slope));
    }
    case "selu":
      return 3 / 4;
  }
}

function numel(t: Tensor): number {
  return t.shape.reduce((a, b) => a * b, 1);
}

/** Fills with U(low, high). */
export function uniform_(t: Tensor, low = 0, high = 1): Tensor {
  const values = new Float32Array(numel(t));
  for (let i = 0; i < values.length; i++) values[i] = low + (high - low) * generator.uniform();
  return overwrite(t, values);
}

/** Fills with N(mean, std²). */
export function normal_(t: Tensor, mean = 0, std = 1): Tensor {
  const values = new Float32Array(numel(t));
  for (let i = 0; i < values.length; i++) values[i] = mean + std * generator.normal();
  return overwrite(t, values);
}

/** Fills with a constant. */
export function constant_(t: Tensor, value: number): Tensor {
  return overwrite(t, new Float32Array(numel(t)).fill(value));
}
export function zeros_(t: Tensor): Tensor {
  return constant_(t, 0);
}
export function ones_(t: Tensor): Tensor {
  return constant_(t, 1);
}

/** He et al. normal: N(0, std²) with std = gain / sqrt(fan), gain = sqrt(2) for ReLU: the course's sqrt(2/fan_in)·N(0,1). */
export function kaimingNormal_(t: Tensor, options: { a?: number; mode?: "fanIn" | "fanOut"; nonlinearity?: Nonlinearity } = {}): Tensor {
  const { fanIn, fanOut } = calculateFanInAndFanOut(t.shape);
  const fan = options.mode === "fanOut" ? fanOut : fanIn;
  const gain = calculateGain(options.nonlinearity ?? "leaky_relu", options.a ?? 0);
  return normal_(t, 0, gain / Math.sqrt(fan));
}

/** He et al. uniform: U(-b, b), b = gain·sqrt(3/fan). With a = sqrt(5) this is PyTorch's default for Linear and Conv. */
export function kaimingUniform_(t: Tensor, options: { a?: number; mode?: "fanIn" | "fanOut"; nonlinearity?: Nonlinearity } = {}): Tensor {
  const { fanIn, fanOut } = calculateFanInAndFanOut(t.shape);
  const fan = options.mode === "fanOut" ? fanOut : fanIn;
  const gain = calculateGain(options.nonlinearity ?? "leaky_relu", options.a ?? 0);
  const bound = gain * Math.sqrt(3 / fan);
  return uniform_(t, -bound, bound);
}

/** Glorot/Xavier uniform: U(-b, b), b = gain·sqrt(6/(fan_in+fan_out)). */
export function xavierUniform_(t: Tensor, gain = 1): Tensor {
  const { fanIn, fanOut } = calculateFanInAndFanOut(t.shape);
  const bound = gain * Math.sqrt(6 / (fanIn + fanOut));
  return uniform_(t, -bound, bound);
}

/** Glorot/Xavier normal: N(0, std²), std = gain·sqrt(2/(fan_in+fan_out)). */
export function xavierNormal_(t: Tensor, gain = 1): Tensor {
  const { fanIn, fanOut } = calculateFanInAndFanOut(t.shape);
  return normal_(t, 0, gain * Math.sqrt(2 / (fanIn + fanOut)));
}

// Names without the trailing underscore, as the course and the issue write them.
export const kaimingNormal = kaimingNormal_;
export const kaimingUniform = kaimingUniform_;
export const xavierUniform = xavierUniform_;
export const xavierNormal = xavierNormal_;
export const zeros = zeros_;
export const ones = ones_;
export const constant = constant_;
export const normal = normal_;
export const uniform = uniform_;
