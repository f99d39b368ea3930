"""privacy-phone: mobile numbers are errors, fixed lines warnings; allowed numbers pass; always masked."""

from __future__ import annotations

from pathlib import Path

from tests.check.helpers import POST_HEAD, make_instance, of_rule, run, write_form, write_post

HEAD = POST_HEAD + "platforms: [facebook]\n"  # body starts at file line 11


def test_mobile_numbers_in_every_writing(tmp_path: Path) -> None:
    root = make_instance(tmp_path)
    body = (
        "Info lebih lanjut hubungi Ibu Yuliana di 0812-3456-7890.\n"
        "Atau +62 813 3900 1122, 6285239123456, dan 0852 3912 3457.\n"
    )
    write_post(root, HEAD, body)
    found = of_rule(run(root), "privacy-phone")
    assert [(p.line, p.column, p.level) for p in found] == [(11, 42, "error"), (12, 6, "error"), (12, 25, "error"),
                                                              (12, 44, "error")]
    assert [p.args["masked"] for p in found] == ["0812******90", "0813******22", "0852******56", "0852******57"]
    assert found[0].message("id") == (
        "Ada nomor seluler (0812******90) di sini: nomor pribadi tidak boleh dipublikasikan tanpa persetujuan "
        "pemiliknya. Gunakan nomor layanan resmi kantor."
    )
    assert found[0].message("en") == (
        "A mobile number (0812******90) is written here: a personal number must not be published without its "
        "owner's consent. Use the office's official service number."
    )


def test_landline_is_a_warning_and_allow_list(tmp_path: Path) -> None:
    root = make_instance(tmp_path)
    write_post(root, HEAD, "Kantor BKD: telepon (0380) 833175. Layanan WA 0811-3800-100.\n")
    found = of_rule(run(root), "privacy-phone")
    assert [(p.level, p.args["masked"]) for p in found] == [("warning", "0380****75"), ("error", "0811*****00")]
    assert found[0].message("id") == (
        "Ada nomor telepon (0380****75) di sini: pastikan itu nomor resmi kantor (tambahkan ke opsi 'allow'), "
        "bukan nomor pribadi."
    )
    assert found[0].message("en") == (
        "A phone number (0380****75) is written here: make sure it is an official office number (add it to the "
        "'allow' option), not a personal one."
    )
    config = root / "sosmed.yml"
    config.write_text(config.read_text()
                      + "  rules:\n    privacy-phone:\n      allow: ['0380 833175', '+62 811 3800 100']\n")
    assert of_rule(run(root), "privacy-phone") == []


def test_numbers_that_are_not_phones(tmp_path: Path) -> None:
    root = make_instance(tmp_path)
    body = (
        "Tunjangan Rp 625.000.000 dibayarkan 12-05-2020 pukul 09.00 WITA.\n"
        "Nomor surat 800/1234/BKD/2020; kode 0811 1234 terlalu pendek.\n"
    )
    write_post(root, HEAD, body)
    assert of_rule(run(root), "privacy-phone") == []


def test_phone_in_qna_answer_points_at_the_answer(tmp_path: Path) -> None:
    root = make_instance(tmp_path)
    write_form(root, "mutasi", "QA-2020-05-0002", """id: QA-2020-05-0002
officer: Maria Goreti Nona
bidang: mutasi
received: 2020-05-12 10:00
questions:
  - text: "Bagaimana cara mengurus mutasi guru?"
    platform: whatsapp
    answer: "Hubungi Pak Fransiskus di 081339001122."
""")
    found = of_rule(run(root), "privacy-phone")
    assert [(p.line, p.args["masked"]) for p in found] == [(9, "0813******22")]
