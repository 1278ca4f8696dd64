// nn.Module: the base of every layer and model. Parameters, buffers and sub-modules are registered
// explicitly (registerParameter / registerBuffer / registerModule, or the `param` / `buffer` / `module`
// helpers), so nothing depends on enumerating object fields. Instances are callable like PyTorch's:
// `model(x)` runs `forward(x)` with the forward hooks.

import { inspect } from "node:util";
import { Tensor } from "../core";
import { notebookBundle, notebookPreviews } from "../core/format";
import { moveTo, overwrite } from "./storage";

export type ForwardHook = (module: Module<any, any>, inputs: unknown[], output: unknown) => unknown;
/** Runs before forward; returning an array (or a single value) replaces the inputs, undefined keeps them. */
export type ForwardPreHook = (module: Module<any, any>, inputs: unknown[]) => unknown;

/** What `registerForwardHook` returns: call `remove()` to take the hook away. */
export interface HookHandle {
  remove(): void;
}

let hookIds = 0;

// Declaration merging makes every Module callable in the type system: model(x) ≡ model.forward(x) + hooks.
export interface Module<Args extends unknown[] = [Tensor], Out = Tensor> {
  (...args: Args): Out;
}

/**
 * Base class of layers and models. Subclasses register what they own and implement `forward`.
 * @example
 * class Net extends nn.Module {
 *   fc = this.module("fc", new nn.Linear(3, 1));
 *   forward(x: Tensor) { return this.fc(x).sigmoid(); }
 * }
 * const net = new Net(); net(tensor([[1, 2, 3]]));
 */
export abstract class Module<Args extends unknown[] = [Tensor], Out = Tensor> {
  /** True in training mode (dropout active, batch norm updates its running statistics). */
  declare training: boolean;
  declare readonly _parameters: Map<string, Tensor | null>;
  declare readonly _buffers: Map<string, Tensor | null>;
  declare readonly _modules: Map<string, Module<any, any>>;
  declare readonly _forwardHooks: Map<number, ForwardHook>;
  declare readonly _forwardPreHooks: Map<number, ForwardPreHook>;

  constructor() {
    // The instance is a function whose prototype is the class's, so `model(x)` works. Function's own
    // `name` and `length` are removed so that subclasses can use those names freely.
    const self = function (this: unknown, ...args: unknown[]) {
      return (self as unknown as Module<any, any>).call(...args);
    } as unknown as Module<Args, Out>;
    delete (self as { name?: string }).name;
    delete (self as { length?: number }).length;
    Object.setPrototypeOf(self, new.target.prototype);
    const define = (key: string, value: unknown) => Object.defineProperty(self, key, { value, writable: true, enumerable: false, configurable: true });
    define("training", true);
    define("_parameters", new Map());
    define("_buffers", new Map());
    define("_modules", new Map());
    define("_forwardHooks", new Map());
    define("_forwardPreHooks", new Map());
    return self;
  }

  /** The computation; called by `module(...args)`. */
  abstract forward(...args: Args): Out;

  /** Runs the pre-hooks, forward and the forward hooks (a hook that returns a value replaces the inputs or the output). */
  call(...args: unknown[]): Out {
    for (const hook of this._forwardPreHooks.values()) {
      const replaced = hook(this, args);
      if (replaced !== undefined) args = Array.isArray(replaced) ? replaced : [replaced];
    }
    let output = (this.forward as (...a: unknown[]) => Out)(...args);
    for (const hook of this._forwardHooks.values()) {
      const replaced = hook(this, args, output);
      if (replaced !== undefined) output = replaced as Out;
    }
    return output;
  }

  /** The layer's type name, e.g. "Conv2d". */
  get typeName(): string {
    return Object.getPrototypeOf(this).constructor.name;
  }

  /** Registers a trainable tensor under `name` (it gets requiresGrad = true) and returns it. */
  registerParameter(name: string, value: Tensor | null): Tensor {
    this.checkName(name, "registerParameter");
    if (value !== null && !value.requiresGrad) value.requiresGrad = true;
    this._parameters.set(name, value);
    return value as Tensor;
  }

  /** Registers a state tensor that is not trained (e.g. batch-norm running statistics). */
  registerBuffer(name: string, value: Tensor | null): Tensor {
    this.checkName(name, "registerBuffer");
    this._buffers.set(name, value);
    return value as Tensor;
  }

  /** Registers a sub-module under `name` and returns it. */
  registerModule<M extends Module<any, any>>(name: string, module: M): M {
    this.checkName(name, "registerModule");
    if (!(module instanceof Module)) throw new Error(`registerModule("${name}"): expected an nn.Module, got ${typeof module}`);
    this._modules.set(name, module);
    return module;
  }

