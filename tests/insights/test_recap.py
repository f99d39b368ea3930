"""From the sandbox to the recap through the real command line: publish, collect, then ``sosmed recap``."""

from __future__ import annotations

import io
from pathlib import Path

from click.testing import CliRunner
from openpyxl import load_workbook

from sosmed.cli import cli
from sosmed.insights.snapshots import fold
from sosmed.platforms.metrics import ENGAGEMENT
from sosmed.recap.data import parse_time
from tests.insights.conftest import DAY, Published
from tests.insights.test_collect import ledger_records, run
from tests.recap.test_engagement import require_fonts


def _month_and_posts(p: Published) -> tuple[str, dict[str, list[str]]]:
    """The month (in the instance's zone) the sample posts went out in, and their ids per social platform."""
    posts: dict[str, list[str]] = {}
    month = ""
    for r in ledger_records(p):
        if r.get("kind") == "success" and r.get("op") == "publish" and r.get("platform") != "website":
            moment = parse_time(r["receipt"]["time"])
            assert moment is not None
            month = moment.astimezone(p.config.zone).strftime("%Y-%m")
            posts.setdefault(r["platform"], []).append(r["receipt"]["id"])
    return month, posts


def test_collected_numbers_reach_every_format_of_the_recap(published: Published, tmp_path: Path) -> None:
    require_fonts()
    published.advance(3 * DAY)
    collected = run(published, "--target", "sandbox")
    assert collected.exit_code == 0, collected.output
    month, posts = _month_and_posts(published)
    result = CliRunner().invoke(cli, ["--config", str(published.repo / "sosmed.yml"), "recap", month,
                                      "--target", "sandbox", "--format", "all", "--out", str(tmp_path)],
                                env=published.env)
    assert result.exit_code == 0, result.output

    snapshot = fold(ledger_records(published))
    markdown = (tmp_path / f"{month}.md").read_text(encoding="utf-8")
    section = markdown[markdown.index("## Keterlibatan (engagement)"):]
    sheet = load_workbook(io.BytesIO((tmp_path / f"{month}.xlsx").read_bytes()))["Keterlibatan"]
    rows: dict[str, tuple] = {}  # the first table: per platform
    for r in sheet.iter_rows(values_only=True):
        if r[0] in ("Facebook", "Instagram", "X", "YouTube"):
            rows.setdefault(str(r[0]), r)
    for platform, ids in posts.items():
        expected = sum(snapshot.of(platform, i)[0][m] for i in ids for m in ENGAGEMENT[platform])
        assert expected > 0, f"the sandbox gave {platform} numbers"
        name = {"facebook": "Facebook", "instagram": "Instagram", "x": "X", "youtube": "YouTube"}[platform]
        line = next(line for line in section.splitlines() if line.startswith(f"| {name} |"))
        assert line.split("|")[6].strip() == f"{expected:,}".replace(",", "."), line
        assert rows[name][5] == expected
    for name in ("engagement", "engagement_strategy"):
        assert (tmp_path / month / f"{name}.svg").is_file()
    assert (tmp_path / f"{month}.pdf").read_bytes().startswith(b"%PDF")
