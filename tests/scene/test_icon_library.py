"""The bundled icon library: a curated set of Tabler Icons, found by name and keyword."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

from infodeck.scene.elements import VectorIcon
from infodeck.scene.icons import (
    builtin_icon,
    builtin_names,
    catalogue,
    library_dir,
    library_source,
    search_icons,
    unknown_message,
)

from conftest import ROOT

CURATED = tomllib.loads((ROOT / "assets" / "icons" / "library.toml").read_text(encoding="utf-8"))
OWN = {p.stem for p in (ROOT / "assets" / "icons" / "content").glob("*.svg")}


def _bounds(icon: VectorIcon) -> tuple[float, float, float, float]:
    xs = [a[k] for p in icon.paths for _, a in p.ops for k in range(0, len(a), 2)]
    ys = [a[k] for p in icon.paths for _, a in p.ops for k in range(1, len(a), 2)]
    return min(xs), min(ys), max(xs), max(ys)


def test_at_least_300_icons_every_one_readable_on_one_grid() -> None:
    files = sorted(library_dir().glob("*.svg"))
    assert len(files) >= 300
    for f in files:
        icon = builtin_icon(f.stem)
        assert (icon.width, icon.height) == (24, 24), f.name
        # Strokes only, all of one weight: 1.5 on 24 units, as Infodeck's own 3 on 48.
        assert {p.width for p in icon.paths if p.paint == "stroke"} <= {1.5}, f.name
        x0, y0, x1, y1 = _bounds(icon)
        assert x0 >= 0 and y0 >= 0 and x1 <= 24 and y1 <= 24, f.name
        assert icon.title and icon.title[0].isupper()


def test_the_index_lists_every_file_and_every_curated_name() -> None:
    index = json.loads((library_dir() / "index.json").read_text(encoding="utf-8"))
    files = {p.name for p in library_dir().glob("*.svg")}
    assert {e["file"] for e in index["icons"].values()} == files
    curated = {n for names in CURATED["subjects"].values() for n in names}
    assert set(index["icons"]) == (curated - OWN) | set(CURATED["aliases"])
    assert index["source"] == CURATED["source"]
    for subject in CURATED["subjects"]:
        assert sum(subject in e["subjects"] for e in index["icons"].values()) >= 10, subject


def test_the_licence_travels_with_the_icons() -> None:
    text = (library_dir() / "LICENSE").read_text(encoding="utf-8")
    assert text.startswith("MIT License") and "Paweł Kuna" in text
    src = library_source()
    assert (src["name"], src["license"]) == ("Tabler Icons", "MIT")


def test_names_teachers_reach_for_exist() -> None:
    names = set(builtin_names())
    for n in ("sun", "leaf", "water", "plant", "molecule", "planet", "person", "volcano",
              "cloud-rain", "flask", "dna", "chart-bar", "calculator", "school", "users"):
        assert n in names, n
    assert builtin_icon("water").paths == builtin_icon("droplet").paths
    assert builtin_icon("water").title == "Water"


def test_infodeck_s_own_icons_win_a_name_clash() -> None:
    for name in OWN:
        assert catalogue()[name].source == "Infodeck"
        assert builtin_icon(name).width == 48  # the own 48-unit drawing, not Tabler's
    assert "brain" in {n for names in CURATED["subjects"].values() for n in names}
    assert not (library_dir() / "brain.svg").exists()


def test_search_ranks_names_then_keywords() -> None:
    assert search_icons("sun")[0].name == "sun"
    names = [i.name for i in search_icons("sun")]
    assert names.index("sun") < names.index("sunrise")
    assert {"leaf", "sun", "plant"} <= {i.name for i in search_icons("photosynthesis")}
    found = search_icons("water cycle")  # every word must match
    assert found and all("cycle" in " ".join((*i.keywords, i.name)) for i in found)
    assert search_icons("Molecule")[0].name == "molecule"
    assert search_icons("molecule")[0].alias_of == "hexagons"
    assert search_icons("zzqqxx") == []
    everything = search_icons("")
    assert [i.name for i in everything] == list(builtin_names())
    brain = search_icons("nervous system")
    assert brain and brain[0].source in ("Infodeck", "Tabler Icons 3.52.0 (MIT)")


def test_search_lists_a_pack_s_own_icons_over_built_in_ones() -> None:
    icon = builtin_icon("leaf")
    found = search_icons("leaf", {"leaf": icon, "my-leaf": icon})
    by_name = {i.name: i for i in found}
    assert by_name["leaf"].source == "this pack" and by_name["my-leaf"].kind == "pack"


def test_unknown_message_suggests_and_points_at_the_search() -> None:
    msg = unknown_message("volcanoes", {})
    assert "did you mean 'volcano'?" in msg and "infodeck icons" in msg
    msg = unknown_message("evaporation", {})
    assert "Related icons:" in msg
    assert len(msg) < 400  # not a list of hundreds of names


def test_search_icons_is_fast_enough_for_typing() -> None:
    import time

    search_icons("x")
    t = time.perf_counter()
    for q in ("s", "su", "sun", "water cy", "chart"):
        search_icons(q)
    assert (time.perf_counter() - t) / 5 < 0.05


def _script():  # type: ignore[no-untyped-def]
    import importlib.util

    spec = importlib.util.spec_from_file_location("make_library",
                                                  ROOT / "assets" / "icons" / "make_library.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _fake_package(root: Path, version: str = "9.9.9", license: str = "MIT") -> Path:
    pkg = root / "package"
    (pkg / "icons" / "outline").mkdir(parents=True)
    (pkg / "package.json").write_text(json.dumps({"version": version, "license": license}))
    (pkg / "LICENSE").write_text("MIT License\n")
    (pkg / "icons.json").write_text(json.dumps({
        "sun": {"tags": ["day", "light"], "category": "Weather"},
        "droplet": {"tags": ["water"], "category": "Nature"},
        "brain": {"tags": ["mind"], "category": "Health"},
    }))
    for n in ("sun", "droplet", "brain"):
        (pkg / "icons" / "outline" / f"{n}.svg").write_text(
            '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" fill="none" '
            'stroke="currentColor" stroke-width="2" class="icon icon-tabler">'
            '<path d="M4 4h16"/></svg>')
    return pkg


def _curated(**over: object) -> dict[str, object]:
    out: dict[str, object] = {
        "source": {"name": "Tabler Icons", "package": "@tabler/icons", "version": "9.9.9",
                   "license": "MIT", "homepage": "https://tabler.io/icons"},
        "aliases": {"water": "droplet"},
        "subjects": {"science": ["sun", "droplet", "brain"], "health": ["sun"]},
        "keywords": {"sun": ["photosynthesis"]},
    }
    out.update(over)
    return out


def test_the_script_regenerates_the_set_from_the_package(tmp_path: Path, monkeypatch) -> None:
    mod = _script()
    monkeypatch.setattr(mod, "OUT", tmp_path / "library")
    index = mod.build(_fake_package(tmp_path), _curated())
    out = tmp_path / "library"
    assert sorted(p.name for p in out.iterdir()) == ["LICENSE", "droplet.svg", "index.json",
                                                     "sun.svg"]  # brain: Infodeck's own wins
    svg = (out / "sun.svg").read_text()
    assert 'stroke-width="1.5"' in svg and "class=" not in svg
    icons = index["icons"]
    assert icons["sun"]["keywords"][:3] == ["photosynthesis", "day", "light"]
    assert icons["sun"]["subjects"] == ["science", "health"]
    assert icons["water"]["alias_of"] == "droplet" and icons["water"]["file"] == "droplet.svg"
    assert json.loads((out / "index.json").read_text()) == index


def test_the_script_refuses_a_wrong_version_licence_or_name(tmp_path: Path, monkeypatch) -> None:
    import pytest

    mod = _script()
    monkeypatch.setattr(mod, "OUT", tmp_path / "library")
    with pytest.raises(SystemExit, match=r"version 1\.0\.0"):
        mod.build(_fake_package(tmp_path / "a", version="1.0.0"), _curated())
    with pytest.raises(SystemExit, match="licence"):
        mod.build(_fake_package(tmp_path / "b", license="GPL-3.0"), _curated())
    with pytest.raises(SystemExit, match=r"not in @tabler/icons 9\.9\.9: moon"):
        mod.build(_fake_package(tmp_path / "c"), _curated(subjects={"x": ["sun", "moon"]}))
    with pytest.raises(SystemExit, match="alias 'water'"):
        mod.build(_fake_package(tmp_path / "d"), _curated(aliases={"water": "moon"}))
