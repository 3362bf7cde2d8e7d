"""Infodeck benchmark: how fast exports, the preview and the window are, against baselines.

Run it from a source checkout with the project's interpreter::

    .venv/bin/python benchmarks/bench.py            # the full run, a table on stdout
    .venv/bin/python benchmarks/bench.py --json out.json
    .venv/bin/python benchmarks/bench.py --quick    # a smoke run for CI (small, not timed)

Every time is reported next to a baseline measured in the same run, on the same
machine, so the ratios mean something on any computer:

* cold exports (``python -m infodeck export`` in a fresh interpreter) against the
  cost of importing the libraries the export needs, and against the physical floor
  of the PNG files written (that import, plus Agg drawing and PNG encoding of a
  blank canvas of each file's pixel size);
* warm exports (the engine already imported, as the window exports) and one A4
  300-dpi infographic page against the same PNG floor;
* the window: start-up to first paint against a bare Qt window, and the preview
  from ticking a section to the new preview on screen (median and 95th percentile);
* the 200-section pack against the 20-section one (anything quadratic shows here).

Every subprocess's peak memory is its maximum resident set (``wait4``); in-process
exports also report tracemalloc's peak of Python allocations. benchmarks/README.md
explains each figure and records the last full run.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
# The folder holding the ``infodeck`` package; --engine points it at another tree
# (a checkout of an older commit, say) to compare two versions on one machine.
DESKTOP = Path(os.environ.get("INFODECK_BENCH_ENGINE", ROOT / "desktop")).resolve()
BUILTIN = ROOT / "content" / "gut-health-migraines"
SPARE_SOURCE = ROOT / "tests" / "data" / "photosynthesis"
SCHEMA = 1

# What a cold export has to import, whatever Infodeck does: the libraries themselves.
LIBRARIES = "import matplotlib.figure, pptx, pydantic, yaml, PIL.Image, PIL.PngImagePlugin"
FORMAT_SETS = {"deck": "pptx", "png": "png", "all": "pptx,png,svg,pdf"}
PREVIEW_DPI = 96.0
A4_300 = (2480, 3508, 300)

# The targets (issue 7), checked at the end of every run.
TARGET_COLD_ALL_S = 1.5
TARGET_PNG_FLOOR_RATIO = 1.5
TARGET_PREVIEW_MEDIAN_MS = 100.0
TARGET_WINDOW_S = 1.0
TARGET_SCALING = 10.0
TARGET_WINDOW_MB = 300.0


# ====================================================================== helpers


def median(xs: Sequence[float]) -> float:
    return statistics.median(xs) if xs else float("nan")


def p95(xs: Sequence[float]) -> float:
    """The 95th percentile (nearest rank), the same definition for any number of samples."""
    if not xs:
        return float("nan")
    s = sorted(xs)
    return s[min(len(s) - 1, max(0, round(0.95 * len(s) + 0.5) - 1))]


def mb(kib: float | None) -> float | None:
    return None if kib is None else round(kib / 1024, 1)


def child_env(tmp: Path, engine: Path | None = None, **extra: str) -> dict[str, str]:
    """The environment of every subprocess: the engine's tree, headless, private settings."""
    engine = engine or DESKTOP
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(engine), env.get("PYTHONPATH", "")) if p)
    env["INFODECK_BENCH_ENGINE"] = str(engine)  # for this script's own children
    env["MPLBACKEND"] = "Agg"
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    # The window must not read or write the user's own settings and logs.
    env["XDG_CONFIG_HOME"] = str(tmp / "config")
    env["XDG_STATE_HOME"] = str(tmp / "state")
    env.pop("PYTHONPROFILEIMPORTTIME", None)
    env.update(extra)
    return env


@dataclass
class Ran:
    """One finished subprocess: wall time, exit status, output, peak memory (KiB)."""

    seconds: float
    status: int
    stdout: str
    stderr: str
    maxrss_kib: float | None


# Runs one command and reports its wall time and peak memory. It is a separate, tiny
# interpreter because Linux counts a forked child's peak memory from the memory of
# the process that forked it: measured from this (large) process, every child would
# seem at least as big as the benchmark itself.
_LAUNCHER = """
import json, os, sys, time
cmd = sys.argv[2:]
t0 = time.perf_counter()
pid = os.posix_spawn(cmd[0], cmd, os.environ)
_, status, usage = os.wait4(pid, 0)
seconds = time.perf_counter() - t0
rss = usage.ru_maxrss / (1024 if sys.platform == "darwin" else 1)
with open(sys.argv[1], "w") as f:
    json.dump({"seconds": seconds, "status": os.waitstatus_to_exitcode(status), "rss": rss}, f)
"""


def run(cmd: Sequence[str], env: dict[str, str], timeout: float = 900.0) -> Ran:
    """Run ``cmd`` and measure its wall time and peak memory (where the OS tells it)."""
    with (
        tempfile.TemporaryFile() as out,
        tempfile.TemporaryFile() as err,
        tempfile.TemporaryDirectory() as tmp,
    ):
        report = Path(tmp) / "report.json"
        measured = hasattr(os, "posix_spawn") and hasattr(os, "wait4")
        full = [sys.executable, "-S", "-c", _LAUNCHER, str(report), *cmd] if measured else cmd
        t0 = time.perf_counter()
        p = subprocess.Popen(
            list(full), stdout=out, stderr=err, env=env, cwd=ROOT, start_new_session=True
        )
        try:
            p.wait(timeout)
        except subprocess.TimeoutExpired:
            if hasattr(os, "killpg"):
                os.killpg(p.pid, signal.SIGKILL)  # the launcher and what it started
            else:  # pragma: no cover - Windows
                p.kill()
            p.wait()
        seconds, status, maxrss = time.perf_counter() - t0, p.returncode, None
        if measured and p.returncode == 0 and report.exists():
            r = json.loads(report.read_text())
            seconds, status, maxrss = r["seconds"], r["status"], r["rss"]
        out.seek(0)
        err.seek(0)
        return Ran(
            seconds,
            status,
            out.read().decode("utf-8", "replace"),
            err.read().decode("utf-8", "replace"),
            maxrss,
        )


def checked(ran: Ran, what: str) -> Ran:
    if ran.status != 0:
        raise RuntimeError(f"{what} failed with status {ran.status}:\n{ran.stderr[-3000:]}")
    return ran


def last_json(text: str) -> dict[str, Any]:
    """The last line of ``text`` that is a JSON object (children print their result last)."""
    for line in reversed(text.strip().splitlines()):
        line = line.strip()
        if line.startswith("{"):
            data: dict[str, Any] = json.loads(line)
            return data
    raise ValueError(f"no JSON result in the output:\n{text[-2000:]}")


