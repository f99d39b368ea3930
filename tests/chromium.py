"""The browser tests' Chromium: Debian's ``chromium``, headless, driven by Playwright.

Starting Playwright's driver and Chromium takes about a second, so the tests share one per test
process (the session fixture ``chromium`` in ``tests/conftest.py``: one per xdist worker). Every
test opens its own page (a page of ``Browser.new_page`` has a context of its own) or context:
no cookie, storage, route or handler passes from one test to the next.

Without chromium or the playwright package the tests are skipped, unless
``SOSMED_REQUIRE_SYSTEM_TOOLS=1`` (CI), where that is a failure.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]


def require_browser() -> str:
    """The path of Chromium; skips (fails under ``SOSMED_REQUIRE_SYSTEM_TOOLS=1``) when it or Playwright is missing."""
    path = CHROMIUM if Path(CHROMIUM).is_file() else shutil.which("chromium")
    missing = None
    if path is None:
        missing = "Debian chromium is not installed (apt-get install chromium)"
    else:
        try:
            import playwright.sync_api  # noqa: F401
        except ImportError:
            missing = "the playwright Python package is not installed (pip install playwright)"
    if missing or path is None:
        if os.environ.get("SOSMED_REQUIRE_SYSTEM_TOOLS") == "1":
            pytest.fail(f"SOSMED_REQUIRE_SYSTEM_TOOLS=1 but {missing}")
        pytest.skip(missing)
    return path


@contextmanager
def launched() -> Iterator[Any]:
    """A headless Chromium for as long as the block runs."""
    path = require_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=path, args=ARGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()
