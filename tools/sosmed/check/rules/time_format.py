"""FBS 7 (penulisan waktu): times are written the Indonesian way, ``pukul 09.00 WITA``.

Reported: a colon between hours and minutes (``09:00``), a time after ``pukul``/``jam``
without a time zone (Kupang is WITA; ``09.00–12.00 WITA`` carries it at the end), a zone
not in capitals (``wita``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

from sosmed.check.rule import RuleContext
from sosmed.check.textfields import Joined, inside, joined, url_spans
from sosmed.model.item import Item
from sosmed.problem import Problem

ID = "time-format"
FBS = 7
LEVEL = "warning"
APPLIES_TO = ("post", "qna")
OPTIONS: dict[str, type] = {"zone": str}
DEFAULTS = {"zone": "WITA"}
DOC = {
    "id": "FBS 7 (penulisan waktu): tulis waktu dengan titik dan zona waktu berhuruf kapital, misalnya "
          "'pukul 09.00 WITA' (bukan 09:00, waktu tanpa zona, atau wita).",
    "en": "FBS 7 (time format): write times with a full stop and a capitalised time zone, e.g. 'pukul 09.00 WITA' "
          "(not 09:00, a time without zone, or wita).",
}

_TIME = r"(?:[01]?\d|2[0-3])[.:][0-5]\d"
_ZONE = r"(?:WITA|WIB|WIT)\b"
_RANGE = rf"(?:\s*(?:[-–—]|s\.?/?d\.?|sampai|hingga|sd)\s*{_TIME})?"
# Python's regex engine scans fast only for a literal prefix: each pattern starts with its literal
# and runs only when cheap substring tests find it (single characters first: they cost nothing);
# word boundaries and hours are checked in Python.
_ZONELESS_TAIL = rf"\s+{_TIME}"
# What may follow a time after "pukul": an optional range end, then the zone (any case).
_ZONE_AFTER = re.compile(rf"{_RANGE}\s*(?i:wita|wib|wit)\b")
_COLON = re.compile(r":[0-5]\d(?![\d:])")
_ZONELESS = tuple((word.lower(), re.compile(re.escape(word) + _ZONELESS_TAIL))
                  for word in ("pukul", "Pukul", "jam", "Jam", "Pk.", "pk."))
_ZONE_CASE = re.compile(r"[Ww]i(?:ta|b|t)(?!\w)")
_HOUR_BEFORE = re.compile(r"(?<![\d:.])(?:[01]?\d|2[0-3])\Z")
_DIGITS = "0123456789"


def _matches(text: str) -> list[tuple[str, int, int]]:
    """(kind, start, end) of every candidate, in text order."""
    found: list[tuple[str, int, int]] = []
    has_digit = any(digit in text for digit in _DIGITS)
    low = text.lower()
    if has_digit and ":" in text:
        for match in _COLON.finditer(text):
            start, end = match.span()
            hour = _HOUR_BEFORE.search(text[max(start - 6, 0):start])
            if hour is not None:
                found.append(("colon", start - len(hour.group()), end))
    if has_digit and ("." in text or ":" in text):
        for needle in ("pukul", "jam", "pk."):
            if needle in low:
                for word, pattern in _ZONELESS:
                    if word == needle:
                        found.extend(("zoneless", m.start(), m.end()) for m in pattern.finditer(text)
                                     if not (m.start() and text[m.start() - 1].isalnum())
                                     and not _ZONE_AFTER.match(text, m.end()))
    if "wit" in low or "wib" in low:
        for match in _ZONE_CASE.finditer(text):
            start = match.start()
            if not (start and text[start - 1].isalnum()):
                found.append(("zone_case", start, match.end()))
    found.sort(key=lambda triple: triple[1])
    return found


def _may_match(vocab: str, low: str) -> bool:
    """Whether :func:`_matches` can find anything: its tests, on the distinct words.

    Every candidate's trigger (a ``:mm`` colon time, a digit with ``.``/``:`` and a time word,
    ``wit``/``wib``) holds no whitespace, so it is in the text only if it is in the distinct words.
    """
    if "wit" in low or "wib" in low:
        return True
    if not any(digit in vocab for digit in _DIGITS):
        return False
    if _COLON.search(vocab):
        return True
    return ("." in vocab or ":" in vocab) and ("pukul" in low or "jam" in low or "pk." in low)


def check(item: Item, ctx: RuleContext) -> Iterable[Problem]:
    """Report each badly written time (once per kind in a field; every one in the body, up to 20)."""
    if item.kind == "post" and item.post.status == "retracted":
        return ()
    zone = ctx.options["zone"]
    texts = joined(item)
    if not _may_match(texts.vocab, texts.vocab_lower):
        return ()
    return _report(item, ctx, zone, texts)


def _report(item: Item, ctx: RuleContext, zone: str, texts: Joined) -> Iterator[Problem]:
    text = texts.text
    seen: set[tuple[int, str]] = set()
    spans: list[tuple[int, int]] | None = None
    count = 0
    for kind, start, end in _matches(text):
        index, loc, _ = texts.locate(start)
        if loc is not None and (index, kind) in seen:
            continue
        if spans is None:
            spans = url_spans(text)
        if inside(spans, start):
            continue
        value = text[start:end].strip()
        if kind == "colon":
            # A colon time needs a time word or a zone nearby, else it may be a ratio or a verse.
            context = text[max(start - 8, 0):start].lower() + text[end:end + 6]
            if not re.search(r"pukul|jam|pk\.|wita|wib|wit", context, re.IGNORECASE):
                continue
        seen.add((index, kind))
        count += 1
        if count > 20:
            break
        args: dict[str, Any] = {"value": value, "zone": zone, "fixed": value.replace(":", ".").upper()}
        yield ctx.problem(item, f"rules.time_format.{kind}", **args, **texts.where(ctx, start))
