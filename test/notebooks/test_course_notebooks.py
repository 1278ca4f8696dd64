"""The course notebooks of notebooks/course/ run top to bottom on the Axone kernel, and their
check cells (code cells tagged `check`) print again what the committed notebook printed.

A check cell asserts one of the courses' worked examples (it throws, and so fails the run, when the
library gives a wrong number) and prints the values it checked: comparing those printed values with
the committed outputs catches a result that drifted while staying inside a tolerance.
Executed copies go to test-results/course/."""
import copy
import re
import sys
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "kernel"))
import axone_kernel  # noqa: E402,F401  (installs the kernelspec of this checkout when needed)
from notebook_outputs import texts  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
COURSE = ROOT / "notebooks" / "course"
OUT = ROOT / "test-results" / "course"
CHAPTERS = sorted(p for p in COURSE.glob("*.ipynb") if p.name != "index.ipynb")


def errors(notebook):
    return [
        f"cell {i}: {o.get('ename')}: {o.get('evalue')}"
        for i, cell in enumerate(notebook.cells)
        if cell.cell_type == "code"
        for o in cell.outputs
        if o.output_type == "error"
    ]


def check_cells(notebook):
    return [(i, cell) for i, cell in enumerate(notebook.cells) if cell.cell_type == "code" and "check" in cell.metadata.get("tags", [])]


def test_there_are_chapters_and_the_index_links_each_one():
    assert CHAPTERS, "no course notebook in notebooks/course/"
    index = nbformat.read(COURSE / "index.ipynb", as_version=4)
    markdown = "\n".join(cell.source for cell in index.cells if cell.cell_type == "markdown")
    linked = set(re.findall(r"\]\(([^)#]+\.ipynb)\)", markdown))
    assert linked == {p.name for p in CHAPTERS}


@pytest.mark.parametrize("path", CHAPTERS, ids=[p.stem for p in CHAPTERS])
def test_committed_notebook_is_executed_and_has_check_cells(path):
    notebook = nbformat.read(path, as_version=4)
    assert notebook.metadata.kernelspec.name == "axone"
    assert not errors(notebook), errors(notebook)
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    assert all(cell.execution_count is not None for cell in code), "commit the notebook executed (nbconvert --execute --inplace)"
    checks = check_cells(notebook)
    assert checks, "a course notebook asserts its worked examples in cells tagged `check`"
    assert all(texts(cell.outputs).strip() for _, cell in checks), "every check cell prints what it checked"


@pytest.mark.parametrize("path", CHAPTERS, ids=[p.stem for p in CHAPTERS])
def test_notebook_reruns_and_reproduces_its_checked_values(path):
    committed = nbformat.read(path, as_version=4)
    notebook = copy.deepcopy(committed)
    for cell in notebook.cells:
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
    NotebookClient(notebook, timeout=120, kernel_name="axone", allow_errors=True, resources={"metadata": {"path": str(COURSE)}}).execute()
    OUT.mkdir(parents=True, exist_ok=True)
    nbformat.write(notebook, OUT / path.name)
    assert not errors(notebook), errors(notebook)
    rerun = dict(check_cells(notebook))
    for i, cell in check_cells(committed):
        assert texts(rerun[i].outputs) == texts(cell.outputs), f"{path.name}, check cell {i}:\n{cell.source}"
