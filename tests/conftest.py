"""Test-wide settings: every test starts in the default language (Indonesian)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from sosmed.i18n import get_language, set_language


@pytest.fixture(autouse=True)
def _default_language() -> Iterator[None]:
    # CLI runs inside the test process set the language globally; no test may see another's.
    before = get_language()
    set_language("id")
    yield
    set_language(before)
