// Learning-rate schedules: call `scheduler.step()` once per epoch (or per iteration), after
// `optimizer.step()`. Each sets every parameter group's lr from its initial lr and the step count.

import { Optimizer } from "./optimizer";

export abstract class LRScheduler {
  readonly baseLrs: number[];
  /** Number of times step() was called. */
  lastEpoch = 0;
  constructor(readonly optimizer: Optimizer<any>) {
    this.baseLrs = optimizer.paramGroups.map((g) => g.lr);
  }
  /** The learning rate of group `i` after `epoch` steps. */
  protected abstract lrAt(epoch: number, baseLr: number, group: number): number;
  /** Advances the schedule by one and writes the new learning rates. */
  step(): void {
    this.lastEpoch++;
    this.optimizer.paramGroups.forEach((g, i) => (g.lr = this.lrAt(this.lastEpoch, this.baseLrs[i], i)));
  }
  /** The learning rates now in use, one per parameter group. */
  getLastLr(): number[] {
    return this.optimizer.paramGroups.map((g) => g.lr);
  }
}

/**
 * lr = base · γ^⌊epoch / stepSize⌋.
 * @example
 * const sched = new optim.lrScheduler.StepLR(opt, { stepSize: 10, gamma: 0.1 });
 */
export class StepLR extends LRScheduler {
  constructor(optimizer: Optimizer<any>, readonly options: { stepSize: number; gamma?: number }) {
    super(optimizer);
  }
  protected lrAt(epoch: number, base: number): number {
    return base * (this.options.gamma ?? 0.1) ** Math.floor(epoch / this.options.stepSize);
  }
}

/** lr = base · γ^epoch. */
export class ExponentialLR extends LRScheduler {
  constructor(optimizer: Optimizer<any>, readonly options: { gamma: number }) {
    super(optimizer);
  }
  protected lrAt(epoch: number, base: number): number {
    return base * this.options.gamma ** epoch;
  }
}

/** lr = η_min + (base − η_min)(1 + cos(π·epoch/T_max))/2. */
export class CosineAnnealingLR extends LRScheduler {
  constructor(optimizer: Optimizer<any>, readonly options: { tMax: number; etaMin?: number }) {
    super(optimizer);
  }
  protected lrAt(epoch: number, base: number): number {
    const etaMin = this.options.etaMin ?? 0;
    return etaMin + ((base - etaMin) * (1 + Math.cos((Math.PI * epoch) / this.options.tMax))) / 2;
  }
}

/**
 * lr = base · λ(epoch); e.g. the course's decreasing step 1/(k+1): `new LambdaLR(opt, (k) => 1 / (k + 1))`.
 */
export class LambdaLR extends LRScheduler {
  constructor(optimizer: Optimizer<any>, readonly lambda: (epoch: number) => number) {
    super(optimizer);
    optimizer.paramGroups.forEach((g, i) => (g.lr = this.baseLrs[i] * lambda(0)));
  }
  protected lrAt(epoch: number, base: number): number {
    return base * this.lambda(epoch);
  }
}
