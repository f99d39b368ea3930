"""The recap's engagement section from the ledger's ``insights`` records: the Markdown, the spreadsheet and
the PDF read back. The fixture ledger holds four collection runs (see ``ledger_fixture._collections``)."""

from __future__ import annotations

import io
import os
import re
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from sosmed.config.schema import Config
from sosmed.i18n import set_language
from sosmed.insights.snapshots import fold
from sosmed.platforms.metrics import ENGAGEMENT
from sosmed.printing.fonts import font_dir
from sosmed.publish.ledger import open_ledger
from sosmed.recap.data import parse_time
from sosmed.recap.period import parse_month
from sosmed.recap.service import make_recap


def require_fonts() -> None:
    """Skip a PDF test without the DejaVu fonts — or fail under SOSMED_REQUIRE_SYSTEM_TOOLS=1 (CI)."""
    if (font_dir() / "DejaVuSans.ttf").is_file():
        return
    if os.environ.get("SOSMED_REQUIRE_SYSTEM_TOOLS") == "1":
        pytest.fail("DejaVu fonts (fonts-dejavu-core) are required (SOSMED_REQUIRE_SYSTEM_TOOLS=1)")
    pytest.skip("DejaVu fonts (fonts-dejavu-core) not installed")


def _section(markdown: str, start: str, end: str = "\n## ") -> str:
    i = markdown.index(start)
    j = markdown.find(end, i + len(start))
    return markdown[i:j if j >= 0 else len(markdown)]


def _row(markdown: str, first: str) -> list[str]:
    line = next(line for line in markdown.splitlines() if line.startswith(f"| {first} |"))
    return [c.strip() for c in line.strip("|").split("|")]


def _records(config: Config) -> list[dict[str, Any]]:
    return open_ledger(config.root, config, "live").read().records


def _posts_of(config: Config, month: str, platform: str) -> list[str]:
    """The receipt ids of ``platform``'s posts that went out in ``month`` (WITA)."""
    period = parse_month(month, config.zone)
    out = []
    for r in _records(config):
        if r["kind"] in ("success", "reconciled") and r.get("op") == "publish" and r.get("platform") == platform \
                and r.get("receipt"):
            moment = parse_time(r["receipt"]["time"])
            if moment is not None and period.start <= moment < period.end:
                out.append(r["receipt"]["id"])
    return out


def _engagement_at_end(config: Config, month: str, platform: str) -> int:
    """The platform's engagement of the month's posts, folded from the ledger up to the month's end."""
    snapshot = fold(_records(config), until=parse_month(month, config.zone).end)
    return sum(snapshot.of(platform, post)[0].get(m, 0) for post in _posts_of(config, month, platform)
               for m in ENGAGEMENT[platform])


def test_june_counts_the_numbers_as_of_its_end_and_compares_with_may(instance: Config, tmp_path: Path) -> None:
    markdown = make_recap(instance, "2020-06", out=tmp_path).markdown
    section = _section(markdown, "## Keterlibatan (engagement)")
    assert "(2020-06-30 20:00 WITA)" in section, "the last collection before the month ended"
    june, may = _engagement_at_end(instance, "2020-06", "facebook"), _engagement_at_end(instance, "2020-05", "facebook")
    assert june == 301 + 44 + 58 and may > 0
    facebook = _row(section, "Facebook")
    assert facebook == ["Facebook", "1", "1", "4.020", "5.600", str(june)]
    compared = _row(_section(section, "### Dibanding bulan sebelumnya (Mei 2020)"), "Facebook | keterlibatan")
    assert compared[2:] == [str(may), str(june), f"{100 * (june - may) / may:.1f}%".replace(".", ",")]
    assert "9.999" not in section and "999 " not in section, "a collection after the month ended is not counted"
    assert _row(section, "X")[3] == "tidak dilaporkan", "X gives no reach"
    assert _row(section, "Instagram")[1:6] == ["0", "0", "–", "–", "–"]


def test_may_top_posts_strategies_divisions_and_missing_numbers(instance: Config, tmp_path: Path) -> None:
    markdown = make_recap(instance, "2020-05", out=tmp_path).markdown
    section = _section(markdown, "## Keterlibatan (engagement)")
    top = _section(section, "#### Facebook", "#### Instagram")
    order = [top.index(title) for title in ("Selamat Hari Buruh 2020", "Pengumuman seleksi CPNS",
                                            "Pelatihan daring")]
    assert order == sorted(order) and "Jadwal layanan" not in top, "three posts, most engagement first"
    instagram_cpns = 212 + 25 + 61 + 33  # the numbers of 31 May: on 19 May the post was too new to have any
    assert _row(_section(section, "#### Instagram", "#### X\n"), "1")[5] == str(instagram_cpns)
    supporting = _row(_section(section, "### Keterlibatan per strategi"), "Mendukung (supporting)")
    assert supporting[1:7] == ["1", "223", str(instagram_cpns), "59", "0", str(223 + instagram_cpns + 59)]
    assert _row(section, "Menyimak (listening)")[1:7] == ["0"] * 6, "every strategy is listed"
    division = _row(_section(section, "### Keterlibatan per bidang"), "Bidang Mutasi dan Promosi")
    assert division[1:7] == ["1", str(23 + 6 + 4), "0", "0", str(19 + 4), str(33 + 23)]
    # The closing post went out after the last May collection: counted, with the reason it has no numbers.
    assert "- Facebook, 1 unggahan — jangkauan, tayangan, reaksi, komentar, dibagikan, klik: belum dibaca sebelum " \
           "akhir bulan." in section
    assert "- YouTube — jangkauan, dibagikan: tidak dilaporkan platform ini." in section
    # A post deleted later keeps the numbers read while it was up.
    assert _row(section, "Facebook")[1:3] == ["7", "6"]
    assert "![Grafik keterlibatan per platform" in section and "(2020-05/engagement.svg)" in section


