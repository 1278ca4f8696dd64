"""The Axone kernel through real jupyter_client: state, errors, interrupts, heartbeat, stdin, and garbage on the wire."""
import hashlib
import hmac
import json
import os
import signal
import time
import uuid

import subprocess

import pytest
import zmq
from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import KernelManager

from axone_kernel import (
    LAUNCHER,
    TIMEOUT,
    collect_iopub,
    connection_info,
    execute,
    result_of,
    start_kernel,
    stdout_of,
    stop_kernel,
    wait_busy,
    wait_reply,
)


def test_state_is_kept_across_cells(kernel):
    _, kc = kernel
    for code in [
        "let counter = 1",
        "const base = 10",
        "function addBase(x: number): number { return x + base; }",
        "class Box { constructor(public value: number) {} double() { return this.value * 2; } }",
        "counter += 1",
    ]:
        reply, outputs = execute(kc, code)
        assert reply["status"] == "ok", (code, reply, outputs)
    reply, outputs = execute(kc, "new Box(addBase(counter)).double()")
    assert reply["status"] == "ok", reply
    assert result_of(outputs) == "24"
    # Re-running a cell that declares a const works, as users re-run cells.
    reply, _ = execute(kc, "const base = 10")
    assert reply["status"] == "ok", reply


def test_execution_count_and_silent(kernel):
    _, kc = kernel
    first, _ = execute(kc, "1")
    second, outputs = execute(kc, "2")
    assert second["execution_count"] == first["execution_count"] + 1
    assert ("execute_input", {"code": "2", "execution_count": second["execution_count"]}) in outputs
    silent, silent_outputs = execute(kc, "3", silent=True)
    assert silent["status"] == "ok"
    assert silent["execution_count"] == second["execution_count"]
    assert [t for t, _ in silent_outputs if t in ("execute_input", "execute_result")] == []


def test_type_error_then_a_good_cell(kernel):
    _, kc = kernel
    reply, outputs = execute(kc, 'const wrong: number = "text"')
    assert reply["status"] == "error"
    assert "TS2322" in reply["evalue"], reply
    assert "line 1" in reply["evalue"] and "column" in reply["evalue"], reply
    assert [t for t, _ in outputs].count("error") == 1
    reply, outputs = execute(kc, "const right: number = 41; right + 1")
    assert reply["status"] == "ok", reply
    assert result_of(outputs) == "42"


def test_user_expressions(kernel):
    _, kc = kernel
    reply, _ = execute(kc, "const sideLength = 7", user_expressions={"area": "sideLength * sideLength", "bad": "noSuchName"})
    assert reply["status"] == "ok"
    assert reply["user_expressions"]["area"]["status"] == "ok"
    assert reply["user_expressions"]["area"]["data"]["text/plain"] == "49"
    assert reply["user_expressions"]["bad"]["status"] == "error"


def test_stop_on_error_aborts_queued_cells(kernel):
    _, kc = kernel
    failing = kc.execute('throw new Error("first")')
    queued = [kc.execute(f"console.log('queued {i}')") for i in range(3)]
    assert wait_reply(kc, failing)["content"]["status"] == "error"
    for msg_id in queued:
        assert wait_reply(kc, msg_id)["content"]["status"] == "aborted"
    reply, outputs = execute(kc, "console.log('after')")
    assert reply["status"] == "ok" and stdout_of(outputs) == "after\n"


def test_a_cell_sent_after_an_error_reply_runs(kernel):
    _, kc = kernel
    for _ in range(5):
        failing = kc.execute('throw new Error("fails")')
        assert wait_reply(kc, failing)["content"]["status"] == "error"
        # Sent as soon as the error reply is in, before the kernel may have published idle: not aborted.
        reply, outputs = execute(kc, "console.log('next')")
        assert reply["status"] == "ok", reply
        assert stdout_of(outputs) == "next\n"


