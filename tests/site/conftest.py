"""Fixtures: the sample instance built once per session (strict), in Indonesian and in English."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.sandbox.fixtures import sandbox  # noqa: F401
from tests.site.helpers import build, copy_instance


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample instance's site, built with ``strict`` into a temporary folder."""
    root = copy_instance(tmp_path_factory.mktemp("sample") / "instance")
    return build(root, root / "site").out


@pytest.fixture(scope="session")
def english_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The same site with the site's own text in English."""
    root = copy_instance(tmp_path_factory.mktemp("sample-en") / "instance")
    return build(root, root / "site", lang="en").out
