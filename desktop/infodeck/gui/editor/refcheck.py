"""Checks of a reference's DOI and web address, and where each reference is cited.

Qt-free, so the references manager and its tests share them. The checks are
about form only (nothing is fetched): a DOI is ``10.<registrant>/<suffix>``; a
web address starts with http(s):// and names a host.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from typing import Any
from urllib.parse import urlsplit

DOI = re.compile(r"^10\.\d{4,9}/\S+$")
DOI_PREFIXES = ("https://doi.org/", "http://doi.org/", "https://dx.doi.org/",
                "http://dx.doi.org/", "doi:", "DOI:", "doi.org/")

Where = tuple[str, tuple[str | int, ...]]  # (section file, path of the ``cite`` list)


def doi_problem(doi: str) -> str:
    """Why ``doi`` is not a DOI as references.yaml wants it, or ''."""
    d = doi.strip()
    if not d:
        return ""
    for prefix in DOI_PREFIXES:
        if d.startswith(prefix) and DOI.match(d[len(prefix):].strip()):
            return f"write the DOI alone, without '{prefix}': {d[len(prefix):].strip()}"
    if not DOI.match(d):
        return "a DOI looks like 10.1038/s41586-020-2649-2 (starting with '10.')"
    return ""


def clean_doi(doi: str) -> str:
    """The DOI without a doi.org address or 'doi:' before it."""
    d = doi.strip()
    for prefix in DOI_PREFIXES:
        if d.startswith(prefix):
            return d[len(prefix):].strip()
    return d


def url_problem(url: str) -> str:
    """Why ``url`` is not a usable web address, or ''."""
    u = url.strip()
    if not u:
        return ""
    if any(c.isspace() for c in u):
        return "a web address has no spaces"
    if not u.startswith(("https://", "http://")):
        return "must start with https:// or http://"
    try:
        parts = urlsplit(u)
    except ValueError:
        return "not a valid web address"
    host = parts.hostname or ""
    if not host or ("." not in host and host != "localhost"):
        return "the address needs a site name, e.g. https://www.example.org/page"
    return ""


def _cites(data: Any, path: tuple[str | int, ...]) -> Iterator[tuple[tuple[str | int, ...], Any]]:
    if isinstance(data, Mapping):
        for k, v in data.items():
            if k == "cite" and isinstance(v, list):
                yield (*path, "cite"), v
            else:
                yield from _cites(v, (*path, str(k)))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            yield from _cites(v, (*path, i))


def citations(sections: Sequence[tuple[str, Any]]) -> dict[str, list[Where]]:
    """Reference key → every ``cite`` list that names it, as (file, path of the list)."""
    out: dict[str, list[Where]] = {}
    for file, data in sections:
        for path, keys in _cites(data, ()):
            for key in keys:
                if isinstance(key, str):
                    out.setdefault(key, []).append((file, path))
    return out


def short_reference(ref: Mapping[str, Any]) -> str:
    """"Smith A, et al. (2020) A study of things" — how the citation picker lists it."""
    authors = str(ref.get("authors") or "").strip()
    year = ref.get("year")
    title = str(ref.get("title") or "").strip()
    head = f"{authors} ({year})" if year else authors
    return " ".join(x for x in (head, title) if x)
