// Messages between the kernel process and the child process that runs cells.
// Parent → child over Node's IPC channel; child → parent as JSON lines written synchronously on
// fd 4 (so output of a cell that spins still streams out, and everything keeps its order).
import type { ExecuteError, ExecuteOutcome, ExecutorEvent, JsonObject } from "../executor-api";

export const EVENTS_FD = 4;
/** The kernel writes one byte here to interrupt; a thread of the child trips the loop checkpoints. */
export const INTERRUPT_FD = 5;

export type ToChild =
  | {
      type: "execute";
      id: number;
      /** Cell name shown in tracebacks, e.g. In[3]. */
      cellName: string;
      code: string;
      js: string;
      sourceMap: string;
      hasResult: boolean;
      silent: boolean;
      allowStdin: boolean;
      /** name → JavaScript expression */
      userExpressions: Record<string, string>;
    }
  | { type: "input_reply"; value: string }
  /** Comm traffic from the front end; `id` comes back in comm_done once the handlers (and their promises) finished. */
  | { type: "comm_open"; id: number; comm_id: string; target_name: string; data: JsonObject; metadata: JsonObject }
  | { type: "comm_msg"; id: number; comm_id: string; data: JsonObject; metadata: JsonObject }
  | { type: "comm_close"; id: number; comm_id: string; data: JsonObject; metadata: JsonObject };

export type FromChild =
  | { type: "ready"; pid: number }
  | { type: "event"; event: ExecutorEvent }
  | { type: "done"; id: number; outcome: ExecuteOutcome }
  /** Written after everything the comm handlers produced, so their output comes before the request's idle. */
  | { type: "comm_done"; id: number }
  | { type: "exit_requested"; code: number };

export type { ExecuteError };
