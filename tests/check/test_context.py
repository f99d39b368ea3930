"""The shared context mechanism (check/context.py) and its data (check/data/contexts.yml)."""

from __future__ import annotations

import pytest

from sosmed.check.context import (
    Context,
    Contexts,
    Cues,
    Verdict,
    around,
    contexts_for,
    parse_context,
    sentence_bounds,
)
from sosmed.check.lists import packaged
from sosmed.check.rules import RULES


def test_cues_are_words_prefixes_and_phrases() -> None:
    cues = Cues.parse(["rabies", "vaksin*", "jatuh tempo", "PKB"])
    assert cues.found_in(["vaksinasi"]) and cues.found_in(["rabies"]) and cues.found_in(["pkb"])
    assert cues.found_in(["pajak", "jatuh", "tempo"])
    assert not cues.found_in(["jatuh", "sakit", "tempo"])  # a phrase's words in order, side by side
    assert not cues.found_in(["vaksi"])
    assert Cues.parse(["sebaiknya dipindah*"]).found_in(["sebaiknya", "dipindahkan"])
    assert not Cues()


def test_sentence_bounds_skip_abbreviations_and_numbers() -> None:
    text = "Kantor di Jl. Polisi Militer No. 3. Rapat pukul 09.00 WITA dibuka S.H. Yohanes! Lalu pulang."
    start = text.index("dibuka")
    left, right = sentence_bounds(text, start, start + 6)
    assert text[left:right].strip() == "Rapat pukul 09.00 WITA dibuka S.H. Yohanes"


def test_around_excludes_the_hit_itself() -> None:
    text = "Vaksinasi anjing di Oebobo. Dasar anjing lu, kata warga."
    first = text.index("anjing")
    second = text.index("anjing", first + 1)
    assert around(text, first, first + 6, "sentence") == ["vaksinasi", "di", "oebobo"]
    assert around(text, second, second + 6, 1) == ["dasar", "lu"]
    assert "vaksinasi" in around(text, second, second + 6, "text")


def _context(**cues: list[str]) -> Context:
    entry: dict[str, object] = {"rule": "offensive-terms", "terms": ["anjing"], "scope": "sentence"}
    entry.update(cues)
    return parse_context("test", entry)


def test_verdicts() -> None:
    benign = _context(benign=["rabies"], unless=["lu"])
    assert benign.judge(["vaksin", "rabies"]) is Verdict.DROP
    assert benign.judge(["rabies", "lu"]) is Verdict.KEEP  # "unless" vetoes the benign cue
    required = _context(requires=["tidak usah"])
    assert required.judge(["orang"]) is Verdict.DROP
    assert required.judge(["tidak", "usah", "diterima"]) is Verdict.KEEP
    assert _context(escalate=["dasar"]).judge(["dasar"]) is Verdict.ESCALATE
    contexts = Contexts([_context(escalate=["dasar"]), _context(benign=["rabies"])])
    text = "Dasar anjing rabies."
    assert contexts.judge(text, 6, 12, "anjing", "insult") is Verdict.DROP  # any DROP wins
    assert contexts.judge("Dasar anjing!", 6, 12, "anjing", "insult") is Verdict.ESCALATE
    assert contexts.judge("Dasar anjing!", 6, 12, "babi", "profanity") is Verdict.KEEP  # not its term


def test_bad_scope_is_refused() -> None:
    with pytest.raises(ValueError):
        parse_context("x", {"rule": "offensive-terms", "scope": "paragraph"})


def test_packaged_contexts_name_real_rules_terms_and_categories() -> None:
    lexicon, political = packaged("lexicon"), packaged("political")
    listed = {str(t).lower() for key in ("profanity", "insult", "slur", "divisive") for t in lexicon[key]}
    listed |= {str(t).lower() for key in ("party", "campaign", "slogan") for t in political[key]}
    categories = {"profanity", "insult", "slur", "sara", "divisive", "party", "campaign", "slogan", "other"}
    for rule in ("offensive-terms", "political-terms"):
        contexts = contexts_for(rule).contexts
        assert contexts, rule
        for context in contexts:
            assert context.rule in RULES
            assert context.terms <= listed, (context.name, context.terms - listed)
            assert context.categories <= categories, context.name
            assert context.benign or context.requires or context.escalate, context.name
