// Contents of the Jupyter messages (protocol 5.4) the kernel answers, as one map
// request type → {request content, reply content}. The reply's msg_type is derived
// from the request's by the type system, so a handler cannot answer with the wrong one.
import type { JsonObject, MimeBundle } from "../executor-api";

export const PROTOCOL_VERSION = "5.4";

export type ReplyStatus = "ok" | "error" | "aborted";
export interface ErrorContent {
  status: "error";
  ename: string;
  evalue: string;
  traceback: string[];
}
export interface AbortedContent {
  status: "aborted";
}

export interface LanguageInfo {
  name: string;
  version: string;
  mimetype: string;
  file_extension: string;
  codemirror_mode: string | JsonObject;
  pygments_lexer: string;
  nbconvert_exporter?: string;
}

export interface KernelInfoReply {
  status: "ok";
  protocol_version: string;
  implementation: string;
  implementation_version: string;
  language_info: LanguageInfo;
  banner: string;
  debugger: boolean;
  help_links: Array<{ text: string; url: string }>;
}

export interface ExecuteRequestContent {
  code: string;
  silent?: boolean;
  store_history?: boolean;
  user_expressions?: Record<string, string>;
  allow_stdin?: boolean;
  stop_on_error?: boolean;
}
export type UserExpressionResult =
  | { status: "ok"; data: MimeBundle; metadata: JsonObject }
  | { status: "error"; ename: string; evalue: string; traceback: string[] };
export interface PagePayload {
  source: "page";
  data: MimeBundle;
  start: number;
}
export type ExecuteReply =
  | { status: "ok"; execution_count: number; user_expressions: Record<string, UserExpressionResult>; payload: PagePayload[] }
  | (ErrorContent & { execution_count: number })
  | (AbortedContent & { execution_count: number });

export interface CompleteReply {
  status: "ok";
  matches: string[];
  cursor_start: number;
  cursor_end: number;
  metadata: JsonObject;
}

export interface InspectReply {
  status: "ok";
  found: boolean;
  data: MimeBundle;
  metadata: JsonObject;
}

export type IsCompleteReply = { status: "complete" | "invalid" | "unknown" } | { status: "incomplete"; indent: string };

export interface HistoryRequestContent {
  output?: boolean;
  raw?: boolean;
  hist_access_type: "range" | "tail" | "search";
  session?: number;
  start?: number;
  stop?: number;
  n?: number;
  pattern?: string;
  unique?: boolean;
}
/** [session, line number, input] or, with output: true, [session, line number, [input, output]]. */
export type HistoryEntry = [number, number, string] | [number, number, [string, string | null]];
export interface HistoryReply {
  status: "ok";
  history: HistoryEntry[];
}

export interface CommInfoReply {
  status: "ok";
  comms: Record<string, { target_name: string }>;
}

export interface ShutdownReply {
  status: "ok";
  restart: boolean;
}

/** A Debug Adapter Protocol response: the kernel has no debugger and says so. */
export interface DebugReply {
  type: "response";
  request_seq: number;
  success: boolean;
  command: string;
  message?: string;
  seq?: number;
  body?: JsonObject;
}

export interface RequestMap {
  kernel_info_request: { request: Record<string, never>; reply: KernelInfoReply };
  execute_request: { request: ExecuteRequestContent; reply: ExecuteReply };
  complete_request: { request: { code: string; cursor_pos: number }; reply: CompleteReply | ErrorContent };
  inspect_request: { request: { code: string; cursor_pos: number; detail_level?: 0 | 1 }; reply: InspectReply | ErrorContent };
  is_complete_request: { request: { code: string }; reply: IsCompleteReply };
  history_request: { request: HistoryRequestContent; reply: HistoryReply | ErrorContent };
  comm_info_request: { request: { target_name?: string }; reply: CommInfoReply | ErrorContent };
  shutdown_request: { request: { restart?: boolean }; reply: ShutdownReply };
  interrupt_request: { request: Record<string, never>; reply: { status: "ok" } | ErrorContent };
  debug_request: { request: JsonObject; reply: DebugReply };
}

export type RequestType = keyof RequestMap;
export type ReplyType<K extends RequestType> = K extends `${infer Prefix}_request` ? `${Prefix}_reply` : never;
export type RequestContent<K extends RequestType> = RequestMap[K]["request"];
export type ReplyContent<K extends RequestType> = RequestMap[K]["reply"];

export const requestTypes: readonly RequestType[] = [
  "kernel_info_request",
  "execute_request",
  "complete_request",
  "inspect_request",
  "is_complete_request",
  "history_request",
  "comm_info_request",
  "shutdown_request",
  "interrupt_request",
  "debug_request",
];

export function isRequestType(msgType: string): msgType is RequestType {
  return (requestTypes as readonly string[]).includes(msgType);
}

/** The reply's msg_type for a request's: `x_request` → `x_reply`, typed so the two cannot drift apart. */
export function replyTypeOf<K extends RequestType>(requestType: K): ReplyType<K> {
  return requestType.replace(/_request$/, "_reply") as ReplyType<K>;
}

/** Messages that get no reply: comm traffic from the front end (shell) and input replies (stdin). */
export interface OneWayMap {
  comm_open: { comm_id: string; target_name: string; data?: JsonObject };
  comm_msg: { comm_id: string; data?: JsonObject };
  comm_close: { comm_id: string; data?: JsonObject };
  input_reply: { value: string };
}
export type OneWayType = keyof OneWayMap;
export const oneWayTypes: readonly OneWayType[] = ["comm_open", "comm_msg", "comm_close", "input_reply"];
export function isOneWayType(msgType: string): msgType is OneWayType {
  return (oneWayTypes as readonly string[]).includes(msgType);
}
