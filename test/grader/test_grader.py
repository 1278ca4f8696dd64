"""axone-grade: release a source notebook, then grade a folder of synthetic submissions on the
real Axone kernel (correct, partly correct, wrong, empty, infinite loop, worker crash, kernel death, megabytes of
output, tampered and deleted tests, malformed JSON) and check every score, the CSV, the JUnit XML
and the feedback pages."""
import copy
import csv
import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "test" / "kernel"))
import axone_kernel  # noqa: E402

GRADE = [str(ROOT / "grader" / "axone-grade.mjs")]
EXERCISES = sorted((ROOT / "notebooks" / "exercises").glob("*.ipynb"))
SGD = ROOT / "notebooks" / "exercises" / "sgd-convergence.ipynb"
CELL_TIMEOUT = 8


def run_grade(*args, timeout=900):
    return subprocess.run(["node", *GRADE, *map(str, args)], capture_output=True, text=True, timeout=timeout)


def source_text(cell):
    return "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]


def cell_by_id(notebook, grade_id):
    return next(cell for cell in notebook["cells"] if cell.get("metadata", {}).get("nbgrader", {}).get("grade_id") == grade_id)


def regions(text, begin, end):
    """The lines strictly inside each begin/end region."""
    inside, lines = False, []
    for line in text.split("\n"):
        if line.strip() == begin:
            inside = True
        elif line.strip() == end:
            inside = False
        elif inside and line.strip():
            lines.append(line.strip())
    return lines


@pytest.fixture(scope="module")
def released(tmp_path_factory):
    out = tmp_path_factory.mktemp("release")
    result = run_grade("release", *EXERCISES, "--out", out)
    assert result.returncode == 0, result.stderr
    return out


def test_every_exercise_has_graded_cells_with_nbgrader_metadata():
    assert EXERCISES, "notebooks/exercises/ holds no exercise"
    for path in EXERCISES:
        notebook = json.loads(path.read_text())
        assert notebook["metadata"]["kernelspec"]["name"] == "axone"
        metas = [c["metadata"]["nbgrader"] for c in notebook["cells"] if "nbgrader" in c.get("metadata", {})]
        assert any(m["solution"] for m in metas) and any(m["grade"] for m in metas), path.name
        for meta in metas:
            assert meta["schema_version"] == 3
            assert set(meta) >= {"grade", "solution", "locked", "grade_id"}
            if meta["grade"]:
                assert meta["points"] > 0


def test_release_hides_solutions_and_hidden_tests(released):
    for path in EXERCISES:
        source = json.loads(path.read_text())
        student = json.loads((released / path.name).read_text())
        assert len(student["cells"]) == len(source["cells"])
        released_text = "\n".join(source_text(c) for c in student["cells"])
        assert "BEGIN SOLUTION" not in released_text and "HIDDEN TESTS" not in released_text
        secret = []
        for cell in source["cells"]:
            text = source_text(cell)
            secret += regions(text, "// BEGIN SOLUTION", "// END SOLUTION")
            secret += regions(text, "// BEGIN HIDDEN TESTS", "// END HIDDEN TESTS")
        assert secret, f"{path.name} has no solution or hidden test region"
        student_lines = {line.strip() for line in released_text.split("\n")}
        leaked = [line for line in secret if line in student_lines and len(line) > 3 and line not in ("}", "})")]
        assert not leaked, f"{path.name} leaks {leaked}"
        for cell in student["cells"]:
            if cell["cell_type"] == "code":
                assert cell["outputs"] == [] and cell["execution_count"] is None
            meta = cell.get("metadata", {}).get("nbgrader")
            if meta and meta["solution"]:
                assert 'throw new Error("not implemented")' in source_text(cell)
                assert "// YOUR CODE HERE" in source_text(cell)
            if meta and (meta["locked"] or meta["grade"]) and not meta["solution"]:
                assert re.fullmatch(r"[0-9a-f]{64}", meta["checksum"])


def test_release_rejects_an_unclosed_solution_region(tmp_path):
    source = json.loads(SGD.read_text())
    cell = cell_by_id(source, "sgd")
    cell["source"] = source_text(cell).replace("// END SOLUTION", "")
    bad = tmp_path / "bad.ipynb"
    bad.write_text(json.dumps(source))
    result = run_grade("release", bad, "--out", tmp_path / "out")
    assert result.returncode == 2
    assert "never closed" in result.stderr and "sgd" in result.stderr


def with_answers(released_notebook, answers, extra=()):
    """A submission: the released notebook with some answer cells filled in, plus extra cells."""
    notebook = copy.deepcopy(released_notebook)
    for grade_id, code in answers.items():
        cell_by_id(notebook, grade_id)["source"] = code
    for after, code in extra:
        index = notebook["cells"].index(cell_by_id(notebook, after))
        notebook["cells"].insert(index + 1, {"cell_type": "code", "metadata": {}, "source": code, "outputs": [], "execution_count": None})
    return notebook


