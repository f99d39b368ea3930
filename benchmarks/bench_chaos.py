"""Benchmark (long chaos variant): many seeds of random SIGKILLs under random sandbox faults.

Usage: python benchmarks/bench_chaos.py [--seeds 20] [--first 100] [--kills 4]

Each seed builds the three-post sample repository with a bare ``origin``, a sandbox with the
default seed (earlier posts with citizens' comments) and a merged Q&A form answering one
comment per platform, then kills ``sosmed publish`` from outside at random moments while
faults are armed, runs it until it succeeds, and counts the sandbox's own state: every post
exactly once per platform, every answered question exactly one reply. Seeds alternate
between the sandbox target (rehearsal ledger) and the live target (real gate against the
sandbox forge, signed ledger pushed to ``origin``). The suite runs three of these seeds
(``tests/publish/test_chaos.py``); this runs as many as asked and prints one line per seed.
"""

from __future__ import annotations

import argparse
import os
import secrets
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "tools"), str(ROOT)]

from tests.publish.chaos import check_exactly_once, prepare, run_round  # noqa: E402
from tests.publish.conftest import forge_env, make_source  # noqa: E402
from tests.repos import instance_repo, serve_folder  # noqa: E402

from sosmed.sandbox import start_sandbox  # noqa: E402
from sosmed.sandbox.seed import DEFAULT_SEED  # noqa: E402
from sosmed.sandbox.settings import SandboxSettings  # noqa: E402


def one(seed: int, target: str, kills: int) -> tuple[bool, str, float]:
    """Run one chaos round; (passed, detail, seconds)."""
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        repo = Path(instance_repo(make_source(base), base / "work" / "repo").working_dir)
        handle = start_sandbox(base / "sandbox", seed=DEFAULT_SEED,
                               settings=SandboxSettings(ig_processing_seconds=0, x_processing_seconds=0))
        started = time.perf_counter()
        try:
            questions = prepare(repo, handle)
            with serve_folder(repo / "content") as site:
                env = forge_env(repo, handle, site) if target == "live" else {
                    **os.environ, **handle.env, "SOSMED_MEDIA_URL": site}
                record = run_round(repo, handle, env, seed=seed, target=target, kills=kills)
            check_exactly_once(repo, handle, questions, target, record)
        except AssertionError as error:
            return False, str(error)[:300], time.perf_counter() - started
        finally:
            handle.stop()
        return True, f"kills at {record.kills} s, exits {record.runs}", time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=20)
    parser.add_argument("--first", type=int, default=100)
    parser.add_argument("--kills", type=int, default=4)
    args = parser.parse_args()
    os.environ.setdefault("SOSMED_LEDGER_KEY", secrets.token_hex(32))
    os.environ.setdefault("SOSMED_RETRY_BASE_DELAY", "0.01")
    failed = 0
    for seed in range(args.first, args.first + args.seeds):
        target = "live" if seed % 2 else "sandbox"
        ok, detail, seconds = one(seed, target, args.kills)
        failed += not ok
        print(f"seed {seed:>4} {target:<7} {'ok  ' if ok else 'FAIL'} {seconds:6.1f} s  {detail}", flush=True)
    print(f"{args.seeds - failed}/{args.seeds} seeds exactly once")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
