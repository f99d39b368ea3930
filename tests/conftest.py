"""Test-wide settings: every test starts in the default language (Indonesian) with a ledger key."""

from __future__ import annotations

import os
import secrets
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from sosmed.i18n import get_language, set_language


def _cache_bytecode_outside_the_tree() -> None:
    """With ``PYTHONDONTWRITEBYTECODE`` set, every ``python -m sosmed`` subprocess (hundreds in a run)
    compiled the package again and each xdist worker re-rewrote every test module's asserts. Cache the
    bytecode under a prefix in the temp folder instead: the source tree stays as clean as the setting asked."""
    if not os.environ.get("PYTHONDONTWRITEBYTECODE"):
        return
    prefix = os.environ.get("PYTHONPYCACHEPREFIX") or str(Path(tempfile.gettempdir()) / f"sosmed-pycache-{os.getuid()}")
    os.environ.pop("PYTHONDONTWRITEBYTECODE")
    os.environ["PYTHONPYCACHEPREFIX"] = prefix  # subprocesses inherit it
    sys.pycache_prefix = prefix
    sys.dont_write_bytecode = False


_cache_bytecode_outside_the_tree()

# The live ledger is signed (SOSMED_LEDGER_KEY); tests sign with a key made at run time.
TEST_LEDGER_KEY = secrets.token_hex(32)


@pytest.fixture(autouse=True)
def _default_language() -> Iterator[None]:
    # CLI runs inside the test process set the language globally; no test may see another's.
    before = get_language()
    set_language("id")
    yield
    set_language(before)


@pytest.fixture(autouse=True, scope="session")
def _session_ledger_key() -> Iterator[None]:
    # Session-scoped fixtures (a site built once for many tests) sign their ledgers too.
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOSMED_LEDGER_KEY", TEST_LEDGER_KEY)
        patch.setenv("SOSMED_RETRY_BASE_DELAY", "0.01")
        yield


@pytest.fixture(autouse=True)
def _ledger_key(monkeypatch: pytest.MonkeyPatch) -> None:
    # Subprocesses inherit it; a test about a missing key removes it itself.
    monkeypatch.setenv("SOSMED_LEDGER_KEY", TEST_LEDGER_KEY)
    # Backoff after a dropped connection (no wait of the platform's own): short, tests never sleep for seconds.
    monkeypatch.setenv("SOSMED_RETRY_BASE_DELAY", "0.01")


@pytest.fixture(scope="session")
def chromium() -> Iterator[Any]:
    """One headless Chromium per test process (see :mod:`tests.chromium`); each test opens its own page."""
    from tests.chromium import launched

    with launched() as browser:
        yield browser


# Files whose tests take seconds each (the real CLI killed and run again, a replayed month, Chromium):
# they run first, so that the end of a run, when an xdist worker may already have nothing left to take
# (``--dist worksteal`` moves only tests not yet started), holds only short tests.
SLOW_FIRST = (
    "tests/app/test_demo_month.py", "tests/publish/test_crash.py", "tests/publish/test_chaos.py",
    "tests/cms/test_browser.py", "tests/publish/test_publish_flow.py", "tests/publish/test_reconcile.py",
    "tests/site/test_signed_only.py", "tests/publish/test_tamper.py", "tests/test_one_bad_file.py",
    "tests/site/test_cli_scale.py", "tests/site/test_share_accessibility.py", "tests/site/test_browser.py",
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Put the tests of :data:`SLOW_FIRST` first (whole files, in that order); the rest keep their order."""
    rank = {path: n for n, path in enumerate(SLOW_FIRST)}
    items.sort(key=lambda item: rank.get(item.nodeid.split("::", 1)[0], len(SLOW_FIRST)))
