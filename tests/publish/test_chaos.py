"""Chaos test: random SIGKILLs from outside while the sandbox injects faults (issue #13, hole 10).

Joins the fixed crash points of ``test_crash.py``: here the moment of each kill and the faults
are drawn at random (a fixed seed per case, so a failure can be replayed). The long variant,
many more seeds, is ``benchmarks/bench_chaos.py``.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from sosmed.sandbox import SandboxHandle, start_sandbox
from sosmed.sandbox.seed import DEFAULT_SEED
from sosmed.sandbox.settings import SandboxSettings
from tests.publish.chaos import check_exactly_once, prepare, run_round
from tests.publish.conftest import forge_env
from tests.repos import serve_folder

CASES = [(11, "sandbox"), (23, "live"), (37, "sandbox")]


@pytest.fixture
def seeded_sandbox(tmp_path: Path) -> Iterator[SandboxHandle]:
    """A sandbox with the default seed (earlier posts with citizens' comments), media ready at once."""
    handle = start_sandbox(tmp_path / "sandbox", seed=DEFAULT_SEED,
                           settings=SandboxSettings(ig_processing_seconds=0, x_processing_seconds=0))
    try:
        yield handle
    finally:
        handle.stop()


@pytest.mark.parametrize(("seed", "target"), CASES, ids=[f"{target}-seed{seed}" for seed, target in CASES])
def test_random_kills_under_faults_leave_everything_exactly_once(sample_repo: Path, seeded_sandbox, seed: int,
                                                                 target: str) -> None:
    questions = prepare(sample_repo, seeded_sandbox)
    with serve_folder(sample_repo / "content") as site:
        if target == "live":  # the real gate (sandbox forge) and a pushed, signed ledger
            env = forge_env(sample_repo, seeded_sandbox, site)
        else:
            env = {**os.environ, **seeded_sandbox.env, "SOSMED_MEDIA_URL": site}
        record = run_round(sample_repo, seeded_sandbox, env, seed=seed, target=target)
    check_exactly_once(sample_repo, seeded_sandbox, questions, target, record)
