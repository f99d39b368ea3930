"""privacy-nik: plausible NIKs are errors, masked; implausible 16-digit numbers are not."""

from __future__ import annotations

from pathlib import Path

from tests.check.helpers import POST_HEAD, make_instance, of_rule, run, write_form, write_post

HEAD = POST_HEAD + "platforms: [facebook]\n"  # front matter is file lines 2–8; the body starts at line 11
NIK = "5371015508900003"  # Kota Kupang, Alak; woman born 15-08-1990 (day + 40)


def test_nik_in_body_is_an_error_with_the_number_masked(tmp_path: Path) -> None:
    root = make_instance(tmp_path)
    write_post(root, HEAD, f"Pendaftaran dibuka.\nAtas nama warga dengan NIK {NIK} telah diverifikasi.\n")
    found = of_rule(run(root), "privacy-nik")
    assert [(p.line, p.column, p.level) for p in found] == [(12, 28, "error")]
    assert found[0].message("id") == (
        "Ada NIK (5371********0003) di sini: NIK adalah data pribadi (UU 27/2022) dan tidak boleh dipublikasikan. "
        "Hapus atau samarkan."
    )
    assert found[0].message("en") == (
        "A NIK (5371********0003) is written here: it is personal data (Law 27/2022) and must not be published. "
        "Remove or mask it."
    )
    assert NIK not in found[0].message("id") + found[0].message("en")


def test_grouped_writings_and_front_matter_fields(tmp_path: Path) -> None:
    root = make_instance(tmp_path)
    front = HEAD + 'summary: "NIK 5371 0155 0890 0003 terdaftar"\n'
    write_post(root, front, "Nomor 5301.02.410175.0012 dan 530102 410175 0012 milik pelamar.\n")
    found = of_rule(run(root), "privacy-nik")
    assert [p.line for p in found] == [9, 12, 12]
    assert {p.args["masked"] for p in found} == {"5371********0003", "5301********0012"}


def test_implausible_numbers_pass(tmp_path: Path) -> None:
    root = make_instance(tmp_path)
    body = (
        "Nomor rekening 1234567890123456 bukan NIK (provinsi 12, tanggal 78).\n"
        "Kode 5371019908900003 bertanggal 99, 5371013208900003 bertanggal 32,\n"
        "9971015508900003 provinsi tak dikenal, 5371015508900000 nomor urut nol, 5300015508900003 kabupaten nol.\n"
        "Nomor panjang 53710155089000031 (17 angka) juga bukan NIK.\n"
    )
    write_post(root, HEAD, body)
    assert of_rule(run(root), "privacy-nik") == []


def test_qna_question_text_and_answer(tmp_path: Path) -> None:
    root = make_instance(tmp_path)
    write_form(root, "pengadaan", "QA-2020-05-0001", f"""id: QA-2020-05-0001
officer: Maria Goreti Nona
bidang: pengadaan
received: 2020-05-12 10:00
questions:
  - text: "Data saya NIK {NIK} belum masuk, bagaimana?"
    platform: whatsapp
    answer: "Silakan datang ke kantor BKD membawa KTP asli."
""")
    found = of_rule(run(root), "privacy-nik")
    assert [(p.path, p.line) for p in found] == [("qna/pengadaan/2020/QA-2020-05-0001.md", 7)]
