"""reply-limits: a Q&A answer must fit a reply on the platform the question came from."""

from __future__ import annotations

from pathlib import Path

from tests.check.helpers import make_instance, of_rule, run, write_form

FORM = """id: QA-2020-05-0001
officer: Maria Goreti Nona
bidang: pengadaan
received: 2020-05-12 10:00
questions:
  - text: "Kapan seleksi PPPK dimulai?"
    platform: x
    comment_id: "1250000000000000099"
    answer: "{x_answer}"
  - text: "Syaratnya apa saja?"
    platform: whatsapp
    answer: "{wa_answer}"
  - text: "Di mana pengumumannya?"
    platform: instagram
    comment_id: "17800000000000001"
    answer: "{ig_answer}"
"""


def test_short_answers_pass(tmp_path: Path) -> None:
    root = make_instance(tmp_path)
    write_form(root, "pengadaan", "QA-2020-05-0001",
               FORM.format(x_answer="Mulai 1 Juni.", wa_answer="x" * 5000, ig_answer="Di situs BKD."))
    assert of_rule(run(root), "reply-limits") == []


def test_long_answers_on_x_and_instagram(tmp_path: Path) -> None:
    root = make_instance(tmp_path)
    write_form(root, "pengadaan", "QA-2020-05-0001",
               FORM.format(x_answer="jawaban " * 40, wa_answer="ok", ig_answer="y" * 2201))
    found = of_rule(run(root), "reply-limits")
    assert [(p.line, p.level) for p in found] == [(10, "error"), (17, "error")]
    assert found[0].message("id") == ("Jawaban pertanyaan 1 akan dibalas di X sepanjang 319, melebihi batas 280: "
                                      "persingkat, atau rujuk ke halaman FAQ.")
    assert found[1].message("en") == ("The answer to question 3 will be a reply on Instagram of length 2201, over the "
                                      "limit of 2200: shorten it, or point to the FAQ page.")
