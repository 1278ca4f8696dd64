// The one contract between the protocol layer and the executor layer.
// The protocol knows nothing of how code runs; the executor knows nothing of
// ZeroMQ or Jupyter message headers. Both sides import only this file.

/** A MIME bundle: MIME type → data (string for text types, JSON value for JSON types). */
export type MimeBundle = Record<string, unknown>;
export type JsonObject = Record<string, unknown>;

export interface ExecuteRequest {
  code: string;
  /** Number the protocol gives this cell (already incremented when storeHistory is true). */
  executionCount: number;
  silent: boolean;
  storeHistory: boolean;
  /** name → expression, evaluated after the cell when it succeeded. */
  userExpressions: Record<string, string>;
  /** False when the front end cannot answer input_request: input() must then fail clearly. */
  allowStdin: boolean;
}

export interface ExecuteError {
  ename: string;
  evalue: string;
  traceback: string[];
}

export type ExecuteOutcome =
  | { status: "ok"; userExpressions: Record<string, { status: "ok"; data: MimeBundle; metadata: JsonObject } | ({ status: "error" } & ExecuteError)> }
  | ({ status: "error" } & ExecuteError);

/**
 * What running code produces, in order. The protocol publishes each on iopub with the
 * current execute request as parent (or the last one, for output that comes after a
 * cell finished, such as a late timer or an unhandled rejection).
 */
export type ExecutorEvent =
  | { type: "stream"; name: "stdout" | "stderr"; text: string }
  | { type: "display_data"; data: MimeBundle; metadata: JsonObject; transient: { display_id?: string } }
  | { type: "update_display_data"; data: MimeBundle; metadata: JsonObject; transient: { display_id: string } }
  | { type: "execute_result"; data: MimeBundle; metadata: JsonObject }
  | { type: "clear_output"; wait: boolean }
  /** An error raised outside any cell (late rejection, timer callback, process.exit in a cell). */
  | ({ type: "error" } & ExecuteError)
  /** The code asked for input; answer with Executor.inputReply. */
  | { type: "input_request"; prompt: string; password: boolean }
  | { type: "comm_open"; comm_id: string; target_name: string; data: JsonObject; metadata: JsonObject }
  | { type: "comm_msg"; comm_id: string; data: JsonObject; metadata: JsonObject }
  | { type: "comm_close"; comm_id: string; data: JsonObject; metadata: JsonObject };

export interface CompleteResult {
  matches: string[];
  /** Offsets in Unicode code points, as the protocol counts them. */
  cursorStart: number;
  cursorEnd: number;
  metadata: JsonObject;
}

export interface InspectResult {
  found: boolean;
  data: MimeBundle;
  metadata: JsonObject;
}

export type IsCompleteResult =
  | { status: "complete" | "invalid" | "unknown" }
  | { status: "incomplete"; indent: string };

export interface Executor {
  /** Starts the execution side; resolves when a first cell can run. */
  start(): Promise<void>;
  /** Registers the listener for everything code produces (see ExecutorEvent). */
  onEvent(listener: (event: ExecutorEvent) => void): void;
  /** Runs one cell. Never rejects for a user error: those come back as status "error". */
  execute(request: ExecuteRequest): Promise<ExecuteOutcome>;
  /** cursorPos in Unicode code points. */
  complete(code: string, cursorPos: number): Promise<CompleteResult>;
  inspect(code: string, cursorPos: number, detailLevel: 0 | 1): Promise<InspectResult>;
  isComplete(code: string): Promise<IsCompleteResult>;
  /** Answers the pending input_request. */
  inputReply(value: string): void;
  /**
   * Comms opened or used by the front end. An executor may return a promise that settles once the
   * kernel-side handler ran: the protocol then publishes idle only after the handler's output
   * (as ipykernel does); returning nothing is allowed, the handler's output then follows idle.
   */
  commOpen(commId: string, targetName: string, data: JsonObject, metadata: JsonObject): void | Promise<void>;
  commMsg(commId: string, data: JsonObject, metadata: JsonObject): void | Promise<void>;
  commClose(commId: string, data: JsonObject, metadata: JsonObject): void | Promise<void>;
  /** Open comms, optionally of one target: comm_id → target_name. */
  commInfo(targetName?: string): Promise<Record<string, { target_name: string }>>;
  /** Stops the running cell (sync spin or pending await) with an interrupt error; state is kept. */
  interrupt(): void;
  /** Stops everything for good. */
  shutdown(): Promise<void>;
}
