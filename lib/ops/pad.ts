import { full } from "../core/creation";
import { fmtShape, Tensor, toTensor } from "./helpers";
import { cat } from "./cat";
import { indexSelect } from "./indexSelect";

export type PadMode = "constant" | "reflect" | "replicate" | "circular";

/**
 * Pads the last dims: `pads` = [left, right] for the last dim, then [top, bottom] for the one before, …
 * (PyTorch's F.pad order). Negative pads crop. Modes: constant (with `value`), reflect, replicate, circular.
 * @example
 * pad(tensor([[1, 2]]), [1, 1]); // tensor([[0, 1, 2, 0]], dtype=int32)
 */
export function pad(x: Tensor, pads: readonly number[], mode: PadMode = "constant", value = 0): Tensor {
  if (pads.length % 2 !== 0 || pads.length / 2 > x.ndim) throw new Error(`pad: pads [${pads.join(",")}] must hold pairs for at most ${x.ndim} dims of input ${fmtShape(x.shape)}`);
  if (!["constant", "reflect", "replicate", "circular"].includes(mode)) throw new Error(`pad: unknown mode "${mode}"; use constant, reflect, replicate or circular`);
  let y = x;
  for (let k = 0; k < pads.length / 2; k++) {
    const d = x.ndim - 1 - k;
    let before = pads[2 * k], after = pads[2 * k + 1];
    if (!Number.isInteger(before) || !Number.isInteger(after)) throw new Error(`pad: pads must be integers, got [${pads.join(",")}]`);
    // crop first (negative pads)
    if (before < 0 || after < 0) {
      const size = y.shape[d];
      const s = Math.max(0, -before), e = size - Math.max(0, -after);
      if (e < s) throw new Error(`pad: cropping [${pads.join(",")}] removes more than the ${size} elements of dimension ${d}`);
      y = y.narrow(d, s, e - s);
      before = Math.max(0, before);
      after = Math.max(0, after);
    }
    if (before === 0 && after === 0) continue;
    const size = y.shape[d];
    if (mode === "constant") {
      const block = (n: number) => full(y.shape.map((s, i) => (i === d ? n : s)), value, { dtype: y.dtype, device: y.device });
      y = cat([...(before ? [block(before)] : []), y, ...(after ? [block(after)] : [])], d);
      continue;
    }
    if (mode === "reflect" && (before >= size || after >= size)) throw new Error(`pad: reflect padding (${before}, ${after}) must be smaller than the size ${size} of dimension ${d}`);
    if (mode === "circular" && (before > size || after > size)) throw new Error(`pad: circular padding (${before}, ${after}) must not exceed the size ${size} of dimension ${d}`);
    if (size === 0) throw new Error(`pad: cannot ${mode}-pad the empty dimension ${d} of shape ${fmtShape(y.shape)}`);
    const source = (i: number): number => {
      if (mode === "replicate") return Math.min(Math.max(i, 0), size - 1);
      if (mode === "circular") return ((i % size) + size) % size;
      return i < 0 ? -i : i >= size ? 2 * (size - 1) - i : i; // reflect
    };
    const index = Int32Array.from({ length: before + size + after }, (_, j) => source(j - before));
    y = indexSelect(y, d, toTensor(index, y, "int32"));
  }
  return y;
}

declare module "../core/tensor" {
  interface Tensor {
    pad(pads: readonly number[], mode?: PadMode, value?: number): Tensor;
  }
}
Tensor.prototype.pad = function (this: Tensor, pads: readonly number[], mode?: PadMode, value?: number) {
  return pad(this, pads, mode, value);
};