def test_a_month_before_any_collection_says_not_available(instance: Config, tmp_path: Path) -> None:
    result = make_recap(instance, "2020-03", formats=("md", "xlsx"), out=tmp_path)
    assert "Tidak tersedia: belum ada statistik unggahan (insights) yang dikumpulkan" in result.markdown
    assert not (tmp_path / "2020-03" / "engagement.svg").exists()
    sheet = load_workbook(io.BytesIO((tmp_path / "2020-03.xlsx").read_bytes()))["Keterlibatan"]
    assert "Tidak tersedia" in str(sheet["A2"].value)


def _sheet_rows(path: Path) -> list[tuple[Any, ...]]:
    book = load_workbook(io.BytesIO(path.read_bytes()))
    assert book.sheetnames[-1] == "Keterlibatan"
    return [row for row in book["Keterlibatan"].iter_rows(values_only=True) if any(v is not None for v in row)]


def test_spreadsheet_has_numbers_as_numbers_and_reasons_as_text(instance: Config, tmp_path: Path) -> None:
    make_recap(instance, "2020-06", formats=("xlsx",), out=tmp_path / "june")
    june = _sheet_rows(tmp_path / "june" / "2020-06.xlsx")
    facebook = next(r for r in june if r[0] == "Facebook")
    may = _engagement_at_end(instance, "2020-05", "facebook")
    assert facebook[:6] == ("Facebook", 1, 1, 4020, 5600, 403)
    compared = next(r for r in june if r[:2] == ("Facebook", "keterlibatan"))
    assert compared[2:4] == (may, 403) and compared[4] == pytest.approx((403 - may) / may, abs=1e-4)
    assert next(r for r in june if r[0] == "X")[3] == "tidak dilaporkan"

    make_recap(instance, "2020-05", formats=("xlsx",), out=tmp_path / "may")
    may_rows = _sheet_rows(tmp_path / "may" / "2020-05.xlsx")
    header = next(r for r in may_rows if r[:2] == ("Platform", "Judul"))  # every post and its numbers
    closing = next(r for r in may_rows if r[0] == "Facebook" and r[1] == "Penutupan layanan bulan Mei")
    assert closing[header.index("jangkauan")] == "tidak tersedia: belum dibaca sebelum akhir bulan"
    youtube = next(r for r in may_rows if r[0] == "YouTube" and r[1] == "Video: alih status guru SMA/SMK")
    assert (youtube[header.index("tayangan")], youtube[header.index("suka")]) == (412, 19)
    assert youtube[header.index("reaksi")] is None, "YouTube has no reactions: an empty cell, not a zero"
    top = may_rows.index(next(r for r in may_rows if r[:3] == ("Platform", "No.", "Judul")))
    ranked = [(r[0], r[1]) for r in may_rows[top + 1:top + 9]]
    assert ranked == [("Facebook", 1), ("Facebook", 2), ("Facebook", 3), ("Instagram", 1), ("Instagram", 2),
                      ("X", 1), ("X", 2), ("YouTube", 1)], "ranked within each platform"


def test_pdf_prints_the_engagement(instance: Config, tmp_path: Path) -> None:
    require_fonts()
    make_recap(instance, "2020-06", formats=("pdf",), out=tmp_path)
    reader = PdfReader(str(tmp_path / "2020-06.pdf"))
    text = re.sub(r"\s+", " ", "\n".join(page.extract_text() for page in reader.pages))
    section = text[text.index("Keterlibatan (engagement)"):]
    may = _engagement_at_end(instance, "2020-05", "facebook")
    assert "Facebook 1 1 4.020 5.600 403 " in section
    assert f"Facebook keterlibatan {may} 403 {100 * (403 - may) / may:.1f}% ".replace(".", ",") in section
    assert "X 1 1 tidak dilaporkan 940 12 " in section
    assert "Unggahan teratas" in section and "Selamat Hari Lahir Pancasila" in section
    assert "Keterlibatan per strategi" in section and "Merangkul (embracing) 1 403 0 0 0 403" in section
    assert "Keterlibatan per bidang" in section and "YouTube — jangkauan, dibagikan: tidak dilaporkan" in section


def test_english_recap_names_the_numbers_in_english(instance: Config, tmp_path: Path) -> None:
    set_language("en")
    markdown = make_recap(instance, "2020-06", out=tmp_path).markdown
    section = _section(markdown, "## Engagement")
    assert _row(section, "Facebook")[:6] == ["Facebook", "1", "1", "4,020", "5,600", "403"]
    assert "Facebook = reactions + comments + shares" in section and "not reported" in section


def test_charts_are_drawn_from_the_numbers(instance: Config, tmp_path: Path) -> None:
    make_recap(instance, "2020-06", out=tmp_path)
    bars = (tmp_path / "2020-06" / "engagement.svg").read_text(encoding="utf-8")
    assert ">Keterlibatan per platform, Juni 2020 dan bulan sebelumnya</title>" in bars
    labels = re.sub(r"<[^>]+>", " ", bars).split()
    assert "403" in labels and "12" in labels, "June's bars are labelled with their engagement"
    strategy = (tmp_path / "2020-06" / "engagement_strategy.svg").read_text(encoding="utf-8")
    assert "Merangkul (embracing)" in strategy and "Menyimak (listening)" in strategy
