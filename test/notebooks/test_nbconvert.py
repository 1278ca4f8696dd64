"""`jupyter nbconvert --execute` of TypeScript notebooks on the Axone kernel."""
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "kernel"))
import axone_kernel  # noqa: E402
from notebook_outputs import texts  # noqa: E402


@pytest.fixture(autouse=True, scope="module")
def axone_kernelspec():
    axone_kernel.ensure_kernelspec()


def make_notebook(path, sources):
    notebook = nbformat.v4.new_notebook()
    notebook.metadata["kernelspec"] = {"name": "axone", "display_name": "TypeScript (Axone)", "language": "typescript"}
    notebook.metadata["language_info"] = {"name": "typescript"}
    notebook.cells = [
        nbformat.v4.new_markdown_cell(source[3:]) if source.startswith("md:") else nbformat.v4.new_code_cell(source)
        for source in sources
    ]
    nbformat.write(notebook, path)
    return path


def nbconvert(path, *options):
    return subprocess.run(
        [sys.executable, "-m", "nbconvert", "--to", "notebook", "--execute", *options, "--output", path.stem + ".out", str(path)],
        capture_output=True,
        text=True,
        timeout=180,
    )


def code_outputs(path):
    notebook = nbformat.read(path, as_version=4)
    return [cell.outputs for cell in notebook.cells if cell.cell_type == "code"]


def test_execute_a_notebook(tmp_path):
    path = make_notebook(
        tmp_path / "basics.ipynb",
        [
            "md:# A small TypeScript notebook",
            "const xs: number[] = [1, 2, 3]",
            "xs.map((x) => x * 10)",
            'console.log("sum", xs.reduce((a, b) => a + b, 0))',
            'display(html("<i>inline</i>"))',
            "interface Point { x: number; y: number }\nconst p: Point = { x: 1, y: 2 }\np.x + p.y",
        ],
    )
    result = nbconvert(path)
    assert result.returncode == 0, result.stderr
    outputs = code_outputs(tmp_path / "basics.out.ipynb")
    assert outputs[0] == []
    assert outputs[1][0].output_type == "execute_result"
    assert outputs[1][0].data["text/plain"] == "[ 10, 20, 30 ]"
    assert outputs[1][0].execution_count == 2
    assert texts(outputs[2]) == "sum 6\n"
    assert outputs[3][0].output_type == "display_data" and outputs[3][0].data["text/html"] == "<i>inline</i>"
    assert texts(outputs[4]) == "3"
    notebook = nbformat.read(tmp_path / "basics.out.ipynb", as_version=4)
    assert notebook.metadata.language_info.name == "typescript"
    assert notebook.metadata.language_info.file_extension == ".ts"


SOURCES_WITH_AN_ERROR = [
    "let n = 1",
    'throw new Error("the second cell fails")',
    'n += 1\nconsole.log("third cell", n)',
    "n * 100",
    'console.log("last cell")',
]


def test_allow_errors_runs_every_later_cell(tmp_path):
    path = make_notebook(tmp_path / "failing.ipynb", SOURCES_WITH_AN_ERROR)
    result = nbconvert(path, "--allow-errors")
    assert result.returncode == 0, result.stderr
    outputs = code_outputs(tmp_path / "failing.out.ipynb")
    assert outputs[1][0].output_type == "error"
    assert outputs[1][0].ename == "Error" and "the second cell fails" in outputs[1][0].evalue
    assert texts(outputs[2]) == "third cell 2\n"
    assert texts(outputs[3]) == "200"
    assert texts(outputs[4]) == "last cell\n"


def test_without_allow_errors_the_run_stops_at_the_error(tmp_path):
    path = make_notebook(tmp_path / "failing.ipynb", SOURCES_WITH_AN_ERROR)
    result = nbconvert(path)
    assert result.returncode != 0
    assert "the second cell fails" in result.stderr
