export { codePointLength, Kernel } from "./kernel";
export type { KernelOptions, Transport } from "./kernel";
export { History, globToRegExp } from "./history";
export * from "./messages";
export { DeferredExecutor } from "./deferred-executor";
