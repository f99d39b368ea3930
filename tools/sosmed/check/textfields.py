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


def url_spans(text: str) -> list[tuple[int, int]]:
    """Spans of URLs, e-mail addresses and inline code, where style rules do not look."""
    return [m.span() for m in _SKIP.finditer(text)]


def inside(spans: list[tuple[int, int]], offset: int) -> bool:
    """Whether ``offset`` falls in one of ``spans``."""
    return any(start <= offset < end for start, end in spans)


SEPARATOR = "\n\n"


@dataclass(slots=True)
class Joined:
    """All agency-written texts of an item joined into one string, so a rule scans an item once.

    Fields are separated by a blank line, which none of the style patterns match across.
    """

    item: Item
    text: str
    starts: list[int]
    locs: list[Loc | None]
    _tokens: list[str] | None = None

    @property
    def tokens(self) -> list[str]:
        """The whitespace-separated tokens of all texts (computed once, shared by the rules)."""
        if self._tokens is None:
            self._tokens = self.text.split()
        return self._tokens

    def locate(self, offset: int) -> tuple[int, Loc | None, int]:
        """(field index, key path or None for the body, offset inside that field) of a joined offset."""
        index = bisect_right(self.starts, offset) - 1
        return index, self.locs[index], offset - self.starts[index]

    def field(self, index: int) -> str:
        """The text of field ``index``."""
        end = self.starts[index + 1] - len(SEPARATOR) if index + 1 < len(self.starts) else len(self.text)
        return self.text[self.starts[index]:end]

    def where(self, ctx: RuleContext, offset: int) -> dict[str, Any]:
        """Keyword arguments for ``ctx.problem`` pointing at the field (or body line) of a joined offset."""
        _, loc, local = self.locate(offset)
        return where(ctx, self.item, loc, local)


_last: list[Joined] = []


def joined(item: Item) -> Joined:
    """The item's texts joined (cached for the item being checked: every style rule asks in turn)."""
    if _last and _last[0].item is item:
        return _last[0]
    starts: list[int] = []
    locs: list[Loc | None] = []
    parts: list[str] = []
    position = 0
    for loc, text in all_texts(item):
        starts.append(position)
        locs.append(loc)
        parts.append(text)
        position += len(text) + len(SEPARATOR)
    result = Joined(item, SEPARATOR.join(parts), starts, locs)
    _last[:] = [result]
    return result
