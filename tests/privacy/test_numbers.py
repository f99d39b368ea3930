"""sosmed.privacy.numbers: NIK/NIP plausibility, phone confirmation, masking."""

from __future__ import annotations

import pytest

from sosmed.privacy import mask
from sosmed.privacy.numbers import find_numbers, mask_nik, nik_is_plausible, nip_is_personal


@pytest.mark.parametrize(("nik", "plausible"), [
    ("5371015508900003", True),    # woman, 15-08-1990 (55 = 15 + 40)
    ("5371011508900003", True),    # man, same date
    ("5371012902000001", True),    # 29-02-2000 exists
    ("5371012902010001", False),   # 29-02-2001 / 1901 does not
    ("5371017108900003", True),    # 71 - 40 = 31 August
    ("5371013206900003", False),   # 32 June
    ("5371014106900003", True),    # 41 - 40 = 1 June
    ("5371017206900003", False),   # 72 - 40 = 32
    ("5371015513900003", False),   # month 13
    ("1071015508900003", False),   # province 10 does not exist
    ("5300015508900003", False),   # regency 00
    ("5371005508900003", False),   # district 00
    ("5371015508900000", False),   # serial 0000
    ("537101550890003", False),    # 15 digits
])
def test_nik_plausibility(nik: str, plausible: bool) -> None:
    assert nik_is_plausible(nik) is plausible


@pytest.mark.parametrize(("nip", "personal"), [
    ("197107071997032008", True),
    ("199001012021212001", True),   # PPPK: appointment digits are not a month
    ("198513122010011003", False),  # month 13 in the birth date
    ("198505122010013003", False),  # sex digit 3
    ("198505121990011003", False),  # appointed at 4
    ("198505122010011000", False),  # serial 000
])
def test_nip_structure(nip: str, personal: bool) -> None:
    assert nip_is_personal(nip) is personal


def test_numbers_next_to_each_other_are_found_separately() -> None:
    text = "NIK 5371015508900003 081234567890, 2020 081298765432 dan 19850512 201001 1 003."
    found = list(find_numbers(text))
    assert [(f.kind, f.masked) for f in found] == [
        ("nik", "5371********0003"), ("phone", "0812******90"), ("phone", "0812******32"),
        ("nip", "1985**********1003")]
    assert [text[f.start:f.end] for f in found] == [
        "5371015508900003", "081234567890", "081298765432", "19850512 201001 1 003"]


def test_mask_nik_and_mask_text() -> None:
    assert mask_nik("5371015508900003") == "5371********0003"
    text = "NIK 5371 0155 0890 0003, HP +62 812-3456-7890, kantor (0380) 821234, surel maria@gmail.com, Rp 1.500.000."
    assert mask(text) == (
        "NIK 5371********0003, HP 0812******90, kantor 0380****34, surel m***@gmail.com, Rp 1.500.000.")
