"""FBS 7 (tanda baca): a space after a comma and after a full stop, none before a comma, no ``!!!``/``???``.

Decimal commas (``1,5``), abbreviations and titles (``S.H.``, ``M.Si``), domains and file
names are left alone: a comma counts only between two letters, a full stop only between a
lower-case letter and a capitalised word. URLs, e-mail addresses and inline code are skipped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from sosmed.check.rule import RuleContext
from sosmed.check.textfields import Joined, inside, joined, url_spans
from sosmed.model.item import Item
from sosmed.problem import Problem

ID = "punctuation"
FBS = 7
LEVEL = "warning"
APPLIES_TO = ("post", "qna")
OPTIONS: dict[str, type] = {"max_repeat": int}
DEFAULTS = {"max_repeat": 1}
DOC = {
    "id": "FBS 7 (tanda baca): sesudah koma dan titik ada spasi, sebelum koma tidak ada spasi, dan tanda seru "
          "atau tanya tidak diulang (!!!, ???, ?!). Angka desimal (1,5), gelar (S.H., M.Si), tautan dan alamat "
          "surel dilewati.",
    "en": "FBS 7 (punctuation): a space after commas and full stops, none before a comma, and no repeated "
          "exclamation or question marks (!!!, ???, ?!). Decimals (1,5), titles (S.H., M.Si), links and e-mail "
          "addresses are skipped.",
}

# Python's regex engine only scans fast for a literal prefix, so each mark has its own pattern,
# run only when a substring test says the mark occurs; what comes before it is checked in Python.
_MARKS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (",", re.compile(",")),
    (".", re.compile(r"\.(?=[A-Z][a-z])")),
    ("!!", re.compile(r"!+[!?]*")),
    ("??", re.compile(r"\?+[!?]*")),
    ("?!", re.compile(r"\?+[!?]*")),
    ("!?", re.compile(r"!+[!?]*")),
)


def _marks(text: str) -> list[re.Match[str]]:
    found: dict[int, re.Match[str]] = {}
    # Single-character tests cost almost nothing; the two-character ones only run when they can match.
    marks = "!" in text or "?" in text
    for needle, pattern in _MARKS:
        if (len(needle) == 1 or marks) and needle in text:
            for match in pattern.finditer(text):
                found.setdefault(match.start(), match)
    return [found[key] for key in sorted(found)]


def _kind(text: str, start: int, mark: str) -> str | None:
    before = text[start - 1] if start else ""
    if mark == ",":
        if before in " \t" and start > 1 and (text[start - 2].isalnum()):
            return "before"
        after = text[start + 1:start + 2]
        if before.isalpha() and after.isalpha():
            return "comma"
        return None
    if mark == ".":
        return "period" if start > 1 and before.islower() and text[start - 2].islower() else None
    if before in "!?":
        return None  # the tail of a run already reported
    return "repeat"


def _excerpt(field: str, start: int, end: int, room: int = 15) -> str:
    """A few whole words around ``field[start:end]``."""
    left = max(start - room, 0)
    if left:
        space = field.find(" ", left, start)
        left = space + 1 if space >= 0 else left
    right = min(end + room, len(field))
    if right < len(field):
        space = field.rfind(" ", end, right)
        right = space if space >= 0 else right
    return field[left:right].replace("\n", " ").strip()


def check(item: Item, ctx: RuleContext) -> Iterable[Problem]:
    """Report each punctuation slip once per text field (the body: each occurrence, up to 20)."""
    if item.kind == "post" and item.post.status == "retracted":
        return ()
    max_repeat = ctx.options["max_repeat"]
    texts = joined(item)
    # Every mark _marks looks for is a , . ! or ? (tested on the distinct words: a shorter string).
    vocab = texts.vocab
    if "," not in vocab and "." not in vocab and "!" not in vocab and "?" not in vocab:
        return ()
    return _report(item, ctx, max_repeat, texts)


def _report(item: Item, ctx: RuleContext, max_repeat: int, texts: Joined) -> Iterator[Problem]:
    text = texts.text
    spans: list[tuple[int, int]] | None = None
    seen: set[tuple[int, str]] = set()
    reported = 0
    for match in _marks(text):
        mark = match.group()
        kind = _kind(text, match.start(), mark[0])
        if kind is None or (kind == "repeat" and len(mark) <= max_repeat):
            continue
        index, loc, _ = texts.locate(match.start())
        if loc is not None and (index, kind) in seen:
            continue
        if spans is None:
            spans = url_spans(text)
        if inside(spans, match.start()):
            continue
        seen.add((index, kind))
        reported += 1
        if reported > 20:
            break
        field = texts.field(index)
        local = match.start() - texts.starts[index]
        excerpt = _excerpt(field, local, local + len(mark))
        yield ctx.problem(item, f"rules.punctuation.{kind}", excerpt=excerpt, mark=mark,
                          **texts.where(ctx, match.start()))
