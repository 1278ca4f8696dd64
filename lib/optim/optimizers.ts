// The optimizers of PyTorch 1.13 with the same update formulas (checked against fixtures from
// PyTorch): SGD, Adam, AdamW, Adamax, Adadelta, Adagrad, RMSprop.

import { Optimizer, ParamGroup, ParamState, ParamsInput } from "./optimizer";

export interface SGDOptions {
  lr: number;
  momentum?: number;
  dampening?: number;
  weightDecay?: number;
  nesterov?: boolean;
  maximize?: boolean;
}

/**
 * Stochastic gradient descent with optional momentum (PyTorch's formulation), dampening, Nesterov
 * and L2 weight decay.
 * @example
 * const opt = new optim.SGD(model.parameters(), { lr: 0.01, momentum: 0.9 });
 * opt.zeroGrad(); loss.backward(); opt.step();
 */
export class SGD extends Optimizer<SGDOptions> {
  constructor(params: ParamsInput, options: SGDOptions | number) {
    const o = typeof options === "number" ? { lr: options } : options;
    super(params, { momentum: 0, dampening: 0, weightDecay: 0, nesterov: false, maximize: false, ...o });
  }
  protected override validate(g: ParamGroup & SGDOptions): void {
    super.validate(g);
    if (g.nesterov && (!(g.momentum! > 0) || g.dampening !== 0)) throw new Error("SGD: Nesterov momentum needs momentum > 0 and dampening = 0");
  }
  protected update(p: Float32Array, grad: Float32Array, state: ParamState, g: ParamGroup & SGDOptions): void {
    const { lr, momentum = 0, dampening = 0, weightDecay = 0, nesterov = false } = g;
    const first = state.momentum_buffer === undefined;
    const buf = momentum !== 0 ? this.buffer(state, "momentum_buffer", p.length) : undefined;
    for (let i = 0; i < p.length; i++) {
      let d = grad[i];
      if (weightDecay !== 0) d += weightDecay * p[i];
      if (buf) {
        buf[i] = first ? d : momentum * buf[i] + (1 - dampening) * d;
        d = nesterov ? d + momentum * buf[i] : buf[i];
      }
      p[i] -= lr * d;
    }
  }
}

export interface AdamOptions {
  lr: number;
  betas?: [number, number];
  eps?: number;
  weightDecay?: number;
  amsgrad?: boolean;
  maximize?: boolean;
}

function adamStep(p: Float32Array, grad: Float32Array, state: ParamState, g: ParamGroup & AdamOptions, opt: Optimizer<any>, decoupled: boolean): void {
  const { lr, betas = [0.9, 0.999], eps = 1e-8, weightDecay = 0, amsgrad = false } = g;
  const [b1, b2] = betas;
  const m = (opt as unknown as { buffer: (s: ParamState, n: string, l: number) => Float32Array }).buffer(state, "exp_avg", p.length);
  const v = (opt as unknown as { buffer: (s: ParamState, n: string, l: number) => Float32Array }).buffer(state, "exp_avg_sq", p.length);
  const vmax = amsgrad ? (opt as unknown as { buffer: (s: ParamState, n: string, l: number) => Float32Array }).buffer(state, "max_exp_avg_sq", p.length) : undefined;
  const t = state.step;
  const bc1 = 1 - b1 ** t;
  const bc2Sqrt = Math.sqrt(1 - b2 ** t);
  const stepSize = lr / bc1;
  for (let i = 0; i < p.length; i++) {
    let d = grad[i];
    if (weightDecay !== 0) {
      if (decoupled) p[i] *= 1 - lr * weightDecay;
      else d += weightDecay * p[i];
    }
    m[i] = b1 * m[i] + (1 - b1) * d;
    v[i] = b2 * v[i] + (1 - b2) * d * d;
    let second = v[i];
    if (vmax) {
      vmax[i] = Math.max(vmax[i], v[i]);
      second = vmax[i];
    }
    p[i] -= (stepSize * m[i]) / (Math.sqrt(second) / bc2Sqrt + eps);
  }
}

/** Adam (Kingma & Ba), L2 weight decay added to the gradient; amsgrad optional. */
export class Adam extends Optimizer<AdamOptions> {
  constructor(params: ParamsInput, options: Partial<AdamOptions> = {}) {
    super(params, { lr: 1e-3, betas: [0.9, 0.999], eps: 1e-8, weightDecay: 0, amsgrad: false, maximize: false, ...options });
  }
  protected update(p: Float32Array, grad: Float32Array, state: ParamState, g: ParamGroup & AdamOptions): void {
    adamStep(p, grad, state, g, this, false);
  }
}

/** AdamW: Adam with decoupled weight decay (p ← p·(1 − lr·λ) before the Adam step); λ = 0.01 by default. */
export class AdamW extends Optimizer<AdamOptions> {
  constructor(params: ParamsInput, options: Partial<AdamOptions> = {}) {
    super(params, { lr: 1e-3, betas: [0.9, 0.999], eps: 1e-8, weightDecay: 1e-2, amsgrad: false, maximize: false, ...options });
  }
  protected update(p: Float32Array, grad: Float32Array, state: ParamState, g: ParamGroup & AdamOptions): void {
    adamStep(p, grad, state, g, this, true);
  }
}