def test_stop_on_error_false_runs_later_cells(kernel):
    _, kc = kernel
    failing = kc.execute('throw new Error("first")', stop_on_error=False)
    later = kc.execute("console.log('still runs')", stop_on_error=False)
    assert wait_reply(kc, failing)["content"]["status"] == "error"
    assert wait_reply(kc, later)["content"]["status"] == "ok"
    assert "still runs" in stdout_of(collect_iopub(kc, later))


def test_stdin_input_and_password(kernel):
    _, kc = kernel
    msg_id = kc.execute('const who = await input("name? "); console.log(`hello ${who}`)', allow_stdin=True)
    request = kc.get_stdin_msg(timeout=TIMEOUT)
    assert request["msg_type"] == "input_request"
    assert request["content"] == {"prompt": "name? ", "password": False}
    assert request["parent_header"]["msg_id"] == msg_id
    kc.input("Ada")
    assert wait_reply(kc, msg_id)["content"]["status"] == "ok"
    assert "hello Ada" in stdout_of(collect_iopub(kc, msg_id))

    msg_id = kc.execute('const secret = await input("pin: ", { password: true }); secret.length', allow_stdin=True)
    request = kc.get_stdin_msg(timeout=TIMEOUT)
    assert request["content"]["password"] is True
    kc.input("1234")
    assert wait_reply(kc, msg_id)["content"]["status"] == "ok"
    assert result_of(collect_iopub(kc, msg_id)) == "4"


def test_input_without_stdin_fails_clearly(kernel):
    _, kc = kernel
    reply, _ = execute(kc, 'await input("name? ")', allow_stdin=False)
    assert reply["status"] == "error"
    assert "allow_stdin" in reply["evalue"] or "input" in reply["evalue"], reply


def _is_complete(kc, code):
    return wait_reply(kc, kc.is_complete(code))["content"]["status"]


def test_is_complete_over_the_wire(kernel):
    _, kc = kernel
    assert _is_complete(kc, "class A {\n  m() { return `${1}`; }\n}") == "complete"
    assert _is_complete(kc, "class A {\n  m() {") == "incomplete"
    reply = wait_reply(kc, kc.is_complete("if (x) {"))["content"]
    assert reply["status"] == "incomplete" and isinstance(reply["indent"], str)


def test_comm_info_and_debug_replies(kernel):
    _, kc = kernel
    msg_id = kc.comm_info()
    reply = wait_reply(kc, msg_id)
    assert reply["msg_type"] == "comm_info_reply"
    assert reply["content"]["status"] == "ok" and isinstance(reply["content"]["comms"], dict)

    message = kc.session.msg("debug_request", {"seq": 1, "type": "request", "command": "initialize", "arguments": {}})
    kc.control_channel.send(message)
    deadline = time.monotonic() + TIMEOUT
    while True:
        reply = kc.get_control_msg(timeout=max(0.1, deadline - time.monotonic()))
        if reply["parent_header"].get("msg_id") == message["header"]["msg_id"]:
            break
    assert reply["msg_type"] == "debug_reply"
    assert reply["content"]["success"] is False
    assert "not supported" in reply["content"]["message"]


def _send_shell(kc, msg_type, content):
    message = kc.session.msg(msg_type, content)
    kc.shell_channel.send(message)
    return message["header"]["msg_id"]


def _comm_messages(kc, comm_id, count, timeout=TIMEOUT):
    """The first `count` comm messages of `comm_id` on iopub, whether they come before or after idle."""
    found = []
    deadline = time.monotonic() + timeout
    while len(found) < count:
        message = kc.get_iopub_msg(timeout=max(0.1, deadline - time.monotonic()))
        if message["msg_type"].startswith("comm_") and message["content"].get("comm_id") == comm_id:
            found.append((message["msg_type"], message["content"]))
    return found


def _comm_infos(kc):
    return wait_reply(kc, kc.comm_info())["content"]["comms"]


