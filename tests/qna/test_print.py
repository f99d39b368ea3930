"""The printable form (Gambar 5): every field read back from the PDF with pypdf, signed and unsigned."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pypdf
from click.testing import CliRunner

from sosmed.cli import cli
from sosmed.config import load_config
from sosmed.qna.html import form_html
from sosmed.qna.lookup import read_index
from sosmed.qna.pdf import form_pdf
from tests.qna.helpers import REPO, form_item, make_repo, sign, write_form

FORM = """id: QA-2020-05-0007
officer: "Maria Goreti Nona"
bidang: mutasi
received: 2020-05-13T10:15:00+08:00
place: Kupang
questions:
  - text: "Bagaimana cara mengurus pindah tugas guru SMA ke Kabupaten Alor?"
    platform: facebook
    comment_id: "100_200"
    link: "https://facebook.com/BkdProvNtt/posts/100?comment_id=200"
    asker: guru_fiktif_alor
    received_at: 2020-05-12T19:42:00+08:00
    answer: "Usul pindah diajukan melalui kepala sekolah asal dan Dinas Pendidikan."
  - text: "Apakah kenaikan pangkat bisa diurus sendiri?"
    platform: whatsapp
    asker: "kontributor grup WhatsApp"
    received_at: 2020-05-13T08:05:00+08:00
    answer: "Tidak; usul disampaikan secara kolektif oleh pengelola kepegawaian."
public: true
"""

KEPALA = {"role": "kepala", "name": "Henderina S. Laiskodat, SP, M.Si", "nip": "19710707 199703 2 008",
          "login": "kepala-bkd-ntt", "review_id": 11, "approved_at": "2020-05-14T02:30:00Z"}
HEAD = {"role": "bidang_head", "name": "Dra. Magdalena Ndun", "nip": "19690415 199403 2 005",
        "login": "kabid-mutasi", "review_id": 10, "approved_at": "2020-05-14T01:05:00Z"}


def pages(data: bytes) -> list[str]:
    """Text of each page, with runs of spaces and the line breaks of wrapped lines collapsed."""
    reader = pypdf.PdfReader(io.BytesIO(data))
    return [re.sub(r"\s+", " ", page.extract_text()) for page in reader.pages]


def _common_fields(text: str) -> None:
    for expected in ("Formulir Q & A", "Nama Petugas Media Sosial", "Maria Goreti Nona",
                     "Bidang Tugas yang Terkait", "Bidang Mutasi dan Promosi", "Pertanyaan", "Jawaban",
                     "1. Bagaimana cara mengurus pindah tugas guru SMA ke Kabupaten Alor?",
                     "2. Apakah kenaikan pangkat bisa diurus sendiri?",
                     "1. Usul pindah diajukan melalui kepala sekolah asal dan Dinas Pendidikan.",
                     "2. Tidak; usul disampaikan secara kolektif oleh pengelola kepegawaian.",
                     "Menyetujui,", "Kepala Badan Kepegawaian Daerah Provinsi Nusa Tenggara Timur",
                     "Henderina S. Laiskodat, SP, M.Si", "NIP. 19710707 199703 2 008", "Bidang Terkait",
                     "Dra. Magdalena Ndun", "NIP. 19690415 199403 2 005", "QA-2020-05-0007"):
        assert expected in text, expected


def test_unsigned_form_has_every_field_and_belum_disetujui(tmp_path: Path) -> None:
    root = make_repo(tmp_path)
    write_form(root, "mutasi", "QA-2020-05-0007", FORM)
    config = load_config(root / "sosmed.yml")
    item = form_item(root, "QA-2020-05-0007")
    text = " ".join(pages(form_pdf(item, config, read_index(config))))
    _common_fields(text)
    assert "BELUM DISETUJUI" in text
    assert "Kupang, ...................... 2020" in text
    assert "Disetujui secara elektronik" not in text
    html = form_html(item, config, read_index(config))
    assert "BELUM DISETUJUI" in html and "Dra. Magdalena Ndun" in html and "Bidang Terkait" in html


def test_signed_form_shows_approvers_time_in_wita_pr_and_hash(tmp_path: Path) -> None:
    root = make_repo(tmp_path)
    write_form(root, "mutasi", "QA-2020-05-0007", FORM)
    digest = sign(root, "QA-2020-05-0007", [HEAD, KEPALA])
    config = load_config(root / "sosmed.yml")
    data = form_pdf(form_item(root, "QA-2020-05-0007"), config, read_index(config))
    text = " ".join(pages(data))
    _common_fields(text)
    assert "BELUM DISETUJUI" not in text
    assert "Disetujui secara elektronik oleh Henderina S. Laiskodat, SP, M.Si (kepala-bkd-ntt)" in text
    assert "Disetujui secara elektronik oleh Dra. Magdalena Ndun (kabid-mutasi)" in text
    # 02:30 UTC is 10.30 WITA; 01:05 UTC is 09.05 WITA.
    assert "pada 14 Mei 2020 pukul 10.30 WITA" in text and "pada 14 Mei 2020 pukul 09.05 WITA" in text
    assert text.count("Pull request: https://github.com/bkd-ntt/sosmed/pull/42") == 2
    assert "Kupang, 14 Mei 2020" in text
    assert digest.removeprefix("sha256:") in text.replace(" ", "")
    # The fonts are embedded (a subset of DejaVu Sans), not referenced.
    reader = pypdf.PdfReader(io.BytesIO(data))
    fonts = reader.pages[0]["/Resources"]["/Font"]
    for ref in fonts.values():
        descriptor = ref.get_object()["/DescendantFonts"][0].get_object()["/FontDescriptor"].get_object()
        assert "DejaVu" in descriptor["/FontName"] and "/FontFile2" in descriptor


def test_a_changed_form_loses_its_signature(tmp_path: Path) -> None:
    root = make_repo(tmp_path)
    path = write_form(root, "mutasi", "QA-2020-05-0007", FORM)
    sign(root, "QA-2020-05-0007", [HEAD, KEPALA])
    path.write_text(path.read_text(encoding="utf-8").replace("Tidak; usul", "Tidak. Usul"), encoding="utf-8")
    config = load_config(root / "sosmed.yml")
    text = " ".join(pages(form_pdf(form_item(root, "QA-2020-05-0007"), config, read_index(config))))
    assert "BELUM DISETUJUI" in text and "Disetujui secara elektronik" not in text


def test_only_one_approval_is_not_signed(tmp_path: Path) -> None:
    root = make_repo(tmp_path)
    write_form(root, "mutasi", "QA-2020-05-0007", FORM)
    sign(root, "QA-2020-05-0007", [KEPALA])
    config = load_config(root / "sosmed.yml")
    text = " ".join(pages(form_pdf(form_item(root, "QA-2020-05-0007"), config, read_index(config))))
    assert "BELUM DISETUJUI" in text
    assert "Disetujui secara elektronik oleh Henderina" in text
    assert "(kabid-mutasi)" not in text


def test_many_questions_flow_onto_pages_with_the_signatures_kept_together(tmp_path: Path) -> None:
    root = make_repo(tmp_path)
    question = """  - text: "Pertanyaan nomor {n}: bagaimana prosedur mutasi guru antar kabupaten di NTT?"
    platform: phone
    received_at: 2020-05-13T08:05:00+08:00
    answer: "Jawaban nomor {n}: usul diajukan melalui kepala sekolah dan Dinas Pendidikan dan Kebudayaan."
