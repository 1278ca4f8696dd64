"""The demo notebooks of notebooks/demos/ (one per picture kind) run on the Axone kernel, and
`jupyter nbconvert --to html` of each keeps the PNG fallbacks (and the text of a tensor or model
left as a cell's value, whose picture payload has no PNG). Executed copies and their HTML go
to test-results/demos/."""
import base64
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "kernel"))
import axone_kernel  # noqa: E402,F401  (installs the kernelspec of this checkout when needed)

ROOT = Path(__file__).resolve().parents[2]
DEMOS = ROOT / "notebooks" / "demos"
OUT = ROOT / "test-results" / "demos"
AXONE = "application/vnd.axone.v1+json"
PLOTLY = "application/vnd.plotly.v1+json"
KINDS = ["featuremaps", "filters", "heatmap", "spectrogram", "attention", "curves", "summary", "image", "plotly"]
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def test_one_demo_per_kind():
    assert sorted(p.stem for p in DEMOS.glob("*.ipynb")) == sorted(KINDS)


@pytest.mark.parametrize("kind", KINDS)
def test_demo_runs_and_converts_with_png_fallbacks(kind):
    OUT.mkdir(parents=True, exist_ok=True)
    nb = nbformat.read(DEMOS / f"{kind}.ipynb", as_version=4)
    NotebookClient(nb, timeout=120, kernel_name="axone", resources={"metadata": {"path": str(DEMOS)}}).execute()
    executed = OUT / f"{kind}.ipynb"
    nbformat.write(nb, executed)
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error"], [o.get("evalue") for o in outputs if o.output_type == "error"]
    shown = [o for o in outputs if o.output_type in ("display_data", "execute_result") and (AXONE in o.data or PLOTLY in o.data)]
    # A tensor or module left as a cell's value: its text plus a small payload, no PNG.
    previews = [o for o in shown if o.data.get(AXONE, {}).get("showText")]
    for o in previews:
        assert set(o.data) == {AXONE, "text/plain"}, sorted(o.data)
        assert len(str(o.data[AXONE])) < 6000
    if kind in ("heatmap", "summary"):
        (preview,) = previews
        assert preview.data[AXONE]["kind"] == kind
        assert preview.data["text/plain"].startswith("tensor([[" if kind == "heatmap" else "Sequential(")
    rich = [o for o in shown if o not in previews]
    assert rich, f"{kind}: no Axone or plotly output"
    for o in rich:
        payload = o.data.get(AXONE)
        if payload is not None and kind != "plotly":
            assert payload["kind"] == kind
        png = base64.b64decode(o.data["image/png"])
        assert png.startswith(PNG_MAGIC)
        assert "text/plain" in o.data
    if kind == "curves":
        # One display, updated in place: the notebook keeps only its final state.
        assert len(rich) == 1
        assert rich[0].data[AXONE]["live"] is False
        assert len(rich[0].data[AXONE]["series"]) == 2

    html = OUT / f"{kind}.html"
    done = subprocess.run([sys.executable, "-m", "nbconvert", "--to", "html", "--output", html.stem, "--output-dir", str(OUT), str(executed)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    text = html.read_text()
    assert text.count("data:image/png;base64,") >= len(rich)
    for o in previews:  # nbconvert shows their text
        assert o.data["text/plain"].splitlines()[0].replace("<", "&lt;") in text
    assert "<script>window.__pwned" not in text