def test_comms_both_ways(kernel):
    _, kc = kernel
    reply, _ = execute(kc, 'comm.registerTarget("echo", (c, data) => { c.onMsg((d) => c.send({ echo: d })); c.send({ opened: data }); })')
    assert reply["status"] == "ok", reply

    _send_shell(kc, "comm_open", {"comm_id": "wire-c1", "target_name": "echo", "data": {"hello": 1}})
    assert _comm_messages(kc, "wire-c1", 1) == [("comm_msg", {"comm_id": "wire-c1", "data": {"opened": {"hello": 1}}})]
    assert _comm_infos(kc).get("wire-c1") == {"target_name": "echo"}

    _send_shell(kc, "comm_msg", {"comm_id": "wire-c1", "data": {"x": 2}})
    assert _comm_messages(kc, "wire-c1", 1) == [("comm_msg", {"comm_id": "wire-c1", "data": {"echo": {"x": 2}}})]

    _send_shell(kc, "comm_close", {"comm_id": "wire-c1", "data": {}})
    deadline = time.monotonic() + 10
    while "wire-c1" in _comm_infos(kc) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert "wire-c1" not in _comm_infos(kc)

    # A target nobody registered: the kernel closes the comm and says why.
    _send_shell(kc, "comm_open", {"comm_id": "wire-c2", "target_name": "nobody", "data": {}})
    [(msg_type, content)] = _comm_messages(kc, "wire-c2", 1)
    assert msg_type == "comm_close" and "nobody" in json.dumps(content["data"])

    # A comm the kernel opens comes out under the cell that opened it.
    reply, outputs = execute(kc, 'const opened = comm.open("front.target", { a: 1 }); opened.commId')
    assert reply["status"] == "ok", reply
    comm_opens = [c for t, c in outputs if t == "comm_open"]
    assert comm_opens and comm_opens[0]["target_name"] == "front.target" and comm_opens[0]["data"] == {"a": 1}


def _iopub_until_idle_of(kc, msg_id, timeout=TIMEOUT):
    """Every iopub message (any parent) up to the idle status of request `msg_id`, as (msg_type, content)."""
    seen = []
    deadline = time.monotonic() + timeout
    while True:
        message = kc.get_iopub_msg(timeout=max(0.1, deadline - time.monotonic()))
        if message["msg_type"] == "status" and message["parent_header"].get("msg_id") == msg_id and message["content"]["execution_state"] == "idle":
            return seen
        seen.append((message["msg_type"], message["content"]))


def test_async_comm_handler_output_comes_before_idle(kernel):
    _, kc = kernel
    reply, _ = execute(
        kc,
        'comm.registerTarget("slow", async (c, data) => {\n'
        '  await new Promise((r) => setTimeout(r, 200));\n'
        '  console.log("opened", data.n);\n'
        '  c.onMsg(async (d) => {\n'
        '    await new Promise((r) => setTimeout(r, 200));\n'
        '    display(html("<b>shown " + d.n + "</b>"));\n'
        '    c.send({ answer: d.n });\n'
        '  });\n'
        '})',
    )
    assert reply["status"] == "ok", reply

    opened = _iopub_until_idle_of(kc, _send_shell(kc, "comm_open", {"comm_id": "slow-c1", "target_name": "slow", "data": {"n": 1}}))
    assert ("stream", {"name": "stdout", "text": "opened 1\n"}) in opened, opened

    handled = _iopub_until_idle_of(kc, _send_shell(kc, "comm_msg", {"comm_id": "slow-c1", "data": {"n": 2}}))
    types = [msg_type for msg_type, _ in handled if msg_type != "status"]
    assert types == ["display_data", "comm_msg"], handled
    [display] = [content for msg_type, content in handled if msg_type == "display_data"]
    assert "shown 2" in display["data"]["text/html"]
    assert ("comm_msg", {"comm_id": "slow-c1", "data": {"answer": 2}}) in handled


