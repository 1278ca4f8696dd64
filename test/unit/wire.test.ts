import { describe, expect, it } from "vitest";
import { createServer } from "node:net";
import * as zmq from "zeromq";
import {
  DELIMITER,
  decodeMessage,
  DropLog,
  encodeMessage,
  FramingError,
  KernelSockets,
  parseConnectionInfo,
  Signer,
  type MessageHeader,
  type WireMessage,
} from "../../kernel/src/wire";

const header = (msgType: string, msgId = "id-1"): MessageHeader => ({
  msg_id: msgId,
  msg_type: msgType,
  session: "s-1",
  username: "test",
  date: "2026-01-01T00:00:00.000Z",
  version: "5.4",
});

const sample = (): WireMessage => ({
  identities: [Buffer.from("peer-a"), Buffer.from("peer-b")],
  header: header("execute_request"),
  parentHeader: {},
  metadata: { tag: 1 },
  content: { code: "1 + 1", silent: false, text: "é ✓ 😀" },
  buffers: [Buffer.from([0, 1, 2, 255])],
});

const expectDropped = (frames: Buffer[], signer: Signer, reason: FramingError["reason"]) => {
  let caught: unknown;
  try {
    decodeMessage(frames, signer);
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(FramingError);
  expect((caught as FramingError).reason).toBe(reason);
};

describe("Signer (HMAC-SHA256)", () => {
  it("matches the signature Python's hmac computes for the same frames", () => {
    const frames = ['{"msg_id":"a","msg_type":"kernel_info_request"}', "{}", "{}", "{}"].map((text) => Buffer.from(text));
    // hmac.new(b"secret-key", digestmod=sha256) over the four frames, computed with /usr/bin/python3.
    expect(new Signer("secret-key").sign(frames)).toBe("e8daa688bf116b5407d8b00b4f8b7b759f68e988c8649d4f731f14236f8b7d7e");
  });

  it("accepts its own signature and rejects a changed frame, another key, a short or an empty signature", () => {
    const signer = new Signer("k");
    const frames = [Buffer.from('{"a":1}'), Buffer.from("{}"), Buffer.from("{}"), Buffer.from('{"b":2}')];
    const signature = Buffer.from(signer.sign(frames));
    expect(signer.verify(signature, frames)).toBe(true);
    expect(signer.verify(signature, [...frames.slice(0, 3), Buffer.from('{"b":3}')])).toBe(false);
    expect(new Signer("other").verify(signature, frames)).toBe(false);
    expect(signer.verify(signature.subarray(0, 10), frames)).toBe(false);
    expect(signer.verify(Buffer.alloc(0), frames)).toBe(false);
    const flippedLast = Buffer.from(signature);
    flippedLast[flippedLast.length - 1] = flippedLast[flippedLast.length - 1] === 0x30 ? 0x31 : 0x30;
    expect(signer.verify(flippedLast, frames)).toBe(false);
  });

  it("signs nothing and accepts anything when the key is empty, as the protocol says", () => {
    const signer = new Signer("");
    expect(signer.enabled).toBe(false);
    expect(signer.sign([Buffer.from("{}")])).toBe("");
    expect(signer.verify(Buffer.from("whatever"), [Buffer.from("{}")])).toBe(true);
  });
});

describe("framing", () => {
  const signer = new Signer("framing-key");

  it("round-trips identities, the four JSON parts and binary buffers", () => {
    const frames = encodeMessage(sample(), signer);
    expect(frames[2].equals(DELIMITER)).toBe(true);
    expect(frames[3].toString()).toMatch(/^[0-9a-f]{64}$/);
    const decoded = decodeMessage(frames, signer);
    expect(decoded.identities.map(String)).toEqual(["peer-a", "peer-b"]);
    expect(decoded.header).toEqual(sample().header);
    expect(decoded.parentHeader).toEqual({});
    expect(decoded.metadata).toEqual({ tag: 1 });
    expect(decoded.content).toEqual(sample().content);
    expect(decoded.buffers).toHaveLength(1);
    expect([...decoded.buffers[0]]).toEqual([0, 1, 2, 255]);
  });

  it("accepts a message without identities (a DEALER peer through a proxy)", () => {
    const frames = encodeMessage({ ...sample(), identities: [], buffers: [] }, signer);
    expect(decodeMessage(frames, signer).identities).toEqual([]);
  });

  it("drops a message without the <IDS|MSG> delimiter", () => {
    const frames = encodeMessage(sample(), signer).filter((frame) => !frame.equals(DELIMITER));
    expectDropped(frames, signer, "no-delimiter");
  });

  it("drops truncated messages, whatever frame is missing", () => {
    const frames = encodeMessage({ ...sample(), buffers: [] }, signer);
    for (let keep = 3; keep < frames.length; keep++) expectDropped(frames.slice(0, keep), signer, "truncated");
  });

  it("drops unsigned, wrongly signed and tampered messages before parsing them", () => {
    const frames = encodeMessage(sample(), signer);
    expectDropped(encodeMessage(sample(), new Signer("")), signer, "bad-signature");
    expectDropped(encodeMessage(sample(), new Signer("another-key")), signer, "bad-signature");
    const tampered = [...frames];
    tampered[7] = Buffer.from('{"code":"evil()"}');
    expectDropped(tampered, signer, "bad-signature");
  });

  it("drops bad JSON and JSON that is not an object, even when correctly signed", () => {
    const build = (parts: string[]) => {
      const signed = parts.map((part) => Buffer.from(part));
      return [Buffer.from("peer"), DELIMITER, Buffer.from(signer.sign(signed)), ...signed];
    };
    const good = JSON.stringify(header("kernel_info_request"));
    expectDropped(build(["{not json", "{}", "{}", "{}"]), signer, "bad-json");
    expectDropped(build([good, "{}", "{}", "[1,2]"]), signer, "bad-json");
    expectDropped(build([good, "null", "{}", "{}"]), signer, "bad-json");
    expectDropped(build([good, "{}", "{}", "\u00ff\u00fe"]), signer, "bad-json");
    expectDropped(build(['{"msg_id":"x"}', "{}", "{}", "{}"]), signer, "bad-header");
    expectDropped(build(['{"msg_id":"x","msg_type":""}', "{}", "{}", "{}"]), signer, "bad-header");
    expect(decodeMessage(build([good, "{}", "{}", "{}"]), signer).header.msg_type).toBe("kernel_info_request");
  });
});

describe("connection file", () => {
  const valid = { transport: "tcp", ip: "127.0.0.1", key: "k", signature_scheme: "hmac-sha256", shell_port: 1, control_port: 2, iopub_port: 3, stdin_port: 4, hb_port: 5 };

  it("reads the fields jupyter_client writes", () => {
    expect(parseConnectionInfo(valid).ports).toEqual({ shell: 1, control: 2, iopub: 3, stdin: 4, hb: 5 });
  });

  it("names the bad field", () => {
    expect(() => parseConnectionInfo({ ...valid, hb_port: "x" })).toThrow(/hb_port/);
    expect(() => parseConnectionInfo({ ...valid, signature_scheme: "hmac-md5" })).toThrow(/hmac-md5/);
    expect(() => parseConnectionInfo({ ...valid, transport: "udp" })).toThrow(/transport/);
    expect(() => parseConnectionInfo([])).toThrow(/object|shell_port/);
  });
});

describe("DropLog", () => {
  it("counts every drop but logs only the first few of a flood", () => {
    const lines: string[] = [];
    const drops = new DropLog((line) => lines.push(line));
    for (let i = 0; i < 1000; i++) drops.drop("shell", new FramingError("bad-signature", "bad"));
    expect(drops.total).toBe(1000);
    expect(lines.length).toBeLessThan(20);
    expect(lines[0]).toMatch(/shell.*bad-signature/);
  });
});

async function freePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from({ length: count }, () => new Promise<ReturnType<typeof createServer>>((resolve) => {
      const server = createServer();
      server.listen(0, "127.0.0.1", () => resolve(server));
    })),
  );
  const ports = servers.map((server) => (server.address() as { port: number }).port);
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  return ports;
}