/** Adamax: Adam with the infinity norm, u = max(β₂·u, |g| + ε). */
export class Adamax extends Optimizer<AdamOptions> {
  constructor(params: ParamsInput, options: Partial<AdamOptions> = {}) {
    super(params, { lr: 2e-3, betas: [0.9, 0.999], eps: 1e-8, weightDecay: 0, maximize: false, ...options });
  }
  protected update(p: Float32Array, grad: Float32Array, state: ParamState, g: ParamGroup & AdamOptions): void {
    const { lr, betas = [0.9, 0.999], eps = 1e-8, weightDecay = 0 } = g;
    const [b1, b2] = betas;
    const m = this.buffer(state, "exp_avg", p.length);
    const u = this.buffer(state, "exp_inf", p.length);
    const clr = lr / (1 - b1 ** state.step);
    for (let i = 0; i < p.length; i++) {
      const d = grad[i] + (weightDecay !== 0 ? weightDecay * p[i] : 0);
      m[i] = b1 * m[i] + (1 - b1) * d;
      u[i] = Math.max(b2 * u[i], Math.abs(d) + eps);
      p[i] -= (clr * m[i]) / u[i];
    }
  }
}

export interface AdadeltaOptions {
  lr: number;
  rho?: number;
  eps?: number;
  weightDecay?: number;
  maximize?: boolean;
}

/** Adadelta (Zeiler): step = √(E[Δ²] + ε)/√(E[g²] + ε)·g, lr = 1 by default. */
export class Adadelta extends Optimizer<AdadeltaOptions> {
  constructor(params: ParamsInput, options: Partial<AdadeltaOptions> = {}) {
    super(params, { lr: 1, rho: 0.9, eps: 1e-6, weightDecay: 0, maximize: false, ...options });
  }
  protected update(p: Float32Array, grad: Float32Array, state: ParamState, g: ParamGroup & AdadeltaOptions): void {
    const { lr, rho = 0.9, eps = 1e-6, weightDecay = 0 } = g;
    const sq = this.buffer(state, "square_avg", p.length);
    const acc = this.buffer(state, "acc_delta", p.length);
    for (let i = 0; i < p.length; i++) {
      const d = grad[i] + (weightDecay !== 0 ? weightDecay * p[i] : 0);
      sq[i] = rho * sq[i] + (1 - rho) * d * d;
      const delta = (Math.sqrt(acc[i] + eps) / Math.sqrt(sq[i] + eps)) * d;
      acc[i] = rho * acc[i] + (1 - rho) * delta * delta;
      p[i] -= lr * delta;
    }
  }
}

export interface AdagradOptions {
  lr: number;
  lrDecay?: number;
  weightDecay?: number;
  initialAccumulatorValue?: number;
  eps?: number;
  maximize?: boolean;
}

/** Adagrad: p ← p − lr·g/(√Σg² + ε), with optional learning-rate decay. */
export class Adagrad extends Optimizer<AdagradOptions> {
  constructor(params: ParamsInput, options: Partial<AdagradOptions> = {}) {
    super(params, { lr: 1e-2, lrDecay: 0, weightDecay: 0, initialAccumulatorValue: 0, eps: 1e-10, maximize: false, ...options });
  }
  protected update(p: Float32Array, grad: Float32Array, state: ParamState, g: ParamGroup & AdagradOptions): void {
    const { lr, lrDecay = 0, weightDecay = 0, initialAccumulatorValue = 0, eps = 1e-10 } = g;
    const sum = this.buffer(state, "sum", p.length, initialAccumulatorValue);
    const clr = lr / (1 + (state.step - 1) * lrDecay);
    for (let i = 0; i < p.length; i++) {
      const d = grad[i] + (weightDecay !== 0 ? weightDecay * p[i] : 0);
      sum[i] += d * d;
      p[i] -= (clr * d) / (Math.sqrt(sum[i]) + eps);
    }
  }
}

export interface RMSpropOptions {
  lr: number;
  alpha?: number;
  eps?: number;
  weightDecay?: number;
  momentum?: number;
  centered?: boolean;
  maximize?: boolean;
}

/** RMSprop (Hinton): divides by a running RMS of the gradient; optional momentum and centring. */
export class RMSprop extends Optimizer<RMSpropOptions> {
  constructor(params: ParamsInput, options: Partial<RMSpropOptions> = {}) {
    super(params, { lr: 1e-2, alpha: 0.99, eps: 1e-8, weightDecay: 0, momentum: 0, centered: false, maximize: false, ...options });
  }
  protected update(p: Float32Array, grad: Float32Array, state: ParamState, g: ParamGroup & RMSpropOptions): void {
    const { lr, alpha = 0.99, eps = 1e-8, weightDecay = 0, momentum = 0, centered = false } = g;
    const sq = this.buffer(state, "square_avg", p.length);
    const avgGrad = centered ? this.buffer(state, "grad_avg", p.length) : undefined;
    const buf = momentum > 0 ? this.buffer(state, "momentum_buffer", p.length) : undefined;
    for (let i = 0; i < p.length; i++) {
      const d = grad[i] + (weightDecay !== 0 ? weightDecay * p[i] : 0);
      sq[i] = alpha * sq[i] + (1 - alpha) * d * d;
      let avg: number;
      if (avgGrad) {
        avgGrad[i] = alpha * avgGrad[i] + (1 - alpha) * d;
        avg = Math.sqrt(sq[i] - avgGrad[i] * avgGrad[i]) + eps;
      } else avg = Math.sqrt(sq[i]) + eps;
      if (buf) {
        buf[i] = momentum * buf[i] + d / avg;
        p[i] -= lr * buf[i];
      } else p[i] -= (lr * d) / avg;
    }
  }
}
