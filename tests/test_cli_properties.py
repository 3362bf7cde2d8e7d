"""Property-based tests: random packs and random text through the real command line.

Whatever a teacher writes, ``infodeck export`` ends with 0 (a deck that opens and
passes the package check, every element on its page) or 2 (a message), never 1
(a fault of the program) and never a traceback.
"""

from __future__ import annotations

import contextlib
import io
import json
import math
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, assume, event, given, settings
from hypothesis import strategies as st
from pptx import Presentation

from infodeck.cli import main
from infodeck.compose.deck import compose_deck
from infodeck.compose.infographic import compose_infographic
from infodeck.compose.layouts import get_layout, get_theme
from infodeck.content.load import load_pack
from render.package_check import check_package

from checks import check_page

SETTINGS = settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# Text pasted from anywhere: every plane, controls, marks, right-to-left, emoji,
# markup- and TeX-like characters. (Lone surrogates cannot be written to a UTF-8
# file; escapes that make them are tested in tests/content/test_hostile.py.)
SPECIALS = "$%\\<>&{}_^#~`'\"\t\x0b\x0c\x00\x85\u2028\ufeff\u200d\u0301é中ا🌿"
TEXT = st.text(
    st.characters(exclude_categories=("Cs",)) | st.sampled_from(SPECIALS), min_size=0, max_size=60
)
VOCABULARY = ["light", "water", "sugar", "leaf", "Chlorophyll", "1.10", "NO", "$5", "10%",
              "<b>", "a&b", "C:\\x", "光合作用", "مرحبا", "🌿", "Ωμέγα", "x" * 70]  # fmt: skip
WORDS = st.lists(st.sampled_from(VOCABULARY), min_size=1, max_size=25).map(" ".join)
SHORT_WORDS = st.lists(st.sampled_from(VOCABULARY[:-1]), min_size=1, max_size=8).map(" ".join)
# Mostly text a teacher would write; pasted junk around a word; or anything at all.
PASTED = st.tuples(SHORT_WORDS, TEXT).map(lambda wt: f"{wt[1][:30]} {wt[0]} {wt[1][30:]}")
GOOD_ID = st.from_regex(r"[a-z][a-z0-9-]{0,12}", fullmatch=True)
GOOD_NUMBER = st.integers(0, 100) | st.floats(0, 100)


@dataclass(frozen=True)
class Kinds:
    """The strategies one pack draws its values from."""

    text: st.SearchStrategy[str]
    short: st.SearchStrategy[str]
    ids: st.SearchStrategy[str]
    numbers: st.SearchStrategy[Any]
    keys: st.SearchStrategy[str]
    kinds: st.SearchStrategy[str]


# A clean pack holds no mistakes (every export must succeed); a wild one may hold any.
CLEAN = Kinds(
    text=st.one_of(WORDS, WORDS, PASTED),
    short=st.one_of(SHORT_WORDS, SHORT_WORDS, PASTED),
    ids=GOOD_ID,
    numbers=GOOD_NUMBER,
    keys=st.sampled_from(["ref-a", "ref-b"]),
    kinds=st.sampled_from(["content", "content", "title", "manufacturer"]),
)
WILD = Kinds(
    text=st.one_of(WORDS, PASTED, TEXT),
    short=st.one_of(SHORT_WORDS, PASTED, TEXT),
    ids=st.one_of(GOOD_ID, GOOD_ID, st.sampled_from(["intro", "BAD ID", "", "-x"])),
    numbers=st.one_of(
        GOOD_NUMBER,
        st.integers(-10, 10_000),
        st.floats(allow_nan=True, allow_infinity=True),
        st.sampled_from([".nan", ".inf", "1e999", "ninety", "50"]),
    ),
    keys=st.sampled_from(["ref-a", "ref-b", "unknown-key"]),
    kinds=st.sampled_from(["content", "title", "manufacturer", "other"]),
)


def _cited(k: Kinds) -> st.SearchStrategy[dict[str, Any]]:
    return st.one_of(
        st.just({"uncited": True}),
        st.lists(k.keys, min_size=1, max_size=2, unique=True).map(lambda c: {"cite": c}),
    )


def _with_cites(k: Kinds, block: st.SearchStrategy[dict[str, Any]]) -> st.SearchStrategy[Any]:
    return block.flatmap(lambda b: _cited(k).map(lambda c: {**b, **c}))


