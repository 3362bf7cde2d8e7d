"""Fixtures of the template tests: the dark crest template as .pptx and .potx."""

from __future__ import annotations

from pathlib import Path

import pytest

from template_kit import build_crest_template


@pytest.fixture(scope="session")
def crest_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_crest_template(tmp_path_factory.mktemp("tpl") / "School crest.pptx")


@pytest.fixture(scope="session")
def crest_potx(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_crest_template(tmp_path_factory.mktemp("tpl") / "School crest.potx", potx=True)
