"""sosmed.check.wordlist: normalisation, phrases, overlaps and case-sensitive abbreviations."""

from __future__ import annotations

from sosmed.check.textscan import Scan
from sosmed.check.wordlist import Term, TermMatcher, split_words


def _scan(text: str) -> Scan:
    scan = Scan(None, text)  # type: ignore[arg-type]
    from sosmed.check.textscan import TextField

    scan._fields = [TextField(None, text)]
    return scan


def _matcher(*entries: tuple[str, str], normalise: bool = True) -> TermMatcher:
    terms = [Term(split_words(text, normalise=normalise), cat, text, None, text.isupper()) for text, cat in entries]
    return TermMatcher(terms, normalise=normalise, affixed=("profanity",))


def test_substitutions_repeats_and_affixes() -> None:
    matcher = _matcher(("bangsat", "profanity"))
    found = [h.found for h in matcher.find(_scan("B4NGS4T! bangsaaat, dibangsatkan, bangsatnya; bangsawan"))]
    assert found == ["B4NGS4T", "bangsaaat", "dibangsatkan", "bangsatnya"]


def test_numbers_are_not_read_as_leetspeak() -> None:
    matcher = _matcher(("tai", "profanity"))
    assert list(matcher.find(_scan("Ruang 741 lantai 2"))) == []
    assert [h.found for h in matcher.find(_scan("t41 kucing"))] == ["t41"]


def test_phrase_needs_all_words_and_overlaps_count_once() -> None:
    matcher = _matcher(("antek asing", "divisive"), ("dasar anjing", "profanity"), ("anjing lu", "profanity"))
    assert list(matcher.find(_scan("Tenaga asing dan antek-antek pejabat"))) == []
    found = [(h.found, h.term.text) for h in matcher.find(_scan("Antek   asing! Dasar anjing lu"))]
    assert found == [("Antek   asing", "antek asing"), ("Dasar anjing", "dasar anjing")]


def test_capital_entries_are_case_sensitive() -> None:
    matcher = _matcher(("PAN", "party"), ("Partai Demokrat", "party"), ("demokrat", "party"), normalise=False)
    found = [h.found for h in matcher.find(_scan("pan panci, PAN, Partai Demokrat dan demokrat"))]
    assert found == ["PAN", "Partai Demokrat", "demokrat"]


def test_verdicts_are_remembered() -> None:
    matcher = _matcher(("kafir", "profanity"))
    assert matcher.keys_present(frozenset({b"pegawai", b"k4fir", "“kafir”".encode()})) == {"kafir"}
    assert b"pegawai" in matcher._clean and matcher._bytes_keys[b"k4fir"] == ("kafir",)


def test_words_spelled_out_letter_by_letter() -> None:
    matcher = _matcher(("bangsat", "profanity"), ("anjing", "insult"))
    text = "Dasar b a n g s a t! A.N.J.I.N.G kau. Ruang B a n d a (R T 05) tetap."
    assert [h.found for h in matcher.find(_scan(text))] == ["b a n g s a t", "A.N.J.I.N.G"]
    assert matcher.wanted(_scan("Rapat R T dan R W di Kupang.")) is None


def test_a_phrase_is_looked_for_only_with_its_rare_word() -> None:
    matcher = _matcher(("orang sabu", "sara"), ("putra daerah", "sara"))
    assert matcher.wanted(_scan("Kabupaten Sabu Raijua, pemerintah daerah.")) is None
    assert [h.found for h in matcher.find(_scan("Orang Sabu dan putra daerah."))] == ["Orang Sabu", "putra daerah"]
