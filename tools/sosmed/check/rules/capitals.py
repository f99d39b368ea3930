"""FBS 7 (gaya): no SHOUTING. Text written in capitals reads as shouting and is hard to read.

A run of ``min_words`` or more words in capitals, or one capitalised word of ``min_letters``
or more letters, is reported. Acronyms (PNS, ASN, PPPK, BKD, NTT, WITA …) are short and
stand alone, so they pass.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import cache

from sosmed.check.rule import RuleContext
from sosmed.check.textfields import Joined, inside, joined, url_spans
from sosmed.model.item import Item
from sosmed.problem import Problem

ID = "capitals"
FBS = 7
LEVEL = "warning"
APPLIES_TO = ("post", "qna")
OPTIONS: dict[str, type] = {"min_words": int, "min_letters": int}
DEFAULTS = {"min_words": 3, "min_letters": 8}
DOC = {
    "id": "FBS 7 (gaya penulisan): hindari HURUF KAPITAL SEMUA, yang terbaca seperti berteriak: tiga kata kapital "
          "berturut-turut, atau satu kata kapital 8 huruf atau lebih. Akronim seperti PNS, ASN, PPPK, BKD, NTT "
          "dan WITA tidak dihitung.",
    "en": "FBS 7 (style): avoid ALL CAPITALS, which reads as shouting: three capitalised words in a row, or one "
          "capitalised word of 8 letters or more. Acronyms such as PNS, ASN, PPPK, BKD, NTT and WITA do not count.",
}

# One capitalised word; a literal-free pattern scans slowly, so it is kept as simple as possible
# and the runs of words are assembled in Python.
_CAPS_WORD = re.compile(r"[A-Z][A-Z'’-]*[A-Z]")
# The gate: capitals become "A", the characters a capitalised word may hold between its letters
# (' - and the bytes of ’) vanish, everything else is a space. A _CAPS_WORD match always leaves
# "AA"; text without one rarely does (one C pass over the distinct words).
_CAPS_GATE = bytes(65 if 65 <= b <= 90 else 32 for b in range(256))
_CAPS_GATE_DELETE = b"'-" + "’".encode()
# The second gate, over the text itself: capitals "A", spaces and tabs " ", the rest ".". A shout
# leaves either ``min_letters`` A's in a row or ``min_words`` runs of "AA" apart by spaces only;
# acronyms alone (BKD, NTT), in nearly every post, leave neither.
_SHOUT_GATE = bytes(65 if 65 <= b <= 90 else 32 if b in (9, 32) else 46 for b in range(256))


@cache
def _run_gate(min_words: int) -> re.Pattern[bytes]:
    return re.compile(b"AA+(?: +AA+){%d}" % max(min_words - 1, 0))


def may_shout(text: str, min_words: int, min_letters: int) -> bool:
    """False only when ``text`` holds no shouted passage (a cheap gate before :func:`_shouts`)."""
    shape = text.encode("utf-8", "surrogatepass").translate(_SHOUT_GATE, _CAPS_GATE_DELETE)
    return b"A" * min_letters in shape or _run_gate(min_words).search(shape) is not None


def _shouts(text: str, min_words: int, min_letters: int) -> list[tuple[int, int]]:
    """Spans of shouted passages: runs of ``min_words`` capitalised words, or one long capitalised word."""
    words: list[tuple[int, int]] = []
    for match in _CAPS_WORD.finditer(text):
        start, end = match.span()
        if (start and (text[start - 1].isalnum() or text[start - 1] in "_'’-")) or (
            end < len(text) and (text[end].isalnum() or text[end] == "_")
        ):
            continue
        words.append((start, end))
    spans: list[tuple[int, int]] = []
    run: list[tuple[int, int]] = []
    for span in words + [(-1, -1)]:
        if run and span[0] >= 0 and text[run[-1][1]:span[0]].strip(" \t") == "" and span[0] > run[-1][1]:
            run.append(span)
            continue
        if len(run) >= min_words:
            spans.append((run[0][0], run[-1][1]))
        else:
            spans.extend(w for w in run if w[1] - w[0] >= min_letters and text[w[0]:w[1]].isalpha())
        run = [span] if span[0] >= 0 else []
    return spans


def check(item: Item, ctx: RuleContext) -> Iterable[Problem]:
    """Report the first shouted passage of each field and up to five in the body."""
    if item.kind == "post" and item.post.status == "retracted":
        return ()
    min_words, min_letters = ctx.options["min_words"], ctx.options["min_letters"]
    texts = joined(item)
    # A capitalised word holds no whitespace, so it is in the text only if it is in the distinct words.
    gate = texts.vocab.encode("utf-8", "surrogatepass").translate(_CAPS_GATE, _CAPS_GATE_DELETE)
    if b"AA" not in gate:
        return ()
    if not may_shout(texts.text, min_words, min_letters):
        return ()
    return _report(item, ctx, min_words, min_letters, texts)


def _report(item: Item, ctx: RuleContext, min_words: int, min_letters: int, texts: Joined) -> Iterator[Problem]:
    text = texts.text
    skip: list[tuple[int, int]] | None = None
    seen: set[int] = set()
    in_body = 0
    for start, end in _shouts(text, min_words, min_letters):
        index, loc, _ = texts.locate(start)
        if index in seen:
            continue
        if skip is None:
            skip = url_spans(text)
        if inside(skip, start):
            continue
        if loc is not None:
            seen.add(index)
        else:
            in_body += 1
            if in_body > 5:
                break
        yield ctx.problem(item, "rules.capitals.shouting", excerpt=text[start:end][:60], **texts.where(ctx, start))
