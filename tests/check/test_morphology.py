"""sosmed.check.morphology: affixes over known roots, di- as prefix or preposition, bound forms, reduplication."""

from __future__ import annotations

from pathlib import Path

import pytest

from sosmed.check.morphology import Morphology, active_forms, make_stemmer, read_words
from sosmed.check.speller import DEFAULT_DIR, _morphology
from tests.check.helpers import require_system_tool


def test_active_forms_follow_nasal_assimilation() -> None:
    assert "mengimbau" in active_forms("imbau")
    assert "memukul" in active_forms("pukul") and "menulis" in active_forms("tulis")
    assert "menyebar" in active_forms("sebar") and "mengirim" in active_forms("kirim")
    assert "memproses" in active_forms("proses") and "mentransfer" in active_forms("transfer")
    assert "melarang" in active_forms("larang") and "mengebom" in active_forms("bom")
    assert "merumah" not in active_forms("kantor")


def test_read_words_takes_the_first_field_and_skips_comments() -> None:
    assert read_words("# kepala\nsurel   # e-mail\n\nLaman\n") == {"surel", "laman"}


def _toy(spell_words: set[str], roots: set[str]) -> Morphology:
    stem = make_stemmer(roots)
    if stem is None:
        pytest.skip("PySastrawi is not installed")
    return Morphology(lambda w: w in spell_words, frozenset(roots), stem)


def test_affixes_over_roots_with_a_toy_dictionary() -> None:
    morph = _toy({"mengimbau", "menulis"}, {"imbau", "tulis", "dampak", "instansi", "semua", "kantor", "umu"})
    assert morph.accepts("diimbau")          # its active form is known
    assert morph.accepts("terdampak")        # ter- over a root
    assert morph.accepts("antarinstansi")    # a bound form joined to a root
    assert morph.accepts("kesemuanya")       # ke-…-nya
    assert not morph.accepts("dikantor")     # di + a place: the preposition, written apart
    assert not morph.accepts("kekantor")
    assert not morph.accepts("pengumuan")    # a three-letter "root" does not carry affixes
    assert not morph.accepts("tulisz")


def test_hyphenated_forms() -> None:
    morph = _toy(set(), {"main", "tahan", "sayur", "kata", "tolong"})
    ok = {"kata", "sayur", "tahan", "main", "tolong", "ditahan", "bermain", "menolong"}.__contains__
    for word in ("kata-kata", "ditahan-tahan", "bermain-main", "tolong-menolong", "sayur-mayur",
                 "se-Kabupaten", "non-ASN", "ke-62"):
        assert morph.accepts_hyphenated(word, ok), word
    assert not morph.accepts_hyphenated("kata-buku", ok)
    assert not morph.accepts_hyphenated("se-kabupaten", ok)  # a hyphen only before a capital or number


def test_the_real_dictionary() -> None:
    require_system_tool((Path(DEFAULT_DIR) / "id_ID.dic").is_file(), "hunspell-id")
    morph = _morphology(DEFAULT_DIR, "id_ID", ("hunspell",))
    for word in ("diimbau", "terdampak", "antarinstansi", "diproses", "hubungi", "dimutakhirkan", "kesemuanya"):
        assert morph.accepts(word), word
    for word in ("dipelosok", "dikantor", "pengumuan", "kepegawain", "infromasi"):
        assert not morph.accepts(word), word
