"""FBS 2: civil-servant political neutrality — party names, campaign terms and slogans.

A civil servant's account must stay out of practical politics. A mention is not always
a violation, so every hit is a warning for the reviewer, and two contexts
(``check/data/contexts.yml``, see :mod:`sosmed.check.context`) keep ordinary text quiet:
``PKB`` in a text about vehicles and tax is the motor vehicle tax, and a party or campaign
named in a sentence that reminds civil servants of their neutrality ("ASN dilarang …",
"menjaga netralitas") is not reported — unless the sentence also calls to support or vote
("dukung", "coblos", "salam dua jari"). The shipped list (``check/data/political.yml``)
holds the parties of recent elections, campaign vocabulary and well-known slogans;
candidates' names are added per election in sosmed.yml (``check.political_terms``).
Abbreviations listed in capitals match only in capitals. Each term is reported once per text.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from sosmed.check.context import Contexts, Verdict, contexts_for
from sosmed.check.lists import political
from sosmed.check.rule import RuleContext
from sosmed.check.textscan import Scan, problem_at, scan
from sosmed.check.wordlist import TermMatcher, Wanted
from sosmed.model.item import Item
from sosmed.problem import Problem

ID = "political-terms"
FBS = 2
LEVEL = "warning"
APPLIES_TO = ("post", "qna")
OPTIONS: dict[str, type] = {}
DEFAULTS: dict[str, object] = {}
DOC = {
    "id": (
        "Netralitas ASN (FBS 2): nama partai politik, istilah kampanye dan slogan politik ditandai sebagai "
        "peringatan agar ditinjau manusia. Tidak ditandai: PKB dalam teks tentang pajak kendaraan, dan partai "
        "atau kampanye yang disebut dalam kalimat pengingat netralitas ASN ('ASN dilarang …'), kecuali kalimat "
        "itu juga mengajak mendukung atau memilih. Daftar bawaan dapat ditambah di sosmed.yml "
        "(check.political_terms), misalnya nama calon pada pemilihan yang sedang berlangsung."
    ),
    "en": (
        "Civil-servant political neutrality (FBS 2): political party names, campaign terms and slogans are "
        "flagged as warnings for human review. Not flagged: PKB in a text about vehicle tax, and a party or "
        "campaign named in a sentence reminding civil servants of their neutrality ('ASN dilarang …'), unless "
        "that sentence also calls to support or vote. Extend the shipped list in sosmed.yml "
        "(check.political_terms), e.g. with the candidates of a running election."
    ),
}


def check(item: Item, ctx: RuleContext) -> Iterable[Problem]:
    """Report each political term once per text field."""
    matcher = ctx.cache.get("matcher")
    if matcher is None:
        matcher = ctx.cache["matcher"] = political(ctx.config)
        ctx.cache["contexts"] = contexts_for(ID)
    s = scan(item)
    # The common case (no listed term can be in the item's tokens) is decided without a generator.
    wanted = matcher.wanted(s)
    return _report(item, ctx, matcher, s, wanted) if wanted is not None else ()


def _report(item: Item, ctx: RuleContext, matcher: TermMatcher, s: Scan, wanted: Wanted) -> Iterator[Problem]:
    contexts: Contexts = ctx.cache["contexts"]
    seen: set[tuple[int, str]] = set()
    for hit in matcher.find(s, wanted):
        once = (id(hit.field), hit.term.text)
        if once in seen:
            continue
        term = hit.term
        if contexts.judge(hit.field.text, hit.start, hit.end, term.text, term.category) is Verdict.DROP:
            continue
        seen.add(once)
        yield problem_at(ctx, item, hit.field, hit.start, f"rules.political_terms.{hit.term.category}",
                         found=hit.found)
