"""The JSON Schema of content files, for editors' autocompletion and checking."""

from __future__ import annotations

from typing import Any

from infodeck.content.model import PackMeta, ReferencesFile, Section


def pack_schema() -> dict[str, Any]:
    """One schema whose ``$defs`` hold each file type; the root accepts any of them."""
    out: dict[str, Any] = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Infodeck content file",
        "$defs": {},
        "anyOf": [],
    }
    for name, model in (("pack", PackMeta), ("section", Section), ("references", ReferencesFile)):
        schema = model.model_json_schema(ref_template="#/$defs/{model}")
        out["$defs"].update(schema.pop("$defs", {}))
        out["$defs"][name] = schema
        out["anyOf"].append({"$ref": f"#/$defs/{name}"})
    return out


def file_schema(kind: str) -> dict[str, Any]:
    """The schema for one file type ("pack", "section" or "references")."""
    full = pack_schema()
    return {"$schema": full["$schema"], "$defs": full["$defs"], "$ref": f"#/$defs/{kind}"}