  /** Short forms for field initialisers: `weight = this.param("weight", randn([3, 2]))`. */
  param(name: string, value: Tensor): Tensor {
    return this.registerParameter(name, value);
  }
  buffer(name: string, value: Tensor): Tensor {
    return this.registerBuffer(name, value);
  }
  module<M extends Module<any, any>>(name: string, module: M): M {
    return this.registerModule(name, module);
  }

  /** Replaces a registered parameter or buffer tensor (used by loadStateDict and backend moves). */
  protected setTensor(name: string, value: Tensor): void {
    if (this._parameters.has(name)) this._parameters.set(name, value);
    else if (this._buffers.has(name)) this._buffers.set(name, value);
    else throw new Error(`${this.typeName}: no parameter or buffer named "${name}"`);
    // Keep a same-named field, if the subclass declared one, pointing at the new tensor.
    if (Object.prototype.hasOwnProperty.call(this, name)) (this as unknown as Record<string, unknown>)[name] = value;
  }

  private checkName(name: string, what: string): void {
    if (!name || name.includes(".")) throw new Error(`${this.typeName}.${what}: name "${name}" must be non-empty and contain no "."`);
  }

  /**
   * PyTorch registers whatever is assigned to a field (`this.fc = new nn.Linear(…)`); so does this,
   * lazily: a field holding an unregistered Module becomes a sub-module and a field holding an
   * unregistered tensor that requires grad becomes a parameter, under the field's name.
   */
  private adoptFields(): void {
    const known = new Set<unknown>([...this._modules.values(), ...this._parameters.values(), ...this._buffers.values()]);
    for (const key of Object.keys(this)) {
      const value = (this as unknown as Record<string, unknown>)[key];
      if (known.has(value) || key.includes(".")) continue;
      if (value instanceof Module) this._modules.set(key, value);
      else if (value instanceof Tensor && value.requiresGrad && value.isLeaf) this._parameters.set(key, value);
    }
  }

  /** Direct sub-modules. */
  children(): Module<any, any>[] {
    this.adoptFields();
    return [...this._modules.values()];
  }
  namedChildren(): [string, Module<any, any>][] {
    this.adoptFields();
    return [...this._modules.entries()];
  }

  /** This module and every module below it, with dotted names ("" for this one). */
  namedModules(prefix = ""): [string, Module<any, any>][] {
    this.adoptFields();
    const out: [string, Module<any, any>][] = [[prefix, this]];
    for (const [name, child] of this._modules) out.push(...child.namedModules(prefix ? `${prefix}.${name}` : name));
    return out;
  }
  modules(): Module<any, any>[] {
    return this.namedModules().map(([, m]) => m);
  }

  /** Every parameter below this module with its dotted name, e.g. ["0.weight", …]; shared ones once. */
  namedParameters(): [string, Tensor][] {
    const seen = new Set<Tensor>();
    const out: [string, Tensor][] = [];
    for (const [prefix, module] of this.namedModules())
      for (const [name, p] of module._parameters)
        if (p && !seen.has(p)) {
          seen.add(p);
          out.push([prefix ? `${prefix}.${name}` : name, p]);
        }
    return out;
  }
  parameters(): Tensor[] {
    return this.namedParameters().map(([, p]) => p);
  }
  namedBuffers(): [string, Tensor][] {
    const out: [string, Tensor][] = [];
    for (const [prefix, module] of this.namedModules())
      for (const [name, b] of module._buffers) if (b) out.push([prefix ? `${prefix}.${name}` : name, b]);
    return out;
  }
  buffers(): Tensor[] {
    return this.namedBuffers().map(([, b]) => b);
  }

  /** Number of parameter values (trainable only when `trainableOnly`). */
  numParameters(trainableOnly = false): number {
    return this.parameters().reduce((n, p) => n + (trainableOnly && !p.requiresGrad ? 0 : p.numel()), 0);
  }

  /** Sets training mode (true) or evaluation mode (false) on this module and all below; returns this. */
  train(mode = true): this {
    for (const m of this.modules()) m.training = mode;
    return this;
  }
  /** Evaluation mode: dropout off, batch norm uses its running statistics. */
  eval(): this {
    return this.train(false);
  }

  /** Clears the gradient of every parameter. */
  zeroGrad(): void {
    for (const p of this.parameters()) p.grad = null;
  }

  /** Freezes (false) or unfreezes (true) every parameter; returns this. */
  requiresGrad_(requiresGrad = true): this {
    for (const p of this.parameters()) p.requiresGrad = requiresGrad;
    return this;
  }

