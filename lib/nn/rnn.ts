// Recurrent layers RNN, GRU and LSTM with PyTorch's parameter names and layouts (weight_ih_l0,
// weight_hh_l0_reverse, …; gates stacked r|z|n for GRU and i|f|g|o for LSTM), num_layers,
// bidirectional, batch_first, and the initial state in and the final state out.
// The input projection of a whole sequence is one matmul; the recurrence runs step by step.

import { Tensor, zeros } from "../core";
import { stack, cat } from "../ops";
import * as init from "./init";
import { Module } from "./module";
import * as F from "./functional";

const fmt = (shape: readonly number[]) => `[${shape.join(", ")}]`;

export interface RNNOptions {
  numLayers?: number;
  bias?: boolean;
  batchFirst?: boolean;
  dropout?: number;
  bidirectional?: boolean;
  /** RNN only: "tanh" (default) or "relu". */
  nonlinearity?: "tanh" | "relu";
}

type Mode = "RNN" | "GRU" | "LSTM";
const GATES: Record<Mode, number> = { RNN: 1, GRU: 3, LSTM: 4 };

abstract class RNNBase<Out> extends Module<[Tensor, (Tensor | [Tensor, Tensor])?], Out> {
  readonly numLayers: number;
  readonly bidirectional: boolean;
  readonly batchFirst: boolean;
  readonly dropout: number;
  readonly useBias: boolean;
  constructor(readonly mode: Mode, readonly inputSize: number, readonly hiddenSize: number, readonly options: RNNOptions = {}) {
    super();
    this.numLayers = options.numLayers ?? 1;
    this.bidirectional = options.bidirectional ?? false;
    this.batchFirst = options.batchFirst ?? false;
    this.dropout = options.dropout ?? 0;
    this.useBias = options.bias ?? true;
    const gates = GATES[mode] * hiddenSize;
    const directions = this.bidirectional ? 2 : 1;
    const bound = 1 / Math.sqrt(hiddenSize);
    for (let layer = 0; layer < this.numLayers; layer++) {
      const layerInput = layer === 0 ? inputSize : hiddenSize * directions;
      for (let d = 0; d < directions; d++) {
        const suffix = `_l${layer}${d === 1 ? "_reverse" : ""}`;
        const params: [string, number[]][] = [[`weight_ih${suffix}`, [gates, layerInput]], [`weight_hh${suffix}`, [gates, hiddenSize]]];
        if (this.useBias) params.push([`bias_ih${suffix}`, [gates]], [`bias_hh${suffix}`, [gates]]);
        for (const [name, shape] of params) init.uniform_(this.registerParameter(name, zeros(shape)), -bound, bound);
      }
    }
  }

  private p(name: string): Tensor | null {
    return this._parameters.get(name) ?? null;
  }

  /** One direction of one layer over a [L, N, in] sequence; returns the [L, N, H] outputs and final states. */
  private runDirection(x: Tensor, suffix: string, h0: Tensor, c0: Tensor | null, reverse: boolean): { out: Tensor; h: Tensor; c: Tensor | null } {
    const [L, N] = x.shape;
    const H = this.hiddenSize;
    const wih = this.p(`weight_ih${suffix}`)!, whh = this.p(`weight_hh${suffix}`)!;
    const bih = this.p(`bias_ih${suffix}`), bhh = this.p(`bias_hh${suffix}`);
    let xp = x.reshape([L * N, x.shape[2]]).matmul(wih.transpose(0, 1));
    if (bih) xp = xp.add(bih);
    xp = xp.reshape([L, N, GATES[this.mode] * H]);
    let h = h0;
    let c = c0;
    const outs: Tensor[] = new Array(L);
    for (let s = 0; s < L; s++) {
      const t = reverse ? L - 1 - s : s;
      const xt = xp.narrow(0, t, 1).reshape([N, GATES[this.mode] * H]);
      let hh = h.matmul(whh.transpose(0, 1));
      if (bhh) hh = hh.add(bhh);
      if (this.mode === "RNN") {
        const pre = xt.add(hh);
        h = this.options.nonlinearity === "relu" ? pre.relu() : pre.tanh();
      } else if (this.mode === "GRU") {
        const r = xt.narrow(1, 0, H).add(hh.narrow(1, 0, H)).sigmoid();
        const z = xt.narrow(1, H, H).add(hh.narrow(1, H, H)).sigmoid();
        const n = xt.narrow(1, 2 * H, H).add(r.mul(hh.narrow(1, 2 * H, H))).tanh();
        h = z.neg().add(1).mul(n).add(z.mul(h));
      } else {
        const g = xt.add(hh);
        const i = g.narrow(1, 0, H).sigmoid();
        const f = g.narrow(1, H, H).sigmoid();
        const gg = g.narrow(1, 2 * H, H).tanh();
        const o = g.narrow(1, 3 * H, H).sigmoid();
        c = f.mul(c!).add(i.mul(gg));
        h = o.mul(c!.tanh());
      }
      outs[t] = h;
    }
    return { out: stack(outs, 0), h, c };
  }

