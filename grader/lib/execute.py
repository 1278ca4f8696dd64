"""Execute one notebook on a Jupyter kernel for axone-grade, cell by cell.

Run by Debian's /usr/bin/python3 (nbclient 0.7):
    python3 execute.py IN.ipynb OUT.ipynb --kernel axone --cell-timeout 20 --max-output 200000

Unlike `nbconvert --execute --allow-errors`, a cell that times out or kills the kernel does not end
the run: the kernel is restarted, the cells that ran before are replayed (without their outputs), and
the next cells are executed, so one infinite loop costs only the points of the cells that need it.
Each cell's outputs are capped at --max-output characters so that a submission printing megabytes
gives a small, readable notebook. A JSON summary is printed on stdout (one line).
"""
import argparse
import json
import sys
import time

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellTimeoutError, DeadKernelError

TIMEOUT_ENAME = "CellTimeout"
CRASH_ENAME = "KernelDied"
WORKER_RESTARTED = "KernelRestarted"  # the error the Axone kernel reports when its worker process died
TRUNCATED_NOTE = "\n… [axone-grade : sortie tronquée, plus de {limit} caractères]\n"


def error_output(ename, evalue):
    return nbformat.v4.new_output("error", ename=ename, evalue=evalue, traceback=[f"{ename}: {evalue}"])


class CappedClient(NotebookClient):
    """A NotebookClient that keeps at most `max_output` characters of outputs per cell."""

    max_output_chars = 200_000

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._used = {}
        self._truncated = set()

    def output(self, outs, msg, display_id, cell_index):
        content = msg.get("content", {})
        size = len(json.dumps(content, ensure_ascii=False))
        used = self._used.get(cell_index, 0)
        msg_type = msg.get("msg_type") or msg.get("header", {}).get("msg_type")
        if used + size > self.max_output_chars and msg_type != "error":
            remaining = self.max_output_chars - used
            if msg_type == "stream" and remaining > 0:
                # keep the beginning of the stream up to the cap, so the student sees what came first
                head = dict(msg, content=dict(content, text=content.get("text", "")[:remaining]))
                self._used[cell_index] = self.max_output_chars
                super().output(outs, head, display_id, cell_index)
            if cell_index not in self._truncated:
                self._truncated.add(cell_index)
                out = nbformat.v4.new_output(
                    "stream", name="stderr", text=TRUNCATED_NOTE.format(limit=self.max_output_chars)
                )
                outs.append(out)
            return None
        self._used[cell_index] = used + size
        return super().output(outs, msg, display_id, cell_index)


def replay(client, cells, indices):
    """Run earlier cells again on a new kernel so that later cells see their definitions."""
    for index in indices:
        copy = nbformat.from_dict(json.loads(json.dumps(cells[index])))
        try:
            client.execute_cell(copy, index)
        except (CellTimeoutError, DeadKernelError):
            return False
    return True


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("input")
    parser.add_argument("output")
    parser.add_argument("--kernel", default="axone")
    parser.add_argument("--cell-timeout", type=int, default=30)
    parser.add_argument("--startup-timeout", type=int, default=60)
    parser.add_argument("--max-output", type=int, default=200_000)
    args = parser.parse_args()

    notebook = nbformat.read(args.input, as_version=4)
    CappedClient.max_output_chars = args.max_output
    client = CappedClient(
        notebook,
        timeout=args.cell_timeout,
        startup_timeout=args.startup_timeout,
        kernel_name=args.kernel,
        allow_errors=True,
        interrupt_on_timeout=False,
        shutdown_kernel="immediate",
        record_timing=False,
        resources={"metadata": {"path": "."}},
    )
    summary = {"timeouts": [], "crashes": [], "restarts": 0, "seconds": 0.0}
    started = time.monotonic()
    ran = []  # indices of code cells that completed, replayed after a restart
    position = 0
    while position < len(notebook.cells):
        # One kernel per stretch of cells: a timeout or a crash ends the stretch, the kernel is
        # killed (an interrupt may not stop a busy synchronous loop) and a fresh one replays `ran`.
        with client.setup_kernel():
            if ran:
                summary["restarts"] += 1
                replay(client, notebook.cells, ran)
            while position < len(notebook.cells):
                index, cell = position, notebook.cells[position]
                position += 1
                if cell.cell_type != "code":
                    continue
                try:
                    client.execute_cell(cell, index)
                    if any(o.get("ename") == WORKER_RESTARTED for o in cell.outputs if o.output_type == "error"):
                        # The Axone kernel survived the death of its worker (a SIGKILL, an abort) and
                        # restarted it empty: replay the cells before so later cells see their definitions.
                        summary["crashes"].append(index)
                        summary["restarts"] += 1
                        replay(client, notebook.cells, ran)
                        continue
                    ran.append(index)
                    continue
                except CellTimeoutError:
                    summary["timeouts"].append(index)
                    cell.outputs.append(error_output(
                        TIMEOUT_ENAME,
                        f"la cellule a dépassé {args.cell_timeout:g} s (boucle infinie ?) ; le noyau a été redémarré",
                    ))
                except DeadKernelError:
                    summary["crashes"].append(index)
                    cell.outputs.append(error_output(
                        CRASH_ENAME, "le noyau s'est arrêté pendant cette cellule ; il a été redémarré"
                    ))
                break
    summary["seconds"] = round(time.monotonic() - started, 2)
    nbformat.write(notebook, args.output)
    print(json.dumps(summary))


if __name__ == "__main__":
    sys.exit(main())
