"""The standalone app (build.spec): build it, then use it as a teacher's machine would.

The tests marked ``frozen`` build ``dist/Infodeck/`` with PyInstaller when it is missing or
older than the sources (about a minute), then run the frozen command line and the frozen
windowed app headless. They fail, never skip, when PyInstaller is missing: it comes with the
``dev`` extra (``pip install -e '.[dev]'``, which ``make test`` does).

The unmarked tests at the end check the frozen-case helpers and the app icon in-process.
"""

from __future__ import annotations

import importlib.util
import io
import logging
import os
import subprocess
import sys
import sysconfig
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image, ImageChops

from infodeck import __version__

from conftest import ROOT

DIST = ROOT / "dist" / "Infodeck"
EXE = ".exe" if sys.platform == "win32" else ""
APP = DIST / f"Infodeck{EXE}"
CLI = DIST / (f"infodeck{EXE}" if sys.platform.startswith("linux") else f"infodeck-cli{EXE}")
PACK_ID = "gut-health-migraines"
# What decides whether a built bundle is still current.
SOURCES = ("desktop/infodeck", "assets", "layouts", "content", "packaging")
SOURCE_FILES = ("build.spec", "pyproject.toml", "setup.py")
SMOKE_VAR = "INFODECK_SMOKE_QUIT"


# -- building -------------------------------------------------------------------------------


def _newest_source() -> float:
    """The newest modification time among the files the bundle is built from."""
    times = [(ROOT / f).stat().st_mtime for f in SOURCE_FILES]
    for folder in SOURCES:
        for p in (ROOT / folder).rglob("*"):
            if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc":
                times.append(p.stat().st_mtime)
    # Installing or upgrading a dependency changes the site-packages folder itself.
    times.append(Path(sysconfig.get_paths()["purelib"]).stat().st_mtime)
    return max(times)


def _bundle_is_current() -> bool:
    return APP.is_file() and CLI.is_file() and CLI.stat().st_mtime >= _newest_source()


@pytest.fixture(scope="session")
def bundle() -> Path:
    """``dist/Infodeck``, built now unless an up-to-date build is already there."""
    if importlib.util.find_spec("PyInstaller") is None:
        pytest.fail(
            "PyInstaller is not installed, so the standalone app cannot be built or tested: "
            "pip install -e '.[dev]' (or '.[bundle]')"
        )
    if not _bundle_is_current():
        started = time.monotonic()
        r = subprocess.run(
            [
                sys.executable,
                "-m",
                "PyInstaller",
                "--noconfirm",
                "--clean",
                "--distpath",
                str(ROOT / "dist"),
                "--workpath",
                str(ROOT / "build"),
                str(ROOT / "build.spec"),
            ],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=1200,
        )
        if r.returncode != 0:
            pytest.fail(
                f"PyInstaller failed ({r.returncode}):\n{r.stdout[-3000:]}{r.stderr[-6000:]}"
            )
        print(f"built {DIST} in {time.monotonic() - started:.0f} s")
    assert APP.is_file() and CLI.is_file(), sorted(p.name for p in DIST.iterdir())
    return DIST


@pytest.fixture
def home(tmp_path: Path) -> Path:
    """A fresh user: its own home, settings, caches and log folder."""
    for d in ("home", "cache", "state", "config", "local"):
        (tmp_path / d).mkdir()
    return tmp_path


def frozen_env(home: Path, **extra: str) -> dict[str, str]:
    """The environment of a teacher's machine: nothing of this checkout or its venv."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("PYTHON", "MPL", "QT_", "INFODECK", "VIRTUAL_ENV", "PYTEST"))
    }
    env.update(
        HOME=str(home / "home"),
        XDG_CACHE_HOME=str(home / "cache"),
        XDG_STATE_HOME=str(home / "state"),
        XDG_CONFIG_HOME=str(home / "config"),
        LOCALAPPDATA=str(home / "local"),
        QT_QPA_PLATFORM="offscreen",
        **extra,
    )
    return env


def log_text(home: Path) -> str:
    log = home / "state" / "infodeck" / "log" / "infodeck.log"
    return log.read_text(encoding="utf-8") if log.exists() else ""


def run_frozen(
    exe: Path, home: Path, *args: str, timeout: float = 300
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(exe), *args],
        cwd=home,
        env=frozen_env(home),
        capture_output=True,
        text=True,
        timeout=timeout,
    )


# -- the frozen command line ------------------------------------------------------------------


def run_engine(*args: str) -> subprocess.CompletedProcess[str]:
    """The same command run from the source tree, to compare with the bundle's output."""
    return subprocess.run(
        [sys.executable, "-m", "infodeck", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "PYTHONPATH": str(ROOT / "desktop")},
    )


