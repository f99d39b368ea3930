"""FBS 5: positive, no SARA, not offensive — the agency's own lexicon (``check/data/lexicon.yml``).

Categories and default outcome: profanity and slurs are errors; SARA terms (ethnicity,
religion, race, inter-group) and divisive framing are warnings "perlu ditinjau", because
a mention is not hostility. A SARA term is not flagged in a paragraph that greets a
religious holiday (it names the holiday and a greeting word: "Selamat Hari Raya Idul
Fitri", "Selamat Natal"), nor right after an institution word ("Universitas Katolik …").
Words are matched after normalisation (case, letter substitutions, repeated letters,
common affixes; see :mod:`sosmed.check.wordlist`). Warnings are reported once per term
and text; errors at every occurrence, so each can be fixed.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from sosmed.check.lists import Lexicon, lexicon
from sosmed.check.rule import RuleContext
from sosmed.check.textscan import TOKEN_TABLE, Scan, problem_at, scan
from sosmed.check.wordlist import Hit, Wanted, paragraph_around, previous_word
from sosmed.errors import ConfigError
from sosmed.model.item import Item
from sosmed.problem import Problem

ID = "offensive-terms"
FBS = 5
LEVEL = "error"
APPLIES_TO = ("post", "qna")
OPTIONS: dict[str, type] = {"profanity": str, "slur": str, "sara": str, "divisive": str}
DEFAULTS = {"profanity": "error", "slur": "error", "sara": "warning", "divisive": "warning"}
DOC = {
    "id": (
        "Konten harus positif, tidak SARA dan tidak menyinggung (FBS 5). Kata kasar dan julukan merendahkan "
        "adalah kesalahan; istilah SARA (suku, agama, ras, antargolongan) dan ungkapan yang memecah belah "
        "menjadi peringatan 'perlu ditinjau'. Ucapan hari raya keagamaan dan nama lembaga tidak ditandai. "
        "Kata dicocokkan tanpa memandang huruf besar, penggantian huruf (4→a, 1→i, 0→o) dan huruf berulang. "
        "Daftar dapat ditambah atau dikurangi di sosmed.yml (check.lexicon)."
    ),
    "en": (
        "Content must be positive, free of SARA and not offensive (FBS 5). Profanity and slurs are errors; "
        "SARA terms (ethnicity, religion, race, inter-group) and divisive framing are 'needs review' warnings. "
        "Religious-holiday greetings and institution names are not flagged. Words match regardless of case, "
        "letter substitutions (4→a, 1→i, 0→o) and repeated letters. Extend or trim the list in sosmed.yml "
        "(check.lexicon)."
    ),
}

_RANK = {"off": 0, "warning": 1, "error": 2}


def _levels(ctx: RuleContext) -> dict[str, str]:
    levels = ctx.cache.get("levels")
    if levels is None:
        levels = {}
        for category in DEFAULTS:
            value = ctx.options[category]
            if value not in _RANK:
                line, column = ctx.config.position("check", "rules", ID, category)
                problem = Problem(ctx.config.source, line, column, "config", "error", "check.level_invalid",
                                  {"rule": f"{ID}.{category}", "value": value})
                raise ConfigError("config.invalid", [problem], path=ctx.config.source)
            # The rule's own level caps each category (a rule set to warning reports no errors).
            levels[category] = min(value, ctx.level, key=_RANK.__getitem__)
        ctx.cache["levels"] = levels
    return levels


def _benign(hit: Hit, lex: Lexicon) -> bool:
    text = hit.field.lower
    if previous_word(text, hit.start) in lex.institutions:
        return True
    # The paragraph, not the sentence: "Selamat Idul Fitri 1441 H. Mohon maaf … bagi umat Islam."
    paragraph = " " + " ".join(paragraph_around(text, hit.start, hit.end).translate(TOKEN_TABLE).split()) + " "
    return any(f" {h} " in paragraph for h in lex.holidays) and any(f" {g} " in paragraph for g in lex.greetings)


def check(item: Item, ctx: RuleContext) -> Iterable[Problem]:
    """Report lexicon terms in every readable text of the item."""
    lex = ctx.cache.get("lexicon")
    if lex is None:
        lex = ctx.cache["lexicon"] = lexicon(ctx.config)
    levels = _levels(ctx)
    s = scan(item)
    # The common case (no listed term can be in the item's tokens) is decided without a generator.
    wanted = lex.matcher.wanted(s)
    return _report(item, ctx, lex, levels, s, wanted) if wanted is not None else ()


def _report(
    item: Item, ctx: RuleContext, lex: Lexicon, levels: dict[str, str], s: Scan, wanted: Wanted
) -> Iterator[Problem]:
    seen: set[tuple[int, str]] = set()
    for hit in lex.matcher.find(s, wanted):
        category = hit.term.category
        level = levels[category]
        if level == "off":
            continue
        once = (id(hit.field), hit.term.text)
        if level == "warning" and once in seen:
            continue
        if category == "sara" and _benign(hit, lex):
            continue
        if level == "warning":
            seen.add(once)
        key = f"rules.offensive_terms.sara_{hit.term.group}" if category == "sara" else f"rules.offensive_terms.{category}"
        yield problem_at(ctx, item, hit.field, hit.start, key, level=level, found=hit.found)  # type: ignore[arg-type]
