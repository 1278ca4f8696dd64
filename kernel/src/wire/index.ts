export { endpoint, parseConnectionInfo, readConnectionFile } from "./connection";
export type { ConnectionInfo } from "./connection";
export { DELIMITER, decodeMessage, encodeMessage, FramingError } from "./framing";
export type { JsonObject, MessageHeader, WireMessage } from "./framing";
export { Signer } from "./signing";
export { DropLog, KernelSockets } from "./sockets";
export type { Channel, Logger, MessageListener, RequestChannel, SubscribeListener } from "./sockets";
