"""axone-grade: release a source notebook, then grade a folder of synthetic submissions on the
real Axone kernel (correct, partly correct, wrong, empty, infinite loop, worker crash, kernel death, megabytes of
output, tampered and deleted tests, a deleted answer, malformed JSON, a missing notebook) and check every
score, the CSV, the JUnit XML and the feedback pages. The grading runs through the GitHub workflow
template's own "Grade" step script (grader/ci/github-actions.yml), so CI runs what is tested here;
nbgrader's partial-credit convention is checked on a small notebook of its own."""
import copy
import csv
import json
import os
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
WORKFLOW = ROOT / "grader" / "ci" / "github-actions.yml"
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


def workflow():
    yaml = pytest.importorskip("yaml", reason="Debian's python3-yaml is needed to read the workflow")
    return yaml.safe_load(WORKFLOW.read_text())


def workflow_step(name):
    return next(step for step in workflow()["jobs"]["grade"]["steps"] if step.get("name") == name)


def run_workflow_grade_step(workspace, exercise=""):
    """Runs the workflow's "Grade" step script the way GitHub Actions runs a `shell: bash` step, in a
    workspace that has the checkout's grader/ and notebooks/ and the submissions/ being graded."""
    step = workflow_step("Grade")
    assert step["shell"] == "bash"
    for name in ("grader", "notebooks"):
        if not (workspace / name).exists():
            (workspace / name).symlink_to(ROOT / name)
    script = workspace / "grade-step.sh"
    script.write_text(step["run"])
    env = {**os.environ, **workflow()["jobs"]["grade"]["env"], "EXERCISE": exercise, "CELL_TIMEOUT": str(CELL_TIMEOUT)}
    return subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)], cwd=workspace, env=env,
                          capture_output=True, text=True, timeout=1200)


@pytest.fixture(scope="module")
def graded(released, tmp_path_factory):
    axone_kernel.ensure_kernelspec()
    source = json.loads(SGD.read_text())
    student = json.loads((released / SGD.name).read_text())
    correct = {gid: solution(source, gid) for gid in ("sgd", "variance", "moyenne", "robbins_monro")}
    workspace = tmp_path_factory.mktemp("workspace")
    folder = workspace / "submissions" / SGD.stem
    folder.mkdir(parents=True)

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
    tampered["cells"].remove(cell_by_id(tampered, "robbins_monro"))
    write("triche", tampered)
    (folder / "casse.ipynb").write_text('{"cells": [ {"cell_type": "code", "source": "sgd(')
    (folder / "absent").mkdir()  # a student folder without the notebook
    (folder / "absent" / "brouillon.ipynb").write_text(json.dumps(student))
    result = run_workflow_grade_step(workspace)
    return workspace / "reports" / SGD.stem, result


