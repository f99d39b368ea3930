"""The texts of an item that the agency writes and publishes, with where each one lives.

Style and spelling rules look at these (not at citizens' questions, which are quoted as asked).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sosmed.model.item import Item

if TYPE_CHECKING:
    from sosmed.check.rule import RuleContext

Loc = tuple[str | int, ...]

_SKIP = re.compile(r"(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+|`[^`\n]*`|\]\([^)\s]*\)")


def front_matter_texts(item: Item) -> Iterator[tuple[Loc, str]]:
    """(front-matter key path, text) of every agency-written text field, skipping empty ones."""
    if item.kind == "qna":
        for index, question in enumerate(item.form.questions):
            if question.answer:
                yield ("questions", index, "answer"), question.answer
        return
    post = item.post
    yield ("title",), post.title
    if post.summary:
        yield ("summary",), post.summary
    if post.facebook and post.facebook.message:
        yield ("facebook", "message"), post.facebook.message
    if post.instagram and post.instagram.caption:
        yield ("instagram", "caption"), post.instagram.caption
    if post.x:
        if post.x.text:
            yield ("x", "text"), post.x.text
        for index, part in enumerate(post.x.thread):
            yield ("x", "thread", index), part
    if post.youtube:
        if post.youtube.title:
            yield ("youtube", "title"), post.youtube.title
        if post.youtube.description:
            yield ("youtube", "description"), post.youtube.description
    for index, media in enumerate(post.media):
        if media.alt:
            yield ("media", index, "alt"), media.alt
        if media.caption:
            yield ("media", index, "caption"), media.caption


def all_texts(item: Item) -> Iterator[tuple[Loc | None, str]]:
    """Every agency-written text: front-matter fields (with their key path), then the body (``None``)."""
    yield from front_matter_texts(item)
    if item.body:
        yield None, item.body


def where(ctx: RuleContext, item: Item, loc: Loc | None, offset: int) -> dict[str, Any]:
    """Keyword arguments for ``ctx.problem``: the key path of a field, or the file line of a body offset."""
    if loc is not None:
        return {"loc": loc}
    line, column = ctx.body_line(item, offset)
    return {"line": line, "column": column}


# The same alternatives, the e-mail one only where a run of its local-part characters begins.
# Tried from every position of a long run (a word of 20,000 capitals), the e-mail alternative
# reads the run to its end each time: quadratic. Where it fails at a run's first character it
# fails at every later one (same run end, same "@" test), so one try per run is enough.
_SKIP_AT_RUN = re.compile(
    r"(?:https?://|www\.)\S+|(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+|`[^`\n]*`|\]\([^)\s]*\)"
)


def url_spans(text: str) -> list[tuple[int, int]]:
    """Spans of URLs, e-mail addresses and inline code, where style rules do not look.

    The spans of ``_SKIP.finditer(text)``, found in linear time: after a match that ends inside
    a run (``a@b.c+d@e.f``), the next may start right there, so that one position is tried with
    the full pattern before searching on with the run-start one.
    """
    spans: list[tuple[int, int]] = []
    if not text:
        return spans
    match, search = _SKIP.match, _SKIP_AT_RUN.search
    position = 0
    while True:
        found = match(text, position) or search(text, position)
        if found is None:
            return spans
        spans.append(found.span())
        position = found.end()


def inside(spans: list[tuple[int, int]], offset: int) -> bool:
    """Whether ``offset`` falls in one of ``spans``."""
    return any(start <= offset < end for start, end in spans)


SEPARATOR = "\n\n"


@dataclass(slots=True)
class Joined:
    """All agency-written texts of an item joined into one string, so a rule scans an item once.

    Fields are separated by a blank line, which none of the style patterns match across.
    ``extra`` holds the item's other readable texts (links, tags, sources, citizens' questions …),
    gathered in the same pass for :mod:`sosmed.check.textscan`.

    ``words`` and ``vocab`` are the cheap gates: a pattern that cannot match whitespace matches
    the text if and only if it matches one of its distinct words, so a rule tests the few hundred
    characters of ``vocab`` (distinct words joined by spaces) instead of the whole text.
    """

    item: Item
    text: str
    parts: list[str]
    locs: list[Loc | None]
    extra: str = ""
    _starts: list[int] | None = None
    _tokens: list[str] | None = None
    _words: set[str] | None = None
    _vocab: str | None = None
    _vocab_lower: str | None = None

    @property
    def starts(self) -> list[int]:
        """Offset in ``text`` where each field starts."""
        if self._starts is None:
            starts: list[int] = []
            position = 0
            step = len(SEPARATOR)
            for part in self.parts:
                starts.append(position)
                position += len(part) + step
            self._starts = starts
        return self._starts

    @property
    def tokens(self) -> list[str]:
        """The whitespace-separated tokens of all texts, in order."""
        if self._tokens is None:
            self._tokens = self.text.split()
        return self._tokens

    @property
    def words(self) -> set[str]:
        """The distinct whitespace-separated tokens of all texts."""
        if self._words is None:
            self._words = set(self.text.split()) if self._tokens is None else set(self._tokens)
        return self._words

    @property
    def vocab(self) -> str:
        """The distinct words joined by spaces: holds the same whitespace-free substrings as ``text``."""
        if self._vocab is None:
            self._vocab = " ".join(self.words)
        return self._vocab

    @property
    def vocab_lower(self) -> str:
        """``vocab`` lower-cased (the same whitespace-free substrings as ``text.lower()``)."""
        if self._vocab_lower is None:
            self._vocab_lower = self.vocab.lower()
        return self._vocab_lower

    def locate(self, offset: int) -> tuple[int, Loc | None, int]:
        """(field index, key path or None for the body, offset inside that field) of a joined offset."""
        starts = self.starts
        index = bisect_right(starts, offset) - 1
        return index, self.locs[index], offset - starts[index]

    def field(self, index: int) -> str:
        """The text of field ``index``."""
        return self.parts[index]

    def where(self, ctx: RuleContext, offset: int) -> dict[str, Any]:
        """Keyword arguments for ``ctx.problem`` pointing at the field (or body line) of a joined offset."""
        _, loc, local = self.locate(offset)
        return where(ctx, self.item, loc, local)


_last: list[Joined] = []


def _gather_form(item: Item) -> tuple[list[str], list[Loc | None], list[str]]:
    parts: list[str] = []
    locs: list[Loc | None] = []
    extra: list[str] = []
    form = item.form
    for index, question in enumerate(form.questions):
        if question.text:
            extra.append(question.text)
        if question.answer:
            parts.append(question.answer)
            locs.append(("questions", index, "answer"))
    if form.place:
        extra.append(form.place)
    return parts, locs, extra


def _gather_post(item: Item) -> tuple[list[str], list[Loc | None], list[str]]:
    # The agency's texts in front_matter_texts order; the others (extra) in any order.
    post = item.post
    parts: list[str] = [post.title]
    locs: list[Loc | None] = [("title",)]
    extra: list[str] = []
    if post.summary:
        parts.append(post.summary)
        locs.append(("summary",))
    if post.link:
        extra.append(post.link)
    if post.tags:
        extra.extend(post.tags)
    facebook = post.facebook
    if facebook is not None:
        if facebook.message:
            parts.append(facebook.message)
            locs.append(("facebook", "message"))
        if facebook.link:
            extra.append(facebook.link)
    instagram = post.instagram
    if instagram is not None and instagram.caption:
        parts.append(instagram.caption)
        locs.append(("instagram", "caption"))
    x = post.x
    if x is not None:
        if x.text:
            parts.append(x.text)
            locs.append(("x", "text"))
        for index, part in enumerate(x.thread):
            parts.append(part)
            locs.append(("x", "thread", index))
    youtube = post.youtube
    if youtube is not None:
        if youtube.title:
            parts.append(youtube.title)
            locs.append(("youtube", "title"))
        if youtube.description:
            parts.append(youtube.description)
            locs.append(("youtube", "description"))
        if youtube.tags:
            extra.extend(youtube.tags)
    for index, media in enumerate(post.media):
        if media.alt:
            parts.append(media.alt)
            locs.append(("media", index, "alt"))
        if media.caption:
            parts.append(media.caption)
            locs.append(("media", index, "caption"))
    for source in post.sources:
        extra.extend(text for text in (source.title, source.url, source.note) if text)
    for correction in post.corrections:
        extra.append(correction.text)
    if post.retraction is not None:
        extra.append(post.retraction.reason)
    return parts, locs, extra


def joined(item: Item) -> Joined:
    """The item's texts joined (cached for the item being checked: every style rule asks in turn)."""
    if _last and _last[0].item is item:
        return _last[0]
    parts, locs, extra = _gather_form(item) if item.kind == "qna" else _gather_post(item)
    body = item.body
    if body:
        parts.append(body)
        locs.append(None)
    result = Joined(item, SEPARATOR.join(parts), parts, locs, "\n".join([e for e in extra if e]))
    _last[:] = [result]
    return result
