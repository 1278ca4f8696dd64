// An Executor whose real implementation is loaded later, so the kernel answers
// kernel_info and heartbeat before the TypeScript compiler has finished loading.
import type { CompleteResult, ExecuteOutcome, ExecuteRequest, Executor, ExecutorEvent, InspectResult, IsCompleteResult, JsonObject } from "../executor-api";

export class DeferredExecutor implements Executor {
  private real: Executor | undefined;
  private loading: Promise<Executor> | undefined;
  private readonly listeners: Array<(event: ExecutorEvent) => void> = [];

  constructor(private readonly load: () => Executor | Promise<Executor>) {}

  private loaded(): Promise<Executor> {
    this.loading ??= Promise.resolve()
      .then(() => this.load())
      .then((executor) => {
        this.real = executor;
        for (const listener of this.listeners) executor.onEvent(listener);
        return executor;
      });
    return this.loading;
  }

  async start(): Promise<void> {
    await (await this.loaded()).start();
  }

  onEvent(listener: (event: ExecutorEvent) => void): void {
    this.listeners.push(listener);
    this.real?.onEvent(listener);
  }

  async execute(request: ExecuteRequest): Promise<ExecuteOutcome> {
    return (await this.loaded()).execute(request);
  }

  async complete(code: string, cursorPos: number): Promise<CompleteResult> {
    return (await this.loaded()).complete(code, cursorPos);
  }

  async inspect(code: string, cursorPos: number, detailLevel: 0 | 1): Promise<InspectResult> {
    return (await this.loaded()).inspect(code, cursorPos, detailLevel);
  }

  async isComplete(code: string): Promise<IsCompleteResult> {
    return (await this.loaded()).isComplete(code);
  }

  async commInfo(targetName?: string): Promise<Record<string, { target_name: string }>> {
    return (await this.loaded()).commInfo(targetName);
  }

  private whenLoaded(action: (executor: Executor) => void): void {
    if (this.real) action(this.real);
    else void this.loaded().then(action);
  }

  inputReply(value: string): void {
    this.whenLoaded((executor) => executor.inputReply(value));
  }

  async commOpen(commId: string, targetName: string, data: JsonObject, metadata: JsonObject): Promise<void> {
    await (await this.loaded()).commOpen(commId, targetName, data, metadata);
  }

  async commMsg(commId: string, data: JsonObject, metadata: JsonObject): Promise<void> {
    await (await this.loaded()).commMsg(commId, data, metadata);
  }

  async commClose(commId: string, data: JsonObject, metadata: JsonObject): Promise<void> {
    await (await this.loaded()).commClose(commId, data, metadata);
  }

  /** Nothing runs before the executor is loaded, so an interrupt then has nothing to stop. */
  interrupt(): void {
    this.real?.interrupt();
  }

  async shutdown(): Promise<void> {
    if (this.real) await this.real.shutdown();
  }
}