def _block(k: Kinds) -> st.SearchStrategy[dict[str, Any]]:
    fd = st.fixed_dictionaries
    text = fd({"type": st.just("text"), "text": k.text})
    bullets = fd({"type": st.just("bullets"), "items": st.lists(k.text, min_size=1, max_size=40)})
    stat = fd(
        {"type": st.just("stat"), "value": k.numbers, "label": k.short},
        optional={"unit": st.sampled_from(["%", "mg", "<&>"]), "prefix": st.just("up to")},
    )
    quote = fd({"type": st.just("quote"), "text": k.text, "attribution": k.short})
    step = fd({"label": k.short}, optional={"highlight": st.booleans()})
    pathway = fd(
        {
            "type": st.just("diagram"),
            "kind": st.just("pathway"),
            "title": k.short,
            "steps": st.lists(step, min_size=2, max_size=12),
        }
    )
    item = _with_cites(k, fd({"label": k.short, "value": k.numbers}))
    chart = fd(
        {
            "type": st.just("diagram"),
            "kind": st.just("chart"),
            "title": k.short,
            "unit": st.sampled_from(["%", "people", "$"]),
            "items": st.lists(item, min_size=1, max_size=12),
        }
    )
    member = fd({"label": k.short}, optional={"detail": k.short})
    cluster = fd(
        {
            "type": st.just("diagram"),
            "kind": st.just("cluster"),
            "title": k.short,
            "centre": k.short,
            "items": st.lists(member, min_size=1, max_size=8),
        }
    )
    channel = fd(
        {"label": k.short, "direction": st.sampled_from(["both", "to-right", "to-left"])}
    )
    axis = fd(
        {
            "type": st.just("diagram"),
            "kind": st.just("axis"),
            "title": k.short,
            "left": member,
            "right": member,
            "channels": st.lists(channel, min_size=1, max_size=8),
        }
    )
    return _with_cites(k, st.one_of(text, bullets, stat, quote, pathway, chart, cluster, axis))


def _pack(k: Kinds) -> st.SearchStrategy[dict[str, Any]]:
    section = st.fixed_dictionaries(
        {
            "id": k.ids,
            "title": k.short,
            "summary": k.short,
            "notes": k.text,
            "blocks": st.lists(_block(k), min_size=0, max_size=6),
        },
        optional={"takeaway": k.short, "kind": k.kinds},
    )
    return st.fixed_dictionaries(
        {
            "meta": st.fixed_dictionaries(
                {"id": k.ids, "title": k.short, "author": k.short, "audience": k.short},
                optional={"subtitle": k.short},
            ),
            "sections": st.lists(section, min_size=1, max_size=5, unique_by=lambda s: s["id"]),
            "style": st.sampled_from(["json", "block"]),
            "layout": st.sampled_from(["deck-16x9", "deck-4x3"]),
            "clean": st.just(k is CLEAN),
        }
    )


PACK = st.one_of(_pack(CLEAN), _pack(WILD))
SHORT_TEXT = st.one_of(SHORT_WORDS, PASTED, TEXT)
REFS = {
    "references": [
        {"key": "ref-a", "authors": "Smith & Co", "title": "On <light>", "year": 2020},
        {"key": "ref-b", "authors": "Ωμέγα", "title": "Sugar, 100% $", "year": 1999},
    ]
}


def _dump(data: Any, style: str) -> str:
    if style == "json":  # YAML's flow style, as strict as JSON
        return json.dumps(data, ensure_ascii=False)
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1_000_000)


def _write(root: Path, pack: dict[str, Any]) -> None:
    (root / "sections").mkdir(parents=True)
    names = [f"sections/s{i}.yaml" for i in range(len(pack["sections"]))]
    meta = {**pack["meta"], "sections": names}
    (root / "pack.yaml").write_text(_dump(meta, pack["style"]), encoding="utf-8")
    (root / "references.yaml").write_text(_dump(REFS, pack["style"]), encoding="utf-8")
    for name, sec in zip(names, pack["sections"], strict=True):
        (root / name).write_text(_dump(sec, pack["style"]), encoding="utf-8")


def _run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(args))
    return code, out.getvalue(), err.getvalue()


