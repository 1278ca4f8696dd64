// The Jupyter wire format over ZeroMQ multipart messages:
//   [routing identities…, "<IDS|MSG>", signature, header, parent_header, metadata, content, buffers…]
import { Signer } from "./signing";

export const DELIMITER = Buffer.from("<IDS|MSG>", "ascii");

export type JsonObject = Record<string, unknown>;

/** The header every message carries; other fields (session, username, date, version) pass through. */
export interface MessageHeader extends JsonObject {
  msg_id: string;
  msg_type: string;
  session: string;
  username: string;
  date: string;
  version: string;
}

export interface WireMessage {
  /** Routing identities of the sender (ROUTER sockets) or the topic (PUB). */
  identities: Buffer[];
  header: MessageHeader;
  /** {} when the message answers nothing. */
  parentHeader: MessageHeader | Record<string, never>;
  metadata: JsonObject;
  content: JsonObject;
  buffers: Buffer[];
}

/** Why an incoming message was dropped. */
export class FramingError extends Error {
  constructor(readonly reason: "no-delimiter" | "truncated" | "bad-signature" | "bad-json" | "bad-header", message: string) {
    super(message);
    this.name = "FramingError";
  }
}

/** Serialises and signs a message into ZeroMQ frames. */
export function encodeMessage(message: WireMessage, signer: Signer): Buffer[] {
  const signed = [message.header, message.parentHeader, message.metadata, message.content].map((part) =>
    Buffer.from(JSON.stringify(part), "utf8"),
  );
  return [...message.identities, DELIMITER, Buffer.from(signer.sign(signed), "ascii"), ...signed, ...message.buffers];
}

/** Checks the signature, then parses the frames; throws FramingError for anything malformed. */
export function decodeMessage(frames: readonly Buffer[], signer: Signer): WireMessage {
  const delimiterAt = frames.findIndex((frame) => frame.equals(DELIMITER));
  if (delimiterAt < 0) throw new FramingError("no-delimiter", `no <IDS|MSG> delimiter among ${frames.length} frames`);
  const rest = frames.slice(delimiterAt + 1);
  if (rest.length < 5) {
    throw new FramingError("truncated", `expected signature, header, parent_header, metadata and content after <IDS|MSG>, got ${rest.length} frames`);
  }
  const [signature, ...body] = rest;
  const signed = body.slice(0, 4);
  if (!signer.verify(signature, signed)) throw new FramingError("bad-signature", "missing or wrong HMAC signature");
  const names = ["header", "parent_header", "metadata", "content"];
  const parts = signed.map((frame, index) => {
    let value: unknown;
    try {
      value = JSON.parse(frame.toString("utf8"));
    } catch {
      throw new FramingError("bad-json", `${names[index]} is not valid JSON`);
    }
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      throw new FramingError("bad-json", `${names[index]} must be a JSON object`);
    }
    return value as JsonObject;
  });
  const [header, parentHeader, metadata, content] = parts;
  if (typeof header.msg_id !== "string" || typeof header.msg_type !== "string" || header.msg_type === "") {
    throw new FramingError("bad-header", "header lacks a string msg_id or msg_type");
  }
  return {
    identities: frames.slice(0, delimiterAt),
    header: header as MessageHeader,
    parentHeader: parentHeader as WireMessage["parentHeader"],
    metadata,
    content,
    buffers: body.slice(4),
  };
}
