"""The engine never imports Qt: it runs where PySide6 cannot even be imported."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from conftest import ROOT

ENGINE = sorted(
    "infodeck." + ".".join(p.relative_to(ROOT / "desktop" / "infodeck").with_suffix("").parts)
    for p in (ROOT / "desktop" / "infodeck").rglob("*.py")
    if "gui" not in p.relative_to(ROOT / "desktop" / "infodeck").parts
)


def test_engine_modules_are_listed() -> None:
    assert "infodeck.export.write" in ENGINE and "infodeck.render.pptx" in ENGINE
    assert not any(m.startswith("infodeck.gui") for m in ENGINE)


@pytest.mark.slow  # a whole export in a new process (4-5 s); CI and `make test` run it
def test_engine_imports_and_exports_with_pyside6_blocked(tmp_path: Path) -> None:
    """Import every engine module and run a full export with PySide6 unimportable."""
    modules = [m.removesuffix(".__init__") for m in ENGINE if not m.endswith("__main__")]
    script = textwrap.dedent(
        f"""
        import importlib, sys

        class Block:
            def find_spec(self, name, path=None, target=None):
                if name == "PySide6" or name.startswith(("PySide6.", "shiboken6")):
                    raise ImportError("the engine must not import " + name)
                return None

        sys.meta_path.insert(0, Block())
        for m in {modules!r}:
            importlib.import_module(m)
        from infodeck.cli import main
        status = main(["export", "--out", {str(tmp_path)!r}, "--formats", "pptx,png,svg,pdf"])
        assert status == 0, status
        assert not [m for m in sys.modules if m.startswith("PySide6")]
        print("ok")
        """
    )
    env_path = str(ROOT / "desktop")
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        env={"PYTHONPATH": env_path, "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith("ok")
    assert (tmp_path / "gut-health-migraines.pptx").is_file()


def test_backends_are_not_imported_by_composition() -> None:
    """python-pptx and matplotlib stay off the start-up path until something is drawn."""
    script = textwrap.dedent(
        """
        import sys
        from infodeck.content.load import load_pack
        from infodeck.compose.deck import compose_deck
        from infodeck.compose.layouts import get_layout, get_theme
        from infodeck.resources import builtin_pack_dir
        pack = load_pack(builtin_pack_dir()).pack
        compose_deck(pack, [s.id for s in pack.sections], get_layout("deck-16x9"),
                     get_theme("default"))
        heavy = sorted({m.split(".")[0] for m in sys.modules} & {"pptx", "matplotlib"})
        print(",".join(heavy) or "none")
        """
    )
    out = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(ROOT / "desktop"), "PATH": "/usr/bin:/bin"},
        timeout=120,
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "none"
