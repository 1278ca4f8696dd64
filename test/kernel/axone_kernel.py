"""Helpers shared by the tests that drive the Axone kernel through real jupyter_client.

The kernel under test is the one built in this checkout (kernel/dist). When the
installed `axone` kernelspec does not start this checkout's launcher, a private
kernelspec is installed under a temporary prefix and put first on JUPYTER_PATH.
"""
import json
import os
import subprocess
import tempfile
import time
from pathlib import Path

from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel
from jupyter_client.manager import start_new_kernel

ROOT = Path(__file__).resolve().parents[2]
LAUNCHER = ROOT / "kernel" / "bin" / "axone-kernel.js"
KERNEL_NAME = "axone"
TIMEOUT = 60

os.environ.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")


_ensured = False


def ensure_kernelspec():
    """Makes `axone` name this checkout's kernel (called before a kernel starts, not at import,
    so a missing build fails these tests rather than the whole pytest collection)."""
    global _ensured
    if _ensured:
        return
    if not (ROOT / "kernel" / "dist" / "main.js").exists():
        raise RuntimeError("kernel/dist/main.js is missing: run `npm run build` first")
    try:
        spec = KernelSpecManager().get_kernel_spec(KERNEL_NAME)
        if str(LAUNCHER) in spec.argv:
            _ensured = True
            return
    except NoSuchKernel:
        pass
    prefix = tempfile.mkdtemp(prefix="axone-kernelspec-")
    subprocess.run(["node", str(LAUNCHER), "install", "--prefix", prefix], check=True, capture_output=True)
    os.environ["JUPYTER_PATH"] = os.pathsep.join(
        [str(Path(prefix) / "share" / "jupyter")] + [p for p in os.environ.get("JUPYTER_PATH", "").split(os.pathsep) if p]
    )
    _ensured = True


def start_kernel():
    """Starts the axone kernel; returns (manager, client) once kernel_info answered."""
    ensure_kernelspec()
    return start_new_kernel(kernel_name=KERNEL_NAME, startup_timeout=TIMEOUT)


def stop_kernel(km, kc):
    kc.stop_channels()
    km.shutdown_kernel(now=False)


def execute(kc, code, timeout=TIMEOUT, **options):
    """Runs one cell; returns (reply content, [(msg_type, content) of its iopub output]) once idle."""
    msg_id = kc.execute(code, **options)
    reply = wait_reply(kc, msg_id, timeout)
    return reply["content"], collect_iopub(kc, msg_id, timeout)


def wait_reply(kc, msg_id, timeout=TIMEOUT):
    deadline = time.monotonic() + timeout
    while True:
        reply = kc.get_shell_msg(timeout=max(0.1, deadline - time.monotonic()))
        if reply["parent_header"].get("msg_id") == msg_id:
            return reply


def collect_iopub(kc, msg_id, timeout=TIMEOUT):
    """The iopub messages of one request up to its idle status (status messages left out)."""
    outputs = []
    deadline = time.monotonic() + timeout
    while True:
        message = kc.get_iopub_msg(timeout=max(0.1, deadline - time.monotonic()))
        if message["parent_header"].get("msg_id") != msg_id:
            continue
        if message["msg_type"] == "status":
            if message["content"]["execution_state"] == "idle":
                return outputs
            continue
        outputs.append((message["msg_type"], message["content"]))


def wait_busy(kc, msg_id, timeout=TIMEOUT):
    deadline = time.monotonic() + timeout
    while True:
        message = kc.get_iopub_msg(timeout=max(0.1, deadline - time.monotonic()))
        if (
            message["parent_header"].get("msg_id") == msg_id
            and message["msg_type"] == "execute_input"
        ):
            return


def stdout_of(outputs):
    return "".join(c["text"] for t, c in outputs if t == "stream" and c["name"] == "stdout")


def result_of(outputs):
    results = [c["data"]["text/plain"] for t, c in outputs if t == "execute_result"]
    return results[-1] if results else None


def connection_info(km):
    with open(km.connection_file) as f:
        return json.load(f)
