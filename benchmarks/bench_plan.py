"""Benchmark: planning with a large published archive and a few new items.

Usage: python benchmarks/bench_plan.py [--archive 10000] [--new 10]

Builds a git repository with ``--archive`` posts already published (a ledger with their
successes and ``complete`` records) plus ``--new`` unpublished posts, all copied from the
sample instance (``benchmarks/corpus.py``: real posts with their photos), then times reading
the ledger and planning. Target (issue 5): plan time grows with the new items, not with
the archive; it prints the same figures for a ten times smaller archive for comparison.
The ledger is signed (a key is made for the run when ``SOSMED_LEDGER_KEY`` is unset); the
"unverified s" column reads the same ledger without the key, so the difference is what
verifying the HMAC chain costs.
"""

from __future__ import annotations

import argparse
import os
import secrets
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import build_instance  # noqa: E402

from sosmed.config import load_config  # noqa: E402
from sosmed.model.identity import content_hash  # noqa: E402
from sosmed.model.loader import load_items  # noqa: E402
from sosmed.publish.gate import RehearsalGate  # noqa: E402
from sosmed.publish.ledger import GitLedger  # noqa: E402
from sosmed.publish.plan import make_plan  # noqa: E402
from sosmed.publish.records import new_record  # noqa: E402
from sosmed.publish.source import items_to_plan  # noqa: E402
from sosmed.snapshot import Snapshot  # noqa: E402


def git(root: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=root, check=True, capture_output=True)


def build(root: Path, archive: int, new: int) -> None:
    build_instance(root, archive + new, 0)
    config = load_config(root / "sosmed.yml")
    items = sorted(load_items([root / "content"], config).items, key=lambda i: i.id)
    published, fresh = items[:archive], items[archive:]
    for item in fresh:  # the new ones are not committed yet
        for file in item.folder.iterdir():
            file.rename(file.with_suffix(file.suffix + ".new"))
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "-c", "user.name=b", "-c", "user.email=b@b", "commit", "-q", "-m", "archive")
    with Snapshot(root, "HEAD") as snapshot:
        prints = snapshot.fingerprints()
    records = []
    for item in published:
        digest = content_hash(item)
        for platform in item.post.platforms:
            records.append(new_record("success", item=item.id, platform=platform, op="publish", hash=digest,
                                      attempt=1, receipt={"id": f"{platform}-{item.id}", "url": None}))
        records.append(new_record("complete", item=item.id, fingerprint=prints[item.id]))
    ledger = GitLedger(root)
    ledger.sync()
    ledger.append(records)
    for item in fresh:
        for file in item.folder.iterdir():
            file.rename(file.with_suffix(""))
    git(root, "add", "-A")
    git(root, "-c", "user.name=b", "-c", "user.email=b@b", "commit", "-q", "-m", "new posts")


def measure(archive: int, new: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        build(root, archive, new)
        config = load_config(root / "sosmed.yml")
        bare = GitLedger(root, key=None)
        u0 = time.perf_counter()
        bare.read()
        unverified = time.perf_counter() - u0
        ledger = GitLedger(root)
        t0 = time.perf_counter()
        index = ledger.read()
        t1 = time.perf_counter()
        assert index.verified
        with Snapshot(root, "HEAD") as snapshot:
            sources = items_to_plan(config, index, snapshot)
        t2 = time.perf_counter()
        plan = make_plan(sources.items, index, datetime.now(UTC), RehearsalGate())
        t3 = time.perf_counter()
        # Only the new items are read; a retracted sample post among them has nothing to publish.
        assert len(sources.items) == new and {a.item.id for a in plan.actions} <= {i.id for i in sources.items}
        return {"records": len(index.records), "ledger": t1 - t0, "unverified": unverified, "sources": t2 - t1,
                "plan": t3 - t2, "loaded": len(sources.items), "total": t3 - t0}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--archive", type=int, default=10_000)
    parser.add_argument("--new", type=int, default=10)
    args = parser.parse_args()
    os.environ.setdefault("SOSMED_LEDGER_KEY", secrets.token_hex(32))
    print(f"{'archive':>8} {'new':>4} {'records':>8} {'ledger read s':>14} {'unverified s':>13} "
          f"{'find items s':>13} {'plan s':>7} {'parsed':>7} {'total s':>8}")
    for archive in (args.archive // 10, args.archive):
        m = measure(archive, args.new)
        print(f"{archive:>8} {args.new:>4} {m['records']:>8} {m['ledger']:>14.3f} {m['unverified']:>13.3f} "
              f"{m['sources']:>13.3f} {m['plan']:>7.3f} {m['loaded']:>7} {m['total']:>8.3f}")


if __name__ == "__main__":
    main()
