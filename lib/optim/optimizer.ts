// The optimizer base: parameter groups with their own hyper-parameters, per-parameter state kept as
// typed arrays, and an update rule written once per optimizer over flat Float32Arrays.

import { Tensor } from "../core";
import { readValues, overwrite } from "../nn/storage";

export interface ParamGroup {
  params: Tensor[];
  lr: number;
  [option: string]: unknown;
}

export type ParamsInput = Iterable<Tensor> | ({ params: Iterable<Tensor> } & Record<string, unknown>)[];

/** The state one parameter carries between steps (moment buffers, step count). */
export type ParamState = { step: number } & Record<string, Float32Array | number>;

export abstract class Optimizer<Options extends { lr: number } = { lr: number }> {
  readonly paramGroups: (ParamGroup & Options)[];
  readonly state = new Map<Tensor, ParamState>();
  readonly defaults: Options;

  constructor(params: ParamsInput, defaults: Options) {
    this.defaults = defaults;
    const list = [...(params as Iterable<unknown>)];
    if (list.length === 0) throw new Error(`${this.constructor.name}: got an empty parameter list (did you pass model.parameters()?)`);
    const groups = list[0] instanceof Tensor ? [{ params: list as Tensor[] }] : (list as ({ params: Iterable<Tensor> } & Record<string, unknown>)[]);
    this.paramGroups = groups.map((g) => {
      const params = [...g.params];
      for (const p of params)
        if (!(p instanceof Tensor)) throw new Error(`${this.constructor.name}: every parameter must be a Tensor, got ${typeof p}`);
      return { ...defaults, ...g, params } as ParamGroup & Options;
    });
    for (const g of this.paramGroups) this.validate(g);
  }

  /** Checks a group's hyper-parameters (throws with the name of the bad one). */
  protected validate(group: ParamGroup & Options): void {
    if (!(group.lr >= 0)) throw new Error(`${this.constructor.name}: invalid learning rate ${group.lr} (must be ≥ 0)`);
  }

  /** Clears every parameter's gradient (sets it to null). */
  zeroGrad(): void {
    for (const g of this.paramGroups) for (const p of g.params) p.grad = null;
  }

  /** The update for one parameter: modify `param` in place from `grad`; `state` persists between steps. */
  protected abstract update(param: Float32Array, grad: Float32Array, state: ParamState, group: ParamGroup & Options): void;

  /** Applies one update to every parameter that has a gradient. */
  step(): void {
    for (const group of this.paramGroups) {
      for (const p of group.params) {
        if (!p.grad) continue;
        let state = this.state.get(p);
        if (!state) {
          state = { step: 0 };
          this.state.set(p, state);
        }
        state.step++;
        const values = readValues(p);
        const grad = readValues(p.grad);
        if (grad.length !== values.length) throw new Error(`${this.constructor.name}.step: gradient of shape [${p.grad.shape}] does not match parameter [${p.shape}]`);
        this.update(values, group.maximize ? grad.map((v) => -v) : grad, state, group);
        overwrite(p, values);
      }
    }
  }

  /** A zero-filled buffer in `state` under `name`, created on first use. */
  protected buffer(state: ParamState, name: string, length: number, fill = 0): Float32Array {
    let b = state[name] as Float32Array | undefined;
    if (!b) {
      b = new Float32Array(length).fill(fill);
      state[name] = b;
    }
    return b;
  }
}