@pytest.mark.frozen
@pytest.mark.slow
def test_version(bundle: Path, home: Path) -> None:
    r = run_frozen(CLI, home, "--version", timeout=60)
    assert r.returncode == 0, r.stderr
    assert r.stdout == f"infodeck {__version__}\n"
    assert r.stderr == ""


@pytest.mark.frozen
@pytest.mark.slow
def test_data_and_lists(bundle: Path, home: Path) -> None:
    """The bundle's layouts, themes and built-in pack are found (resources in _MEIPASS)."""
    r = run_frozen(CLI, home, "layouts", timeout=120)
    assert r.returncode == 0, r.stderr
    assert "a4-portrait" in r.stdout and "deck-16x9" in r.stdout
    r = run_frozen(CLI, home, "sections", timeout=120)
    assert r.returncode == 0, r.stderr
    assert "gut-brain-axis" in r.stdout
    r = run_frozen(CLI, home, "check", str(bundle / "_internal" / "content" / PACK_ID), timeout=120)
    assert r.returncode == 0, r.stdout + r.stderr


@pytest.fixture(scope="module")
def frozen_export(bundle: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The built-in pack exported by the frozen command line: (output folder, user home)."""
    home = tmp_path_factory.mktemp("user")
    for d in ("home", "cache", "state", "config", "local"):
        (home / d).mkdir()
    out = home / "out"
    r = run_frozen(CLI, home, "export", "--out", str(out))
    assert r.returncode == 0, r.stdout + r.stderr + log_text(home)
    assert "Traceback" not in r.stderr and "Warning" not in r.stderr, r.stderr
    assert f"wrote {out / (PACK_ID + '.pptx')}" in r.stdout
    return out, home


@pytest.mark.frozen
@pytest.mark.slow
def test_export_deck(frozen_export: tuple[Path, Path]) -> None:
    from pptx import Presentation

    deck = frozen_export[0] / f"{PACK_ID}.pptx"
    prs = Presentation(str(deck))
    assert len(prs.slides) >= 10
    for i, slide in enumerate(prs.slides, 1):
        assert slide.has_notes_slide, f"slide {i} has no notes"
        assert slide.notes_slide.notes_text_frame.text.strip(), f"slide {i}: empty notes"
    with zipfile.ZipFile(deck) as z:
        assert any(n.startswith("ppt/charts/chart") for n in z.namelist())  # native charts


@pytest.mark.frozen
@pytest.mark.slow
def test_export_pictures(frozen_export: tuple[Path, Path]) -> None:
    out = frozen_export[0]
    with Image.open(out / f"{PACK_ID}.png") as im:
        assert im.size[0] >= 2480 and im.size[1] >= 3508
        assert round(im.info["dpi"][0]) == 300
    diagrams = {p.name for p in (out / "diagrams").iterdir()}
    for name in ("gut-brain-axis-1", "neuroinflammation-1"):
        assert {f"{name}.png", f"{name}.svg", f"{name}.pdf"} <= diagrams
    assert (out / f"{PACK_ID}.pdf").read_bytes().startswith(b"%PDF")
    assert b"<svg" in (out / "diagrams" / "gut-brain-axis-1.svg").read_bytes()[:2000]
    assert not [p for p in out.rglob("*") if p.name.endswith(".tmp")]


@pytest.mark.frozen
@pytest.mark.slow
def test_export_matches_the_engine(frozen_export: tuple[Path, Path], tmp_path: Path) -> None:
    """The frozen app draws exactly what the engine draws: same fonts, same backends."""
    out = tmp_path / "engine"
    r = run_engine("export", "--out", str(out), "--formats", "pptx,png")
    assert r.returncode == 0, r.stderr
    frozen = frozen_export[0]
    with Image.open(frozen / f"{PACK_ID}.png") as a, Image.open(out / f"{PACK_ID}.png") as b:
        assert a.size == b.size
        assert ImageChops.difference(a.convert("RGB"), b.convert("RGB")).getbbox() is None
    assert _zip_parts(frozen / f"{PACK_ID}.pptx") == _zip_parts(out / f"{PACK_ID}.pptx")


@pytest.mark.frozen
@pytest.mark.slow
def test_every_script_draws_as_in_the_engine(bundle: Path, home: Path, tmp_path: Path) -> None:
    """The bundle carries the fallback fonts and matplotlib's shaping: Arabic, CJK, emoji…"""
    pack = ROOT / "tests" / "data" / "scripts"
    frozen, engine = tmp_path / "frozen", tmp_path / "engine"
    r = run_frozen(CLI, home, "export", str(pack), "--out", str(frozen), "--formats", "slides-png")
    assert r.returncode == 0, r.stdout + r.stderr + log_text(home)
    assert "Warning" not in r.stderr, r.stderr  # no "Glyph … missing from font(s)"
    r = run_engine("export", str(pack), "--out", str(engine), "--formats", "slides-png")
    assert r.returncode == 0, r.stderr
    names = sorted(p.name for p in (engine / "slides").iterdir())
    assert names and names == sorted(p.name for p in (frozen / "slides").iterdir())
    for name in names:
        with Image.open(frozen / "slides" / name) as a, Image.open(engine / "slides" / name) as b:
            assert ImageChops.difference(a.convert("RGB"), b.convert("RGB")).getbbox() is None


def _zip_parts(path: Path | bytes) -> dict[str, object]:
    """A package's parts, embedded workbooks opened too; the times of writing left out."""
    data = path.read_bytes() if isinstance(path, Path) else path
    parts: dict[str, object] = {}
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        for name in z.namelist():
            if name != "docProps/core.xml":
                body = z.read(name)
                parts[name] = _zip_parts(body) if name.endswith(".xlsx") else body
    return parts


@pytest.mark.frozen
@pytest.mark.slow
def test_font_cache_is_kept_between_launches(frozen_export: tuple[Path, Path]) -> None:
    """matplotlib's font list lives in the user's cache folder, not in a temporary one."""
    home = frozen_export[1]
    (cache,) = (home / "cache" / "infodeck" / "matplotlib").glob("fontlist-*.json")
    before = cache.stat().st_mtime_ns
    r = run_frozen(CLI, home, "export", "--out", str(home / "again"), "--formats", "png")
    assert r.returncode == 0, r.stderr
    assert cache.stat().st_mtime_ns == before  # read, not rebuilt


@pytest.mark.frozen
@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="closes stdio with a POSIX shell")
def test_without_a_console_output_goes_to_the_log(bundle: Path, home: Path) -> None:
    """A windowed build has no stdout/stderr (None): printing must not crash, it is logged."""
    r = subprocess.run(
        ["/bin/sh", "-c", 'exec "$0" "$@" >&- 2>&-', str(APP), "--version"],
        cwd=home,
        env=frozen_env(home),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert r.returncode == 0
    assert f"INFO infodeck.stdout: infodeck {__version__}" in log_text(home)


# -- the frozen windowed app ------------------------------------------------------------------


def _gui_supports_smoke_start() -> bool:
    gui = ROOT / "desktop" / "infodeck" / "gui"
    return any(SMOKE_VAR in p.read_text(encoding="utf-8") for p in gui.glob("*.py"))


@pytest.mark.frozen
@pytest.mark.slow
def test_app_reaches_its_window_and_quits(bundle: Path, home: Path) -> None:
    """Start the windowed app offscreen; with INFODECK_SMOKE_QUIT=1 it quits by itself.

    The app's part (gui/app.py): with INFODECK_SMOKE_QUIT=1, once the main window is shown
    and its first preview drawn, print "smoke start ok", close the window the normal way
    and return 0 (non-zero, with a reason, if that does not happen within a minute).
    """
    supported = _gui_supports_smoke_start()
    p = subprocess.Popen(
        [str(APP)],
        cwd=home,
        env=frozen_env(home, **{SMOKE_VAR: "1"}),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        out, err = p.communicate(timeout=120 if supported else 15)
    except subprocess.TimeoutExpired:
        p.kill()
        out, err = p.communicate()
        assert "Traceback" not in err and "ERROR" not in log_text(home), err + log_text(home)
        if supported:
            pytest.fail(f"the app did not quit within 120 s:\n{out}\n{err}")
        # The app started and ran without an error; it cannot yet say it reached its window.
        pytest.xfail(f"gui/app.py does not honour {SMOKE_VAR} yet: started, ran 15 s, killed")
    assert p.returncode == 0, out + err + log_text(home)
    assert "smoke start ok" in out, out + err
    assert "Traceback" not in err, err
    assert "ERROR" not in log_text(home), log_text(home)


# -- the frozen-case helpers and the icon, in-process ------------------------------------------


@pytest.fixture
def log_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A private log folder; Infodeck's file handlers are set aside and restored."""
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    logger = logging.getLogger("infodeck")
    saved = list(logger.handlers)
    for h in saved:
        logger.removeHandler(h)
    yield tmp_path / "state" / "infodeck" / "log"
    for h in list(logger.handlers):
        logger.removeHandler(h)
        h.close()
    for h in saved:
        logger.addHandler(h)


def test_missing_streams_go_to_the_log(log_folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from infodeck.logs import capture_missing_streams

    monkeypatch.setattr(sys, "stdout", None)
    monkeypatch.setattr(sys, "stderr", None)
    capture_missing_streams()
    print("hello", "teacher")
    print("first line\nsecond", end="", file=sys.stderr)
    sys.stderr.flush()
    import traceback

    traceback.print_exception(ValueError("boom"))  # what an uncaught exception prints
    text = (log_folder / "infodeck.log").read_text(encoding="utf-8")
    assert "INFO infodeck.stdout: hello teacher" in text
    assert "WARNING infodeck.stderr: first line" in text
    assert "WARNING infodeck.stderr: second" in text
    assert "WARNING infodeck.stderr: ValueError: boom" in text


def test_present_streams_are_left_alone(log_folder: Path) -> None:
    from infodeck.logs import capture_missing_streams

    before = (sys.stdout, sys.stderr)
    capture_missing_streams()
    assert (sys.stdout, sys.stderr) == before
    assert not log_folder.exists()


def test_log_stream_never_recurses(log_folder: Path) -> None:
    """If logging itself writes to stderr (a failing handler), that write is dropped."""
    from infodeck.logs import _LogStream

    stream = _LogStream("stderr", logging.WARNING)
    calls = []

    class Echo(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            calls.append(record.getMessage())
            stream.write("echo\n")  # what logging's handleError would do

    logger = logging.getLogger("infodeck")
    echo = Echo()
    logger.addHandler(echo)
    try:
        stream.write("once\n")
    finally:
        logger.removeHandler(echo)
    assert calls == ["once"]


def test_prepare_frozen_keeps_matplotlib_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from infodeck.resources import prepare_frozen, user_cache_dir

    monkeypatch.delenv("MPLCONFIGDIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    prepare_frozen()  # not frozen: nothing happens
    assert "MPLCONFIGDIR" not in os.environ
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    prepare_frozen()
    if sys.platform.startswith("linux"):
        assert user_cache_dir() == tmp_path / "infodeck"
    assert os.environ["MPLCONFIGDIR"] == str(user_cache_dir() / "matplotlib")
    monkeypatch.setenv("MPLCONFIGDIR", str(tmp_path / "mine"))
    prepare_frozen()  # the user's own choice wins
    assert os.environ["MPLCONFIGDIR"] == str(tmp_path / "mine")


def _load_make_icons(monkeypatch: pytest.MonkeyPatch):
    spec = importlib.util.spec_from_file_location(
        "make_icons", ROOT / "assets" / "icons" / "make_icons.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, "make_icons", module)  # dataclasses look it up
    spec.loader.exec_module(module)
    return module


def test_icons_are_current_and_complete(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The committed icon files are what make_icons.py draws, in every size a platform asks."""
    make_icons = _load_make_icons(monkeypatch)
    make_icons.main(tmp_path)
    icons = ROOT / "assets" / "icons"
    assert (tmp_path / "infodeck.svg").read_text() == (icons / "infodeck.svg").read_text()
    for name, size in (("infodeck.png", 1024), ("infodeck-256.png", 256)):
        with Image.open(icons / name) as a, Image.open(tmp_path / name) as b:
            assert a.size == b.size == (size, size) and a.mode == "RGBA"
            diff = ImageChops.difference(a, b).convert("L")
            changed = sum(diff.histogram()[24:])
            assert changed < 0.005 * size * size, f"{name}: run assets/icons/make_icons.py"
    with Image.open(icons / "infodeck.ico") as ico:
        assert {(s, s) for s in (16, 32, 48, 256)} <= ico.info["sizes"]
    with Image.open(icons / "infodeck.icns") as icns:
        assert {(s, s, 1) for s in (16, 32, 128, 256, 512)} <= {
            (w, h, 1) for w, h, _ in icns.info["sizes"]
        }
        assert (512, 512, 2) in icns.info["sizes"]  # 1024 px, for Retina displays
    # The SVG and the pixels are the same drawing.
    svg = (icons / "infodeck.svg").read_text()
    for colour in ("#0B3C49", "#0B6E79", "#B4461B"):
        assert colour in svg
    with Image.open(icons / "infodeck.png") as im:
        assert im.getpixel((512, 40))[3] == 0  # transparent margin
        assert im.getpixel((100, 512))[:3] == (0x0B, 0x3C, 0x49)  # the tile