EXPECTED = {
    # student: (test_sgd, test_variance, test_moyenne, test_robbins_monro)
    "absent": (0, 0, 0, 0),
    "bavard": (2, 2, 1, 1),
    "boucle": (2, 2, 0, 1),
    "casse": (0, 0, 0, 0),
    "correct": (2, 2, 1, 1),
    "faux": (0, 0, 0, 0),
    "partiel": (2, 0, 1, 0),
    "malin": (2, 0, 1, 1),
    "mort": (2, 2, 1, 1),
    "plantage": (2, 2, 1, 1),
    "triche": (2, 0, 1, 0),
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
    assert "robbins_monro: cellule réponse supprimée" in rows["triche"]["problems"]
    assert rows["absent"]["status"] == "invalid" and "notebook absent" in rows["absent"]["problems"]
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
    out, result = graded
    assert result.returncode == 0, result.stdout + result.stderr
    assert sorted(p.stem for p in (out / "feedback").glob("*.html")) == sorted(EXPECTED)
    page = (out / "feedback" / "partiel.html").read_text()
    assert "Note : 3 / 6" in page
    assert "limitVariance(1)" in page
    assert (out / "feedback" / "casse.html").exists()
    assert "robbinsMonro(0.75)" not in page, "hidden tests never reach a student's feedback"
    assert page.count("outils prêts") == 2, "the restored helper copies are not shown (once in the source, once in its output)"
    full = (out / "feedback" / "correct.html").read_text()
    assert "✓ limitVariance(1) = 1" in full, "each visible assertion prints what it checked"
    for hidden in ("limitVariance(0.5)", "robbinsMonro(0.75)", "sgdMean([5])", "x2 avec le bruit -3"):
        assert hidden not in full, f"a passing hidden test is quiet: {hidden} shows in the feedback"


def test_the_workflow_template_is_valid_and_uses_the_project_set_up(graded):
    """The YAML parses, triggers on submissions, sets Axone up with scripts/setup.mjs (npm start's
    set-up) and uploads exactly what its Grade step (run by the `graded` fixture) wrote."""
    _, result = graded
    flow = workflow()
    triggers = flow.get("on", flow.get(True))  # YAML 1.1 reads a bare `on` key as true
    assert triggers["push"]["paths"] == ["submissions/**"]
    assert "exercise" in triggers["workflow_dispatch"]["inputs"]
    job = flow["jobs"]["grade"]
    assert job["container"] == "debian:bookworm" and job["env"]["CELL_TIMEOUT"].isdigit()
    steps = job["steps"]
    uses = [step.get("uses", "") for step in steps]
    assert "actions/checkout@v4" in uses and "actions/setup-node@v4" in uses
    assert next(s for s in steps if s.get("uses") == "actions/setup-node@v4")["with"]["node-version"] == 20
    runs = [step.get("run", "") for step in steps]
    assert any(run.strip() == "node scripts/setup.mjs" for run in runs)
    assert (ROOT / "scripts" / "setup.mjs").exists()
    deps = (ROOT / "scripts" / "deps.mjs").read_text()
    start = deps[deps.index("debianForStart"):deps.index("debianForTests")]
    for package in ("python3-nbclient", "jupyter-nbconvert", "jupyter-client"):
        assert f'"{package}"' in start, f"npm start's set-up must install {package} for the grader"
    assert workflow_step("Grade")["env"]["EXERCISE"] == "${{ github.event.inputs.exercise }}"
    assert "reports/sgd-convergence/gradebook.csv" in result.stdout
    workspace = graded[0].parents[1]
    upload = next(s for s in steps if s.get("uses", "").startswith("actions/upload-artifact"))
    for pattern in upload["with"]["path"].split():
        assert list(workspace.glob(pattern)), f"the upload pattern {pattern} matches nothing the Grade step wrote"
    junit = next(s for s in steps if s.get("uses", "").startswith("mikepenz/action-junit-report"))
    assert list(workspace.glob(junit["with"]["report_paths"]))


def test_the_workflow_grade_step_fails_the_job_when_a_submission_cannot_run(tmp_path):
    # one exercise named by the workflow_dispatch input; a missing source notebook is a usage error
    folder = tmp_path / "submissions" / "pas-un-exercice"
    folder.mkdir(parents=True)
    (folder / "alice.ipynb").write_text("{}")
    result = run_workflow_grade_step(tmp_path, exercise="pas-un-exercice")
    assert result.returncode != 0
    assert "pas-un-exercice.ipynb" in result.stderr


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


def code_cell(source, **nbgrader):
    metadata = {"nbgrader": {"grade": False, "solution": False, "locked": False, "schema_version": 3, **nbgrader}} if nbgrader else {}
    return {"cell_type": "code", "metadata": metadata, "source": source, "outputs": [], "execution_count": None}


def small_source(*cells):
    return {"cells": list(cells), "metadata": {"kernelspec": {"name": "axone", "display_name": "TypeScript (Axone)", "language": "typescript"}},
            "nbformat": 4, "nbformat_minor": 5}


def test_partial_credit_follows_nbgrader(tmp_path):
    """nbgrader's convention: a test cell scores 0 on an error, the number it returns when that is in
    (0, points], and its full points otherwise (no result, text, or 0: a cell gives 0 by failing)."""
    axone_kernel.ensure_kernelspec()
    source = small_source(
        code_cell("function double(x: number): number {\n  // BEGIN SOLUTION\n  return 2 * x\n  // END SOLUTION\n}", grade_id="double", solution=True),
        # half a point per correct value: the cell's result is the partial score
        code_cell("let justes = 0\nfor (const x of [1, 2, 3, 4]) if (double(x) === 2 * x) justes++\njustes / 2", grade_id="test_partiel", grade=True, locked=True, points=2),
        code_cell("double(1)\n0", grade_id="test_zero", grade=True, locked=True, points=1),
        code_cell("double(1)\n5", grade_id="test_trop", grade=True, locked=True, points=1),
        code_cell('double(1)\n"terminé"', grade_id="test_texte", grade=True, locked=True, points=1),
        code_cell('if (double(3) !== 6) throw new Error("double(3) doit valoir 6")\n0.5', grade_id="test_erreur", grade=True, locked=True, points=1),
    )
    path = tmp_path / "partiel.ipynb"
    path.write_text(json.dumps(source))
    released_dir = tmp_path / "release"
    assert run_grade("release", path, "--out", released_dir).returncode == 0
    student = json.loads((released_dir / path.name).read_text())
    cell_by_id(student, "double")["source"] = "function double(x: number): number {\n  return x + 1\n}"  # right for x = 1 only
    folder = tmp_path / "subs"
    folder.mkdir()
    (folder / "eleve.ipynb").write_text(json.dumps(student))
    out = tmp_path / "grades"
    result = run_grade("autograde", folder, "--source", path, "--out", out, "--cell-timeout", 30)
    assert result.returncode == 0, result.stdout + result.stderr
    with open(out / "gradebook.csv", newline="") as handle:
        row = next(csv.DictReader(handle))
    got = {gid: float(row[gid]) for gid in ("test_partiel", "test_zero", "test_trop", "test_texte", "test_erreur")}
    assert got == {"test_partiel": 0.5, "test_zero": 1, "test_trop": 0, "test_texte": 1, "test_erreur": 0}, row
    assert float(row["total"]) == 2.5 and float(row["max"]) == 6
    record = json.loads((out / "results.json").read_text())["students"][0]
    failures = {r["grade_id"]: r["failure"] for r in record["results"]}
    assert "supérieure aux 1 points" in failures["test_trop"]
    assert "double(3) doit valoir 6" in failures["test_erreur"]
    assert failures["test_partiel"] is None and failures["test_zero"] is None
    assert "test_partiel: partial credit 0.5/2" in result.stdout


@pytest.mark.parametrize("cell, reason", [
    (code_cell("// BEGIN SOLUTION\nconst a = 1\n// END SOLUTION", grade_id="libre", grade=True, solution=True, points=2), "graded by hand"),
    ({"cell_type": "markdown", "metadata": {"nbgrader": {"grade": True, "solution": False, "locked": False, "grade_id": "texte", "points": 1, "schema_version": 3}}, "source": "Expliquez."}, "graded markdown cell"),
])
def test_release_refuses_cells_that_nbgrader_grades_by_hand(tmp_path, cell, reason):
    path = tmp_path / "manuel.ipynb"
    path.write_text(json.dumps(small_source(cell)))
    result = run_grade("release", path, "--out", tmp_path / "out")
    assert result.returncode == 2 and reason in result.stderr
