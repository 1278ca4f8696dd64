#!/usr/bin/python3
"""Kernel benchmark: Axone (type checking on and off) against Debian's ipykernel, in one run.

  /usr/bin/python3 bench/kernel.py [--runs N]

Prints medians of: kernel start → kernel_info_reply (the first reply to arrive), kernel start →
jupyter_client's wait_for_ready returning (which adds 0.2 s of waiting for iopub to fall silent),
the round trip of a trivial cell (`1+1`: execute_request → reply and idle), and
`jupyter nbconvert --execute` of a 20-cell notebook; then the ratios Axone / ipykernel.
Not a test: figures only.
"""
import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat
from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel
from jupyter_client.manager import KernelManager

ROOT = Path(__file__).resolve().parents[1]
LAUNCHER = ROOT / "kernel" / "bin" / "axone-kernel.js"
os.environ.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")


def install_kernelspecs(prefix):
    """axone-bench (type checking on) and axone-bench-nocheck, both of this checkout, under `prefix`."""
    for name, extra in (("axone-bench", []), ("axone-bench-nocheck", ["--", "--no-typecheck"])):
        subprocess.run(["node", str(LAUNCHER), "install", "--prefix", prefix, *extra], check=True, capture_output=True)
        source = Path(prefix) / "share" / "jupyter" / "kernels" / "axone"
        target = Path(prefix) / "share" / "jupyter" / "kernels" / name
        shutil.rmtree(target, ignore_errors=True)
        source.rename(target)
    os.environ["JUPYTER_PATH"] = os.pathsep.join([str(Path(prefix) / "share" / "jupyter"), os.environ.get("JUPYTER_PATH", "")]).rstrip(os.pathsep)


def time_start(kernel_name):
    """Seconds from starting the process to its kernel_info_reply and to wait_for_ready returning, and
    the running (manager, client).

    The request is sent as soon as the client's sockets exist; ZeroMQ delivers it once the kernel
    has bound its sockets (a client that tried too early retries after 100 to 200 ms). wait_for_ready
    then asks again and returns after iopub has been silent for 0.2 s: that second figure is what a
    jupyter_client user waits for, with the same fixed 0.2 s for every kernel.
    """
    km = KernelManager(kernel_name=kernel_name)
    started = time.perf_counter()
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    msg_id = kc.kernel_info()
    while kc.get_shell_msg(timeout=60)["parent_header"].get("msg_id") != msg_id:
        pass
    replied = time.perf_counter() - started
    kc.wait_for_ready(timeout=60)
    return replied, time.perf_counter() - started, km, kc


def stop(km, kc):
    kc.stop_channels()
    km.shutdown_kernel(now=False)


def round_trip(kc, code):
    """Seconds from sending execute_request to having both its reply and its idle status."""
    started = time.perf_counter()
    msg_id = kc.execute(code)
    replied = idle = False
    while not (replied and idle):
        if not replied:
            reply = kc.get_shell_msg(timeout=60)
            replied = reply["parent_header"].get("msg_id") == msg_id
        if not idle:
            while True:
                message = kc.get_iopub_msg(timeout=60)
                if (
                    message["parent_header"].get("msg_id") == msg_id
                    and message["msg_type"] == "status"
                    and message["content"]["execution_state"] == "idle"
                ):
                    idle = True
                    break
    elapsed = time.perf_counter() - started
    assert reply["content"]["status"] == "ok", reply["content"]
    return elapsed


TS_CELLS = [
    "const xs: number[] = Array.from({ length: 1000 }, (_, i) => i)",
    "xs.reduce((a, b) => a + b, 0)",
    "function square(x: number): number { return x * x; }",
    "xs.map(square).slice(0, 5)",
    "interface Point { x: number; y: number }",
    "const p: Point = { x: 3, y: 4 }",
    "Math.hypot(p.x, p.y)",
    'console.log("hello from cell 8")',
    "class Counter { n = 0; inc() { return ++this.n; } }",
    "const c = new Counter(); c.inc(); c.inc()",
    "const words = 'the quick brown fox'.split(' ')",
    "words.map((w) => w.toUpperCase())",
    "const m = new Map(words.map((w, i) => [w, i]))",
    "m.get('fox')",
    "let total = 0; for (const x of xs) total += x; total",
    "JSON.stringify({ a: 1, b: [1, 2] })",
    "const sorted = [...xs].sort((a, b) => b - a).slice(0, 3); sorted",
    "await new Promise((resolve) => setTimeout(resolve, 1))",
    "typeof square",
    "'done'",
]
PY_CELLS = [
    "xs = list(range(1000))",
    "sum(xs)",
    "def square(x: int) -> int:\n    return x * x",
    "[square(x) for x in xs][:5]",
    "from dataclasses import dataclass",
    "@dataclass\nclass Point:\n    x: float\n    y: float",
    "p = Point(3, 4)\nimport math\nmath.hypot(p.x, p.y)",
    'print("hello from cell 8")',
    "class Counter:\n    n = 0\n    def inc(self):\n        self.n += 1\n        return self.n",
    "c = Counter(); c.inc(); c.inc()",
    "words = 'the quick brown fox'.split(' ')",
    "[w.upper() for w in words]",
    "m = {w: i for i, w in enumerate(words)}",
    "m.get('fox')",
    "total = 0\nfor x in xs:\n    total += x\ntotal",
    "import json\njson.dumps({'a': 1, 'b': [1, 2]})",
    "sorted(xs, reverse=True)[:3]",
    "import time\ntime.sleep(0.001)",
    "type(square)",
    "'done'",
]


