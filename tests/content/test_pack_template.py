"""pack.yaml's ``template:``: a .pptx/.potx inside the pack, else a message at its line."""

from __future__ import annotations

import pytest

from infodeck.content.load import load_pack


@pytest.mark.parametrize(
    ("value", "made", "why"),
    [
        ("templates/school.pptx", None, "template 'templates/school.pptx' not found"),
        ("templates", "folder", "is a folder"),
        ("notes.txt", "file", "(.pptx or .potx)"),
        ("../outside.pptx", None, ""),
    ],
)
def test_a_template_that_cannot_be_used_is_named_at_its_line(make_pack, value, made, why):
    root = make_pack(pack_extra=f"template: {value}\n")
    if made == "folder":
        (root / value).mkdir()
    elif made == "file":
        (root / value).write_text("x", encoding="utf-8")
    result = load_pack(root)
    assert result.pack is None
    found = [p for p in result.errors if p.where == "template"]
    assert len(found) == 1, result.errors
    p = found[0]
    assert p.file.endswith("pack.yaml")
    assert (p.line, p.col) == (5, 11)  # the value after "template: "
    assert why in p.message


def test_a_template_in_the_pack_is_accepted(make_pack):
    root = make_pack(pack_extra="template: school.POTX\n")
    (root / "school.POTX").write_bytes(b"PK")  # read and checked when exporting
    result = load_pack(root)
    assert result.pack is not None, result.errors
    assert result.pack.meta.template == "school.POTX"
    assert root / "school.POTX" in result.files  # the window reloads when it changes
