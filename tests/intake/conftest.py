"""Each test starts and ends in the default language (``--lang en`` sets it for the process)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from sosmed.i18n import get_language, set_language


@pytest.fixture(autouse=True)
def _language() -> Iterator[None]:
    before = get_language()
    set_language("id")
    yield
    set_language(before)
