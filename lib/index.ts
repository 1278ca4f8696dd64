// axone: a PyTorch-shaped tensor and deep-learning library for TypeScript notebooks.
//   import { tensor, zeros, randn, noGrad } from "axone";  or  import * as ax from "axone";
// Tensors, dtypes, autograd and creation functions come from ./core, the ops from ./ops
// (also installed as Tensor methods); the cpu backend registers itself on import.

export * from "./core";
export * from "./ops";
export * as nn from "./nn";
export * as optim from "./optim";
export * as data from "./data";
export { summary } from "./nn/summary";
// Threads of the cpu backend's WebAssembly kernels (torch.set_num_threads / get_num_threads).
export { setNumThreads, getNumThreads } from "./backends/cpu/wasm";
export * as audio from "./audio";
export * as text from "./text";
// Inline pictures for notebooks (payload builders; the kernel displays them) and plotly figures.
export * as viz from "./viz";
export { plot } from "./viz";
// Assertions with French messages for course check cells and graded exercises.
export * as testing from "./testing";
// Linear algebra on small dense matrices (torch.linalg): solve, inv, det, lstsq, eigh, svd.
export * as linalg from "./linalg";
