// The kernel's five ZeroMQ sockets. Requests come in on shell, control and stdin
// (ROUTER); output goes out on iopub (PUB); heartbeat (REP) echoes what it gets.
// A malformed message is logged and dropped: nothing a peer sends can stop a loop.
import * as zmq from "zeromq";
import { endpoint } from "./connection";
import type { ConnectionInfo } from "./connection";
import { decodeMessage, encodeMessage, FramingError } from "./framing";
import type { WireMessage } from "./framing";
import { Signer } from "./signing";

export type RequestChannel = "shell" | "control" | "stdin";
export type Channel = RequestChannel | "iopub";

export type MessageListener = (channel: RequestChannel, message: WireMessage) => void;
/** Called when a front end subscribes to iopub, so the kernel can greet it with its status. */
export type SubscribeListener = () => void;
export type Logger = (line: string) => void;

/** Sends on one socket at a time: a zeromq 6 socket refuses a second send while one is pending. */
class SendQueue {
  private tail: Promise<void> = Promise.resolve();
  constructor(private readonly socket: zmq.Router | zmq.XPublisher, private readonly log: Logger, private readonly name: string) {}

  push(frames: Buffer[]): Promise<void> {
    const next = this.tail.then(() => this.socket.send(frames)).catch((error: unknown) => {
      this.log(`${this.name}: send failed: ${(error as Error).message}`);
    });
    this.tail = next;
    return next;
  }
}

/** Counts dropped messages and logs the first few of each reason, then every 100th, so a flood cannot flood the log. */
export class DropLog {
  readonly counts = new Map<string, number>();
  constructor(private readonly log: Logger) {}

  drop(channel: string, error: unknown): void {
    const reason = error instanceof FramingError ? error.reason : "handler-error";
    const count = (this.counts.get(reason) ?? 0) + 1;
    this.counts.set(reason, count);
    if (count <= 5 || count % 100 === 0) {
      this.log(`dropped a message on ${channel} (${reason}, ${count} so far): ${(error as Error)?.message ?? String(error)}`);
    }
  }

  get total(): number {
    let sum = 0;
    for (const count of this.counts.values()) sum += count;
    return sum;
  }
}

export class KernelSockets {
  readonly signer: Signer;
  readonly drops: DropLog;
  private readonly routers: Record<RequestChannel, zmq.Router>;
  // XPUB rather than PUB: it tells us when a front end subscribes (a PUB drops what it sends before that).
  private readonly iopub = new zmq.XPublisher();
  private readonly heartbeat = new zmq.Reply();
  private readonly queues: Record<Channel, SendQueue>;
  private listener: MessageListener = () => {};
  private subscribeListener: SubscribeListener = () => {};
  private closed = false;

  constructor(private readonly info: ConnectionInfo, private readonly log: Logger = (line) => process.stderr.write(`[axone-kernel] ${line}\n`)) {
    // Every front end's subscription, not only the first for a topic, so each one is greeted.
    this.iopub.verbosity = "allSubs";
    this.signer = new Signer(info.key);
    this.drops = new DropLog(log);
    this.routers = { shell: new zmq.Router(), control: new zmq.Router(), stdin: new zmq.Router() };
    this.queues = {
      shell: new SendQueue(this.routers.shell, log, "shell"),
      control: new SendQueue(this.routers.control, log, "control"),
      stdin: new SendQueue(this.routers.stdin, log, "stdin"),
      iopub: new SendQueue(this.iopub, log, "iopub"),
    };
  }

  /** Binds every socket and starts the receive loops; resolves once all are bound. */
  async bind(listener: MessageListener, onSubscribe?: SubscribeListener): Promise<void> {
    this.listener = listener;
    if (onSubscribe) this.subscribeListener = onSubscribe;
    await Promise.all([
      this.routers.shell.bind(endpoint(this.info, "shell")),
      this.routers.control.bind(endpoint(this.info, "control")),
      this.routers.stdin.bind(endpoint(this.info, "stdin")),
      this.iopub.bind(endpoint(this.info, "iopub")),
      this.heartbeat.bind(endpoint(this.info, "hb")),
    ]);
    for (const channel of ["shell", "control", "stdin"] as const) void this.receiveLoop(channel);
    void this.heartbeatLoop();
    void this.subscriptionLoop();
  }

  private async subscriptionLoop(): Promise<void> {
    while (!this.closed) {
      try {
        const [frame] = await this.iopub.receive();
        // A subscription is 0x01 + topic, an unsubscription 0x00 + topic.
        if (frame && frame[0] === 1) this.subscribeListener();
      } catch (error) {
        if (this.closed || this.iopub.closed) return;
        this.log(`iopub subscriptions: ${(error as Error).message}`);
      }
    }
  }

  private async receiveLoop(channel: RequestChannel): Promise<void> {
    const socket = this.routers[channel];
    while (!this.closed) {
      let frames: Buffer[];
      try {
        frames = await socket.receive();
      } catch (error) {
        if (this.closed || socket.closed) return;
        this.log(`${channel}: receive failed: ${(error as Error).message}`);
        continue;
      }
      let message: WireMessage;
      try {
        message = decodeMessage(frames, this.signer);
      } catch (error) {
        this.drops.drop(channel, error);
        continue;
      }
      try {
        this.listener(channel, message);
      } catch (error) {
        this.drops.drop(channel, error);
      }
    }
  }

  private async heartbeatLoop(): Promise<void> {
    while (!this.closed) {
      try {
        const frames = await this.heartbeat.receive();
        await this.heartbeat.send(frames);
      } catch (error) {
        if (this.closed || this.heartbeat.closed) return;
        this.log(`heartbeat: ${(error as Error).message}`);
      }
    }
  }

  /** Sends a reply (or an input_request) to the peer named by `message.identities`. */
  send(channel: RequestChannel, message: WireMessage): Promise<void> {
    if (this.closed) return Promise.resolve();
    return this.queues[channel].push(encodeMessage(message, this.signer));
  }

  /** Publishes on iopub; the topic frame is `kernel.<session>.<msg_type>` as ipykernel names it. */
  publish(message: Omit<WireMessage, "identities">): Promise<void> {
    if (this.closed) return Promise.resolve();
    const topic = Buffer.from(`kernel.${message.header.session}.${message.header.msg_type}`, "utf8");
    return this.queues.iopub.push(encodeMessage({ ...message, identities: [topic] }, this.signer));
  }

  /** Closes every socket, giving queued output up to `lingerMs` to leave. */
  close(lingerMs = 500): void {
    if (this.closed) return;
    this.closed = true;
    for (const socket of [...Object.values(this.routers), this.iopub, this.heartbeat]) {
      socket.linger = lingerMs;
      socket.close();
    }
  }
}
