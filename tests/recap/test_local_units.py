"""The Indonesian recap writes durations with a decimal comma ("1,0 hari kerja") in every output, and
every time in its tables is in WITA, as the column headers say (ledger records are kept in UTC)."""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner
from pypdf import PdfReader

from sosmed.cli import cli
from sosmed.config.schema import Config
from tests.recap.test_engagement import require_fonts

DAYS = re.compile(r"(\d+[.,]\d+) hari kerja")


def _recap(config: Config, out: Path) -> tuple[str, str]:
    result = CliRunner().invoke(cli, ["--config", str(config.root / "sosmed.yml"), "recap", "2020-05",
                                      "--format", "all", "--out", str(out)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    pdf = "\n".join(page.extract_text() for page in PdfReader(str(out / "2020-05.pdf")).pages)
    return (out / "2020-05.md").read_text(encoding="utf-8"), re.sub(r"\s+", " ", pdf)


def test_working_days_have_a_decimal_comma_in_markdown_and_pdf(instance: Config, tmp_path: Path) -> None:
    require_fonts()
    markdown, pdf = _recap(instance, tmp_path)
    for text in (markdown, pdf):
        found = DAYS.findall(text)
        assert "5,0" in found and "1,7" in found, found
        assert not [value for value in found if "." in value], found


def test_table_times_are_wita_not_the_ledgers_utc(instance: Config, tmp_path: Path) -> None:
    require_fonts()
    markdown, pdf = _recap(instance, tmp_path)
    assert "| Waktu (WITA) |" in markdown and "Pertama gagal" in markdown
    # The YouTube upload failed at 02:01Z and went out at 03:05Z on 11 May: 10:01 and 11:05 WITA.
    [retry] = [line for line in markdown.splitlines() if line.startswith("| 2020-05-11 ")
               and "| YouTube |" in line and "| 1 |" in line]
    assert retry.startswith("| 2020-05-11 10:01 |") and "2020-05-11 11:05" in retry
    # The archive page of 1 May went out at 16:30Z on 30 April: 00:30 WITA on 1 May.
    assert "| 1 | 2020-05-01 00:30 | Selamat Hari Buruh 2020 |" in markdown
    assert "2020-05-11 10:01" in pdf and "2020-05-01 00:30" in pdf
    assert "2020-05-11 02:01" not in markdown + pdf and "2020-04-30 16:30" not in markdown + pdf