def _spin_until_interrupted(km, kc, interrupt):
    """Starts an endless cell, interrupts it with `interrupt()`, and checks the error and that state survived."""
    reply, _ = execute(kc, "let survivor = 'still here'; let spins = 0")
    assert reply["status"] == "ok"
    msg_id = kc.execute("while (true) { spins++; }")
    wait_busy(kc, msg_id)
    time.sleep(0.5)
    interrupt()
    reply = wait_reply(kc, msg_id, timeout=20)["content"]
    assert reply["status"] == "error"
    assert "nterrupt" in reply["ename"] + reply["evalue"], reply
    reply, outputs = execute(kc, "survivor + ' ' + (spins > 0)")
    assert reply["status"] == "ok", reply
    assert result_of(outputs) == "'still here true'"


def test_interrupt_by_message_keeps_variables(kernel):
    km, kc = kernel
    assert km.kernel_spec.interrupt_mode == "message"
    _spin_until_interrupted(km, kc, km.interrupt_kernel)


def test_interrupt_by_sigint_keeps_variables(kernel):
    km, kc = kernel
    pid = km.provisioner.process.pid
    _spin_until_interrupted(km, kc, lambda: os.kill(pid, signal.SIGINT))
    assert km.is_alive()


def test_interrupt_of_a_long_await(kernel):
    km, kc = kernel
    reply, _ = execute(kc, "const awaited = 'kept'")
    assert reply["status"] == "ok", reply
    msg_id = kc.execute("await new Promise((resolve) => setTimeout(resolve, 60_000))")
    wait_busy(kc, msg_id)
    time.sleep(0.3)
    km.interrupt_kernel()
    reply = wait_reply(kc, msg_id, timeout=20)["content"]
    assert reply["status"] == "error"
    reply, outputs = execute(kc, "awaited")
    assert result_of(outputs) == "'kept'", (reply, outputs)


def test_heartbeat_and_control_answer_while_a_cell_spins(kernel):
    km, kc = kernel
    info = connection_info(km)
    context = zmq.Context.instance()
    beat = context.socket(zmq.REQ)
    beat.setsockopt(zmq.LINGER, 0)
    beat.connect(f"tcp://{info['ip']}:{info['hb_port']}")
    try:
        msg_id = kc.execute("const spinStart = Date.now(); while (Date.now() - spinStart < 60_000) {}")
        wait_busy(kc, msg_id)
        time.sleep(0.3)
        for i in range(5):
            started = time.monotonic()
            beat.send(b"ping %d" % i)
            assert beat.poll(2000), "heartbeat did not answer within 2 s while a cell spins"
            assert beat.recv() == b"ping %d" % i
            assert time.monotonic() - started < 2
        # Control answers too: kernel_info on the control channel.
        message = kc.session.msg("kernel_info_request", {})
        kc.control_channel.send(message)
        reply = kc.get_control_msg(timeout=5)
        assert reply["msg_type"] == "kernel_info_reply"
        km.interrupt_kernel()
        assert wait_reply(kc, msg_id, timeout=20)["content"]["status"] == "error"
    finally:
        beat.close()


def _sign(key, frames):
    mac = hmac.new(key, digestmod=hashlib.sha256)
    for frame in frames:
        mac.update(frame)
    return mac.hexdigest().encode()


def _bad_messages(key, count):
    """`count` messages that are malformed, unsigned, wrongly signed, truncated or not JSON."""
    def parts(msg_type="kernel_info_request"):
        header = {"msg_id": uuid.uuid4().hex, "msg_type": msg_type, "session": "attacker", "username": "x", "date": "2026-01-01T00:00:00Z", "version": "5.4"}
        return [json.dumps(header).encode(), b"{}", b"{}", b"{}"]

    makers = [
        lambda: [b"garbage"],
        lambda: [b"<IDS|MSG>"],
        lambda: [b"<IDS|MSG>", _sign(key, parts())] + parts()[:2],  # truncated
        lambda: [b"<IDS|MSG>", b""] + parts(),  # unsigned
        lambda: [b"<IDS|MSG>", b"0" * 64] + parts(),  # wrongly signed
        lambda: [b"<IDS|MSG>", _sign(b"another key", parts())] + parts(),
        lambda: [b"<IDS|MSG>", _sign(key, [b"{nope", b"{}", b"{}", b"{}"]), b"{nope", b"{}", b"{}", b"{}"],  # signed, not JSON
        lambda: [b"<IDS|MSG>", _sign(key, [b"[]", b"{}", b"{}", b"{}"]), b"[]", b"{}", b"{}", b"{}"],  # signed, header not an object
        lambda: [b"<IDS|MSG>", _sign(key, [b'{"msg_id": 1}', b"{}", b"{}", b"{}"]), b'{"msg_id": 1}', b"{}", b"{}", b"{}"],  # no msg_type
        lambda: [os.urandom(40) for _ in range(3)],
    ]
    return [makers[i % len(makers)]() for i in range(count)]