def solution(source, grade_id):
    return source_text(cell_by_id(source, grade_id)).replace("// BEGIN SOLUTION\n", "").replace("// END SOLUTION\n", "")


@pytest.fixture(scope="module")
def graded(released, tmp_path_factory):
    axone_kernel.ensure_kernelspec()
    source = json.loads(SGD.read_text())
    student = json.loads((released / SGD.name).read_text())
    correct = {gid: solution(source, gid) for gid in ("sgd", "variance", "moyenne", "robbins_monro")}
    folder = tmp_path_factory.mktemp("submissions")

    def write(name, notebook):
        (folder / f"{name}.ipynb").write_text(json.dumps(notebook))

    write("correct", with_answers(student, correct))
    # partly correct: a wrong variance formula, and the Robbins-Monro answer passes the visible tests only
    write("partiel", with_answers(student, {
        **correct,
        "variance": "function limitVariance(eta: number): number {\n  return eta / 2\n}",
        "robbins_monro": "function robbinsMonro(a: number): boolean {\n  return a <= 1\n}",
    }))
    # an answer cell that redefines the assertion helpers gains nothing: they are restored before each test
    write("malin", with_answers(student, {
        **correct,
        "variance": "function limitVariance(eta: number): number {\n  return eta / 2\n}\nfunction assertClose(...args: unknown[]): void {}",
    }))
    write("faux", with_answers(student, {
        "sgd": "function sgd(x0: number, steps: number, eta: (k: number) => number, noise: () => number): number[] {\n  return [x0]\n}",
        "variance": "function limitVariance(eta: number): number {\n  return eta\n}",
        "moyenne": "function sgdMean(samples: number[]): number {\n  return samples[0]\n}",
        "robbins_monro": "function robbinsMonro(a: number): boolean {\n  return a > 0\n}",
    }))
    write("vide", student)
    write("boucle", with_answers(student, {
        **correct,
        "moyenne": "function sgdMean(samples: number[]): number {\n  let x = 0\n  while (true) { x += samples.length }\n}",
    }))
    write("plantage", with_answers(student, correct, extra=[("test_sgd", 'process.kill(process.pid, "SIGKILL")')]))
    # the whole kernel process dies (not only its worker): nbclient sees a dead kernel
    write("mort", with_answers(student, correct, extra=[("test_variance", 'process.kill(process.ppid, "SIGKILL")')]))
    write("bavard", with_answers(student, correct, extra=[("sgd", 'for (let i = 0; i < 40000; i++) console.log("ligne " + i + " " + "x".repeat(60))')]))
    tampered = with_answers(student, {**correct, "variance": "function limitVariance(eta: number): number {\n  return eta / 2\n}"})
    cell_by_id(tampered, "test_variance")["source"] = 'console.log("variance limite : tests réussis")'
    tampered["cells"].remove(cell_by_id(tampered, "test_moyenne"))
    write("triche", tampered)
    (folder / "casse.ipynb").write_text('{"cells": [ {"cell_type": "code", "source": "sgd(')
    out = tmp_path_factory.mktemp("grades")
    result = run_grade("autograde", folder, "--source", SGD, "--out", out, "--cell-timeout", CELL_TIMEOUT)
    return out, result


EXPECTED = {
    # student: (test_sgd, test_variance, test_moyenne, test_robbins_monro)
    "bavard": (2, 2, 1, 1),
    "boucle": (2, 2, 0, 1),
    "casse": (0, 0, 0, 0),
    "correct": (2, 2, 1, 1),
    "faux": (0, 0, 0, 0),
    "partiel": (2, 0, 1, 0),
    "malin": (2, 0, 1, 1),
    "mort": (2, 2, 1, 1),
    "plantage": (2, 2, 1, 1),
    "triche": (2, 0, 1, 1),
    "vide": (0, 0, 0, 0),
}


def test_autograde_scores_every_submission(graded):
    out, result = graded
    assert result.returncode == 0, result.stdout + result.stderr
    with open(out / "gradebook.csv", newline="") as handle:
        rows = {row["student"]: row for row in csv.DictReader(handle)}
    assert sorted(rows) == sorted(EXPECTED)
    for student, points in EXPECTED.items():
        row = rows[student]
        got = tuple(int(float(row[gid])) for gid in ("test_sgd", "test_variance", "test_moyenne", "test_robbins_monro"))
        assert got == points, f"{student}: {got} != {points} ({row['problems']})"
        assert float(row["total"]) == sum(points) and float(row["max"]) == 6
    assert rows["casse"]["status"] == "invalid" and "JSON invalide" in rows["casse"]["problems"]
    assert "test_moyenne: temps dépassé" in rows["boucle"]["problems"]
    assert "le noyau s'est arrêté" in rows["plantage"]["problems"]
    assert "le noyau s'est arrêté" in rows["mort"]["problems"]
    assert "test_variance: cellule verrouillée modifiée" in rows["triche"]["problems"]
    assert "test_moyenne: cellule verrouillée supprimée" in rows["triche"]["problems"]
    assert rows["correct"]["problems"] == "" and rows["correct"]["status"] == "graded"


