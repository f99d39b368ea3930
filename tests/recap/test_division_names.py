"""People read the division's name from ``sosmed.yml`` in every recap output; the front matter keeps slugs."""

from __future__ import annotations

import io
import re
from pathlib import Path

from click.testing import CliRunner
from openpyxl import load_workbook
from pypdf import PdfReader

from sosmed.cli import cli
from sosmed.config.schema import Config
from tests.recap.test_engagement import require_fonts

MUTASI = "Bidang Mutasi dan Promosi"


def _recap_all(config: Config, out: Path, *options: str) -> None:
    result = CliRunner().invoke(cli, ["--config", str(config.root / "sosmed.yml"), *options, "recap", "2020-05",
                                      "--format", "all", "--out", str(out)], catch_exceptions=False)
    assert result.exit_code == 0, result.output


def _drop_mutasi(config: Config) -> None:
    """Remove the ``mutasi`` division from sosmed.yml, as an office does when it reorganises."""
    path = config.root / "sosmed.yml"
    text = path.read_text(encoding="utf-8")
    block = re.search(r"  - slug: mutasi\n(?:    .*\n)+", text)
    assert block is not None
    path.write_text(text.replace(block.group(0), ""), encoding="utf-8")


def _cells(path: Path) -> set[object]:
    book = load_workbook(io.BytesIO(path.read_bytes()))
    return {c for sheet in book.worksheets for row in sheet.iter_rows(values_only=True) for c in row}


def _pdf_text(path: Path) -> str:
    return re.sub(r"\s+", " ", "\n".join(p.extract_text() for p in PdfReader(str(path)).pages))


def _table_lines(markdown: str) -> list[str]:
    return [line for line in markdown.splitlines() if line.startswith("| ")]


def test_every_output_shows_division_names_not_slugs(instance: Config, tmp_path: Path) -> None:
    require_fonts()
    _recap_all(instance, tmp_path)
    markdown = (tmp_path / "2020-05.md").read_text(encoding="utf-8")
    tables = _table_lines(markdown)
    # The video is a mutasi post: its row in the YouTube table, the Q&A rows and the division tables.
    video = next(line for line in tables if "watch?v=vid1009" in line and "Transparansi" in line)
    assert f"| {MUTASI} |" in video
    slugs = ("sekretariat", "pengadaan", "mutasi", "pengembangan", "kinerja")
    assert not [line for line in tables if any(f"| {slug} |" in line for slug in slugs)]
    cells = _cells(tmp_path / "2020-05.xlsx")
    assert MUTASI in cells and "Sekretariat" in cells
    assert not cells & set(slugs)
    pdf = _pdf_text(tmp_path / "2020-05.pdf")
    assert "Transparansi (transparency) Bidang Mutasi" in pdf and " mutasi " not in pdf
    assert MUTASI not in markdown.split("---\n")[1], "the front matter stays machine-readable"


def test_a_division_no_longer_configured_says_so(instance: Config, tmp_path: Path) -> None:
    require_fonts()
    _drop_mutasi(instance)
    _recap_all(instance, tmp_path)
    tables = _table_lines((tmp_path / "2020-05.md").read_text(encoding="utf-8"))
    # The mutasi post no longer loads: its division cell says "unknown", never the bare slug.
    video = next(line for line in tables if "watch?v=vid1009" in line and "2020-05-11-video" in line)
    assert [c.strip() for c in video.strip("| ").split(" | ")][4] == "Tidak diketahui"
    assert "| Tidak diketahui | 2 | 0 |" in tables
    assert not [line for line in tables if MUTASI in line or "| mutasi |" in line]
    cells = _cells(tmp_path / "2020-05.xlsx")
    assert "Tidak diketahui" in cells and "mutasi" not in cells and MUTASI not in cells
    assert " mutasi " not in _pdf_text(tmp_path / "2020-05.pdf")


def test_english_division_names(instance: Config, tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["--config", str(instance.root / "sosmed.yml"), "--lang", "en", "recap",
                                      "2020-05", "--out", str(tmp_path)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    tables = _table_lines((tmp_path / "2020-05.md").read_text(encoding="utf-8"))
    assert f"| {MUTASI} | 1 | 2 |" in tables and "| Unknown | 1 | 0 |" in tables
    overdue = next(line for line in tables if line.startswith("| QA-2020-05-0002\\#q1 |"))
    assert "| Bidang Pengadaan, Pemberhentian dan Informasi Kepegawaian |" in overdue