def machine() -> dict[str, Any]:
    """Where the figures come from: CPU, cores, memory, OS, Python and library versions."""
    cpu = platform.processor() or platform.machine()
    try:
        text = Path("/proc/cpuinfo").read_text(encoding="utf-8", errors="replace")
        m = re.search(r"^model name\s*:\s*(.+)$", text, re.MULTILINE)
        if m:
            cpu = m.group(1).strip()
    except OSError:
        pass
    mem_gb = None
    try:
        m = re.search(r"^MemTotal:\s*(\d+)", Path("/proc/meminfo").read_text(), re.MULTILINE)
        if m:
            mem_gb = round(int(m.group(1)) / 1024 / 1024, 1)
    except OSError:
        pass
    versions = {}
    from importlib import metadata

    for dist in ("matplotlib", "pillow", "numpy", "python-pptx", "pydantic", "PyYAML", "PySide6"):
        try:
            versions[dist] = metadata.version(dist)
        except metadata.PackageNotFoundError:
            try:
                versions[dist] = metadata.version(dist + "-Essentials")
            except metadata.PackageNotFoundError:
                versions[dist] = None
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "usable_cores": usable,
        "memory_gb": mem_gb,
        "os": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "libraries": versions,
    }


# ================================================================ generated packs


SECTION_ID = re.compile(r"^id:\s*\S+\s*$", re.MULTILINE)


