"""The printable recap, read back with pypdf: content, signature block, electronic sign-off."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from sosmed.config.schema import Config
from sosmed.printing.fonts import font_dir
from sosmed.publish.ledger import GitLedger
from sosmed.publish.records import new_record
from sosmed.recap.service import make_recap


@pytest.fixture(autouse=True)
def _fonts() -> None:
    """Skip without the DejaVu fonts — or fail under SOSMED_REQUIRE_SYSTEM_TOOLS=1 (CI)."""
    if (font_dir() / "DejaVuSans.ttf").is_file():
        return
    if os.environ.get("SOSMED_REQUIRE_SYSTEM_TOOLS") == "1":
        pytest.fail("DejaVu fonts (fonts-dejavu-core) are required (SOSMED_REQUIRE_SYSTEM_TOOLS=1)")
    pytest.skip("DejaVu fonts (fonts-dejavu-core) not installed")


def _text(path: Path) -> str:
    reader = PdfReader(str(path))
    text = "\n".join(page.extract_text() for page in reader.pages)
    return re.sub(r"\s+", " ", text)


def _sign(config: Config, digest: str, *, role: str = "kepala") -> None:
    ledger = GitLedger(config.root)
    ledger.sync()
    approver = {"role": role, "name": "Henderina S. Laiskodat, SP, M.Si", "nip": "19710707 199703 2 008",
                "login": "kepala-bkd-ntt", "review_id": 5, "approved_at": "2020-06-03T00:30:00Z"}
    ledger.append([new_record("signoff", time="2020-06-03T01:00:00+00:00", item="recap-2020-05", hash=digest,
                              signoff={"mode": "forge", "hash": digest, "pr": 12,
                                       "pr_url": "https://github.com/bkd-ntt/sosmed/pull/12",
                                       "commit": "c0ffee", "review_commit": "c0ffee", "approvers": [approver]})])


def test_unsigned_pdf_has_the_content_and_the_blank_signature(instance: Config, tmp_path: Path) -> None:
    make_recap(instance, "2020-05", formats=("pdf",), out=tmp_path)
    text = _text(tmp_path / "2020-05.pdf")
    assert "Rekapitulasi Bulanan Media Sosial Mei 2020" in text
    assert "Video: alih status guru SMA/SMK" in text
    assert "Selamat Hari Lahir Pancasila" not in text  # June in WITA
    assert "Pengumuman seleksi CPNS" in text and "hapus manual" in text
    assert "QA-2020-05-0002#q1" in text
    assert "Keterlibatan (engagement)" in text and "tidak dilaporkan platform ini" in text
    assert "Menyetujui," in text and "Henderina S. Laiskodat, SP, M.Si" in text
    assert "NIP. 19710707 199703 2 008" in text
    assert "BELUM DISETUJUI" in text and "Disetujui secara elektronik" not in text
    assert "Kupang, ................ 2020" in text


def test_signed_pdf_prints_the_electronic_signoff(instance: Config, tmp_path: Path) -> None:
    _sign(instance, make_recap(instance, "2020-05", out=tmp_path / "md").content_hash)
    make_recap(instance, "2020-05", formats=("pdf",), out=tmp_path)
    text = _text(tmp_path / "2020-05.pdf")
    assert "BELUM DISETUJUI" not in text
    assert "Disetujui secara elektronik oleh Henderina S. Laiskodat, SP, M.Si (kepala-bkd-ntt)" in text
    assert "3 Juni 2020 pukul 08.30 WITA" in text
    assert "https://github.com/bkd-ntt/sosmed/pull/12" in text
    assert "Kupang, 3 Juni 2020" in text


def test_signoff_of_other_content_is_not_printed(instance: Config, tmp_path: Path) -> None:
    _sign(instance, "sha256:" + "0" * 64)
    make_recap(instance, "2020-05", formats=("pdf",), out=tmp_path)
    text = _text(tmp_path / "2020-05.pdf")
    assert "BELUM DISETUJUI" in text and "Disetujui secara elektronik" not in text


def test_signoff_record_does_not_change_the_markdown(instance: Config, tmp_path: Path) -> None:
    first = make_recap(instance, "2020-05", out=tmp_path / "a")
    _sign(instance, first.content_hash)
    assert make_recap(instance, "2020-05", out=tmp_path / "b").markdown == first.markdown


def test_empty_month_pdf(instance: Config, tmp_path: Path) -> None:
    make_recap(instance, "2020-03", formats=("pdf",), out=tmp_path)
    text = _text(tmp_path / "2020-03.pdf")
    assert "Rekapitulasi Bulanan Media Sosial Maret 2020" in text and "(tidak ada)" in text


def test_english_pdf(instance: Config, tmp_path: Path) -> None:
    from sosmed.i18n import set_language

    set_language("en")
    make_recap(instance, "2020-05", formats=("pdf",), out=tmp_path)
    text = _text(tmp_path / "2020-05.pdf")
    assert "Monthly Social Media Recap May 2020" in text and "Approved," in text
    assert "Penutupan layanan bulan Mei" in text and "Not yet approved" not in text
    assert "NOT YET APPROVED" in text


def test_the_pdf_binds_the_hash_of_the_committed_files(instance: Config, tmp_path: Path) -> None:
    """The hash the PDF prints against is the one the sign-off stage computes from the files written."""
    from sosmed.snapshot import recaps_in

    made = make_recap(instance, "2020-05", out=tmp_path / "recaps")
    [files] = recaps_in(tmp_path)
    assert files.month == "2020-05" and {name for name, _ in files.charts} == {"weekly.svg", "strategy.svg", "engagement.svg",
                                                                                   "engagement_strategy.svg"}
    assert files.hash == made.content_hash