  protected run(input: Tensor, state?: Tensor | [Tensor, Tensor]): { output: Tensor; h: Tensor; c: Tensor | null } {
    const name = `${this.mode}(${this.inputSize}, ${this.hiddenSize})`;
    if (input.ndim !== 2 && input.ndim !== 3)
      throw new Error(`${name}: expected input [L, N, ${this.inputSize}]${this.batchFirst ? " (batchFirst: [N, L, …])" : ""} or unbatched [L, ${this.inputSize}], got ${fmt(input.shape)}`);
    if (input.shape[input.ndim - 1] !== this.inputSize)
      throw new Error(`${name}: input ${fmt(input.shape)} has ${input.shape[input.ndim - 1]} features in its last dimension but the layer expects ${this.inputSize}`);
    const unbatched = input.ndim === 2;
    let x = unbatched ? input.unsqueeze(1) : this.batchFirst ? input.transpose(0, 1) : input;
    const N = x.shape[1];
    const directions = this.bidirectional ? 2 : 1;
    const stateShape = [this.numLayers * directions, N, this.hiddenSize];
    const prepare = (s: Tensor | undefined, what: string) => {
      if (!s) return zeros(stateShape);
      const t = unbatched && s.ndim === 2 ? s.unsqueeze(1) : s;
      if (t.shape.join(",") !== stateShape.join(",")) throw new Error(`${name}: initial ${what} must have shape ${fmt(unbatched ? [stateShape[0], stateShape[2]] : stateShape)}, got ${fmt(s.shape)}`);
      return t;
    };
    const isPair = Array.isArray(state);
    if (this.mode === "LSTM" && state && !isPair) throw new Error(`${name}: the initial state of an LSTM is a pair [h0, c0]`);
    const h0 = prepare(isPair ? (state as [Tensor, Tensor])[0] : (state as Tensor | undefined), "h0");
    const c0 = this.mode === "LSTM" ? prepare(isPair ? (state as [Tensor, Tensor])[1] : undefined, "c0") : null;
    const hs: Tensor[] = [];
    const cs: Tensor[] = [];
    for (let layer = 0; layer < this.numLayers; layer++) {
      const outs: Tensor[] = [];
      for (let d = 0; d < directions; d++) {
        const k = layer * directions + d;
        const r = this.runDirection(x, `_l${layer}${d === 1 ? "_reverse" : ""}`, h0.narrow(0, k, 1).reshape([N, this.hiddenSize]), c0 ? c0.narrow(0, k, 1).reshape([N, this.hiddenSize]) : null, d === 1);
        outs.push(r.out);
        hs.push(r.h);
        if (r.c) cs.push(r.c);
      }
      x = directions === 2 ? cat(outs, 2) : outs[0];
      if (this.dropout > 0 && this.training && layer < this.numLayers - 1) x = F.dropout(x, this.dropout, true);
    }
    let output = unbatched ? x.squeeze(1) : this.batchFirst ? x.transpose(0, 1) : x;
    let h = stack(hs, 0);
    let c = cs.length ? stack(cs, 0) : null;
    if (unbatched) {
      h = h.squeeze(1);
      c = c ? c.squeeze(1) : null;
    }
    return { output, h, c };
  }

  override extraRepr(): string {
    const extras = [`${this.inputSize}, ${this.hiddenSize}`];
    if (this.numLayers !== 1) extras.push(`num_layers=${this.numLayers}`);
    if (this.batchFirst) extras.push("batch_first=True");
    if (this.bidirectional) extras.push("bidirectional=True");
    return extras.join(", ");
  }
}

/**
 * Elman RNN h_t = tanh(W_ih x_t + b_ih + W_hh h_{t−1} + b_hh) (the course's h_t = tanh(U x_t + W h_{t−1})).
 * Returns [output, h_n]: output [L, N, D·H] (or [N, L, D·H] with batchFirst), h_n [D·numLayers, N, H].
 * @example
 * const rnn = new nn.RNN(10, 20, { numLayers: 2 }); const [out, hn] = rnn(randn([5, 3, 10]));
 */
export class RNN extends RNNBase<[Tensor, Tensor]> {
  constructor(inputSize: number, hiddenSize: number, options: RNNOptions = {}) {
    super("RNN", inputSize, hiddenSize, options);
  }
  forward(input: Tensor, h0?: Tensor | [Tensor, Tensor]): [Tensor, Tensor] {
    const { output, h } = this.run(input, h0);
    return [output, h];
  }
}

/** Gated recurrent unit (gates r, z, n as in PyTorch). Returns [output, h_n]. */
export class GRU extends RNNBase<[Tensor, Tensor]> {
  constructor(inputSize: number, hiddenSize: number, options: Omit<RNNOptions, "nonlinearity"> = {}) {
    super("GRU", inputSize, hiddenSize, options);
  }
  forward(input: Tensor, h0?: Tensor | [Tensor, Tensor]): [Tensor, Tensor] {
    const { output, h } = this.run(input, h0);
    return [output, h];
  }
}

/** Long short-term memory (gates i, f, g, o). Returns [output, [h_n, c_n]]; the initial state is [h0, c0]. */
export class LSTM extends RNNBase<[Tensor, [Tensor, Tensor]]> {
  constructor(inputSize: number, hiddenSize: number, options: Omit<RNNOptions, "nonlinearity"> = {}) {
    super("LSTM", inputSize, hiddenSize, options);
  }
  forward(input: Tensor, state?: Tensor | [Tensor, Tensor]): [Tensor, [Tensor, Tensor]] {
    const { output, h, c } = this.run(input, state);
    return [output, [h, c!]];
  }
}
