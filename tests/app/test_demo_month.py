"""The whole month through the real CLI: ``sosmed demo --no-serve --keep DIR`` replays May and June 2020.

Every expected figure is read from the sample instance itself (its posts, its Q&A forms, its
holidays), with the demo's documented rule for when answers go out (:mod:`sosmed.app.demo_script`:
merged on the first working day after the form was collected, at the same time of day, and the
publish workflow replies a minute later). The response times are counted here minute by minute,
independently of the recap's own arithmetic.
"""

from __future__ import annotations

import os
import re
import statistics
import subprocess
import sys
from collections import Counter
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import yaml

from sosmed.config import load_config
from sosmed.model.item import Item
from sosmed.model.loader import load_items
from sosmed.qna.workdays import holidays

REPO = Path(__file__).resolve().parents[2]
MONTHS = ("2020-05", "2020-06")


def _sample() -> tuple[list[Item], list[Item], ZoneInfo, frozenset[date]]:
    config = load_config(REPO / "sosmed.yml")
    items = load_items([REPO / "content", REPO / "qna"], config).items
    posts = [i for i in items if i.kind == "post"]
    forms = [i for i in items if i.kind == "qna"]
    return posts, forms, config.zone, holidays(config)


def _working_days(start: datetime, end: datetime, zone: ZoneInfo, off: frozenset[date]) -> float:
    """Minutes on working days (Monday–Friday, not a holiday) between the two moments, in days."""
    minutes = 0
    moment = start.astimezone(zone).replace(second=0, microsecond=0)
    while moment < end:
        if _is_working(moment.date(), off):
            minutes += 1
        moment += timedelta(minutes=1)
    return minutes / 1440


def _is_working(day: date, off: frozenset[date]) -> bool:
    return day.weekday() < 5 and day not in off


def _next_working_day(day: date, off: frozenset[date]) -> date:
    day += timedelta(days=1)
    while not _is_working(day, off):
        day += timedelta(days=1)
    return day


def _expected(month: str) -> dict:
    """The recap's figures for ``month`` as the sample and the demo's rules make them."""
    posts, forms, zone, off = _sample()
    in_month = [p for p in posts if p.post.date.astimezone(zone).strftime("%Y-%m") == month]
    platforms = Counter(name for p in in_month for name in {"website", *p.post.platforms})
    strategies = Counter(p.post.strategy for p in in_month)
    limit = int((load_config(REPO / "sosmed.yml").qna or {})["overdue_days"])
    received = answered = overdue = 0
    days = []
    year, number = (int(part) for part in month.split("-"))
    last = date(year + number // 12, number % 12 + 1, 1) - timedelta(days=1)
    for form in forms:
        collected = form.form.received.astimezone(zone)
        replied = datetime.combine(_next_working_day(collected.date(), off), collected.timetz()) + timedelta(minutes=1)
        for question in form.form.questions:
            asked = (question.received_at or form.form.received).astimezone(zone)
            if asked.strftime("%Y-%m") == month:
                received += 1
            waited = sum(1 for n in range(1, (last - asked.date()).days + 1)
                         if _is_working(asked.date() + timedelta(days=n), off))
            if form.form.draft and asked.date() <= last and waited > limit:
                overdue += 1
            if not form.form.draft and question.comment_id and replied.strftime("%Y-%m") == month:
                answered += 1
                days.append(_working_days(asked, replied, zone, off))
    return {"posts": len(in_month), "platforms": platforms, "strategies": strategies, "received": received,
            "answered": answered, "days": sorted(days),
            "overdue": overdue}


def _front_matter(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---", 2)[1])


def _reply_days(markdown: str) -> list[float]:
    """The response time of each reply row of the recap's table ("1,6 hari kerja")."""
    replies = markdown.split("### Balasan", 1)[1].split("\n### ", 1)[0]
    rows = [line for line in replies.splitlines() if line.startswith("| QA-")]
    return sorted(float(re.search(r"\| (\d+,\d) hari kerja \|", row).group(1).replace(",", ".")) for row in rows)


def test_a_month_in_the_office(tmp_path: Path) -> None:
    # One replay (about half a minute) for every check: a module fixture would run once per xdist worker.
    kept = tmp_path / "kept"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO / "tools"), str(REPO)])}
    env.pop("SOSMED_NOW", None)
    run = subprocess.run([sys.executable, "-m", "sosmed", "--config", str(REPO / "sosmed.yml"), "demo",
                          "--no-serve", "--keep", str(kept)], cwd=REPO, env=env, capture_output=True, text=True,
                         timeout=600)
    _replayed_without_a_failure(run, kept)
    for label in MONTHS:
        _recap_figures_are_the_samples(kept, label)
    _recaps_signed_and_on_the_strict_site(run, kept)
    _recaps_show_engagement(kept)


