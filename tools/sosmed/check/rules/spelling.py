"""FBS 7: Indonesian spelling, with hunspell ``id_ID`` and Indonesian morphology (see ``sosmed.check.speller``).

Checks the body and every agency-written text field (title, summary, platform overrides,
alt texts and captions, Q&A answers); citizens' questions are left as asked. One warning per
unknown word per field, at its first line, with hunspell's suggestions. When the dictionary
or the engine is missing the check is off, and one warning per run says so.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Literal

from sosmed.check.rule import RuleContext
from sosmed.check.speller import (
    DEFAULT_DIR,
    DEFAULT_LANGUAGE,
    ROOT_SOURCES,
    DictionaryMissing,
    Misspelling,
    Speller,
    get_speller,
)
from sosmed.check.textfields import joined, where
from sosmed.errors import ConfigError
from sosmed.model.item import Item
from sosmed.problem import Problem

ID = "spelling"
FBS = 7
LEVEL = "warning"
APPLIES_TO = ("post", "qna")
OPTIONS: dict[str, type] = {"dictionary_dir": str, "language": str, "suggestions": int, "skip_proper_nouns": bool,
                            "roots": list}
DEFAULTS = {"dictionary_dir": DEFAULT_DIR, "language": DEFAULT_LANGUAGE, "suggestions": 3,
            "skip_proper_nouns": True, "roots": ["hunspell"]}
DOC = {
    "id": "FBS 7 (ejaan): memeriksa ejaan bahasa Indonesia dengan kamus hunspell id_ID dan pembentukan kata "
          "(imbuhan, bentuk terikat seperti antar-, kata ulang) pada isi tulisan, judul, ringkasan, teks per "
          "platform, teks alternatif dan jawaban Q&A, lengkap dengan saran perbaikan. Kata baku yang belum ada "
          "di hunspell (surel, laman), kata daerah (Melayu Kupang, nama tempat di NTT), akronim, tautan, @akun, "
          "#tagar, angka, nama diri di tengah kalimat, kosakata kantor di sosmed.yml (nama pejabat, bidang) dan "
          "check.allow_words dilewati. Bila kamus tidak terpasang, satu peringatan memberi tahu bahwa pemeriksaan "
          "mati.",
    "en": "FBS 7 (spelling): checks Indonesian spelling with the hunspell id_ID dictionary and word formation "
          "(affixes, bound forms such as antar-, reduplication) in the body, title, summary, per-platform texts, "
          "alt texts and Q&A answers, with suggestions. Standard words hunspell lacks (surel, laman), regional "
          "words (Kupang Malay, NTT place names), acronyms, links, @handles, #hashtags, numbers, proper names "
          "mid-sentence, the office's vocabulary from sosmed.yml (officials, divisions) and check.allow_words are "
          "skipped. Without the dictionary, one warning says the check is off.",
}


def _message(ctx: RuleContext, item: Item, miss: Misspelling, **where: object) -> Problem:
    if miss.suggestions:
        return ctx.problem(item, "rules.spelling.unknown", word=miss.word, count=miss.count,
                           suggestions=", ".join(miss.suggestions), **where)  # type: ignore[arg-type]
    return ctx.problem(item, "rules.spelling.unknown_no_suggestion", word=miss.word, count=miss.count,
                       **where)  # type: ignore[arg-type]


def _roots(ctx: RuleContext) -> tuple[str, ...]:
    roots = ctx.options["roots"]
    unknown = [str(r) for r in roots if r not in ROOT_SOURCES]
    if unknown or not roots:
        line, column = ctx.config.position("check", "rules", ID, "roots")
        problem = Problem(ctx.config.source, line, column, "config", "error", "rules.spelling.roots_invalid",
                          {"value": ", ".join(unknown), "known": ", ".join(ROOT_SOURCES)})
        raise ConfigError("config.invalid", [problem], path=ctx.config.source)
    return tuple(sorted(set(roots)))


def check(item: Item, ctx: RuleContext) -> Iterable[Problem]:
    """Report unknown words, or (once per run) that the dictionary is missing."""
    speller = ctx.cache.get("speller")
    if speller:
        # The common case, decided here without starting the generator below.
        if item.kind == "post" and item.post.status == "retracted":
            return ()
        if not speller.may_have_unknown(joined(item).words):
            return ()
    return _report(item, ctx)


def _report(item: Item, ctx: RuleContext) -> Iterator[Problem]:
    options = ctx.options
    speller: Speller | Literal[False] | None = ctx.cache.get("speller")
    if speller is None:
        roots = _roots(ctx)
        try:
            speller = get_speller(ctx.config, options["dictionary_dir"], options["language"],
                                  options["skip_proper_nouns"], roots)
        except DictionaryMissing as missing:
            speller = False
            ctx.cache["missing"] = str(missing)
        ctx.cache["speller"] = speller
    if not isinstance(speller, Speller):
        if not ctx.cache.get("warned"):
            ctx.cache["warned"] = True
            yield ctx.problem(item, "rules.spelling.dictionary_missing", line=1, level="warning",
                              language=options["language"], what=ctx.cache["missing"])
        return
    if item.kind == "post" and item.post.status == "retracted":
        return
    suggestions = options["suggestions"]
    texts = joined(item)
    if not speller.may_have_unknown(texts.words):
        return
    for index, loc in enumerate(texts.locs):
        for miss in speller.check_text(texts.field(index), suggestions=suggestions):
            yield _message(ctx, item, miss, **where(ctx, item, loc, miss.offset))