def generate_pack(source: Path, dest: Path, n_sections: int) -> Path:
    """A pack of ``n_sections`` content sections made from ``source``'s, with new ids.

    The title section stays first and appears once, not counted; the other default
    sections are repeated in turn (``gut-brain-axis-17``...), so the generated pack
    has the source's mix of text, statistics and diagrams, only longer, and 200
    sections hold exactly ten times the content of 20.
    """
    import yaml

    meta = yaml.safe_load((source / "pack.yaml").read_text(encoding="utf-8"))
    if dest.exists():
        shutil.rmtree(dest)
    shutil.copytree(source, dest, ignore=shutil.ignore_patterns("sections"))
    (dest / "sections").mkdir()
    title: list[tuple[str, str]] = []
    body: list[tuple[str, str]] = []
    for rel in meta["sections"]:
        text = (source / rel).read_text(encoding="utf-8")
        doc = yaml.safe_load(text)
        if doc.get("default", True) is False:
            continue
        (title if doc.get("kind") == "title" else body).append((doc["id"], text))
    if not body:
        raise ValueError(f"{source} has no default content sections to repeat")
    listing: list[str] = []
    for sid, text in title[:1]:
        (dest / "sections" / f"{sid}.yaml").write_text(text, encoding="utf-8")
        listing.append(f"sections/{sid}.yaml")
    k = 0
    while len(listing) < n_sections + len(title[:1]):
        sid, text = body[k % len(body)]
        new_id = f"{sid}-{k + 1}"
        (dest / "sections" / f"{new_id}.yaml").write_text(
            SECTION_ID.sub(f"id: {new_id}", text, count=1), encoding="utf-8"
        )
        listing.append(f"sections/{new_id}.yaml")
        k += 1
    meta["sections"] = listing
    meta["id"] = f"{meta['id']}-x{n_sections}"[:64]
    (dest / "pack.yaml").write_text(
        yaml.safe_dump(meta, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    return dest


def pack_sections(path: Path) -> int:
    import yaml

    return len(yaml.safe_load((path / "pack.yaml").read_text(encoding="utf-8"))["sections"])


# ================================================================== PNG floor


def png_floor_once(width: int, height: int, dpi: float, out: Path) -> float:
    """Seconds to draw (Agg) and encode (matplotlib's PNG writer) a blank page of that size.

    The page holds one rectangle so that Agg really draws; nothing Infodeck does can
    write a PNG of that size faster than this through matplotlib.
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.patches import Rectangle

    t0 = time.perf_counter()
    fig = Figure(figsize=(width / dpi, height / dpi), dpi=dpi, facecolor="white")
    FigureCanvasAgg(fig)
    fig.add_artist(Rectangle((0.1, 0.1), 0.8, 0.3, transform=fig.transFigure, facecolor="#2f6f8f"))
    fig.savefig(out, format="png", dpi=dpi, facecolor="white")
    return time.perf_counter() - t0


class Floors:
    """PNG floors by pixel size, each measured once (median of ``repeat``) and kept."""

    def __init__(self, tmp: Path, repeat: int) -> None:
        self.tmp = tmp
        self.repeat = repeat
        self.seconds: dict[str, float] = {}

    @staticmethod
    def key(width: int, height: int, dpi: float) -> str:
        return f"{width}x{height}@{round(dpi)}"

    def get(self, width: int, height: int, dpi: float) -> float:
        key = self.key(width, height, dpi)
        if key not in self.seconds:
            out = self.tmp / "floor.png"
            png_floor_once(width, height, dpi, out)  # warm-up: imports, font cache
            self.seconds[key] = median(
                [png_floor_once(width, height, dpi, out) for _ in range(self.repeat)]
            )
        return self.seconds[key]

    def of_files(self, pngs: list[Path]) -> tuple[float, int]:
        """The summed floor of these PNG files, and their total pixel count."""
        from PIL import Image

        total, pixels = 0.0, 0
        for p in pngs:
            with Image.open(p) as im:
                w, h = im.size
                dpi = float(im.info.get("dpi", (72.0, 72.0))[0])
            total += self.get(w, h, dpi)
            pixels += w * h
        return total, pixels


# ================================================================ cold exports


def cold_exports(
    packs: dict[str, Path], tmp: Path, repeat: dict[str, int], floors: Floors, import_s: float
) -> dict[str, Any]:
    """``python -m infodeck export`` in fresh interpreters, per pack and format set."""
    env = child_env(tmp)
    results: dict[str, Any] = {}
    for label, path in packs.items():
        results[label] = {}
        for fmt, formats in FORMAT_SETS.items():
            runs: list[float] = []
            rss: list[float] = []
            floor_s, pixels, n_files = 0.0, 0, 0
            for i in range(repeat[label]):
                out = tmp / "cold" / label / fmt / str(i)
                cmd = [sys.executable, "-m", "infodeck", "export", str(path)]
                cmd += ["--out", str(out), "--formats", formats, "--quiet"]
                ran = checked(run(cmd, env), f"cold export of {label} ({formats})")
                runs.append(ran.seconds)
                if ran.maxrss_kib is not None:
                    rss.append(ran.maxrss_kib)
                if i == 0:
                    files = [p for p in out.rglob("*") if p.is_file()]
                    n_files = len(files)
                    floor_s, pixels = floors.of_files([p for p in files if p.suffix == ".png"])
                shutil.rmtree(out, ignore_errors=True)
            t = median(runs)
            results[label][fmt] = {
                "formats": formats,
                "seconds": t,
                "runs": runs,
                "files": n_files,
                "png_megapixels": round(pixels / 1e6, 2),
                "floor_seconds": import_s + floor_s,
                "ratio_import": t / import_s,
                "ratio_floor": t / (import_s + floor_s),
                "peak_rss_mb": mb(max(rss)) if rss else None,
            }
    return results


# ============================================================= warm (child)


def child_warm(ns: argparse.Namespace) -> dict[str, Any]:
    """In one interpreter: warm exports; for the built-in pack also one page and the preview.

    The engine is warmed up first by exporting the pack's first three sections, so
    the timed exports pay no import and no first-use cost, as in the window.
    """
    import tracemalloc

    from infodeck.content.load import load_pack
    from infodeck.export.plan import ExportRequest
    from infodeck.export.write import run_export

    pack_dir, tmp, repeat = Path(ns.pack), Path(ns.tmp), ns.repeat
    t0 = time.perf_counter()
    pack = load_pack(pack_dir).pack
    if pack is None:
        raise SystemExit(f"the pack {pack_dir} has errors")
    out: dict[str, Any] = {"load_seconds": time.perf_counter() - t0}

    def export(i: int, ids: tuple[str, ...] = ()) -> float:
        target = tmp / f"warm-{i}"
        clear_engine_caches()  # each run composes and draws from scratch
        t = time.perf_counter()
        run_export(ExportRequest(pack, target, section_ids=ids))
        dt = time.perf_counter() - t
        shutil.rmtree(target, ignore_errors=True)
        return dt

    export(-1, tuple(pack.default_section_ids()[:3]))  # warm-up
    runs = [export(i) for i in range(repeat)]
    peak_mb = None
    if ns.trace:
        tracemalloc.start()
        export(-2)
        peak_mb = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
    out["export"] = {"seconds": median(runs), "runs": runs, "tracemalloc_peak_mb": peak_mb}
    if ns.extras:
        out["infographic_page"] = infographic_page(pack, tmp, max(3, repeat))
        out["preview_engine"] = preview_engine(pack, ns.toggles)
    return out


def clear_engine_caches() -> None:
    """Empty the engine's caches (kept layouts, glyphs, pixel buffers) where it has them."""
    for name in ("infodeck.render.mpl", "infodeck.scene.text"):
        module = sys.modules.get(name)
        clear = getattr(module, "clear_caches", None)
        if clear is not None:
            clear()


def infographic_page(pack: Any, tmp: Path, repeat: int) -> dict[str, Any]:
    """The first A4 300-dpi infographic page as a PNG file against the floor of its size.

    The page and the floor are measured in turn in the same process, so both see
    the same machine load. "seconds" is a page drawn as if for the first time: the
    engine's caches (text layouts, glyphs, the kept pixel buffer) are emptied before
    each run; "seconds_cached" is the same page drawn again with them kept.
    """
    from PIL import Image

    from infodeck.compose.infographic import compose_infographic
    from infodeck.compose.layouts import get_layout, get_theme
    from infodeck.render import mpl

    layout, theme = get_layout("a4-portrait", "infographic"), get_theme("default")
    doc = compose_infographic(pack, pack.default_section_ids(), layout, theme)
    page = doc.pages[0]
    target, floor_out = tmp / "page.png", tmp / "floor-a4.png"
    mpl.render_page(page, target, "png", doc.dpi)
    png_floor_once(*A4_300, floor_out)
    runs: dict[str, list[float]] = {"cold": [], "cached": [], "floor": []}
    for _ in range(repeat):
        for kind in ("cold", "cached"):
            if kind == "cold":
                clear_engine_caches()
            t = time.perf_counter()
            mpl.render_page(page, target, "png", doc.dpi)
            runs[kind].append(time.perf_counter() - t)
        runs["floor"].append(png_floor_once(*A4_300, floor_out))
    with Image.open(target) as im:
        size = im.size
    floor = median(runs["floor"])
    return {
        "pixel_size": list(size),
        "dpi": doc.dpi,
        "seconds": median(runs["cold"]),
        "seconds_cached": median(runs["cached"]),
        "floor_seconds": floor,
        "ratio_floor": median(runs["cold"]) / floor,
        "ratio_floor_cached": median(runs["cached"]) / floor,
        "runs": runs,
        "file_kb": round(target.stat().st_size / 1024),
        "floor_file_kb": round(floor_out.stat().st_size / 1024),
    }


class EnginePreview:
    """The preview's engine work, with the window pipeline's caches but without Qt.

    Slides are composed per section and infographics per selection, both keyed by
    content; images are keyed by the composed page itself, so only pages that
    changed are drawn again after a toggle.
    """

    def __init__(self, pack: Any, mode: str, layout: str) -> None:
        from infodeck.compose.layouts import get_layout, get_theme

        self.pack, self.mode = pack, mode
        self.layout, self.theme = get_layout(layout), get_theme("default")
        self.composed: dict[Any, Any] = {}
        self.images: dict[Any, Any] = {}

    def pages(self, ids: tuple[str, ...]) -> list[Any]:
        from infodeck.compose.deck import section_pages
        from infodeck.compose.infographic import compose_infographic

        if self.mode == "infographic":
            key = ("info", ids)
            if key not in self.composed:
                doc = compose_infographic(self.pack, list(ids), self.layout, self.theme)
                self.composed[key] = doc.pages
            return list(self.composed[key])
        pages: list[Any] = []
        for sid in ids:
            if sid not in self.composed:
                section = self.pack.section(sid)
                self.composed[sid] = section_pages(self.pack, section, self.layout, self.theme)
            pages += self.composed[sid]
        return pages

    def build(self, ids: tuple[str, ...]) -> int:
        """Compose and draw the preview of ``ids``; returns how many pages were drawn."""
        from infodeck.render.mpl import render_rgba

        drawn = 0
        for p in self.pages(ids):
            if (p, PREVIEW_DPI) not in self.images:
                self.images[(p, PREVIEW_DPI)] = render_rgba(p, PREVIEW_DPI)
                drawn += 1
        return drawn


def preview_engine(pack: Any, toggles: int) -> dict[str, Any]:
    """Toggle-to-ready latency of the engine part of the preview, per mode."""
    results: dict[str, Any] = {}
    order = [s.id for s in pack.sections]
    candidates = [s.id for s in pack.sections if s.kind != "title"]
    chosen = tuple(pack.default_section_ids())
    for mode, layout in (("deck", "deck-16x9"), ("infographic", "a4-portrait")):
        preview = EnginePreview(pack, mode, layout)
        preview.build(chosen)  # the first preview, drawn when the window opens
        lat: list[float] = []
        drawn = 0
        on = set(chosen)
        for sid, tick in toggle_plan(candidates, chosen, toggles):
            (on.add if tick else on.discard)(sid)
            ids = tuple(s for s in order if s in on)
            t = time.perf_counter()
            drawn += preview.build(ids)
            lat.append(time.perf_counter() - t)
        results[mode] = {
            "median_ms": median(lat) * 1000,
            "p95_ms": p95(lat) * 1000,
            "toggles": len(lat),
            "pages_drawn": drawn,
        }
    return results


def toggle_plan(
    candidates: Sequence[str], chosen: Sequence[str], toggles: int, seed: int = 7
) -> list[tuple[str, bool]]:
    """A teacher trying selections: each step ticks or unticks one random section.

    The same seeded walk for every run and for both the engine and the window, so
    the figures compare; the title is never touched and one section stays ticked.
    Most steps reach a selection not seen before, so the caches are not flattered.
    """
    rnd = random.Random(seed)
    on = set(chosen)
    plan: list[tuple[str, bool]] = []
    while len(plan) < toggles and candidates:
        sid = rnd.choice(candidates)
        tick = sid not in on
        if not tick and len(on) <= 1:
            continue
        (on.add if tick else on.discard)(sid)
        plan.append((sid, tick))
    return plan


# ============================================================== window (child)


def child_qt_bare(ns: argparse.Namespace) -> dict[str, Any]:
    """A bare Qt main window: the start-up any PySide6 app pays before its first paint."""
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

    app = QApplication(sys.argv[:1])
    painted: dict[str, float] = {}

    class Watch(QObject):
        def eventFilter(self, obj: QObject, ev: QEvent) -> bool:  # noqa: N802
            if ev.type() == QEvent.Type.Paint and "paint" not in painted:
                painted["paint"] = time.monotonic()
                QTimer.singleShot(0, app.quit)
            return False

    watch = Watch()
    app.installEventFilter(watch)
    w = QMainWindow()
    w.setCentralWidget(QLabel("Infodeck"))
    w.resize(1280, 820)
    w.show()
    QTimer.singleShot(20000, app.quit)
    app.exec()
    return {"first_paint_s": painted.get("paint", float("nan")) - ns.t0, **self_memory()}


def self_memory() -> dict[str, Any]:
    out: dict[str, Any] = {"peak_rss_mb": None, "rss_mb": None}
    try:
        import resource

        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        out["peak_rss_mb"] = round(peak / (2**20 if sys.platform == "darwin" else 1024), 1)
    except ImportError:  # pragma: no cover - Windows
        pass
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
        out["rss_mb"] = round(pages * os.sysconf("SC_PAGE_SIZE") / 2**20, 1)
    except (OSError, ValueError, IndexError):
        pass
    return out


def child_gui(ns: argparse.Namespace) -> dict[str, Any]:
    """The real window through ``run_app``: first paint, first preview, toggles, memory.

    The QApplication is made first (``run_app`` reuses it) only to watch events;
    everything else is the app's own start-up path. Toggles go through the sections
    panel as a click would, and each one is timed until the window says the new
    preview is on screen (its ``preview_ready`` signal).
    """
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication

    from infodeck.gui.app import run_app  # the imports run_app's module makes at start-up

    app = QApplication(sys.argv[:1])
    state: dict[str, Any] = {"latencies": {"deck": [], "infographic": []}, "errors": []}
    plan: list[tuple[str, str, bool]] = []  # (mode, section id, tick)

    def fail(msg: str) -> None:
        state["errors"].append(msg)
        QTimer.singleShot(0, app.quit)

    def next_step() -> None:
        if not plan:
            state["done"] = time.monotonic()
            QTimer.singleShot(0, app.quit)
            return
        mode, sid, on = plan[0]
        win = state["window"]
        if mode != win.mode:
            state["switch"] = time.monotonic()
            win.set_mode(mode)
            return
        plan.pop(0)
        state["t"] = time.monotonic()
        state["step_mode"] = mode
        win.sections.set_checked(sid, on)

    def ready(result: object) -> None:
        now = time.monotonic()
        if result is None:
            fail("the preview showed nothing")
            return
        if "first_preview" not in state:
            state["first_preview"] = now
            state["memory_at_first_preview"] = self_memory()
            win = state["window"]
            chosen = list(win.sections.chosen_ids())
            candidates = [s.id for s in win.pack.sections if s.kind != "title"]
            on = set(chosen)
            for seed, mode in enumerate(("deck", "infographic"), start=7):
                walk = toggle_plan(candidates, sorted(on), ns.toggles, seed)
                plan.extend((mode, sid, tick) for sid, tick in walk)
                for sid, tick in walk:  # where this mode leaves the selection
                    (on.add if tick else on.discard)(sid)
        elif "switch" in state:
            state["mode_switch_s"] = now - state.pop("switch")
        elif "t" in state:
            state["latencies"][state["step_mode"]].append(now - state.pop("t"))
        QTimer.singleShot(0, next_step)

    class Watch(QObject):
        def eventFilter(self, obj: QObject, ev: QEvent) -> bool:  # noqa: N802
            if ev.type() == QEvent.Type.Paint and "first_paint" not in state:
                win = obj.window() if hasattr(obj, "window") else None
                if win is not None and hasattr(win, "preview_ready"):
                    state["first_paint"] = time.monotonic()
                    state["window"] = win
                    win.preview_ready.connect(ready)
                    win.preview_failed.connect(lambda e: fail(f"preview failed: {e!r}"))
            return False

    watch = Watch()
    app.installEventFilter(watch)
    QTimer.singleShot(int(ns.timeout * 1000), lambda: fail("timed out"))
    run_app(ns.pack or None)
    out: dict[str, Any] = {
        "first_paint_s": state.get("first_paint", float("nan")) - ns.t0,
        "first_preview_s": state.get("first_preview", float("nan")) - ns.t0,
        "mode_switch_s": state.get("mode_switch_s"),
        "memory_at_first_preview": state.get("memory_at_first_preview"),
        "errors": state["errors"],
        "preview": {
            mode: {
                "median_ms": median(lat) * 1000,
                "p95_ms": p95(lat) * 1000,
                "toggles": len(lat),
                "samples_ms": [round(x * 1000, 1) for x in lat],
            }
            for mode, lat in state["latencies"].items()
        },
        **self_memory(),
    }
    modules = sys.modules
    out["heavy_imports"] = {m: m in modules for m in ("matplotlib", "pptx")}
    return out


def gui_measurements(
    tmp: Path, pack: Path | None, toggles: int, engine: Path | None = None
) -> dict[str, Any]:
    """The window and a bare Qt window, each in a fresh interpreter; never raises."""
    engine = engine or DESKTOP
    out: dict[str, Any] = {"available": False, "error": None}
    try:
        import importlib.util

        if importlib.util.find_spec("PySide6") is None:
            raise RuntimeError("PySide6 is not installed")
        if not (engine / "infodeck" / "gui" / "app.py").exists():
            raise RuntimeError("the GUI (desktop/infodeck/gui) is not there")
        # Fresh settings for every window: a saved selection would change the walk.
        home = Path(tempfile.mkdtemp(prefix="window-", dir=tmp))
        env = child_env(
            tmp, engine, XDG_CONFIG_HOME=str(home / "config"), XDG_STATE_HOME=str(home / "state")
        )
        me = [sys.executable, str(Path(__file__).resolve())]
        t0 = time.monotonic()
        bare = run([*me, "--child", "qt-bare", "--t0", repr(t0)], env, timeout=120)
        bare_res = last_json(checked(bare, "bare Qt window").stdout)
        t0 = time.monotonic()
        cmd = [*me, "--child", "gui", "--t0", repr(t0), "--toggles", str(toggles)]
        if pack is not None:
            cmd += ["--pack", str(pack)]
        ran = run(cmd, env, timeout=600)
        res = last_json(checked(ran, "window").stdout)
        out.update(res)
        out["bare_window"] = {
            "first_paint_s": bare_res["first_paint_s"],
            "peak_rss_mb": mb(bare.maxrss_kib) or bare_res["peak_rss_mb"],
        }
        out["startup_ratio_bare"] = res["first_paint_s"] / bare_res["first_paint_s"]
        out["peak_rss_mb"] = mb(ran.maxrss_kib) or res["peak_rss_mb"]
        out["available"] = not res["errors"]
        if res["errors"]:
            out["error"] = "; ".join(res["errors"])
    except Exception as e:  # the window is optional: report, never fail the run
        out["error"] = f"{type(e).__name__}: {e}"[-2000:]
    return out


# ===================================================================== report


def targets(res: dict[str, Any]) -> list[dict[str, Any]]:
    """The issue's targets, each with the measured value and whether it is met."""
    out: list[dict[str, Any]] = []

    def add(name: str, value: float | None, limit: float, unit: str) -> None:
        met = None if value is None or value != value else value <= limit
        out.append({"name": name, "value": value, "limit": limit, "unit": unit, "met": met})

    add(
        "cold full export, built-in pack",
        res["cold_export"]["builtin"]["all"]["seconds"],
        TARGET_COLD_ALL_S,
        "s",
    )
    add(
        "A4 300-dpi infographic page vs its PNG floor",
        res["warm"]["builtin"]["infographic_page"]["ratio_floor"],
        TARGET_PNG_FLOOR_RATIO,
        "x",
    )
    gui = res["gui"]
    if gui.get("available"):
        for mode in ("deck", "infographic"):
            add(
                f"preview after a toggle, median ({mode}, window)",
                gui["preview"][mode]["median_ms"],
                TARGET_PREVIEW_MEDIAN_MS,
                "ms",
            )
        add("window start-up to first paint", gui["first_paint_s"], TARGET_WINDOW_S, "s")
        opened = (gui.get("memory_at_first_preview") or {}).get("peak_rss_mb")
        add("window memory, opened with its first preview", opened, TARGET_WINDOW_MB, "MB")
        add("window memory, peak after the toggles", gui["peak_rss_mb"], TARGET_WINDOW_MB, "MB")
    else:
        for mode in ("deck", "infographic"):
            add(
                f"preview after a toggle, median ({mode}, engine only)",
                res["warm"]["builtin"]["preview_engine"][mode]["median_ms"],
                TARGET_PREVIEW_MEDIAN_MS,
                "ms",
            )
    for fmt in FORMAT_SETS:
        add(
            f"large pack vs small pack, cold {fmt}",
            res["scaling"]["cold"][fmt],
            TARGET_SCALING,
            "x",
        )
    add("large pack vs small pack, warm export", res["scaling"]["warm"], TARGET_SCALING, "x")
    return out


def fmt_s(x: float | None) -> str:
    if x is None or x != x:
        return "—"
    return f"{x * 1000:.0f} ms" if x < 1 else f"{x:.2f} s"


def fmt_x(x: float | None) -> str:
    return "—" if x is None or x != x else f"{x:.2f}×"


def fmt_mb(x: float | None) -> str:
    return "—" if x is None else f"{x:.0f}"


def table(res: dict[str, Any]) -> str:
    """The results as a plain-text table (what README.md records)."""
    m = res["machine"]
    lines = [
        f"Infodeck benchmark{' (quick)' if res['quick'] else ''} — {m['cpu']}, "
        f"{m['cores']} cores, Python {m['python']}, {m['os']}",
        "",
    ]
    rows: list[tuple[str, str, str, str, str]] = [
        ("measurement", "time", "× import", "× floor", "peak MB")
    ]
    base = res["baselines"]
    rows.append(
        (
            "baseline: import the libraries",
            fmt_s(base["import"]["seconds"]),
            "1.00×",
            "",
            fmt_mb(base["import"]["peak_rss_mb"]),
        )
    )
    for key, s in base["png_floor"].items():
        rows.append((f"baseline: PNG floor {key}", fmt_s(s), "", "1.00×", ""))
    packs = res["packs"]
    for label, per in res["cold_export"].items():
        for fmt, r in per.items():
            rows.append(
                (
                    f"cold export {label} ({packs[label]['sections']} sections) {fmt}",
                    fmt_s(r["seconds"]),
                    fmt_x(r["ratio_import"]),
                    fmt_x(r["ratio_floor"]),
                    fmt_mb(r["peak_rss_mb"]),
                )
            )
    for label, w in res["warm"].items():
        e = w["export"]
        rows.append(
            (
                f"warm export {label} all",
                fmt_s(e["seconds"]),
                "",
                fmt_x(e.get("ratio_floor")),
                fmt_mb(w.get("peak_rss_mb"))
                + (
                    f" (py {e['tracemalloc_peak_mb']:.0f})"
                    if e.get("tracemalloc_peak_mb") is not None
                    else ""
                ),
            )
        )
    page = res["warm"]["builtin"]["infographic_page"]
    size = f"{page['pixel_size'][0]}×{page['pixel_size'][1]}"
    rows.append(
        (
            f"A4 infographic page {size} PNG, first draw",
            fmt_s(page["seconds"]),
            "",
            fmt_x(page["ratio_floor"]),
            "",
        )
    )
    if page.get("seconds_cached") is not None:
        rows.append(
            (
                f"A4 infographic page {size} PNG, drawn again",
                fmt_s(page["seconds_cached"]),
                "",
                fmt_x(page.get("ratio_floor_cached")),
                "",
            )
        )
    for mode, p in res["warm"]["builtin"]["preview_engine"].items():
        rows.append(
            (
                f"preview engine, toggle ({mode}) median / p95",
                f"{p['median_ms']:.0f} / {p['p95_ms']:.0f} ms",
                "",
                "",
                "",
            )
        )
    gui = res["gui"]
    if "first_paint_s" in gui and gui["first_paint_s"] == gui["first_paint_s"]:
        bare = gui.get("bare_window", {})
        rows.append(
            (
                "bare Qt window to first paint",
                fmt_s(bare.get("first_paint_s")),
                "",
                "",
                fmt_mb(bare.get("peak_rss_mb")),
            )
        )
        rows.append(
            (
                "window start-up to first paint",
                fmt_s(gui["first_paint_s"]),
                "",
                f"{fmt_x(gui.get('startup_ratio_bare'))} bare",
                fmt_mb(gui.get("peak_rss_mb")),
            )
        )
        rows.append(
            (
                "window start-up to first preview",
                fmt_s(gui.get("first_preview_s")),
                "",
                "",
                fmt_mb((gui.get("memory_at_first_preview") or {}).get("peak_rss_mb")),
            )
        )
        for mode, p in gui.get("preview", {}).items():
            if p["toggles"]:
                rows.append(
                    (
                        f"window preview, toggle ({mode}) median / p95",
                        f"{p['median_ms']:.0f} / {p['p95_ms']:.0f} ms",
                        "",
                        "",
                        "",
                    )
                )
    if not gui.get("available"):
        rows.append((f"window: not measured ({gui.get('error')})"[:100], "", "", "", ""))
    sc = res["scaling"]
    n_small, n_large = packs["small"]["sections"], packs["large"]["sections"]
    for fmt, r in sc["cold"].items():
        rows.append((f"scaling {n_large} vs {n_small} sections, cold {fmt}", "", "", fmt_x(r), ""))
    rows.append(
        (f"scaling {n_large} vs {n_small} sections, warm all", "", "", fmt_x(sc["warm"]), "")
    )
    widths = [max(len(r[i]) for r in rows) for i in range(5)]
    for i, r in enumerate(rows):
        lines.append(
            "  ".join(
                (c.ljust(widths[j]) if j == 0 else c.rjust(widths[j])) for j, c in enumerate(r)
            ).rstrip()
        )
        if i == 0:
            lines.append("  ".join("-" * w for w in widths))
    lines += ["", "targets:"]
    for t in res["targets"]:
        mark = {True: "met", False: "NOT met", None: "not measured"}[t["met"]]
        v = t["value"]
        shown = "—" if v is None or v != v else f"{v:.2f} {t['unit']}"
        lines.append(f"  {mark:>12}  {t['name']}: {shown} (target ≤ {t['limit']:g} {t['unit']})")
    return "\n".join(lines)


def compare(before: dict[str, Any], after: dict[str, Any]) -> str:
    """Two result files side by side: each time, and how many times faster ``after`` is."""
    rows: list[tuple[str, str, str, str]] = [("measurement", "before", "after", "speed-up")]

    def add(name: str, a: float | None, b: float | None, unit: str = "s") -> None:
        if a is None or b is None or a != a or b != b:
            return
        if unit == "s":
            rows.append((name, fmt_s(a), fmt_s(b), f"{a / b:.2f}×" if b else "—"))
        elif unit == "ms":
            rows.append((name, f"{a:.0f} ms", f"{b:.0f} ms", f"{a / b:.2f}×" if b else "—"))
        elif unit == "MB":
            rows.append((name, f"{a:.0f} MB", f"{b:.0f} MB", ""))
        else:
            rows.append((name, f"{a:.2f}{unit}", f"{b:.2f}{unit}", ""))

    def get(res: dict[str, Any], *path: str) -> Any:
        for key in path:
            if not isinstance(res, dict) or key not in res:
                return None
            res = res[key]
        return res

    add(
        "baseline: import the libraries",
        *(get(r, "baselines", "import", "seconds") for r in (before, after)),
    )
    for label in ("builtin", "small", "large"):
        n = get(after, "packs", label, "sections")
        name = f"{label} ({n} sections)" if n else label
        for fmt in FORMAT_SETS:
            add(
                f"cold export {name} {fmt}",
                get(before, "cold_export", label, fmt, "seconds"),
                get(after, "cold_export", label, fmt, "seconds"),
            )
            add(
                "  … its peak memory",
                get(before, "cold_export", label, fmt, "peak_rss_mb"),
                get(after, "cold_export", label, fmt, "peak_rss_mb"),
                "MB",
            )
        add(
            f"warm export {label} all",
            get(before, "warm", label, "export", "seconds"),
            get(after, "warm", label, "export", "seconds"),
        )
    page = ("warm", "builtin", "infographic_page")
    add(
        "A4 300-dpi page PNG, first draw",
        get(before, *page, "seconds"),
        get(after, *page, "seconds"),
    )
    add(
        "  … against its PNG floor",
        get(before, *page, "ratio_floor"),
        get(after, *page, "ratio_floor"),
        "×",
    )
    for mode in ("deck", "infographic"):
        for stat in ("median_ms", "p95_ms"):
            add(
                f"preview engine, toggle ({mode}) {stat[:-3]}",
                get(before, "warm", "builtin", "preview_engine", mode, stat),
                get(after, "warm", "builtin", "preview_engine", mode, stat),
                "ms",
            )
            add(
                f"window preview, toggle ({mode}) {stat[:-3]}",
                get(before, "gui", "preview", mode, stat),
                get(after, "gui", "preview", mode, stat),
                "ms",
            )
    add(
        "window start-up to first paint",
        get(before, "gui", "first_paint_s"),
        get(after, "gui", "first_paint_s"),
    )
    add(
        "window start-up to first preview",
        get(before, "gui", "first_preview_s"),
        get(after, "gui", "first_preview_s"),
    )
    add(
        "window memory with its first preview",
        get(before, "gui", "memory_at_first_preview", "peak_rss_mb"),
        get(after, "gui", "memory_at_first_preview", "peak_rss_mb"),
        "MB",
    )
    add(
        "window peak memory after the toggles",
        get(before, "gui", "peak_rss_mb"),
        get(after, "gui", "peak_rss_mb"),
        "MB",
    )
    for fmt in FORMAT_SETS:
        add(
            f"scaling large/small, cold {fmt}",
            get(before, "scaling", "cold", fmt),
            get(after, "scaling", "cold", fmt),
            "×",
        )
    add(
        "scaling large/small, warm all",
        get(before, "scaling", "warm"),
        get(after, "scaling", "warm"),
        "×",
    )
    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    out = []
    for i, r in enumerate(rows):
        out.append(
            "  ".join(
                c.ljust(widths[j]) if j == 0 else c.rjust(widths[j]) for j, c in enumerate(r)
            ).rstrip()
        )
        if i == 0:
            out.append("  ".join("-" * w for w in widths))
    return "\n".join(out)


# ======================================================================== A/B


def ab_compare(cfg: Config, other: Path) -> dict[str, Any]:
    """Another engine ("before") against this one ("after"), measured turn about.

    On a shared or busy machine two separate runs see different loads; here every
    cold export, warm child and window start alternates between the two engines,
    so both see the same conditions. The built-in pack only.
    """
    log = cfg.log
    engines = {"before": other.resolve(), "after": DESKTOP}
    res: dict[str, Any] = {"schema": SCHEMA, "ab": True, "quick": cfg.quick, "machine": machine()}
    me = [sys.executable, str(Path(__file__).resolve())]
    with workdir(cfg.keep) as tmp:
        env = {k: child_env(tmp, e) for k, e in engines.items()}
        for k in engines:  # warm-up: font cache, file cache
            out = tmp / "warmup" / k
            cmd = [sys.executable, "-m", "infodeck", "export", str(BUILTIN), "--out", str(out)]
            checked(run([*cmd, "--formats", "pptx", "--quiet"], env[k]), f"warm-up ({k})")
        cold: dict[str, dict[str, list[Ran]]] = {k: {f: [] for f in FORMAT_SETS} for k in engines}
        warm: dict[str, list[dict[str, Any]]] = {k: [] for k in engines}
        gui: dict[str, list[dict[str, Any]]] = {k: [] for k in engines}
        for r in range(cfg.repeat):
            order = list(engines) if r % 2 == 0 else list(reversed(engines))
            log(f"round {r + 1} of {cfg.repeat}…")
            for k in order:
                for fmt, formats in FORMAT_SETS.items():
                    out = tmp / "cold" / k / fmt
                    cmd = [sys.executable, "-m", "infodeck", "export", str(BUILTIN)]
                    cmd += ["--out", str(out), "--formats", formats, "--quiet"]
                    cold[k][fmt].append(checked(run(cmd, env[k]), f"cold export ({k})"))
                    shutil.rmtree(out, ignore_errors=True)
            for k in order:
                cmd = [*me, "--child", "warm", "--pack", str(BUILTIN), "--tmp", str(tmp)]
                cmd += ["--repeat", "1", "--toggles", str(cfg.toggles), "--extras"]
                warm[k].append(last_json(checked(run(cmd, env[k]), f"warm ({k})").stdout))
                if cfg.gui:
                    gui[k].append(gui_measurements(tmp, None, cfg.toggles, engines[k]))
        for k, engine in engines.items():
            side: dict[str, Any] = {"engine": str(engine)}
            side["cold_export"] = {
                "builtin": {
                    f: {
                        "seconds": median([x.seconds for x in ran]),
                        "runs": [x.seconds for x in ran],
                        "peak_rss_mb": mb(max((x.maxrss_kib or 0) for x in ran)) or None,
                    }
                    for f, ran in cold[k].items()
                }
            }
            ws = warm[k]
            page = [w["infographic_page"] for w in ws]
            side["warm"] = {
                "builtin": {
                    "export": {"seconds": median([w["export"]["seconds"] for w in ws])},
                    "infographic_page": {
                        key: median([p[key] for p in page])
                        for key in ("seconds", "seconds_cached", "floor_seconds", "ratio_floor")
                        if all(key in p for p in page)
                    },
                    "preview_engine": {
                        mode: {
                            stat: median([w["preview_engine"][mode][stat] for w in ws])
                            for stat in ("median_ms", "p95_ms")
                        }
                        for mode in ("deck", "infographic")
                    },
                }
            }
            good = [g for g in gui[k] if g.get("available")]
            if good:
                side["gui"] = {
                    "available": True,
                    "first_paint_s": median([g["first_paint_s"] for g in good]),
                    "first_preview_s": median([g["first_preview_s"] for g in good]),
                    "peak_rss_mb": median([g["peak_rss_mb"] for g in good]),
                    "memory_at_first_preview": {
                        "peak_rss_mb": median(
                            [
                                (g.get("memory_at_first_preview") or {}).get("peak_rss_mb") or 0.0
                                for g in good
                            ]
                        )
                    },
                    "preview": {
                        mode: {
                            stat: median([g["preview"][mode][stat] for g in good])
                            for stat in ("median_ms", "p95_ms")
                        }
                        for mode in ("deck", "infographic")
                    },
                }
            else:
                side["gui"] = {
                    "available": False,
                    "error": "; ".join(str(g.get("error")) for g in gui[k]) or "skipped",
                }
            res[k] = side
    return res


# ======================================================================= main


@contextmanager
def workdir(keep: bool) -> Iterator[Path]:
    path = Path(tempfile.mkdtemp(prefix="infodeck-bench-"))
    try:
        yield path
    finally:
        if not keep:
            shutil.rmtree(path, ignore_errors=True)


@dataclass
class Config:
    quick: bool
    repeat: int
    repeat_large: int
    small: int
    large: int
    toggles: int
    gui: bool
    keep: bool
    log: Callable[[str], None] = field(default=lambda s: None)


def measure(cfg: Config) -> dict[str, Any]:
    log = cfg.log
    res: dict[str, Any] = {"schema": SCHEMA, "quick": cfg.quick, "machine": machine()}
    with workdir(cfg.keep) as tmp:
        source = BUILTIN if (BUILTIN / "pack.yaml").exists() else SPARE_SOURCE
        packs = {
            "builtin": source,
            "small": generate_pack(source, tmp / "packs" / "small", cfg.small),
            "large": generate_pack(source, tmp / "packs" / "large", cfg.large),
        }
        res["packs"] = {
            k: {"path": str(p), "sections": pack_sections(p), "source": str(source)}
            for k, p in packs.items()
        }
        res["packs"]["builtin"]["source"] = None
        env = child_env(tmp)

        log("warming up (font cache, file cache)…")
        checked(run([sys.executable, "-c", LIBRARIES], env), "importing the libraries")
        warm_out = tmp / "warmup"
        cmd = [sys.executable, "-m", "infodeck", "export", str(source), "--out", str(warm_out)]
        checked(run([*cmd, "--formats", "pptx", "--quiet"], env), "warm-up export")
        shutil.rmtree(warm_out, ignore_errors=True)

        log("baseline: importing the libraries…")
        imports = [
            checked(run([sys.executable, "-c", LIBRARIES], env), "importing the libraries")
            for _ in range(max(3, cfg.repeat))
        ]
        import_s = median([r.seconds for r in imports])
        rss = [r.maxrss_kib for r in imports if r.maxrss_kib is not None]
        floors = Floors(tmp, max(3, cfg.repeat))
        floors.get(*A4_300)
        res["baselines"] = {
            "import": {
                "seconds": import_s,
                "runs": [r.seconds for r in imports],
                "peak_rss_mb": mb(max(rss)) if rss else None,
                "statement": LIBRARIES,
            },
            "png_floor": floors.seconds,  # filled in as exports write new sizes
        }

        log("cold exports…")
        repeat = {"builtin": cfg.repeat, "small": cfg.repeat, "large": cfg.repeat_large}
        res["cold_export"] = cold_exports(packs, tmp, repeat, floors, import_s)

        log("warm exports, infographic page, preview engine…")
        res["warm"] = {}
        for label, path in packs.items():
            n = cfg.repeat if label != "large" else cfg.repeat_large
            cmd = [sys.executable, str(Path(__file__).resolve()), "--child", "warm"]
            cmd += ["--pack", str(path), "--tmp", str(tmp), "--repeat", str(n)]
            cmd += ["--toggles", str(cfg.toggles)]
            if label != "large" and not cfg.quick:  # tracemalloc slows Python down a lot
                cmd += ["--trace"]
            if label == "builtin":
                cmd += ["--extras"]
            ran = checked(run(cmd, env), f"warm export of {label}")
            w = last_json(ran.stdout)
            w["peak_rss_mb"] = mb(ran.maxrss_kib)
            cold_png_floor = res["cold_export"][label]["all"]["floor_seconds"] - import_s
            w["export"]["floor_seconds"] = cold_png_floor
            w["export"]["ratio_floor"] = (
                w["export"]["seconds"] / cold_png_floor if cold_png_floor > 0 else None
            )
            res["warm"][label] = w

        if cfg.gui:
            log("the window…")
            res["gui"] = gui_measurements(tmp, None, cfg.toggles)
        else:
            res["gui"] = {"available": False, "error": "skipped (--no-gui)"}

        cold = res["cold_export"]
        res["scaling"] = {
            "cold": {
                f: cold["large"][f]["seconds"] / cold["small"][f]["seconds"] for f in FORMAT_SETS
            },
            "warm": res["warm"]["large"]["export"]["seconds"]
            / res["warm"]["small"]["export"]["seconds"],
            "sections": [res["packs"]["small"]["sections"], res["packs"]["large"]["sections"]],
        }
        res["targets"] = targets(res)
    return res


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--quick", action="store_true", help="a small smoke run (CI); not for timing")
    p.add_argument("--json", metavar="PATH", help="also write the results as JSON ('-': stdout)")
    p.add_argument("--repeat", type=int, help="runs of each measurement (median is reported)")
    p.add_argument("--repeat-large", type=int, help="runs of each large-pack measurement (3)")
    p.add_argument("--large", type=int, help="sections in the large generated pack (200)")
    p.add_argument("--small", type=int, help="sections in the small generated pack (20)")
    p.add_argument("--toggles", type=int, help="section toggles timed per preview mode")
    p.add_argument("--no-gui", action="store_true", help="skip the window measurements")
    p.add_argument("--keep", action="store_true", help="keep the temporary folder")
    p.add_argument(
        "--ab",
        metavar="DIR",
        help="measure the engine in DIR (before) against this one (after), turn about",
    )
    p.add_argument(
        "--compare",
        nargs=2,
        metavar=("BEFORE", "AFTER"),
        help="print two --json result files side by side, and exit",
    )
    p.add_argument(
        "--engine",
        metavar="DIR",
        help="measure the infodeck package in DIR (default: desktop/ of this checkout)",
    )
    # internal: the measurements that run in a fresh interpreter of their own
    p.add_argument("--child", choices=["warm", "gui", "qt-bare"], help=argparse.SUPPRESS)
    p.add_argument("--pack", help=argparse.SUPPRESS)
    p.add_argument("--tmp", help=argparse.SUPPRESS)
    p.add_argument("--t0", type=float, help=argparse.SUPPRESS)
    p.add_argument("--timeout", type=float, default=300.0, help=argparse.SUPPRESS)
    p.add_argument("--trace", action="store_true", help=argparse.SUPPRESS)
    p.add_argument("--extras", action="store_true", help=argparse.SUPPRESS)
    ns = p.parse_args(argv)
    if ns.compare:
        a, b = (json.loads(Path(f).read_text(encoding="utf-8")) for f in ns.compare)
        print(compare(a, b))
        return 0
    if ns.engine:
        global DESKTOP
        DESKTOP = Path(ns.engine).resolve()
        os.environ["INFODECK_BENCH_ENGINE"] = str(DESKTOP)  # for the children

    if ns.child:
        sys.path.insert(0, str(DESKTOP))
        child = {"warm": child_warm, "gui": child_gui, "qt-bare": child_qt_bare}[ns.child]
        if ns.repeat is None:
            ns.repeat = 1
        if ns.toggles is None:
            ns.toggles = 4
        print(json.dumps(child(ns)), flush=True)
        if ns.child == "gui":
            # The results are out. With PySide6 6.12.0 on Python 3.11 every Qt call
            # returning void takes a reference from None, so after a long session
            # the process aborts at exit ("none_dealloc"); leaving at once keeps
            # that out of --ab comparisons run with such a binding.
            sys.stderr.flush()
            os._exit(0)
        return 0

    quick = ns.quick
    cfg = Config(
        quick=quick,
        repeat=ns.repeat or (1 if quick else 5),
        repeat_large=ns.repeat_large or (1 if quick else 3),
        small=ns.small or (2 if quick else 20),
        large=ns.large or (4 if quick else 200),
        toggles=ns.toggles or (2 if quick else 40),
        gui=not ns.no_gui,
        keep=ns.keep,
        log=(lambda s: print(s, file=sys.stderr, flush=True)),
    )
    if ns.ab:
        res = ab_compare(cfg, Path(ns.ab))
        if ns.json:
            Path(ns.json).write_text(json.dumps(res, indent=2) + "\n", encoding="utf-8")
        m = res["machine"]
        print(
            f"{m['cpu']}, {m['cores']} cores, Python {m['python']}, {m['os']}; "
            f"{cfg.repeat} rounds, turn about\n"
        )
        print(compare(res["before"], res["after"]))
        return 0
    res = measure(cfg)
    if ns.json == "-":
        print(json.dumps(res, indent=2))
    else:
        print(table(res))
        if ns.json:
            Path(ns.json).write_text(json.dumps(res, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
