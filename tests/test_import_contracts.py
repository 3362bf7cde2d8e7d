"""The import contracts in pyproject.toml hold, and `make lint` fails when one is crossed.

lint-imports runs on a copy of the package with one forbidden import added: it must
name the broken contract and exit with a failure.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import importlinter  # noqa: F401 - a dev dependency: its absence must fail, not skip
import pytest

from conftest import ROOT

PACKAGE = ROOT / "desktop" / "infodeck"
LINT = (
    "import sys\n"
    "from importlinter.cli import lint_imports_command\n"
    "sys.exit(lint_imports_command())\n"
)


def _copy(tmp: Path) -> Path:
    shutil.copytree(PACKAGE, tmp / "desktop" / "infodeck", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp / "pyproject.toml")
    return tmp / "desktop" / "infodeck"


def _lint(tmp: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", LINT, "--no-cache"],
        cwd=tmp,
        capture_output=True,
        text=True,
        timeout=120,
        env={"PYTHONPATH": str(tmp / "desktop"), "PATH": "/usr/bin:/bin"},
    )


def test_the_contracts_hold(tmp_path: Path) -> None:
    _copy(tmp_path)
    r = _lint(tmp_path)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "0 broken" in r.stdout


CROSSINGS = [
    # (module, the import added to it, the contract it breaks)
    ("content/model.py", "import infodeck.compose.kit", "Layers run one way"),
    ("scene/text.py", "import infodeck.content.model", "Layers run one way"),
    ("compose/deck.py", "import infodeck.render.pptx", "Layers run one way"),
    ("render/mpl.py", "import infodeck.export.plan", "Layers run one way"),
    ("export/write.py", "import infodeck.cli", "Layers run one way"),
    ("render/pptx.py", "import infodeck.render.mpl", "The two backends are independent"),
    ("compose/flow.py", "import PySide6.QtCore", "The engine never imports Qt"),
    ("cli.py", "from infodeck.gui import app", "Layers run one way"),
    ("compose/kit.py", "import infodeck.compose.deck", "No import cycles"),
]


@pytest.mark.parametrize(("module", "line", "contract"), CROSSINGS, ids=[c[0] for c in CROSSINGS])
def test_crossing_a_layer_fails_the_lint(tmp_path: Path, module: str, line: str, contract: str) -> None:
    pkg = _copy(tmp_path)
    target = pkg / module
    # At the end of the module, inside a function, as the engine's lazy imports are.
    target.write_text(target.read_text() + f"\n\ndef _crossing() -> None:\n    {line}\n")
    r = _lint(tmp_path)
    assert r.returncode != 0
    assert f"{contract}" in r.stdout and "BROKEN" in r.stdout, r.stdout


def test_every_engine_module_is_kept_from_qt() -> None:
    """A new top-level engine module must join the contract that keeps Qt out."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]
    [qt] = [c for c in config["contracts"] if c["name"] == "The engine never imports Qt"]
    top = {
        f"infodeck.{p.stem if p.is_file() else p.name}"
        for p in PACKAGE.iterdir()
        if (p.suffix == ".py" or (p / "__init__.py").exists()) and not p.name.startswith("_")
    }
    faces = {"infodeck.gui"}
    assert top - faces == set(qt["source_modules"])
