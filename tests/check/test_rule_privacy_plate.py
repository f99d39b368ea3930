"""privacy-plate: a vehicle plate is reported only when a person's name is near it."""

from __future__ import annotations

from pathlib import Path

from tests.check.helpers import POST_HEAD, make_instance, of_rule, run, write_post

HEAD = POST_HEAD + "platforms: [facebook]\n"  # body starts at file line 11


def test_plate_next_to_a_name(tmp_path: Path) -> None:
    root = make_instance(tmp_path)
    write_post(root, HEAD, "Pengumuman.\nMobil DH 1234 AB milik Bapak Yohanes ditemukan di parkiran.\n")
    found = of_rule(run(root), "privacy-plate")
    assert [(p.line, p.column, p.level) for p in found] == [(12, 7, "warning")]
    assert found[0].message("id") == (
        "Nomor polisi kendaraan (DH **** AB) ditulis di dekat nama orang: keduanya bersama-sama mengungkap data "
        "pribadi. Hapus salah satunya."
    )
    assert found[0].message("en") == (
        "A vehicle plate (DH **** AB) is written next to a person's name: together they disclose personal data. "
        "Remove one of them."
    )


def test_plate_with_a_team_members_name(tmp_path: Path) -> None:
    root = make_instance(tmp_path)
    write_post(root, HEAD, "Motor EB 4521 KL dikendarai Yosef Kolo saat peliputan.\n")
    assert [p.args["masked"] for p in of_rule(run(root), "privacy-plate")] == ["EB **** KL"]


def test_official_vehicle_without_a_name_passes(tmp_path: Path) -> None:
    root = make_instance(tmp_path)
    body = "Mobil dinas DH 9 A dan bus DH 7012 AC siap mengantar peserta.\nSebanyak 12 peserta hadir.\n"
    write_post(root, HEAD, body)
    assert of_rule(run(root), "privacy-plate") == []
