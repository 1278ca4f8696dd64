#!/usr/bin/env node
// The wire + protocol layers' own share of a cell's round trip: a real ZeroMQ client sends
// execute_request to KernelSockets + Kernel driving an executor that answers at once, and
// waits for the reply and the idle status. Prints the median; run after `npm run build`.
// (bench/kernel.py measures the whole kernel against ipykernel.)
import { createRequire } from "node:module";
import { createServer } from "node:net";
import * as zmq from "zeromq";

const require = createRequire(import.meta.url);
const { KernelSockets, Signer, encodeMessage, decodeMessage, parseConnectionInfo } = require("../kernel/dist/wire/index.js");
const { Kernel } = require("../kernel/dist/protocol/index.js");

const freePort = () => new Promise((resolve) => {
  const server = createServer().listen(0, "127.0.0.1", () => {
    const { port } = server.address();
    server.close(() => resolve(port));
  });
});
const [shell, control, iopub, stdin, hb] = [await freePort(), await freePort(), await freePort(), await freePort(), await freePort()];
const info = parseConnectionInfo({ ip: "127.0.0.1", key: "bench", shell_port: shell, control_port: control, iopub_port: iopub, stdin_port: stdin, hb_port: hb });

let listener = () => {};
const instantExecutor = {
  start: async () => {},
  onEvent: (l) => (listener = l),
  execute: async () => {
    listener({ type: "execute_result", data: { "text/plain": "2" }, metadata: {} });
    return { status: "ok", userExpressions: {} };
  },
  complete: async () => ({ matches: [], cursorStart: 0, cursorEnd: 0, metadata: {} }),
  inspect: async () => ({ found: false, data: {}, metadata: {} }),
  isComplete: async () => ({ status: "complete" }),
  inputReply() {}, commOpen() {}, commMsg() {}, commClose() {},
  commInfo: async () => ({}),
  interrupt() {}, restart: async () => {}, shutdown: async () => {},
};
const sockets = new KernelSockets(info, () => {});
const kernel = new Kernel({ executor: instantExecutor, transport: sockets, languageVersion: "-", implementationVersion: "-" });
await sockets.bind((channel, message) => kernel.receive(channel, message));

const signer = new Signer("bench");
const dealer = new zmq.Dealer();
dealer.connect(`tcp://127.0.0.1:${shell}`);
const subscriber = new zmq.Subscriber();
subscriber.connect(`tcp://127.0.0.1:${iopub}`);
subscriber.subscribe();
await new Promise((resolve) => setTimeout(resolve, 300));

let id = 0;
async function roundTrip() {
  const msgId = `b${++id}`;
  const header = { msg_id: msgId, msg_type: "execute_request", session: "bench", username: "b", date: new Date().toISOString(), version: "5.4" };
  const started = performance.now();
  await dealer.send(encodeMessage({ identities: [], header, parentHeader: {}, metadata: {}, content: { code: "1+1" }, buffers: [] }, signer));
  let replied = false;
  let idle = false;
  const reply = dealer.receive().then(() => (replied = true));
  while (!idle) {
    const message = decodeMessage(await subscriber.receive(), signer);
    idle = message.parentHeader.msg_id === msgId && message.header.msg_type === "status" && message.content.execution_state === "idle";
  }
  await reply;
  if (!replied) throw new Error("no reply");
  return performance.now() - started;
}

for (let i = 0; i < 200; i++) await roundTrip();
const times = [];
for (let i = 0; i < 2000; i++) times.push(await roundTrip());
times.sort((a, b) => a - b);
console.log(`wire + protocol round trip of an instantly answered execute_request (2,000 runs): median ${times[1000].toFixed(3)} ms, p90 ${times[1800].toFixed(3)} ms`);
for (const socket of [dealer, subscriber]) {
  socket.linger = 0;
  socket.close();
}
sockets.close(0);
