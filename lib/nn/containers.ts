// Containers: Sequential (runs its layers in order) and ModuleList (holds layers, no forward).

import { Tensor } from "../core";
import { Module } from "./module";

/**
 * Layers applied one after the other; numbered "0", "1", … like PyTorch's.
 * @example
 * const model = new nn.Sequential(new nn.Linear(3, 4), new nn.ReLU(), new nn.Linear(4, 1));
 * model(tensor([[1, 2, 3]])).shape; // [1, 1]
 */
export class Sequential extends Module<[Tensor], Tensor> {
  constructor(...layers: Module<any, any>[] | [Record<string, Module<any, any>>]) {
    super();
    if (layers.length === 1 && !(layers[0] instanceof Module)) {
      for (const [name, layer] of Object.entries(layers[0] as Record<string, Module<any, any>>)) this.registerModule(name, layer);
    } else (layers as Module<any, any>[]).forEach((layer, i) => this.registerModule(String(i), layer));
  }
  forward(x: Tensor): Tensor {
    let out: unknown = x;
    for (const layer of this._modules.values()) out = layer(out);
    return out as Tensor;
  }
  /** Adds a layer at the end. */
  append(layer: Module<any, any>): this {
    this.registerModule(String(this._modules.size), layer);
    return this;
  }
  /** The i-th layer (negative counts from the end). */
  at(i: number): Module<any, any> {
    const list = this.children();
    const layer = list[i < 0 ? list.length + i : i];
    if (!layer) throw new Error(`Sequential.at(${i}): index out of range for ${list.length} layers`);
    return layer;
  }
  get size(): number {
    return this._modules.size;
  }
  [Symbol.iterator](): Iterator<Module<any, any>> {
    return this.children()[Symbol.iterator]();
  }
}

/**
 * A list of sub-modules whose parameters are registered; it has no forward of its own.
 * @example
 * const blocks = new nn.ModuleList([new nn.Linear(4, 4), new nn.Linear(4, 4)]);
 * for (const b of blocks) x = b(x);
 */
export class ModuleList extends Module<[], never> {
  constructor(modules: Module<any, any>[] = []) {
    super();
    modules.forEach((m, i) => this.registerModule(String(i), m));
  }
  forward(): never {
    throw new Error("ModuleList has no forward: iterate over it and call its modules");
  }
  append(m: Module<any, any>): this {
    this.registerModule(String(this._modules.size), m);
    return this;
  }
  at(i: number): Module<any, any> {
    const list = this.children();
    const m = list[i < 0 ? list.length + i : i];
    if (!m) throw new Error(`ModuleList.at(${i}): index out of range for ${list.length} modules`);
    return m;
  }
  get size(): number {
    return this._modules.size;
  }
  [Symbol.iterator](): Iterator<Module<any, any>> {
    return this.children()[Symbol.iterator]();
  }
}