def _recaps_show_engagement(kept: Path) -> None:
    """The scheduled insights collection ran in the replay: each recap reports what the posts achieved."""
    previous = None
    for label in MONTHS:
        recap = kept / "repo" / "recaps" / f"{label}.md"
        meta = _front_matter(recap)
        for platform, posts in meta["totals"]["platforms"].items():
            if platform == "website":
                continue
            numbers = meta["engagement"]["platforms"][platform]
            assert numbers["posts"] == posts
            if posts:
                assert numbers["engagement"] > 0 and numbers["views"] > 0, (label, platform)
        text = recap.read_text(encoding="utf-8")
        assert "## Keterlibatan (engagement)" in text
        if previous is not None:
            facebook = meta["engagement"]["platforms"]["facebook"]["engagement"]
            change = (facebook - previous) / previous * 100
            row = f"| Facebook | keterlibatan | {previous} | {facebook} | {change:+.1f}%".replace(".", ",")
            assert row in text.replace(".", ""), "the change from the previous month"
        previous = meta["engagement"]["platforms"]["facebook"]["engagement"]
        page = (kept / "site" / "rekap" / label / "index.html").read_text(encoding="utf-8")
        assert 'src="engagement.svg"' in page


def _replayed_without_a_failure(run: subprocess.CompletedProcess, kept: Path) -> None:
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    assert "gagal 0" in run.stdout
    # Progress all along, at the replayed time, in WITA; no MkDocs lines, no English.
    assert "5 Mei 2020 pukul 08.00 WITA · alur penerbitan" in run.stdout
    assert "sosmed qna collect" in run.stdout and "PR #" in run.stdout
    assert "INFO" not in run.stdout + run.stderr and "WARNING" not in run.stdout + run.stderr
    # Everything kept: the repository with both recaps' PDF and XLSX, the site, the sandbox's data.
    for label in MONTHS:
        for suffix in (".pdf", ".xlsx", ".md"):
            assert (kept / "repo" / "recaps" / f"{label}{suffix}").stat().st_size > 0
    assert (kept / "site" / "index.html").is_file() and (kept / "sandbox").is_dir()
    assert f"Semua hasil disimpan di {kept}" in run.stdout


def _recap_figures_are_the_samples(kept: Path, label: str) -> None:
    expected = _expected(label)
    recap = kept / "repo" / "recaps" / f"{label}.md"
    totals = _front_matter(recap)["totals"]
    assert totals["posts"] == expected["posts"] > 0
    assert {k: v for k, v in totals["platforms"].items() if v} == dict(expected["platforms"])
    assert {k: v for k, v in totals["strategies"].items() if v} == dict(expected["strategies"])
    assert totals["questions_received"] == expected["received"] > 0
    assert totals["answers_published"] == totals["questions_answered"] == expected["answered"]
    assert totals["failed_attempts"] == 0
    assert totals["overdue"] == expected["overdue"]
    shown = _reply_days(recap.read_text(encoding="utf-8"))
    assert shown == [round(d, 1) for d in expected["days"]]
    if expected["days"]:
        median = f"{statistics.median(expected['days']):.1f}".replace(".", ",")
        assert f"| Median waktu tanggap | {median} hari kerja |" in recap.read_text(encoding="utf-8")


def _recaps_signed_and_on_the_strict_site(run: subprocess.CompletedProcess, kept: Path) -> None:
    site = kept / "site"
    assert "situs arsip dibangun --strict" in run.stdout
    for label in MONTHS:
        page = (site / "rekap" / label / "index.html").read_text(encoding="utf-8")
        for chart in ("weekly.svg", "strategy.svg"):
            assert f'src="{chart}"' in page
            assert (site / "rekap" / label / chart).read_text(encoding="utf-8").lstrip().startswith("<")
    # The posts carry their 2020 dates on the site (published, approved), not the day the demo ran.
    text = (site / "2020" / "05" / "2020-05-08-peluncuran-juknis-media-sosial" / "index.html").read_text(
        encoding="utf-8")
    assert "Diterbitkan 8 Mei 2020, 10.00 WITA" in text
    assert re.search(r"Disetujui oleh [^<]+ pada \d+ Mei 2020, \d\d\.\d\d WITA · PR #\d+", text)
    # As a year (a date), not as digits inside an id or a hash on the page (a sandbox id may hold "2026").
    assert not re.search(rf"(?<![0-9A-Za-z_]){datetime.now().year}(?![0-9A-Za-z_])", text)
    # The recap PRs' approvals were recorded (sosmed publish --signoff-only) in the sandbox ledger.
    log = subprocess.run(["git", "log", "--format=%s", "sosmed-ledger-sandbox"], cwd=kept / "repo",
                         capture_output=True, text=True)
    assert log.returncode == 0 and log.stdout.strip()
    assert run.stdout.count("persetujuan baru dicatat di ledger") == len(MONTHS)


def test_keep_refuses_a_folder_that_holds_files(tmp_path: Path) -> None:
    (tmp_path / "kept").mkdir()
    (tmp_path / "kept" / "catatan.txt").write_text("jangan dihapus\n", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO / "tools"), str(REPO)])}
    run = subprocess.run([sys.executable, "-m", "sosmed", "--config", str(REPO / "sosmed.yml"), "demo",
                          "--no-serve", "--keep", str(tmp_path / "kept")], cwd=REPO, env=env, capture_output=True,
                         text=True, timeout=120)
    assert run.returncode == 1
    assert f"Folder {tmp_path / 'kept'} sudah berisi berkas" in run.stderr and "Traceback" not in run.stderr
    assert (tmp_path / "kept" / "catatan.txt").read_text(encoding="utf-8") == "jangan dihapus\n"
