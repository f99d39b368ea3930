"""Fixtures for the recap tests: the fixture instance with its ledger, in a temporary git repository."""

from __future__ import annotations

from pathlib import Path

import pytest

from sosmed.config.schema import Config
from sosmed.i18n import get_language, set_language
from tests.recap.ledger_fixture import build_instance


@pytest.fixture
def instance(tmp_path: Path) -> Config:
    """The fixture instance (posts, forms, a May–June 2020 ledger); its config."""
    return build_instance(tmp_path / "instance")


@pytest.fixture(autouse=True)
def indonesian():
    """Recaps are rendered in the current language: start every test in Indonesian."""
    before = get_language()
    set_language("id")
    yield
    set_language(before)