describe("KernelSockets over real ZeroMQ", () => {
  it("delivers signed requests, drops malformed ones, answers heartbeat and publishes on iopub", async () => {
    const [shell, control, iopub, stdin, hb] = await freePorts(5);
    const info = parseConnectionInfo({ ip: "127.0.0.1", key: "live-key", shell_port: shell, control_port: control, iopub_port: iopub, stdin_port: stdin, hb_port: hb });
    const logged: string[] = [];
    const sockets = new KernelSockets(info, (line) => logged.push(line));
    const received: Array<[string, WireMessage]> = [];
    let subscriptions = 0;
    await sockets.bind(
      (channel, message) => {
        received.push([channel, message]);
        if (message.header.msg_type === "throw_request") throw new Error("listener failed");
        void sockets.send(channel, { ...message, header: header("kernel_info_reply", "r-1"), parentHeader: message.header, content: { status: "ok" } });
      },
      () => subscriptions++,
    );
    const clientSigner = new Signer("live-key");
    const dealer = new zmq.Dealer({ routingId: "client-1" });
    const controlDealer = new zmq.Dealer({ routingId: "client-1" });
    const beat = new zmq.Request();
    const subscriber = new zmq.Subscriber();
    try {
      dealer.connect(`tcp://127.0.0.1:${shell}`);
      controlDealer.connect(`tcp://127.0.0.1:${control}`);
      beat.connect(`tcp://127.0.0.1:${hb}`);
      subscriber.connect(`tcp://127.0.0.1:${iopub}`);
      subscriber.subscribe();

      // Garbage first: none of it may reach the listener or stop the loop.
      const good = encodeMessage({ ...sample(), identities: [] }, clientSigner);
      await dealer.send([Buffer.from("only one frame")]);
      await dealer.send(good.slice(0, 4));
      await controlDealer.send(encodeMessage({ ...sample(), identities: [] }, new Signer("wrong")));
      await controlDealer.send([DELIMITER, Buffer.from("0".repeat(64)), Buffer.from("{"), Buffer.from("{}"), Buffer.from("{}"), Buffer.from("{}")]);
      await dealer.send(encodeMessage({ ...sample(), identities: [], header: header("throw_request") }, clientSigner));

      await dealer.send(good);
      const reply = decodeMessage(await dealer.receive(), clientSigner);
      expect(reply.header.msg_type).toBe("kernel_info_reply");
      expect(reply.parentHeader).toMatchObject({ msg_id: "id-1" });
      expect(received.map(([channel, message]) => `${channel}:${message.header.msg_type}`)).toEqual(["shell:throw_request", "shell:execute_request"]);
      // The reply went back to the peer that asked, through its routing identity.
      expect(received[1][1].identities.map(String)).toEqual(["client-1"]);

      await controlDealer.send(good);
      expect(decodeMessage(await controlDealer.receive(), clientSigner).header.msg_type).toBe("kernel_info_reply");
      expect(sockets.drops.total).toBe(5);
      expect(logged.some((line) => /bad-signature/.test(line))).toBe(true);

      await beat.send("ping");
      expect(String((await beat.receive())[0])).toBe("ping");

      // iopub reports each subscription (what lets the kernel greet a front end); after it, nothing published is lost.
      for (let wait = 0; wait < 100 && subscriptions === 0; wait++) await new Promise((resolve) => setTimeout(resolve, 20));
      expect(subscriptions).toBe(1);
      await sockets.publish({ header: header("status", "p-1"), parentHeader: {}, metadata: {}, content: { execution_state: "idle" }, buffers: [] });
      const published = await Promise.race([subscriber.receive(), new Promise<undefined>((resolve) => setTimeout(resolve, 5000))]);
      expect(published).toBeDefined();
      expect(String(published![0])).toBe("kernel.s-1.status");
      // A second front end subscribing to the same (empty) topic is reported too.
      const second = new zmq.Subscriber();
      try {
        second.connect(`tcp://127.0.0.1:${iopub}`);
        second.subscribe();
        for (let wait = 0; wait < 100 && subscriptions < 2; wait++) await new Promise((resolve) => setTimeout(resolve, 20));
        expect(subscriptions).toBe(2);
      } finally {
        second.linger = 0;
        second.close();
      }
      expect(decodeMessage(published!, clientSigner).content).toEqual({ execution_state: "idle" });
    } finally {
      for (const socket of [dealer, controlDealer, beat, subscriber]) {
        socket.linger = 0;
        socket.close();
      }
      sockets.close(0);
    }
  });
});
