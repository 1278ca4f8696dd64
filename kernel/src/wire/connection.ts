// The connection file a Jupyter front end writes for the kernel it starts.
import { readFileSync } from "node:fs";

export interface ConnectionInfo {
  transport: "tcp" | "ipc";
  ip: string;
  key: string;
  signatureScheme: "hmac-sha256";
  ports: { shell: number; control: number; iopub: number; stdin: number; hb: number };
}

const portNames = ["shell", "control", "iopub", "stdin", "hb"] as const;

/** Reads and checks a connection file; throws an error that names the file and the bad field. */
export function readConnectionFile(path: string): ConnectionInfo {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new Error(`connection file ${path}: cannot read it as JSON (${(error as Error).message})`);
  }
  return parseConnectionInfo(raw, path);
}

/** Checks the fields of a parsed connection file. `source` names it in error messages. */
export function parseConnectionInfo(raw: unknown, source = "connection info"): ConnectionInfo {
  if (typeof raw !== "object" || raw === null) throw new Error(`${source}: expected a JSON object`);
  const fields = raw as Record<string, unknown>;
  const transport = fields.transport ?? "tcp";
  if (transport !== "tcp" && transport !== "ipc") throw new Error(`${source}: transport must be "tcp" or "ipc", got ${JSON.stringify(transport)}`);
  const ip = fields.ip ?? "127.0.0.1";
  if (typeof ip !== "string" || ip === "") throw new Error(`${source}: "ip" must be a non-empty string`);
  const key = fields.key ?? "";
  if (typeof key !== "string") throw new Error(`${source}: "key" must be a string`);
  const scheme = fields.signature_scheme ?? "hmac-sha256";
  if (scheme !== "hmac-sha256") throw new Error(`${source}: signature_scheme ${JSON.stringify(scheme)} is not supported; use "hmac-sha256"`);
  const ports = {} as ConnectionInfo["ports"];
  for (const name of portNames) {
    const port = fields[`${name}_port`];
    if (typeof port !== "number" || !Number.isInteger(port) || port <= 0 || port > 65535) {
      throw new Error(`${source}: "${name}_port" must be a port number (1-65535), got ${JSON.stringify(port)}`);
    }
    ports[name] = port;
  }
  return { transport, ip, key, signatureScheme: "hmac-sha256", ports };
}

/** The ZeroMQ endpoint of one channel: tcp://ip:port, or ipc://ip-port as jupyter_client names them. */
export function endpoint(info: ConnectionInfo, channel: keyof ConnectionInfo["ports"]): string {
  const port = info.ports[channel];
  return info.transport === "tcp" ? `tcp://${info.ip}:${port}` : `ipc://${info.ip}-${port}`;
}
