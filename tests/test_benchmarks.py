"""The benchmark runs and reports what it promises (a smoke test: no timing is checked).

``benchmarks/bench.py --quick`` measures everything the full run measures, on small
generated packs and once each, so a change that breaks the benchmark (or an export
it times) shows up in CI, not on the day someone wants the figures.
"""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

BENCH = ROOT / "benchmarks" / "bench.py"
FORMAT_SETS = {"deck", "png", "all"}
PACKS = {"builtin", "small", "large"}


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory) -> dict:
    out = tmp_path_factory.mktemp("bench") / "results.json"
    env = {**os.environ, "PYTHONPATH": str(ROOT / "desktop"), "QT_QPA_PLATFORM": "offscreen"}
    r = subprocess.run(
        [sys.executable, str(BENCH), "--quick", "--json", str(out)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=900,
    )
    assert r.returncode == 0, r.stderr[-4000:]
    assert "targets:" in r.stdout  # the table was printed
    return json.loads(out.read_text(encoding="utf-8"))


def positive(x: object) -> bool:
    return isinstance(x, (int, float)) and math.isfinite(x) and x > 0


@pytest.mark.slow
def test_quick_run_reports_every_measurement(results: dict) -> None:
    assert results["schema"] == 1 and results["quick"] is True
    assert {
        "machine",
        "packs",
        "baselines",
        "cold_export",
        "warm",
        "gui",
        "scaling",
        "targets",
    } <= set(results)
    m = results["machine"]
    assert m["cpu"] and m["cores"] >= 1 and m["python"].count(".") == 2

    assert set(results["packs"]) == PACKS
    assert results["packs"]["large"]["sections"] > results["packs"]["small"]["sections"]

    base = results["baselines"]
    assert positive(base["import"]["seconds"])
    assert "2480x3508@300" in base["png_floor"]
    assert all(positive(s) for s in base["png_floor"].values())

    for label in PACKS:
        per = results["cold_export"][label]
        assert set(per) == FORMAT_SETS
        for r in per.values():
            assert (
                positive(r["seconds"])
                and positive(r["ratio_import"])
                and positive(r["ratio_floor"])
            )
            assert r["files"] >= 1
        assert per["png"]["png_megapixels"] > 0 and per["deck"]["png_megapixels"] == 0
        assert positive(results["warm"][label]["export"]["seconds"])

    page = results["warm"]["builtin"]["infographic_page"]
    assert page["pixel_size"] == [2480, 3508]
    assert (
        positive(page["seconds"])
        and positive(page["floor_seconds"])
        and positive(page["ratio_floor"])
    )
    for mode in ("deck", "infographic"):
        p = results["warm"]["builtin"]["preview_engine"][mode]
        assert p["toggles"] >= 1 and p["median_ms"] >= 0 and p["p95_ms"] >= p["median_ms"]

    gui = results["gui"]
    assert "available" in gui and "error" in gui
    if gui["available"]:  # PySide6 and the window work here
        assert positive(gui["first_paint_s"]) and positive(gui["first_preview_s"])
        assert gui["first_preview_s"] >= gui["first_paint_s"]
        assert positive(gui["peak_rss_mb"]) and positive(gui["bare_window"]["first_paint_s"])
        assert all(gui["preview"][m]["toggles"] >= 1 for m in ("deck", "infographic"))

    assert set(results["scaling"]["cold"]) == FORMAT_SETS and positive(results["scaling"]["warm"])
    names = [t["name"] for t in results["targets"]]
    assert "cold full export, built-in pack" in names
    assert all(t["met"] in (True, False, None) for t in results["targets"])


def test_generated_packs_load_with_their_new_ids(tmp_path: Path) -> None:
    """The large pack is the built-in one repeated under new ids, and loads cleanly."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        import bench
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    from infodeck.content.load import load_pack

    root = bench.generate_pack(bench.BUILTIN, tmp_path / "p", 25)
    result = load_pack(root)
    assert result.pack is not None, result.errors
    ids = [s.id for s in result.pack.sections]
    assert len(ids) == 26 == len(set(ids)) and ids[0] == "title"  # the title, then 25
    assert bench.toggle_plan(ids[1:], ids, 12) == bench.toggle_plan(ids[1:], ids, 12)
