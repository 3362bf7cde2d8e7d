"""One error hierarchy: the user's mistakes share a base, the engine words no face's advice."""

from __future__ import annotations

import ast
import inspect
from pathlib import Path

import pytest

import infodeck.errors as errors
from infodeck.cli import main
from infodeck.content.load import load_pack
from infodeck.export.plan import ExportRequest
from infodeck.export.write import run_export

from conftest import BUILTIN, ROOT

PACKAGE = ROOT / "desktop" / "infodeck"


def _exception_classes() -> list[tuple[Path, str, list[str]]]:
    """(file, class, base names) of every exception class defined in the package."""
    found = []
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ClassDef):
                bases = [ast.unparse(b) for b in node.bases]
                if any(b.endswith(("Error", "Exception", "Cancelled", "Name", "Exist")) for b in bases):
                    found.append((path, node.name, bases))
    return found


def test_every_exception_infodeck_defines_is_in_the_hierarchy() -> None:
    """Nothing derives from Exception directly except the hierarchy's root."""
    classes = _exception_classes()
    assert len(classes) >= 9
    direct = [(p.name, c) for p, c, bases in classes if "Exception" in bases]
    assert direct == [("errors.py", "InfodeckError")]


def test_user_mistakes_and_cancel_share_the_root() -> None:
    from infodeck.content.problems import ContentError
    from infodeck.content.yamlread import YamlError
    from infodeck.gui.jobs import Cancelled as GuiCancelled
    from infodeck.render import Cancelled as RenderCancelled
    from infodeck.scene.svg import SvgError

    for cls in (ContentError, YamlError, SvgError, errors.UnknownName, errors.TargetsExist,
                errors.ExportError, errors.UsageError):
        assert issubclass(cls, errors.UserError), cls
    assert GuiCancelled is RenderCancelled is errors.Cancelled
    assert not issubclass(errors.Cancelled, errors.UserError)
    assert issubclass(errors.UserError, errors.InfodeckError)
    assert errors.UserError.exit_status == 2


def test_structured_errors_carry_their_data() -> None:
    e = errors.UnknownName("theme", ["dark"], ["default", "grayscale"])
    assert (e.kind, e.names, e.choices) == ("theme", ("dark",), ("default", "grayscale"))
    assert str(e) == "unknown theme 'dark'; choose one of: default, grayscale"
    paths = [Path(f"/x/{i}.png") for i in range(5)]
    t = errors.TargetsExist(paths)
    assert t.existing == tuple(paths)
    assert str(t) == "5 file(s) already exist (/x/0.png, /x/1.png, /x/2.png …)"


def test_the_engine_words_no_face_advice() -> None:
    """'--force' is the command line's word; the window says it its own way."""
    engine = [p for p in PACKAGE.rglob("*.py") if "gui" not in p.parts and p.name != "cli.py"]
    said = [p.name for p in engine if "--force" in p.read_text()]
    assert said == []


def test_the_window_rewrites_no_engine_message() -> None:
    from infodeck.gui import export_dialog

    source = inspect.getsource(export_dialog)
    assert ".replace(" not in source


@pytest.fixture(scope="module")
def pack():  # type: ignore[no-untyped-def]
    return load_pack(BUILTIN).pack


def test_existing_targets_each_face_words_its_own_advice(pack, tmp_path: Path, capsys) -> None:
    req = ExportRequest(pack, tmp_path, ("gut-brain-axis",), ("pptx",))
    run_export(req)
    with pytest.raises(errors.TargetsExist) as e:
        run_export(req)
    assert e.value.existing == (tmp_path / "gut-health-migraines.pptx",)
    assert "force" not in str(e.value) and "tick" not in str(e.value)

    args = ["export", "--out", str(tmp_path), "--sections", "gut-brain-axis", "--formats", "pptx"]
    assert main(args) == 2
    assert "use --force to replace them" in capsys.readouterr().err

    from infodeck.gui.export_dialog import plain_error

    text = plain_error(e.value)
    assert "tick “Replace existing files”" in text and "--force" not in text
    assert text.startswith("1 file(s) already exist") and text.endswith("Nothing was written.")