def test_a_thousand_bad_messages_leave_the_kernel_answering():
    km, kc = start_kernel()
    try:
        info = connection_info(km)
        key = info["key"].encode()
        context = zmq.Context.instance()
        sockets = []
        for channel in ("shell", "control"):
            socket = context.socket(zmq.DEALER)
            socket.setsockopt(zmq.LINGER, 0)
            socket.connect(f"tcp://{info['ip']}:{info[channel + '_port']}")
            sockets.append(socket)
        try:
            for socket in sockets:
                for frames in _bad_messages(key, 1000):
                    socket.send_multipart(frames)
            # Nothing may come back for any of them.
            for socket in sockets:
                assert not socket.poll(500), "the kernel answered a malformed message"
        finally:
            for socket in sockets:
                socket.close()
        assert km.is_alive()
        msg_id = kc.kernel_info()
        reply = wait_reply(kc, msg_id, timeout=TIMEOUT)
        assert reply["content"]["language_info"]["name"] == "typescript"
        reply, outputs = execute(kc, "40 + 2")
        assert result_of(outputs) == "42"
    finally:
        stop_kernel(km, kc)


def test_shutdown_while_a_cell_spins_exits_cleanly():
    km, kc = start_kernel()
    process = km.provisioner.process
    msg_id = kc.execute("while (true) {}")
    wait_busy(kc, msg_id)
    kc.stop_channels()
    started = time.monotonic()
    km.shutdown_kernel(now=False)
    assert process.wait(timeout=10) == 0
    assert time.monotonic() - started < 4.5


def test_restart_gives_a_fresh_working_kernel():
    km, kc = start_kernel()
    try:
        reply, _ = execute(kc, "const beforeRestart = 1")
        assert reply["status"] == "ok"
        old_pid = km.provisioner.process.pid
        km.restart_kernel(now=False)
        assert km.provisioner.process.pid != old_pid
        kc.wait_for_ready(timeout=TIMEOUT)
        reply, _ = execute(kc, "beforeRestart")
        assert reply["status"] == "error" and "beforeRestart" in reply["evalue"], reply
        assert reply["execution_count"] == 1
        reply, outputs = execute(kc, "const beforeRestart = 2; beforeRestart")
        assert reply["status"] == "ok", reply
        assert result_of(outputs) == "2"
    finally:
        stop_kernel(km, kc)


def test_no_typecheck_option(tmp_path):
    subprocess.run(["node", str(LAUNCHER), "install", "--prefix", str(tmp_path), "--", "--no-typecheck"], check=True, capture_output=True)
    km = KernelManager(kernel_name="axone", kernel_spec_manager=KernelSpecManager(kernel_dirs=[str(tmp_path / "share" / "jupyter" / "kernels")]))
    assert "--no-typecheck" in km.kernel_spec.argv
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    try:
        kc.wait_for_ready(timeout=TIMEOUT)
        reply, outputs = execute(kc, 'const typo: number = "text"; typo')
        assert reply["status"] == "ok", reply
        assert result_of(outputs) == "'text'"
    finally:
        stop_kernel(km, kc)


def test_shutdown_exits_cleanly():
    km, kc = start_kernel()
    process = km.provisioner.process
    kc.stop_channels()
    started = time.monotonic()
    km.shutdown_kernel(now=False)
    assert process.wait(timeout=10) == 0
    # Exiting on its own, well before jupyter_client would kill it (5 s).
    assert time.monotonic() - started < 4.5
