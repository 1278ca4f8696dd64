// The core of axone: tensors, dtypes, shapes, autograd, creation functions and the backend registry.
// Importing it also installs every op as a Tensor method and registers the cpu backend.

export * from "./dtype";
export * from "./shape";
export * from "./backend";
import { grad as autogradGrad } from "./tensor";
/** PyTorch's torch.autograd namespace: `autograd.grad(output, inputs)`. */
export const autograd = { grad: autogradGrad };
export { Tensor, noGrad, setGradEnabled, isGradEnabled, record, runKernel, runKernelMulti, toTensor, castTo, type TensorLike, type NestedArray, type GradNode } from "./tensor";
export * from "./creation";
export { manualSeed, initialSeed, defaultGenerator, Generator } from "./random";
export { formatTensor } from "./format";

import "../backends/cpu";
// The gpujs backend registers itself too (it becomes current only where a hardware GPU context exists).
import "../backends/gpujs";
export * from "../ops";
