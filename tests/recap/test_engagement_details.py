"""The engagement section's details, read back from the written files: the change from the previous month
for reach and views too, the per-platform chart labelled truthfully, long titles in the PDF, numbers kept
from an earlier reading than the month's last collection, and the same bytes when a recap is made twice."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path
from typing import Any

import yaml
from openpyxl import load_workbook
from pypdf import PdfReader

from sosmed.config.schema import Config
from sosmed.insights.snapshots import fold
from sosmed.recap.period import parse_month
from sosmed.recap.service import make_recap
from tests.recap.ledger_fixture import build_instance, fixture_records
from tests.recap.test_engagement import _posts_of, _records, _row, _section, require_fonts

BURUH = "Selamat Hari Buruh 2020"
LONG = (f"{BURUH}: terima kasih kepada seluruh aparatur sipil negara di lingkungan pemerintah provinsi atas "
        "pengabdian dan kerja kerasnya selama masa tanggap darurat")


def _total_at_end(config: Config, month: str, platform: str, name: str) -> int:
    """One number of the platform's posts of ``month``, folded from the ledger up to the month's end."""
    snapshot = fold(_records(config), until=parse_month(month, config.zone).end)
    return sum(snapshot.of(platform, post)[0].get(name, 0) for post in _posts_of(config, month, platform))


def _percent(before: int, after: int) -> float:
    return round(100 * (after - before) / before, 1)


def _front_matter(markdown: str) -> dict[str, Any]:
    return yaml.safe_load(markdown.split("---\n")[1])


def _sheet(path: Path) -> list[tuple[Any, ...]]:
    book = load_workbook(io.BytesIO(path.read_bytes()))
    return [row for row in book["Keterlibatan"].iter_rows(values_only=True) if any(v is not None for v in row)]


def _pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(str(path)).pages)


def test_reach_and_views_are_compared_with_the_previous_month_in_every_format(instance: Config,
                                                                              tmp_path: Path) -> None:
    require_fonts()
    made = make_recap(instance, "2020-06", formats=("md", "xlsx", "pdf"), out=tmp_path)
    expected = {name: (_total_at_end(instance, "2020-05", "facebook", name),
                       _total_at_end(instance, "2020-06", "facebook", name)) for name in ("reach", "views")}
    assert expected["reach"][1] == 4020 and expected["reach"][0] > 0

    compared = _section(made.markdown, "### Dibanding bulan sebelumnya (Mei 2020)", "\n### ")
    for name, label in (("reach", "jangkauan"), ("views", "tayangan")):
        before, after = expected[name]
        row = _row(compared, f"Facebook | {label}")
        assert row[2:] == [f"{before:,}".replace(",", "."), f"{after:,}".replace(",", "."),
                           f"{_percent(before, after):.1f}%".replace(".", ",")]
    assert _row(compared, "X | tayangan")[4].startswith("-"), "X's views are compared too"
    assert "| X | jangkauan |" not in compared, "X reports no reach: nothing to compare"
    assert _row(compared, "Instagram | jangkauan")[3:] == ["–", "–"], "no June post: no change"

    totals = _front_matter(made.markdown)["engagement"]["platforms"]
    assert totals["facebook"]["previous"]["reach"] == expected["reach"][0]
    assert totals["facebook"]["change_percent"] == {
        "reach": _percent(*expected["reach"]), "views": _percent(*expected["views"]),
        "engagement": _percent(_total_at_end(instance, "2020-05", "facebook", "reactions")
                               + _total_at_end(instance, "2020-05", "facebook", "comments")
                               + _total_at_end(instance, "2020-05", "facebook", "shares"), 403)}
    assert totals["instagram"]["change_percent"]["reach"] is None

    rows = _sheet(tmp_path / "2020-06.xlsx")
    reach = next(r for r in rows if r[:2] == ("Facebook", "jangkauan"))
    assert reach[2:4] == expected["reach"]
    assert abs(reach[4] - (expected["reach"][1] - expected["reach"][0]) / expected["reach"][0]) < 1e-4

    text = re.sub(r"\s+", " ", _pdf_text(tmp_path / "2020-06.pdf"))
    before, after = expected["views"]
    assert f"Facebook tayangan {before:,} {after:,} {_percent(before, after):.1f}%".replace(",", "#") \
        .replace(".", ",").replace("#", ".") in text


def test_the_first_month_with_numbers_says_there_is_nothing_to_compare_with(instance: Config,
                                                                           tmp_path: Path) -> None:
    made = make_recap(instance, "2020-05", out=tmp_path)
    compared = _section(made.markdown, "### Dibanding bulan sebelumnya (April 2020)", "\n### ")
    assert "tidak ada pembanding" in compared and "| Facebook |" not in compared
    assert _front_matter(made.markdown)["engagement"]["platforms"]["facebook"]["change_percent"]["reach"] is None


def _texts(svg: str) -> list[str]:
    return [re.sub(r"<[^>]+>", "", m).strip() for m in re.findall(r"<text\b.*?</text>", svg, flags=re.S)]


def _contrast(colour: str) -> float:
    """WCAG contrast of ``#rrggbb`` against white."""
    channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    luminance = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    return 1.05 / (luminance + 0.05)


