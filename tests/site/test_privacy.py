"""Personal data written into questions and answers is masked on the FAQ, its pages and its feed.

The site uses :mod:`sosmed.qna.faq` (and so the one masker of :mod:`sosmed.privacy`); a form in the
triage folder never reaches it.
"""

from __future__ import annotations

from pathlib import Path

from tests.site.helpers import build, copy_instance, page

FORM = """---
id: QA-2020-05-0009
officer: Maria Goreti Nona
bidang: mutasi
received: 2020-05-20 10:00
questions:
  - text: "Saya Budi, NIP 19850101 201001 1 001, HP 0812-3456-7890, surel budi.guru@gmail.com. Kapan SK saya terbit? Rumah (0380) 821234."
    platform: facebook
    comment_id: "1_2"
    asker: budi_guru_alor
    answer: "Silakan hubungi @bkdprovinsintt atau kirim pesan; jangan tulis NIK 5371012345678901 di komentar."
  - text: "Pertanyaan yang belum dijawab dengan nomor 081299998888"
    platform: whatsapp
public: true
---
"""


def test_faq_masks_personal_data_and_leaves_out_unanswered_questions(tmp_path: Path) -> None:
    root = copy_instance(tmp_path / "instance", posts=())
    (root / "qna" / "mutasi" / "2020" / "QA-2020-05-0009.md").write_text(FORM, encoding="utf-8")
    site = build(root).out
    texts = [page(site, "tanya-jawab/"), page(site, "qna/QA-2020-05-0009/"), page(site, "tanya-jawab/mutasi/"),
             (site / "tanya-jawab" / "feed.xml").read_text(encoding="utf-8")]
    for html in texts:
        assert "19850101" not in html and "0812-3456-7890" not in html and "budi.guru@gmail.com" not in html
        assert "5371012345678901" not in html and "budi_guru_alor" not in html and "081299998888" not in html
    form = texts[1]
    # The public reads not one character of a finding (reviewers' reports keep a partial form).
    assert "NIP [disamarkan], HP [disamarkan], surel [disamarkan]." in form
    assert "(0380) 821234" not in form and "821234" not in form and "0380" not in form
    for piece in ("1985", "1001", "0812", "gmail"):
        assert piece not in form.split("<article", 1)[-1], piece
    assert "Silakan hubungi @bkdprovinsintt" in form
    assert "Pertanyaan yang belum dijawab" not in form


def test_triage_forms_never_reach_the_site(tmp_path: Path) -> None:
    root = copy_instance(tmp_path / "instance", posts=())
    folder = root / "qna" / "_triage" / "2020"
    folder.mkdir(parents=True)
    triage = FORM.replace("bidang: mutasi", "bidang: _triage").replace("public: true", "public: true\ndraft: true")
    (folder / "QA-2020-05-0009.md").write_text(triage, encoding="utf-8")
    site = build(root).out
    assert not (site / "qna" / "QA-2020-05-0009").exists()
    assert "Kapan SK saya terbit" not in page(site, "tanya-jawab/")
    assert "Kapan SK saya terbit" not in (site / "tanya-jawab" / "feed.xml").read_text(encoding="utf-8")