  /** Calls `fn` on this module and every module below it (children first, like PyTorch's apply). */
  apply(fn: (module: Module<any, any>) => void): this {
    for (const child of this.children()) child.apply(fn);
    fn(this);
    return this;
  }

  /**
   * Adds a hook run after every forward: `hook(module, inputs, output)`. Used to capture feature maps.
   * @example
   * const maps: Tensor[] = [];
   * const handle = model.registerForwardHook((_m, _in, out) => { maps.push(out as Tensor); });
   * model(x); handle.remove();
   */
  registerForwardHook(hook: ForwardHook): HookHandle {
    const id = hookIds++;
    this._forwardHooks.set(id, hook);
    return { remove: () => void this._forwardHooks.delete(id) };
  }

  /**
   * Adds a hook run before every forward: `hook(module, inputs)`; returning an array (or one value)
   * replaces the inputs (PyTorch's register_forward_pre_hook).
   * @example
   * const handle = model.registerForwardPreHook((_m, [x]) => [(x as Tensor).clamp(0, 1)]);
   * model(x); handle.remove();
   */
  registerForwardPreHook(hook: ForwardPreHook): HookHandle {
    const id = hookIds++;
    this._forwardPreHooks.set(id, hook);
    return { remove: () => void this._forwardPreHooks.delete(id) };
  }

  /** Parameters and buffers by dotted name, detached, e.g. for saving. */
  stateDict(): Record<string, Tensor> {
    const out: Record<string, Tensor> = {};
    for (const [prefix, module] of this.namedModules()) {
      for (const [name, p] of module._parameters) if (p) out[prefix ? `${prefix}.${name}` : name] = p.detach();
      for (const [name, b] of module._buffers) if (b) out[prefix ? `${prefix}.${name}` : name] = b.detach();
    }
    return out;
  }

  /**
   * Copies values from a state dict into this module's parameters and buffers. With `strict` (the
   * default) every name must match both ways and every shape must agree.
   */
  loadStateDict(state: Record<string, Tensor>, strict = true): { missingKeys: string[]; unexpectedKeys: string[] } {
    const missingKeys: string[] = [];
    const known = new Set<string>();
    for (const [prefix, module] of this.namedModules()) {
      for (const [name, current] of [...module._parameters, ...module._buffers]) {
        if (!current) continue;
        const key = prefix ? `${prefix}.${name}` : name;
        known.add(key);
        const value = state[key];
        if (value === undefined) {
          missingKeys.push(key);
          continue;
        }
        if (value.shape.join(",") !== current.shape.join(","))
          throw new Error(`loadStateDict: "${key}" has shape [${value.shape.join(", ")}] in the state dict but [${current.shape.join(", ")}] in ${module.typeName}`);
        // In place, so optimizers holding these parameters keep working.
        overwrite(current, value.data() as ArrayLike<number>);
      }
    }
    const unexpectedKeys = Object.keys(state).filter((k) => !known.has(k));
    if (strict && (missingKeys.length || unexpectedKeys.length))
      throw new Error(`loadStateDict: missing keys [${missingKeys.join(", ")}], unexpected keys [${unexpectedKeys.join(", ")}]`);
    return { missingKeys, unexpectedKeys };
  }

  /** Moves every parameter and buffer to a backend (e.g. "cpu", "gpujs"); returns this. */
  to(backend: string): this {
    for (const module of this.modules()) {
      for (const t of [...module._parameters.values(), ...module._buffers.values()]) {
        if (!t) continue;
        moveTo(t, backend);
        if (t.grad) moveTo(t.grad, backend);
      }
    }
    return this;
  }

  /** One line of constructor arguments shown by toString, e.g. "in_features=3, out_features=1". */
  extraRepr(): string {
    return "";
  }

  /** PyTorch-style tree: `Sequential(\n  (0): Linear(in_features=3, …)\n)`. */
  toString(): string {
    const children = this.namedChildren();
    const extra = this.extraRepr();
    if (children.length === 0) return `${this.typeName}(${extra})`;
    const lines = children.map(([name, child]) => `  (${name}): ${child.toString().split("\n").join("\n  ")}`);
    return `${this.typeName}(${extra ? extra + "\n" : "\n"}${lines.join("\n")}\n)`;
  }

  [inspect.custom](): string {
    return this.toString();
  }

  /** The tree text, plus its layer table (kind "summary") when lib/viz is loaded (see viz/preview). */
  [Symbol.for("Jupyter.display")](): Record<string, unknown> {
    const preview = notebookPreviews.module;
    return notebookBundle(this.toString(), preview && (() => preview(this)));
  }
}