def _check_success(root: Path, out: Path, layout: str) -> None:
    r = load_pack(root)
    assert r.pack is not None
    decks = list(out.glob("*.pptx"))
    assert len(decks) == 1
    ids = r.pack.default_section_ids()
    deck = compose_deck(r.pack, ids, get_layout(layout), get_theme("default"))
    assert len(Presentation(str(decks[0])).slides) == len(deck.pages)
    assert check_package(decks[0], slides=len(deck.pages)) == []
    lay = get_layout(layout)
    for page in deck.pages:
        check_page(page, lay.type.body_floor)
    info_layout = get_layout("a4-portrait")
    for page in compose_infographic(r.pack, ids, info_layout, get_theme("default")).pages:
        check_page(page, info_layout.type.body_floor)


@pytest.mark.slow  # hypothesis: many cold command lines
@SETTINGS
@given(PACK)
def test_random_packs_end_in_0_or_2(pack):
    with tempfile.TemporaryDirectory() as tmp:
        root, out = Path(tmp) / "pack", Path(tmp) / "out"
        _write(root, pack)
        code, _, stderr = _run(
            "export", str(root), "--out", str(out), "--formats", "pptx", "--layout", pack["layout"]
        )
        assert code in (0, 2), stderr
        event(f"exit {code}")
        assert "Traceback" not in stderr and "internal error" not in stderr
        assert code == 0 or not pack["clean"], stderr  # a pack without mistakes exports
        if code == 2:  # a message, and nothing written
            assert stderr.strip()
            assert not out.exists() or not list(out.iterdir())
        else:
            _check_success(root, out, pack["layout"])


@pytest.mark.slow  # many generated packs exported (4-7 s); CI and `make test` run it
@SETTINGS
@given(st.lists(SHORT_TEXT, min_size=1, max_size=4), SHORT_TEXT, SHORT_TEXT)
def test_random_text_anywhere_in_a_valid_pack(texts, title, item):
    """Random text in every drawn field of an otherwise valid pack."""
    section = {
        "id": "intro",
        "title": title,
        "summary": texts[0],
        "notes": texts[-1],
        "takeaway": item,
        "blocks": [
            {"type": "text", "text": "\n\n".join(texts), "cite": ["ref-a"]},
            {"type": "bullets", "items": [*texts, item], "uncited": True},
            {"type": "diagram", "kind": "pathway", "title": title,
             "steps": [{"label": t} for t in (texts * 2)[:4]], "uncited": True},
        ],
    }  # fmt: skip
    pack = {
        "meta": {"id": "rand", "title": title, "author": item, "audience": texts[0]},
        "sections": [section],
        "style": "block",
        "layout": "deck-16x9",
        "clean": False,
    }
    with tempfile.TemporaryDirectory() as tmp:
        root, out = Path(tmp) / "pack", Path(tmp) / "out"
        _write(root, pack)
        code, _, stderr = _run("export", str(root), "--out", str(out), "--formats", "pptx")
        assert code in (0, 2), stderr
        event(f"exit {code}")
        assert "Traceback" not in stderr
        if code == 0:
            _check_success(root, out, "deck-16x9")
        else:  # only text too long, empty or of the wrong kind may be refused
            assume(False)


@SETTINGS
@given(st.binary(max_size=400) | TEXT.map(lambda t: t.encode("utf-8")))
def test_random_bytes_as_a_section_file(raw):
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "pack"
        _write(root, {"meta": {"id": "p", "title": "t", "author": "a", "audience": "b"},
                      "sections": [{}], "style": "json", "layout": "deck-16x9"})  # fmt: skip
        (root / "sections" / "s0.yaml").write_bytes(raw)
        code, _, stderr = _run("check", str(root))
        assert code in (0, 2), stderr
        assert "Traceback" not in stderr
        if code == 2:
            assert ".yaml" in stderr  # every message names its file


def test_numbers_in_random_packs_are_finite_when_accepted():
    """A guard for the property above: a stat built from NaN is refused, not drawn."""
    assert math.isnan(float("nan"))
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "pack"
        sec = {"id": "s", "title": "t", "summary": "s", "notes": "n",
               "blocks": [{"type": "stat", "value": float("nan"), "label": "x", "uncited": True}]}  # fmt: skip
        _write(root, {"meta": {"id": "p", "title": "t", "author": "a", "audience": "b"},
                      "sections": [sec], "style": "json", "layout": "deck-16x9"})  # fmt: skip
        code, _, stderr = _run("export", str(root), "--out", str(Path(tmp) / "o"))
        assert code == 2
        assert "s0.yaml:1:" in stderr and "must be a finite number (got 'NaN')" in stderr
