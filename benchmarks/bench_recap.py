"""Benchmark: the monthly recap over ten years of receipts (about 40,000 ledger records).

Usage: python benchmarks/bench_recap.py [--years 10] [--posts-per-month 33] [--keep DIR]

Builds a git repository with ``--years`` of posts (website, Facebook, Instagram, X each)
and Q&A forms, and a ledger holding for each post its sign-off, intent and success per
platform and a ``complete`` record, plus the replies (≈ 10 records per post). Then prints
the time and memory of: reading the ledger; the recap of the last month (data, Markdown +
SVG, XLSX, PDF); and the data + Markdown of every month in turn.
"""

from __future__ import annotations

import argparse
import os
import resource
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
import tracemalloc
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from sosmed.config import load_config
from sosmed.publish.ledger import GitLedger
from sosmed.publish.records import new_record
from sosmed.recap.build import build_recap
from sosmed.recap.markdown import render_markdown
from sosmed.recap.period import Month
from sosmed.recap.service import make_recap

REPO = Path(__file__).resolve().parent.parent
STRATEGIES = ("listening", "talking", "transparency", "energizing", "supporting", "embracing")
DIVISIONS = ("sekretariat", "pengadaan", "mutasi", "pengembangan", "kinerja")
PLATFORMS = ("website", "facebook", "instagram", "x")
WITA = ZoneInfo("Asia/Makassar")


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def build(root: Path, years: int, per_month: int) -> int:
    """Write the instance and its ledger; return the number of records."""
    root.mkdir(parents=True)
    shutil.copy(REPO / "sosmed.yml", root / "sosmed.yml")
    subprocess.run(["git", "init", "-q", "-b", "main", str(root)], check=True)
    ledger = GitLedger(root, "sosmed-ledger")
    ledger.sync()
    total, number, first_year = 0, 0, 2021 - years
    for year in range(first_year, 2021):
        for month in range(1, 13):
            records: list[dict] = []
            start = datetime(year, month, 1, 8, 0, tzinfo=WITA)
            for n in range(per_month):
                when = start + timedelta(hours=n * 21)
                if when.month != month:
                    break
                number += 1
                item = f"{when:%Y-%m-%d}-tulisan-{number:05d}"
                folder = root / "content" / f"{when:%Y}" / f"{when:%m}" / item
                folder.mkdir(parents=True)
                (folder / "index.md").write_text(
                    f'---\ntitle: "Tulisan nomor {number}"\ndate: {when:%Y-%m-%d %H:%M}\n'
                    f"platforms: [facebook, instagram, x]\nstrategy: {STRATEGIES[number % 6]}\n"
                    f"bidang: {DIVISIONS[number % 5]}\n---\n\nIsi tulisan {number}.\n", encoding="utf-8")
                digest = f"sha256:{number:064x}"
                records.append(new_record("signoff", time=_iso(when), item=item, hash=digest,
                                          signoff={"mode": "rehearsal", "hash": digest, "approvers": []}))
                for k, platform in enumerate(PLATFORMS):
                    at = _iso(when + timedelta(seconds=5 * k))
                    common = {"item": item, "platform": platform, "op": "publish", "hash": digest, "attempt": 1}
                    records.append(new_record("intent", time=at, **common, owner={"host": "ci", "pid": 1}))
                    url = f"https://example.org/{platform}/{number}"
                    records.append(new_record("success", time=at, **common, receipt={
                        "platform": platform, "id": str(number), "url": url, "time": at, "extra_ids": [],
                        "raw": {}}))
                records.append(new_record("complete", time=_iso(when + timedelta(minutes=1)), item=item,
                                          fingerprint=f"{number:040x}"))
            for f in range(1, 4):
                form_id = f"QA-{year}-{month:02d}-{f:04d}"
                bidang = DIVISIONS[f % 5]
                received = start + timedelta(days=3 * f)
                path = root / "qna" / bidang / str(year) / f"{form_id}.md"
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(
                    f"---\nid: {form_id}\nofficer: Maria Goreti Nona\nbidang: {bidang}\n"
                    f"received: {received:%Y-%m-%d %H:%M}\nquestions:\n"
                    f'  - {{text: "Pertanyaan satu?", platform: facebook, comment_id: "c{f}a", answer: "Jawab."}}\n'
                    f'  - {{text: "Pertanyaan dua?", platform: x, comment_id: "c{f}b", answer: "Jawab."}}\n'
                    "---\n", encoding="utf-8")
                for q, platform in ((1, "facebook"), (2, "x")):
                    at = _iso(received + timedelta(days=q, hours=2))
                    common = {"item": f"{form_id}#q{q}", "platform": platform, "op": "reply",
                              "hash": f"sha256:{q}", "attempt": 1}
                    records.append(new_record("intent", time=at, **common, owner={"host": "ci", "pid": 1}))
                    records.append(new_record("success", time=at, **common, receipt={
                        "platform": platform, "id": f"r{q}", "url": None, "time": at, "extra_ids": [], "raw": {}}))
            ledger.append(records)
            total += len(records)
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