def test_the_platform_chart_labels_each_bar_with_its_month_and_has_no_misleading_legend(
        instance: Config, tmp_path: Path) -> None:
    make_recap(instance, "2020-06", out=tmp_path)
    svg = (tmp_path / "2020-06" / "engagement.svg").read_text(encoding="utf-8")
    assert 'id="legend_1"' not in svg, "a legend swatch would show one platform's colour for all bars"
    texts = _texts(svg)
    assert texts.count("Mei 2020") == 4 and texts.count("Juni 2020") == 4, "every bar names its month"
    assert [x for x in texts if x in ("Facebook", "Instagram", "X", "YouTube")] == \
        ["Facebook", "Instagram", "X", "YouTube"]
    hatched = re.findall(r'<pattern id="(h[0-9a-f]+)"', svg)
    assert len(hatched) == 4, "the previous month's bars are hatched, each in its platform's colour"
    assert svg.count("fill: url(#") == 4
    may = _total_at_end(instance, "2020-05", "facebook", "reactions") + \
        _total_at_end(instance, "2020-05", "facebook", "comments") + \
        _total_at_end(instance, "2020-05", "facebook", "shares")
    assert re.search(r'<svg [^>]*role="img" aria-labelledby="chart-title chart-desc"', svg)
    desc = re.search(r'<desc id="chart-desc">(.*?)</desc>', svg)
    assert desc is not None and f"Facebook: {may} lalu 403" in desc.group(1)
    assert '<title id="chart-title">Keterlibatan per platform, Juni 2020 dan bulan sebelumnya</title>' in svg
    fills = re.findall(r"<text\b[^>]*style=\"[^\"]*fill: (#[0-9a-f]{6})", svg)
    assert all(_contrast(colour) >= 4.5 for colour in fills), fills


def _with_long_title(dest: Path) -> Config:
    config = build_instance(dest)
    [post] = [f for f in (config.root / "content").rglob("index.md") if BURUH in f.read_text(encoding="utf-8")]
    post.write_text(post.read_text(encoding="utf-8").replace(BURUH, LONG, 1), encoding="utf-8")
    return config


def test_a_long_title_takes_one_line_in_the_pdf_and_stays_whole_in_markdown_and_xlsx(tmp_path: Path) -> None:
    require_fonts()
    config = _with_long_title(tmp_path / "instance")
    made = make_recap(config, "2020-05", formats=("md", "xlsx", "pdf"), out=tmp_path / "out")
    top = _section(made.markdown, "#### Facebook", "#### Instagram")
    assert LONG in top
    assert any(LONG in r for r in _sheet(tmp_path / "out" / "2020-05.xlsx")), "the full title in the spreadsheet"

    text = _pdf_text(tmp_path / "out" / "2020-05.pdf")
    table = text[text.index("Unggahan teratas"):text.index("Keterlibatan per strategi")]
    [line] = [x for x in table.splitlines() if x.startswith(f"Facebook {BURUH}")]
    cut = re.match(r"Facebook (.+?…) Merangkul \(embracing\) Sekretariat [\d.]+ [\d.]+$", line)
    assert cut is not None, line
    assert LONG.startswith(cut.group(1)[:-1].rstrip()) and len(cut.group(1)) < len(LONG)
    assert "judul lengkap ada di rekap Markdown dan lembar kerja" in re.sub(r"\s+", " ", table)


