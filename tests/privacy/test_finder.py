"""The one finder and masker, driven by the labelled corpus; public contacts from sosmed.yml."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from sosmed.cli import cli
from sosmed.config import load_config
from sosmed.privacy import ALL_KINDS, TEXT_KINDS, find, mask, public_data
from tests.check.helpers import REPO, make_instance
from tests.privacy.corpus import Case, load_corpus

PUBLIC = public_data(load_config(REPO / "sosmed.yml"))
CASES = load_corpus()


def _kinds(case: Case) -> frozenset[str]:
    return ALL_KINDS if case.handles else TEXT_KINDS


@pytest.mark.parametrize("case", CASES, ids=[c.why for c in CASES])
def test_finder_finds_exactly_the_labelled_data(case: Case) -> None:
    found = [(f.kind, case.text[f.start:f.end]) for f in find(case.text, PUBLIC, _kinds(case)) if not f.public]
    assert found == list(case.find), case.why


@pytest.mark.parametrize("case", CASES, ids=[c.why for c in CASES])
def test_masker_hides_every_finding_and_changes_nothing_else(case: Case) -> None:
    masked = mask(case.text, PUBLIC, _kinds(case))
    for secret in case.secrets:
        assert secret not in masked
    if not case.find:
        assert masked == case.text
    else:
        # Only the found spans change: the text before the first finding is kept as written.
        first = case.text.index(case.secrets[0])
        assert masked[:first] == case.text[:first]


def test_masked_forms_keep_only_what_names_the_kind() -> None:
    text = ("NIK 5371 0155 0890 0003, HP +62 812-3456-7890, kantor (0380) 821234, surel maria@gmail.com, "
            "DH 1234 AB, Jl. Kenari No. 12, @warga_x, Rp 1.500.000.")
    assert mask(text, PUBLIC, ALL_KINDS) == (
        "NIK 5371********0003, HP 0812******90, kantor 0380****34, surel m***@gmail.com, DH **** AB, Jl. ***, "
        "@…, Rp 1.500.000.")


def test_without_public_contacts_the_office_numbers_are_masked_too() -> None:
    text = "Kantor: (0380) 833100, humas.bkdntt@gmail.com"
    assert mask(text, PUBLIC) == text
    assert mask(text) == "Kantor: 0380****00, h***@gmail.com"


def test_public_contacts_are_validated_with_file_and_line(tmp_path: Path) -> None:
    root = make_instance(tmp_path)
    config = root / "sosmed.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace('phones: ["(0380) 833100"]', 'phones: ["12345"]')
                      .replace("emails: [humas.bkdntt@gmail.com]", "emails: [bukan-email]"), encoding="utf-8")
    line = next(n for n, row in enumerate(config.read_text().splitlines(), 1) if '"12345"' in row)
    result = CliRunner().invoke(cli, ["--config", str(config), "check"])
    assert result.exit_code == 1
    assert f"sosmed.yml:{line}" in result.output
    assert "'12345' bukan nomor telepon Indonesia yang valid" in result.output
    assert "'bukan-email' bukan alamat e-mail yang valid" in result.output
    assert "Traceback" not in result.output
