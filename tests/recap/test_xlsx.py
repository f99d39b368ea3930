"""The spreadsheet, read back cell by cell with openpyxl."""

from __future__ import annotations

import io
from datetime import datetime
from pathlib import Path

from openpyxl import load_workbook

from sosmed.config.schema import Config
from sosmed.recap.service import make_recap
from tests.recap import ledger_fixture as fx


def _book(config: Config, tmp_path: Path, month: str = "2020-05"):
    make_recap(config, month, formats=("xlsx",), out=tmp_path)
    return load_workbook(io.BytesIO((tmp_path / f"{month}.xlsx").read_bytes()))


def _values(sheet) -> dict[str, object]:
    """First column label → second column value, for the summary sheet."""
    return {row[0]: row[1] for row in sheet.iter_rows(values_only=True) if row and row[0] is not None}


def test_summary_sheet_and_one_sheet_per_platform(instance: Config, tmp_path: Path) -> None:
    book = _book(instance, tmp_path)
    assert book.sheetnames == ["Ringkasan", "Situs arsip", "Facebook", "Instagram", "X", "YouTube", "Keterlibatan"]
    summary = book["Ringkasan"]
    assert summary["A1"].value == "Rekapitulasi Bulanan Media Sosial Mei 2020"
    values = _values(summary)
    assert values["Instansi"] == "Badan Kepegawaian Daerah Provinsi Nusa Tenggara Timur"
    assert values["Bulan"] == "2020-05"
    assert values["Mulai"] == datetime(2020, 5, 1) and values["Sampai"] == datetime(2020, 6, 1)
    assert values["Zona waktu"] == "WITA (Asia/Makassar)"
    assert [values[p] for p in ("Situs arsip", "Facebook", "Instagram", "X", "YouTube")] == [6, 7, 2, 2, 1]
    assert values["Tulisan berbeda yang terbit"] == 7
    assert values["Menyemangati (energizing)"] == 2 and values["Menyimak (listening)"] == 0
    assert values["Pertanyaan diterima bulan ini"] == 5
    assert values["Median waktu tanggap (hari kerja)"] == 1.83
    assert values["Persentil ke-90 waktu tanggap (hari kerja)"] == 5
    assert values["Terlambat per akhir bulan (lebih dari 3 hari kerja)"] == 1
    assert (values["Penarikan"], values["Ralat"], values["Percobaan gagal"]) == (4, 1, 2)
    division = next(row for row in summary.iter_rows(values_only=True) if row[0] == "Bidang Mutasi dan Promosi")
    assert division[1:3] == (1, 2)


def test_platform_sheet_rows(instance: Config, tmp_path: Path) -> None:
    sheet = _book(instance, tmp_path)["YouTube"]
    header = [c.value for c in sheet[1]]
    assert header == ["No.", "Waktu (WITA)", "Judul", "Strategi", "Bidang", "Id", "Tautan platform",
                      "Halaman arsip", "Catatan"]
    row = [c.value for c in sheet[2]]
    assert row == [1, datetime(2020, 5, 11, 11, 5), "Video: alih status guru SMA/SMK", "Transparansi (transparency)",
                   "Bidang Mutasi dan Promosi", fx.VIDEO, "https://www.youtube.com/watch?v=vid1009",
                   "https://bkd-ntt.example.org/arsip/2020/05/2020-05-11-video-alih-status-guru/", None]
    assert sheet.max_row == 2
    assert sheet["G2"].hyperlink.target == "https://www.youtube.com/watch?v=vid1009"
    assert sheet["B2"].number_format == "yyyy-mm-dd hh:mm"
    instagram = _book(instance, tmp_path / "again")["Instagram"]
    assert instagram["I2"].value == "sudah ada (dicocokkan)"


def test_month_boundary_in_the_spreadsheet(instance: Config, tmp_path: Path) -> None:
    june = _book(instance, tmp_path, "2020-06")["Facebook"]
    assert [c.value for c in june[2]][1:3] == [datetime(2020, 6, 1, 7, 30), "Selamat Hari Lahir Pancasila"]
    assert june.max_row == 2


def test_empty_month_spreadsheet(instance: Config, tmp_path: Path) -> None:
    book = _book(instance, tmp_path, "2020-03")
    assert all(book[name].max_row == 1 for name in book.sheetnames[1:-1])
    assert _values(book["Ringkasan"])["Tulisan berbeda yang terbit"] == 0
