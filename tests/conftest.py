"""Test-wide settings: every test starts in the default language (Indonesian) with a ledger key."""

from __future__ import annotations

import secrets
from collections.abc import Iterator

import pytest

from sosmed.i18n import get_language, set_language

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