def _add_late_collection(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One more run an hour after the last May collection that could read Facebook only (X refused the token)."""
    last = next(r for r in reversed(records) if r["kind"] == "insights" and r["time"].startswith("2020-05-31"))
    late = {**last, "time": "2020-05-31T13:00:00+00:00", "read": {"facebook": 1}, "errors": {"x": "AuthError"}}
    for part in ("values", "missing"):
        late.pop(part, None)
    return [*records, late]


def test_numbers_from_an_earlier_reading_say_so_and_as_of_when(instance: Config, tmp_path: Path) -> None:
    require_fonts()
    made = make_recap(instance, "2020-05", formats=("md", "xlsx", "pdf"), out=tmp_path)
    missing = _section(made.markdown, "### Angka yang tidak tersedia", "\n### ")
    assert ("- Facebook, 1 unggahan — jangkauan, tayangan, reaksi, komentar, dibagikan, klik: angka dari pembacaan "
            "2020-05-19 20:00 WITA, bukan dari pengumpulan terakhir (2020-05-31 20:00 WITA), karena unggahan sudah "
            "dihapus.") in missing
    assert ("- YouTube, 1 unggahan — tayangan, suka, komentar: angka dari pembacaan 2020-05-19 20:00 WITA, bukan "
            "dari pengumpulan terakhir (2020-05-31 20:00 WITA), karena kuota baca platform habis.") in missing
    assert "X, " not in missing, "X was read at the last collection"

    rows = _sheet(tmp_path / "2020-05.xlsx")
    header = next(r for r in rows if r[:2] == ("Platform", "Judul"))
    video = next(r for r in rows if r[0] == "YouTube" and r[1] == "Video: alih status guru SMA/SMK")
    assert video[header.index("Catatan")] == \
        "tayangan, suka, komentar: dari pembacaan 2020-05-19 20:00 WITA (kuota baca platform habis)"
    assert video[header.index("tayangan")] == 412, "the number known is kept"
    text = re.sub(r"\s+", " ", _pdf_text(tmp_path / "2020-05.pdf"))
    assert "bukan dari pengumpulan terakhir (2020-05-31 20:00 WITA), karena kuota baca platform habis." in text

    later = build_instance(tmp_path / "late", _add_late_collection(fixture_records()))
    section = _section(make_recap(later, "2020-05", out=tmp_path / "late-out").markdown,
                       "### Angka yang tidak tersedia", "\n### ")
    assert ("- X, 2 unggahan — tayangan, suka, balasan, repost, kutipan, markah: angka dari pembacaan 2020-05-31 "
            "20:00 WITA, bukan dari pengumpulan terakhir (2020-05-31 21:00 WITA), karena pengumpulan itu tidak "
            "membaca platform ini") in section


def test_a_recap_made_twice_is_the_same_bytes(instance: Config, tmp_path: Path) -> None:
    require_fonts()
    first = make_recap(instance, "2020-06", formats=("md", "xlsx", "pdf"), out=tmp_path / "a")
    second = make_recap(instance, "2020-06", formats=("md", "xlsx", "pdf"), out=tmp_path / "b")
    assert first.content_hash == second.content_hash
    names = sorted(p.relative_to(tmp_path / "a").as_posix() for p in first.written)
    assert names == sorted(p.relative_to(tmp_path / "b").as_posix() for p in second.written)
    assert len(names) == 7
    for name in names:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name
    # Within one zip time step both runs could agree by chance: the members must carry the month's end.
    with zipfile.ZipFile(tmp_path / "a" / "2020-06.xlsx") as book:
        assert {member.date_time for member in book.infolist()} == {(2020, 7, 1, 0, 0, 0)}
