"""Benchmark: the monthly recap over ten years of receipts (about 40,000 ledger records).

Usage: python benchmarks/bench_recap.py [--years 10] [--posts-per-month 33] [--keep DIR]

Builds a git repository with ``--years`` of posts and Q&A forms copied from the sample
instance (``benchmarks/corpus.py``: real posts with their platforms and photos, real forms),
and a ledger holding for each post its sign-off, intent and success on the website and each
of its platforms and a ``complete`` record, plus the replies to the forms' answered
questions (≈ 9 records per post). Then prints
the time and memory of: reading the ledger; the recap of the last month (data, Markdown +
SVG, XLSX, PDF); and the data + Markdown of every month in turn.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import resource
import secrets
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections import defaultdict
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import build_instance, write_forms, write_posts  # noqa: E402

from sosmed.config import load_config  # noqa: E402
from sosmed.model.item import Item  # noqa: E402
from sosmed.model.loader import load_items  # noqa: E402
from sosmed.publish.ledger import GitLedger  # noqa: E402
from sosmed.publish.records import new_record  # noqa: E402
from sosmed.recap.build import build_recap  # noqa: E402
from sosmed.recap.markdown import render_markdown  # noqa: E402
from sosmed.recap.period import Month  # noqa: E402
from sosmed.recap.service import make_recap  # noqa: E402

WITA = ZoneInfo("Asia/Makassar")
REPLY_PLATFORMS = ("facebook", "instagram", "x", "youtube")


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def _post_records(item: Item) -> list[dict]:
    post, when = item.post, item.post.date
    digest = "sha256:" + hashlib.sha256(item.id.encode()).hexdigest()
    records = [new_record("signoff", time=_iso(when), item=item.id, hash=digest,
                          signoff={"mode": "rehearsal", "hash": digest, "approvers": []})]
    for k, platform in enumerate(("website", *post.platforms)):
        at = _iso(when + timedelta(seconds=5 * k))
        common = {"item": item.id, "platform": platform, "op": "publish", "hash": digest, "attempt": 1}
        records.append(new_record("intent", time=at, **common, owner={"host": "ci", "pid": 1}))
        records.append(new_record("success", time=at, **common, receipt={
            "platform": platform, "id": item.id, "url": f"https://example.org/{platform}/{item.id}", "time": at,
            "extra_ids": [], "raw": {}}))
    records.append(new_record("complete", time=_iso(when + timedelta(minutes=1)), item=item.id,
                              fingerprint=hashlib.sha1(item.id.encode()).hexdigest()))
    return records


def _reply_records(item: Item) -> list[dict]:
    records = []
    for q, question in enumerate(item.form.questions, 1):
        if not question.answered or question.platform not in REPLY_PLATFORMS:
            continue
        at = _iso(item.form.received + timedelta(days=q, hours=2))
        common = {"item": f"{item.id}#q{q}", "platform": question.platform, "op": "reply",
                  "hash": f"sha256:{q}", "attempt": 1}
        records.append(new_record("intent", time=at, **common, owner={"host": "ci", "pid": 1}))
        records.append(new_record("success", time=at, **common, receipt={
            "platform": question.platform, "id": f"r{q}", "url": None, "time": at, "extra_ids": [], "raw": {}}))
    return records


def build(root: Path, years: int, per_month: int) -> int:
    """Write the instance (the sample posts and forms copied over ``years``) and its ledger; return
    the number of records."""
    first = datetime(2021 - years, 1, 1, 8, 0)
    span_hours = (datetime(2021, 1, 1) - first).total_seconds() / 3600
    build_instance(root, 0, 0)
    write_posts(root, years * 12 * per_month, start=first, hours=span_hours / (years * 12 * per_month))
    write_forms(root, years * 12 * 3, start=first, hours=span_hours / (years * 12 * 3))
    subprocess.run(["git", "init", "-q", "-b", "main", str(root)], check=True)
    config = load_config(root / "sosmed.yml")
    items = load_items([root / "content", root / "qna"], config).items
    by_month: dict[tuple[int, int], list[dict]] = defaultdict(list)
    for item in items:
        if item.kind == "post" and item.post.status != "retracted":
            when = item.post.date.astimezone(WITA)
            by_month[(when.year, when.month)].extend(_post_records(item))
        elif item.kind == "qna":
            when = item.form.received.astimezone(WITA)
            by_month[(when.year, when.month)].extend(_reply_records(item))
    ledger = GitLedger(root, "sosmed-ledger")
    ledger.sync()
    total = 0
    for month in sorted(by_month):  # appended month by month, as a year of publishing runs would
        ledger.append(by_month[month])
        total += len(by_month[month])
    return total


def _mb(size: int) -> str:
    return f"{size / 1_048_576:.1f} MB"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--posts-per-month", type=int, default=33)
    parser.add_argument("--keep", type=Path, default=None, help="build here and keep it (default: a temp folder)")
    args = parser.parse_args()
    os.environ.setdefault("SOSMED_LEDGER_KEY", secrets.token_hex(32))  # the ledger is signed
    tmp = None if args.keep else tempfile.TemporaryDirectory(prefix="sosmed-bench-recap-")
    root = args.keep or Path(tmp.name) / "instance"  # type: ignore[union-attr]
    try:
        started = time.perf_counter()
        count = build(root, args.years, args.posts_per_month)
        print(f"built {count} ledger records over {args.years} years in {time.perf_counter() - started:.1f} s")
        config = load_config(root / "sosmed.yml")
        last = Month(2020, 12, config.zone)

        started = time.perf_counter()
        index = GitLedger(root, "sosmed-ledger").read()
        print(f"read ledger ({len(index.records)} records): {time.perf_counter() - started:.2f} s")

        tracemalloc.start()
        started = time.perf_counter()
        recap = build_recap(config, index, last)
        elapsed = time.perf_counter() - started
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        print(f"recap data {last.label} ({recap.posts} posts, {len(recap.qna.replies)} answers): "
              f"{elapsed:.2f} s, peak {_mb(peak)} allocated")

        for formats in (("md",), ("xlsx",), ("pdf",)):
            started = time.perf_counter()
            try:
                make_recap(config, last, formats=formats, out=root / "recaps", index=index)
            except Exception as error:  # noqa: BLE001 - a missing font must not hide the other figures
                print(f"recap {formats[0]}: not measured ({error})")
                continue
            print(f"recap {last.label} --format {formats[0]} (from the read ledger): "
                  f"{time.perf_counter() - started:.2f} s")

        started = time.perf_counter()
        months = [Month(y, m, config.zone) for y in range(2021 - args.years, 2021) for m in range(1, 13)]
        for month in months:
            render_markdown(build_recap(config, index, month), config)
        total = time.perf_counter() - started
        print(f"data + Markdown of all {len(months)} months: {total:.1f} s ({total / len(months):.2f} s per month)")

        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "sosmed", "--config", str(root / "sosmed.yml"), "recap",
                        "2020-12", "--format", "md", "--out", str(root / "cli")], check=True,
                       capture_output=True)
        print(f"'sosmed recap 2020-12' end to end (new process, reads the ledger): "
              f"{time.perf_counter() - started:.2f} s")
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
        print(f"peak resident memory of this process: {_mb(rss)}")
    finally:
        if tmp is not None:
            tmp.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
