"""The ``sandbox`` fixture: a fresh sandbox on a free loopback port with its state in ``tmp_path``.

Use it from any test folder::

    from tests.sandbox.fixtures import sandbox  # noqa: F401

The handle has ``base_url``, ``env`` (the variables of ``credentials.env``), ``state_dir``
and ``stop()``. Media is ready at once (no processing delay), so no test waits for real; a test
about "not ready yet" sets a processing time with ``PATCH {base_url}/_sandbox/settings`` and moves
the sandbox's clock (``POST /_sandbox/clock``) instead of sleeping.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from sosmed.sandbox import SandboxHandle, start_sandbox
from sosmed.sandbox.settings import SandboxSettings


def fast_settings() -> SandboxSettings:
    """Reference limits, with media ready at once ("ready now")."""
    return SandboxSettings(ig_processing_seconds=0, x_processing_seconds=0)


@pytest.fixture
def sandbox(tmp_path: Path) -> Iterator[SandboxHandle]:
    """A running sandbox, stopped after the test."""
    handle = start_sandbox(tmp_path / "sandbox-state", settings=fast_settings())
    try:
        yield handle
    finally:
        handle.stop()
