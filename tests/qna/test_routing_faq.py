"""Keyword routing to divisions, the FAQ data, masking of personal data, and `sosmed qna new`."""

from __future__ import annotations

from pathlib import Path

import yaml
from click.testing import CliRunner

from sosmed.cli import cli
from sosmed.config import load_config
from sosmed.qna.collect import mask_question
from sosmed.qna.faq import faq_by_division, faq_entries
from sosmed.qna.lookup import comment_id_from_url, load_forms, read_index
from sosmed.qna.routing import route
from tests.qna.helpers import REPO, make_repo, record_reply, write_form

CONFIG = load_config(REPO / "sosmed.yml")


def test_keywords_route_to_the_division_with_most_matches() -> None:
    assert route("Kapan pendaftaran CPNS dibuka?", CONFIG).bidang == "pengadaan"
    assert route("Bagaimana syarat KENAIKAN   PANGKAT guru?", CONFIG).bidang == "mutasi"
    assert route("Bagaimana syarat kenaikan pangkat guru?", CONFIG).keywords == ("guru", "kenaikan pangkat")
    assert route("Info diklat dan pelatihan kompetensi", CONFIG).bidang == "pengembangan"


def test_no_match_or_a_tie_goes_to_triage() -> None:
    assert route("Selamat pagi admin", CONFIG).bidang == "_triage"
    # Whole words only: "dipindahkan" is not "pindah".
    assert route("Berkas saya dipindahkan", CONFIG).bidang == "_triage"
    tie = route("Apakah guru honorer bisa ikut CPNS?", CONFIG)
    assert tie.bidang == "_triage" and set(tie.keywords) == {"guru", "cpns"}


def test_personal_numbers_are_masked_and_named() -> None:
    text, kinds = mask_question("NIK saya 5371015508900003, HP 0812-3456-7890, email maria.nona@gmail.com")
    assert kinds == ["NIK", "e-mail", "phone"]
    assert "5371015508900003" not in text and "5371********0003" in text
    assert "3456" not in text and "m***@gmail.com" in text
    assert mask_question("Kapan CPNS dibuka?") == ("Kapan CPNS dibuka?", [])


def test_comment_ids_from_links() -> None:
    assert comment_id_from_url("https://facebook.com/BkdProvNtt/posts/123?comment_id=456") == "123_456"
    assert comment_id_from_url("https://www.youtube.com/watch?v=abc&lc=Ugx1") == "Ugx1"
    assert comment_id_from_url("https://twitter.com/warga/status/1265800000000000527") == "1265800000000000527"
    assert comment_id_from_url("https://www.instagram.com/p/CAbkdntt515/") is None


FORM = """id: QA-2020-05-0001
officer: Maria Goreti Nona
bidang: mutasi
received: 2020-05-13T10:00:00+08:00
questions:
  - text: "Saya @guru_alor, HP 0812 3456 7890. Bagaimana cara pindah tugas? cc @temanku"
    platform: facebook
    comment_id: "1_2"
    asker: guru_alor
    received_at: 2020-05-11T09:00:00+08:00
    answer: "Hubungi pengelola kepegawaian sekolah, @guru_alor."
  - text: "Pertanyaan tanpa jawaban?"
    platform: x
    comment_id: "99"
    answer: ""
public: true
draft: true
"""


def test_faq_has_public_answered_questions_without_identity(tmp_path: Path) -> None:
    root = make_repo(tmp_path)
    write_form(root, "mutasi", "QA-2020-05-0001", FORM)
    write_form(root, "pengadaan", "QA-2020-05-0002", FORM.replace("QA-2020-05-0001", "QA-2020-05-0002")
               .replace("bidang: mutasi", "bidang: pengadaan").replace("public: true", "public: false"))
    config = load_config(root / "sosmed.yml")
    entries = faq_entries(load_forms(config), config)
    assert [(e.form_id, e.number) for e in entries] == [("QA-2020-05-0001", 1)]
    entry = entries[0]
    assert entry.division == "Bidang Mutasi dan Promosi" and entry.received.isoformat() == "2020-05-11"
    assert "guru_alor" not in entry.question + entry.answer and "temanku" not in entry.question
    assert "HP [disamarkan]" in entry.question and "0812" not in entry.question and "3456" not in entry.question
    assert entry.anchor == "qa-2020-05-0001-q1"
    assert not hasattr(entry, "asker") and "1_2" not in repr(entry)
    assert list(faq_by_division(entries, config)) == ["Bidang Mutasi dan Promosi"]
    # With the ledger: only answers that were actually published.
    assert faq_entries(load_forms(config), config, read_index(config)) == []
    record_reply(root, "QA-2020-05-0001#q1", "facebook")
    assert len(faq_entries(load_forms(config), config, read_index(config))) == 1


def test_triage_forms_are_never_in_the_faq(tmp_path: Path) -> None:
    root = make_repo(tmp_path)
    write_form(root, "_triage", "QA-2020-05-0001", FORM.replace("bidang: mutasi", "bidang: _triage"))
    config = load_config(root / "sosmed.yml")
    assert len(load_forms(config)) == 1 and faq_entries(load_forms(config), config) == []


def test_qna_new_creates_the_next_form_with_the_comment_id_from_the_link(tmp_path: Path) -> None:
    root = make_repo(tmp_path)
    write_form(root, "mutasi", "QA-2020-05-0003", FORM.replace("QA-2020-05-0001", "QA-2020-05-0003"))
    result = CliRunner().invoke(cli, ["--config", str(root / "sosmed.yml"), "qna", "new", "--bidang", "mutasi",
                                      "--date", "2020-05-20T09:00",
                                      "--from", "https://facebook.com/BkdProvNtt/posts/123?comment_id=456"])
    assert result.exit_code == 0, result.output
    path = root / "qna" / "mutasi" / "2020" / "QA-2020-05-0004.md"
    assert "qna/mutasi/2020/QA-2020-05-0004.md" in result.output
    data = yaml.safe_load(path.read_text(encoding="utf-8").split("---")[1])
    question = data["questions"][0]
    assert question["platform"] == "facebook" and question["comment_id"] == "123_456"
    assert data["officer"] == "Maria Goreti Nona"
    offline = CliRunner().invoke(cli, ["--config", str(root / "sosmed.yml"), "qna", "new", "--bidang", "kinerja"])
    assert offline.exit_code == 0
    unknown = CliRunner().invoke(cli, ["--config", str(root / "sosmed.yml"), "qna", "new", "--bidang", "keuangan"])
    assert unknown.exit_code == 2 and "Bidang 'keuangan' tidak terdaftar" in unknown.output
