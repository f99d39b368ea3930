"""qna-unanswered: every question needs an answer; drafts (``draft: true``) only warn."""

from __future__ import annotations

from pathlib import Path

from tests.check.helpers import REPO, make_instance, of_rule, run, write_form

FORM = """id: QA-2020-05-0001
officer: Maria Goreti Nona
bidang: pengadaan
received: 2020-05-12 10:00
{draft}questions:
  - text: "Kapan seleksi PPPK dimulai?"
    platform: x
    comment_id: "1250000000000000099"
    answer: "{first}"
  - text: "Syaratnya apa saja?"
    platform: whatsapp
"""


def test_unanswered_questions_are_errors(tmp_path: Path) -> None:
    root = make_instance(tmp_path)
    write_form(root, "pengadaan", "QA-2020-05-0001", FORM.format(draft="", first=""))
    found = of_rule(run(root), "qna-unanswered")
    # Question 1 points at its empty answer, question 2 (no answer key) at the question.
    assert [(p.line, p.level) for p in found] == [(10, "error"), (11, "error")]
    assert found[0].message("id") == ("Pertanyaan 1 belum dijawab. Bidang terkait menulis jawabannya di kolom "
                                      "'answer' sebelum formulir disetujui.")
    assert found[1].message("en").startswith("Question 2 has no answer.")
    assert run(root).exit_code() == 1


def test_a_draft_only_warns(tmp_path: Path) -> None:
    root = make_instance(tmp_path)
    write_form(root, "pengadaan", "QA-2020-05-0001", FORM.format(draft="draft: true\n", first="Mulai Juni."))
    found = of_rule(run(root), "qna-unanswered")
    # The draft line shifts the questions down by one.
    assert [(p.line, p.level, p.key) for p in found] == [(12, "warning", "rules.qna_unanswered.draft")]
    assert found[0].message("id") == "Pertanyaan 2 belum dijawab (formulir masih draf)."
    assert run(root).exit_code() == 0 and run(root).exit_code(strict=True) == 1


def test_a_complete_draft_is_reminded_to_drop_the_marker(tmp_path: Path) -> None:
    root = make_instance(tmp_path)
    complete = FORM.format(draft="draft: true\n", first="Mulai Juni.") + '    answer: "Lihat pengumuman."\n'
    write_form(root, "pengadaan", "QA-2020-05-0001", complete)
    found = of_rule(run(root), "qna-unanswered")
    assert [(p.line, p.level) for p in found] == [(6, "warning")]
    assert "hapus baris 'draft: true'" in found[0].message("id")
    answered = FORM.format(draft="", first="Mulai Juni.") + '    answer: "Lihat pengumuman."\n'
    write_form(root, "pengadaan", "QA-2020-05-0001", answered)
    assert of_rule(run(root), "qna-unanswered") == []


def test_draft_level_error_makes_drafts_fail(tmp_path: Path) -> None:
    root = make_instance(tmp_path)
    config = (root / "sosmed.yml").read_text(encoding="utf-8").replace(
        "check:\n  extends: default\n", "check:\n  extends: default\n  rules:\n    qna-unanswered:\n"
                                        "      draft_level: error\n")
    (root / "sosmed.yml").write_text(config, encoding="utf-8")
    write_form(root, "pengadaan", "QA-2020-05-0001", FORM.format(draft="draft: true\n", first="x"))
    assert [p.level for p in of_rule(run(root), "qna-unanswered")] == ["error"]


def test_the_sample_instance_passes_with_its_draft_forms() -> None:
    result = run(REPO)
    assert result.exit_code() == 0
    drafts = {p.path for p in of_rule(result, "qna-unanswered")}
    assert drafts == {"qna/mutasi/2020/QA-2020-05-0003.md", "qna/kinerja/2020/QA-2020-06-0004.md",
                      "qna/pengembangan/2020/QA-2020-06-0005.md"}
    assert {p.level for p in of_rule(result, "qna-unanswered")} == {"warning"}
