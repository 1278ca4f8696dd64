// axone.linalg: solve, inv, det, lstsq (differentiable) and eigh, svd (decompositions, not
// differentiable) for the small dense matrices of a course, as torch.linalg names them.

export { solve, inv } from "./solve";
export { det } from "./det";
export { lstsq } from "./lstsq";
export { eigh, type Eigh } from "./eigh";
export { svd, type SVD } from "./svd";
export { svdLowrank, pcaLowrank, type LowrankSVD, type LowrankOptions } from "./lowrank";
