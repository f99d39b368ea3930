"""privacy-nip: employees' NIPs are errors (masked); officials' NIPs from sosmed.yml are allowed."""

from __future__ import annotations

from pathlib import Path

from tests.check.helpers import POST_HEAD, make_instance, of_rule, run, write_post

HEAD = POST_HEAD + "platforms: [facebook]\n"  # body starts at file line 11


def test_employee_nip_is_an_error_and_masked(tmp_path: Path) -> None:
    root = make_instance(tmp_path)
    write_post(root, HEAD, "Kenaikan pangkat a.n. Stefanus, NIP 19850512 201001 1 003, telah diproses.\n")
    found = of_rule(run(root), "privacy-nip")
    assert [(p.line, p.column, p.level) for p in found] == [(11, 37, "error")]
    assert found[0].message("id") == (
        "Ada NIP pegawai (1985**********1003) di sini: NIP memuat tanggal lahir dan jenis kelamin (data pribadi, "
        "UU 27/2022). Hapus, kecuali NIP pejabat yang tercantum di sosmed.yml."
    )
    assert found[0].message("en") == (
        "An employee NIP (1985**********1003) is written here: it holds a birth date and sex (personal data, "
        "Law 27/2022). Remove it, unless it is an official's NIP listed in sosmed.yml."
    )


def test_officials_nips_are_public(tmp_path: Path) -> None:
    root = make_instance(tmp_path)
    body = (
        "Ditandatangani Kepala BKD, Henderina S. Laiskodat, NIP 19710707 199703 2 008.\n"
        "Kepala Bidang Mutasi, NIP 196904151994032005; Sekretaris NIP 19750312 200003 1 004.\n"
    )
    write_post(root, HEAD, body)
    assert of_rule(run(root), "privacy-nip") == []


def test_pppk_number_and_allow_option(tmp_path: Path) -> None:
    root = make_instance(tmp_path)
    # A PPPK number: real birth date and sex digit, appointment digits not a PNS TMT month (21).
    write_post(root, HEAD, "Guru PPPK nomor 19900101 202121 2 001 dan pegawai 198203152009031002.\n")
    assert [p.args["masked"] for p in of_rule(run(root), "privacy-nip")] == ["1990**********2001", "1982**********1002"]
    config = root / "sosmed.yml"
    config.write_text(config.read_text() + "  rules:\n    privacy-nip:\n      allow: ['19820315 200903 1 002']\n")
    assert [p.args["masked"] for p in of_rule(run(root), "privacy-nip")] == ["1990**********2001"]


def test_eighteen_digits_that_are_no_nip(tmp_path: Path) -> None:
    root = make_instance(tmp_path)
    write_post(root, HEAD, "Nomor surat 123456789012345678 dan 19851312 201001 1 003 (bulan 13) bukan NIP.\n")
    assert of_rule(run(root), "privacy-nip") == []
