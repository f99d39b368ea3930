"""privacy-address: home addresses are warnings, masked; places and the office's address pass."""

from __future__ import annotations

from pathlib import Path

from tests.check.helpers import POST_HEAD, make_instance, of_rule, run, write_form, write_post

HEAD = POST_HEAD + "platforms: [facebook]\n"  # the body starts at file line 11


def test_street_with_house_number_and_neighbourhood_unit(tmp_path: Path) -> None:
    root = make_instance(tmp_path)
    body = ("Penerima penghargaan tinggal di Jl. Kenari No. 12, RT 05/RW 02, Kel. Oebobo.\n"
            "Yang lain di RT. 005 RW. 002 Desa Oelnasi.\n")
    write_post(root, HEAD, body)
    found = of_rule(run(root), "privacy-address")
    assert [(p.line, p.column, p.level, p.args["masked"]) for p in found] == [
        (11, 33, "warning", "Jl. ***"), (12, 14, "warning", "RT ***/RW ***")]
    assert found[0].hide == ("Jl. Kenari No. 12, RT 05/RW 02, Kel. Oebobo",)
    assert "Kenari" not in found[0].message("id") + found[0].message("en")
    assert found[0].message("id").startswith("Ada alamat rumah (Jl. ***) di sini")


def test_places_and_the_office_address_pass(tmp_path: Path) -> None:
    root = make_instance(tmp_path)
    body = ("Jalan El Tari ditutup sementara; warga Kelurahan Oebobo diimbau memutar.\n"
            "Layanan tetap di kantor BKD, Jalan Polisi Militer 3, Kupang.\n")
    write_post(root, HEAD, body)
    assert of_rule(run(root), "privacy-address") == []


def test_address_in_a_question_points_at_its_line(tmp_path: Path) -> None:
    root = make_instance(tmp_path)
    write_form(root, "mutasi", "QA-2020-05-0003", """id: QA-2020-05-0003
officer: Maria Goreti Nona
bidang: mutasi
received: 2020-05-12 10:00
questions:
  - text: "SK saya dikirim ke Jalan Frans Seda 15 atau ke kantor?"
    platform: whatsapp
    answer: "SK diambil di kantor BKD."
""")
    found = of_rule(run(root), "privacy-address")
    assert [(p.line, p.args["masked"]) for p in found] == [(7, "Jalan ***")]
