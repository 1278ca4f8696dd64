// axone.optim: optimizers and learning-rate schedules.
export { Optimizer, type ParamGroup, type ParamsInput, type ParamState } from "./optimizer";
export * from "./optimizers";
export * as lrScheduler from "./lrScheduler";
export { StepLR, ExponentialLR, CosineAnnealingLR, LambdaLR, LRScheduler } from "./lrScheduler";