"""
    head, _, tail = FORM.partition("questions:\n")
    many = head + "questions:\n" + "".join(question.format(n=n) for n in range(1, 31)) + "public: false\n"
    write_form(root, "mutasi", "QA-2020-05-0007", many)
    sign(root, "QA-2020-05-0007", [HEAD, KEPALA])
    config = load_config(root / "sosmed.yml")
    texts = pages(form_pdf(form_item(root, "QA-2020-05-0007"), config, read_index(config)))
    assert len(texts) >= 3
    joined = " ".join(texts)
    for n in range(1, 31):
        assert f"Pertanyaan nomor {n}:" in joined and f"Jawaban nomor {n}:" in joined
    signature_pages = [i for i, text in enumerate(texts) if "Bidang Terkait" in text]
    assert len(signature_pages) == 1
    page = texts[signature_pages[0]]
    for part in ("Kupang, 14 Mei 2020", "Menyetujui,", "Henderina S. Laiskodat, SP, M.Si",
                 "NIP. 19710707 199703 2 008", "Dra. Magdalena Ndun", "NIP. 19690415 199403 2 005",
                 "Disetujui secara elektronik oleh Dra. Magdalena Ndun", "Hash isi:"):
        assert part in page, part
    assert f"Halaman {len(texts)} dari {len(texts)}" in texts[-1]


def test_print_command_writes_pdf_and_html_of_a_sample_form(tmp_path: Path) -> None:
    pdf, html = tmp_path / "f.pdf", tmp_path / "f.html"
    result = CliRunner().invoke(cli, ["--config", str(REPO / "sosmed.yml"), "qna", "print", "QA-2020-05-0003",
                                      "--pdf", str(pdf), "--html", str(html)])
    assert result.exit_code == 0, result.output
    text = " ".join(pages(pdf.read_bytes()))
    assert "Apakah usul kenaikan pangkat boleh saya antar sendiri" in text
    assert "2. (belum dijawab)" in text
    assert "<h1>Formulir Q &amp; A</h1>" in html.read_text(encoding="utf-8")
    english = CliRunner().invoke(cli, ["--config", str(REPO / "sosmed.yml"), "--lang", "en", "qna", "print",
                                       "QA-2020-05-0003", "--pdf", str(pdf)])
    assert english.exit_code == 0 and "NOT YET APPROVED" in english.output
    assert "Q & A Form" in " ".join(pages(pdf.read_bytes()))


def test_print_unknown_form_is_a_one_line_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["--config", str(REPO / "sosmed.yml"), "qna", "print", "QA-2020-01-0999",
                                      "--pdf", str(tmp_path / "x.pdf")])
    assert result.exit_code == 1
    assert "Formulir 'QA-2020-01-0999' tidak ditemukan di qna/." in result.output
    assert "Traceback" not in result.output
