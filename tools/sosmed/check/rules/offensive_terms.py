"""FBS 5: positive, no SARA, not offensive — the agency's own lexicon (``check/data/lexicon.yml``).

Categories and default outcome:

- **profanity** and **slurs**: errors, wherever they are;
- **insult** words that are also ordinary words (``anjing``, ``babi``, ``bodoh``, ``tai``, ``kurang
  ajar``): a warning "perlu ditinjau" alone; an error when aimed at someone ("dasar bodoh", "lu
  anjing", "pejabat biadab"); nothing beside their ordinary context ("vaksinasi rabies untuk anjing");
- **SARA** (a religion, a people, a race, newcomers): a warning "perlu ditinjau" only in a sentence
  that excludes, derogates or generalises about the group ("Orang Sabu memang tidak bisa dipercaya");
  a mere mention (a greeting, an island, a university, "guru agama Katolik") is not reported, nor is
  a sentence that rejects discrimination (option ``sara_mentions: warning`` reports every mention);
- **divisive** framing (``kafir``, ``antek asing``): a warning.

The contexts are data (``check/data/contexts.yml``, see :mod:`sosmed.check.context`). A SARA term is
not flagged in a paragraph that greets a religious holiday, nor right after an institution word
("Universitas Katolik …"). Words are matched after normalisation (case, letter substitutions,
repeated letters, common affixes for profanity; see :mod:`sosmed.check.wordlist`). Warnings are
reported once per term and text; errors at every occurrence, so each can be fixed.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from sosmed.check.context import Contexts, Verdict, contexts_for
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
OPTIONS: dict[str, type] = {"profanity": str, "insult": str, "slur": str, "sara": str, "divisive": str,
                            "sara_mentions": str}
DEFAULTS = {"profanity": "error", "insult": "warning", "slur": "error", "sara": "warning", "divisive": "warning",
            "sara_mentions": "off"}
_CATEGORIES = ("profanity", "insult", "slur", "sara", "divisive", "sara_mentions")
DOC = {
    "id": (
        "Konten harus positif, tidak SARA dan tidak menyinggung (FBS 5). Kata kasar dan julukan merendahkan "
        "adalah kesalahan. Kata yang bisa biasa bisa makian (anjing, bodoh, kurang ajar) menjadi peringatan, "
        "kesalahan bila ditujukan kepada orang ('dasar bodoh', 'lu anjing'), dan tidak ditandai dalam "
        "konteks biasanya ('vaksinasi rabies untuk anjing'). Suku, agama, ras dan antargolongan ditandai "
        "'perlu ditinjau' hanya dalam kalimat yang mengucilkan, merendahkan atau menyamaratakan golongan itu; "
        "sekadar menyebut (ucapan hari raya, nama pulau, nama lembaga) tidak ditandai. Ungkapan yang memecah "
        "belah menjadi peringatan. Kata dicocokkan tanpa memandang huruf besar, penggantian huruf (4→a, 1→i, "
        "0→o) dan huruf berulang. Daftar dapat ditambah atau dikurangi di sosmed.yml (check.lexicon)."
    ),
    "en": (
        "Content must be positive, free of SARA and not offensive (FBS 5). Profanity and slurs are errors. "
        "Words that can be ordinary or insults (anjing, bodoh, kurang ajar) are warnings, errors when aimed at "
        "someone ('dasar bodoh', 'lu anjing'), and not reported in their ordinary context ('rabies "
        "vaccination for dogs'). Ethnicity, religion, race and inter-group terms are 'needs review' warnings "
        "only in a sentence that excludes, demeans or generalises about the group; a mere mention (a holiday "
        "greeting, an island, an institution) is not reported. Divisive framing is a warning. Words match "
        "regardless of case, letter substitutions (4→a, 1→i, 0→o) and repeated letters. Extend or trim the "
        "list in sosmed.yml (check.lexicon)."
    ),
}

_RANK = {"off": 0, "warning": 1, "error": 2}


def _levels(ctx: RuleContext) -> dict[str, str]:
    levels = ctx.cache.get("levels")
    if levels is None:
        levels = {}
        for category in _CATEGORIES:
            value = ctx.options[category]
            if value not in _RANK:
                line, column = ctx.config.position("check", "rules", ID, category)
                problem = Problem(ctx.config.source, line, column, "config", "error", "check.level_invalid",
                                  {"rule": f"{ID}.{category}", "value": value})
                raise ConfigError("config.invalid", [problem], path=ctx.config.source)
            # The rule's own level caps each category (a rule set to warning reports no errors).
            levels[category] = min(value, ctx.level, key=_RANK.__getitem__)
        levels["escalated"] = ctx.level  # an insult aimed at someone: the rule's own level
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
        ctx.cache["contexts"] = contexts_for(ID)
    levels = _levels(ctx)
    s = scan(item)
    # The common case (no listed term can be in the item's tokens) is decided without a generator.
    wanted = lex.matcher.wanted(s)
    return _report(item, ctx, lex, levels, s, wanted) if wanted is not None else ()


def _level(hit: Hit, lex: Lexicon, contexts: Contexts, levels: dict[str, str]) -> str:
    """The level this hit is reported at ("off": not reported)."""
    term = hit.term
    category = term.category
    if category == "sara" and _benign(hit, lex):
        return "off"
    verdict = contexts.judge(hit.field.text, hit.start, hit.end, term.text, category)
    if verdict is Verdict.DROP:
        return levels["sara_mentions"] if category == "sara" else "off"
    if verdict is Verdict.ESCALATE and levels[category] != "off":
        return levels["escalated"]
    return levels[category]


def _report(
    item: Item, ctx: RuleContext, lex: Lexicon, levels: dict[str, str], s: Scan, wanted: Wanted
) -> Iterator[Problem]:
    contexts: Contexts = ctx.cache["contexts"]
    seen: set[tuple[int, str]] = set()
    for hit in lex.matcher.find(s, wanted):
        category = hit.term.category
        level = _level(hit, lex, contexts, levels)
        if level == "off":
            continue
        if level == "warning":
            once = (id(hit.field), hit.term.text)
            if once in seen:
                continue
            seen.add(once)
        key = f"rules.offensive_terms.sara_{hit.term.group}" if category == "sara" else f"rules.offensive_terms.{category}"
        yield problem_at(ctx, item, hit.field, hit.start, key, level=level, found=hit.found)  # type: ignore[arg-type]