def test_executed_notebooks_carry_the_original_tests_and_bounded_output(graded):
    out, _ = graded
    tampered = json.loads((out / "executed" / "triche" / SGD.name).read_text())
    source = json.loads(SGD.read_text())
    assert source_text(cell_by_id(tampered, "test_variance")) == source_text(cell_by_id(source, "test_variance"))
    assert source_text(cell_by_id(tampered, "test_moyenne")) == source_text(cell_by_id(source, "test_moyenne"))
    assert "BEGIN HIDDEN TESTS" in source_text(cell_by_id(tampered, "test_robbins_monro"))
    failure = [o for o in cell_by_id(tampered, "test_variance")["outputs"] if o["output_type"] == "error"][0]
    assert failure["ename"] == "AssertionFailed", "the tests use axone.testing's assertions"
    assert "vérification échouée : limitVariance(1) = 0.5, on attendait 1" in failure["evalue"]
    chatty = json.loads((out / "executed" / "bavard" / SGD.name).read_text())
    scratch = [c for c in chatty["cells"] if c["cell_type"] == "code" and "nbgrader" not in c["metadata"]][0]
    texts = ["".join(o.get("text", "")) for o in scratch["outputs"]]
    assert texts[0].startswith("ligne 0 "), "the beginning of a long output is kept"
    assert "sortie tronquée" in texts[-1]
    assert sum(map(len, texts)) < 250_000
    assert (out / "executed" / "bavard" / SGD.name).stat().st_size < 1_000_000


def test_junit_report(graded):
    out, _ = graded
    root = ET.parse(out / "junit.xml").getroot()
    suites = {suite.get("name"): suite for suite in root.findall("testsuite")}
    assert sorted(suites) == sorted(EXPECTED)
    partial = {case.get("name"): case for case in suites["partiel"].findall("testcase")}
    assert partial["test_sgd"].find("failure") is None
    message = partial["test_variance"].find("failure").get("message")
    assert "limitVariance(1)" in message and "on attendait 1" in message
    assert partial["test_robbins_monro"].find("failure") is not None
    assert suites["casse"].find("testcase/error") is not None
    integrity = [c for c in suites["triche"].findall("testcase") if c.get("name") == "integrity"][0]
    assert "modifiée" in integrity.find("failure").text
    total_cases = sum(len(s.findall("testcase")) for s in suites.values())
    assert int(root.get("tests")) == total_cases == len(EXPECTED) * 5


def test_feedback_pages(graded):
    out, _ = graded
    result = run_grade("feedback", "--out", out, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    page = (out / "feedback" / "partiel.html").read_text()
    assert "Note : 3 / 6" in page
    assert "limitVariance(1)" in page
    assert (out / "feedback" / "casse.html").exists()
    assert "robbinsMonro(0.75)" not in page, "hidden tests never reach a student's feedback"
    assert page.count("outils prêts") == 2, "the restored helper copies are not shown (once in the source, once in its output)"


def test_each_exercise_gives_full_marks_to_its_solutions_and_zero_to_the_released_version(released, tmp_path):
    axone_kernel.ensure_kernelspec()
    for path in EXERCISES:
        folder = tmp_path / path.stem
        (folder / "solutions").mkdir(parents=True)
        source = json.loads(path.read_text())
        student = json.loads((released / path.name).read_text())
        for cell in student["cells"]:
            meta = cell.get("metadata", {}).get("nbgrader")
            if meta and meta["solution"]:
                cell["source"] = source_text(cell_by_id(source, meta["grade_id"]))
        (folder / "solutions" / path.name).write_text(json.dumps(student))
        (folder / "released").mkdir()
        (folder / "released" / path.name).write_text((released / path.name).read_text())
        out = tmp_path / f"{path.stem}-grades"
        result = run_grade("autograde", folder, "--source", path, "--out", out, "--cell-timeout", 60)
        assert result.returncode == 0, result.stdout + result.stderr
        with open(out / "gradebook.csv", newline="") as handle:
            rows = {row["student"]: row for row in csv.DictReader(handle)}
        assert float(rows["solutions"]["total"]) == float(rows["solutions"]["max"]) > 0, rows["solutions"]
        assert rows["solutions"]["problems"] == ""
        assert float(rows["released"]["total"]) == 0, rows["released"]


def test_a_kernel_that_cannot_start_fails_the_run_with_the_reason(released, tmp_path):
    folder = tmp_path / "subs"
    folder.mkdir()
    (folder / "alice.ipynb").write_text((released / SGD.name).read_text())
    out = tmp_path / "grades"
    result = run_grade("autograde", folder, "--source", SGD, "--out", out, "--kernel", "pas-de-noyau-ici")
    assert result.returncode == 1
    assert "could not execute: alice" in result.stderr
    with open(out / "gradebook.csv", newline="") as handle:
        row = next(csv.DictReader(handle))
    assert row["status"] == "error" and float(row["total"]) == 0
    assert "No such kernel named pas-de-noyau-ici" in row["problems"]
