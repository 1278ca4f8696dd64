// Saving and loading weights in the safetensors format (readable by PyTorch's `safetensors` package).

import { readFileSync, writeFileSync } from "node:fs";
import { Tensor, tensor } from "../core";
import { Module } from "./module";
import { decodeSafetensors, encodeSafetensors, RawTensor } from "./safetensors";

function toRaw(name: string, t: Tensor): RawTensor {
  const values = t.data();
  switch (t.dtype) {
    case "float32":
      return { dtype: "F32", shape: [...t.shape], data: values as Float32Array };
    case "int32":
      return { dtype: "I32", shape: [...t.shape], data: values as Int32Array };
    case "bool":
      return { dtype: "BOOL", shape: [...t.shape], data: Uint8Array.from(values as ArrayLike<number>, (v) => (v ? 1 : 0)) };
    default:
      throw new Error(`saveSafetensors: tensor "${name}" has dtype ${t.dtype as string}, which has no safetensors mapping here`);
  }
}

function fromRaw(name: string, raw: RawTensor): Tensor {
  switch (raw.dtype) {
    case "F32":
      return tensor(raw.data as Float32Array).reshape(raw.shape);
    case "F64":
      return tensor(Float32Array.from(raw.data as Float64Array)).reshape(raw.shape);
    case "I32":
      return tensor(raw.data as Int32Array, { dtype: "int32" }).reshape(raw.shape);
    case "I64":
      return tensor(Int32Array.from(raw.data as BigInt64Array, (v) => Number(v)), { dtype: "int32" }).reshape(raw.shape);
    case "U8":
    case "I8":
    case "I16":
      return tensor(Int32Array.from(raw.data as ArrayLike<number>), { dtype: "int32" }).reshape(raw.shape);
    case "BOOL":
      return tensor(Int32Array.from(raw.data as Uint8Array), { dtype: "int32" }).ne(0).reshape(raw.shape);
    default:
      throw new Error(`loadSafetensors: tensor "${name}" is stored as ${raw.dtype}, which axone cannot read yet (use F32)`);
  }
}

/** Encodes named tensors (a state dict) as safetensors bytes. */
export function serialize(tensors: Record<string, Tensor>, metadata?: Record<string, string>): Uint8Array {
  const raw: Record<string, RawTensor> = {};
  for (const [name, t] of Object.entries(tensors)) raw[name] = toRaw(name, t);
  return encodeSafetensors(raw, metadata);
}

/** Decodes safetensors bytes into named tensors. */
export function deserialize(bytes: Uint8Array): Record<string, Tensor> {
  const { tensors } = decodeSafetensors(bytes);
  const out: Record<string, Tensor> = {};
  for (const [name, raw] of Object.entries(tensors)) out[name] = fromRaw(name, raw);
  return out;
}

/**
 * Writes a model's weights (or any named tensors) to a .safetensors file.
 * @example
 * nn.save(model, "lenet.safetensors"); nn.load(model, "lenet.safetensors");
 */
export function save(what: Module<any, any> | Record<string, Tensor>, path: string, metadata?: Record<string, string>): void {
  const state = what instanceof Module ? what.stateDict() : what;
  writeFileSync(path, serialize(state, { format: "pt", ...metadata }));
}

/** Reads a .safetensors file; into a model (strict names and shapes) when one is given, else returns the tensors. */
export function load(path: string): Record<string, Tensor>;
export function load<M extends Module<any, any>>(model: M, path: string, strict?: boolean): M;
export function load(modelOrPath: Module<any, any> | string, path?: string, strict = true): unknown {
  if (typeof modelOrPath === "string") return deserialize(readFileSync(modelOrPath));
  modelOrPath.loadStateDict(deserialize(readFileSync(path!)), strict);
  return modelOrPath;
}
