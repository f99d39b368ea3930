"""Q&A forms: id from the file, division from the folder, questions with their source."""

from __future__ import annotations

from pathlib import Path

from tests.instance import load, make_instance, write

FORM_PATH = "qna/mutasi/2020/QA-2020-05-0001.md"
FORM = """---
id: QA-2020-05-0001
officer: Maria Goreti Nona
bidang: mutasi
received: 2020-05-14 10:00
questions:
  - text: "Kapan jadwal mutasi guru SMA?"
    platform: facebook
    comment_id: "123_456"
    asker: warga_fiktif
    answer: "Jadwal diumumkan bulan Juni."
  - text: "Bagaimana cara mengurus alih status?"
    platform: whatsapp
public: true
---
"""


def test_good_form(tmp_path: Path) -> None:
    root = make_instance(tmp_path)
    write(root, FORM_PATH, FORM)
    result = load(root)
    assert not result.problems, [p.message("en") for p in result.problems]
    [item] = result.items
    form = item.form
    assert item.id == "QA-2020-05-0001" and item.kind == "qna"
    assert form.questions[0].answered and not form.questions[1].answered
    assert form.unanswered == [2]
    assert form.public is True


def test_question_from_a_platform_needs_its_comment(tmp_path: Path) -> None:
    root = make_instance(tmp_path)
    write(root, FORM_PATH, FORM.replace('    comment_id: "123_456"\n', ""))
    [error] = load(root).errors
    assert error.key == "qna.comment_missing" and error.line == 7
    assert "facebook" in error.message("id") and "facebook" in error.message("en")


def test_unknown_question_source(tmp_path: Path) -> None:
    root = make_instance(tmp_path)
    write(root, FORM_PATH, FORM.replace("platform: whatsapp", "platform: telegram"))
    [error] = load(root).errors
    assert error.key == "schema.choice" and error.line == 13