def time_nbconvert(kernel_name, cells, folder):
    notebook = nbformat.v4.new_notebook()
    notebook.metadata["kernelspec"] = {"name": kernel_name, "display_name": kernel_name}
    notebook.cells = [nbformat.v4.new_code_cell(source) for source in cells]
    path = Path(folder) / f"bench-{kernel_name}.ipynb"
    nbformat.write(notebook, path)
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "nbconvert", "--to", "notebook", "--execute", "--output", path.stem + ".out", str(path)],
        capture_output=True,
        text=True,
    )
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        raise RuntimeError(f"nbconvert on {kernel_name} failed:\n{result.stderr[-2000:]}")
    return elapsed


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5, help="kernel starts and nbconvert runs per kernel")
    parser.add_argument("--cells", type=int, default=50, help="trivial cells timed per kernel start")
    args = parser.parse_args()

    prefix = tempfile.mkdtemp(prefix="axone-bench-")
    install_kernelspecs(prefix)
    kernels = {"axone (type check)": ("axone-bench", TS_CELLS), "axone (no type check)": ("axone-bench-nocheck", TS_CELLS), "ipykernel": ("python3", PY_CELLS)}
    try:
        KernelSpecManager().get_kernel_spec("tslab")
        kernels["tslab"] = ("tslab", TS_CELLS)
    except NoSuchKernel:
        pass

    starts = {label: [] for label in kernels}
    readies = {label: [] for label in kernels}
    trips = {label: [] for label in kernels}
    converts = {label: [] for label in kernels}
    # Interleave the kernels run by run so load on the machine hits them alike.
    for run in range(args.runs):
        for label, (name, _) in kernels.items():
            replied, ready, km, kc = time_start(name)
            starts[label].append(replied)
            readies[label].append(ready)
            try:
                for _ in range(5):
                    round_trip(kc, "1+1")  # warm-up (the first TypeScript cell loads the compiler)
                trips[label].extend(round_trip(kc, "1+1") for _ in range(args.cells))
            finally:
                stop(km, kc)
        for label, (name, cells) in kernels.items():
            converts[label].append(time_nbconvert(name, cells, prefix))
        print(f"run {run + 1}/{args.runs} done", file=sys.stderr)
    shutil.rmtree(prefix, ignore_errors=True)

    ms = lambda values: statistics.median(values) * 1000
    print(f"Kernel benchmark ({args.runs} starts and nbconvert runs, {args.runs * args.cells} timed `1+1` cells per kernel; medians)")
    print(f"{'kernel':<24}{'start→kernel_info':>20}{'start→ready':>14}{'1+1 round trip':>18}{'nbconvert 20 cells':>22}")
    for label in kernels:
        print(f"{label:<24}{ms(starts[label]):>17.0f} ms{ms(readies[label]):>11.0f} ms{ms(trips[label]):>15.2f} ms{ms(converts[label]):>19.0f} ms")
    base = "ipykernel"
    print(f"\nRatios against {base} (below 1 is faster):")
    for label in kernels:
        if label == base:
            continue
        print(
            f"{label:<24}{ms(starts[label]) / ms(starts[base]):>17.2f} x {ms(readies[label]) / ms(readies[base]):>11.2f} x"
            f"{ms(trips[label]) / ms(trips[base]):>15.2f} x {ms(converts[label]) / ms(converts[base]):>19.2f} x"
        )
    print("\nTargets: start (to kernel_info_reply) ≤ 300 ms, 1+1 ≤ 10 ms with type checking (≤ 5 ms without), 20-cell nbconvert no slower than ipykernel.")
    print("start→ready is start→kernel_info plus jupyter_client's fixed 0.2 s wait for a silent iopub.")
    print(f"Load average during the run: {os.getloadavg()[0]:.2f} (1 min) — compare ratios, not absolute figures, on a loaded machine.")
    print(json.dumps({
        "start_ms": {k: ms(v) for k, v in starts.items()},
        "ready_ms": {k: ms(v) for k, v in readies.items()},
        "round_trip_ms": {k: ms(v) for k, v in trips.items()},
        "nbconvert_ms": {k: ms(v) for k, v in converts.items()},
    }))


if __name__ == "__main__":
    main()
