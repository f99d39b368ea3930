"""The texts of an item that people will read, gathered once and shared by the text rules.

Several rules (privacy, secrets, lexicon, political terms, links) look at the same
strings: the body, the title and summary, the per-platform overrides, media alt text
and captions, source notes; for a Q&A form its questions and answers. Gathering them,
lower-casing and tokenising them is done once per item: the engine runs every rule on
one item before moving to the next, so remembering the last item is enough.

Tokens are lower-case runs of letters and digits (``@`` and ``$`` kept for leetspeak);
every other character separates tokens. The item-wide token set is kept as UTF-8 bytes
(faster to build); texts searched for positions are tokenised as ``str``. Lower-casing keeps offsets (one character in,
one character out), so an offset found in the lower-cased text is valid in the original.
"""

from __future__ import annotations

import string
from dataclasses import dataclass, field
from typing import Any

from sosmed.check.rule import RuleContext
from sosmed.check.textfields import Joined, joined
from sosmed.model.item import Item
from sosmed.model.post import Post
from sosmed.problem import Level, Problem

Loc = tuple[str | int, ...]

_SEPARATORS = string.punctuation.replace("@", "").replace("$", "") + "“”‘’„«»–—…•·×\u00a0\u200b"
TOKEN_TABLE = str.maketrans(dict.fromkeys(_SEPARATORS, " "))
# The same on UTF-8 bytes, lower-casing ASCII too: one C pass, and bytes split and hash faster
# than str. Non-ASCII bytes stay inside tokens; matchers re-split such (rare) tokens as text.
BYTE_TOKEN_TABLE = bytes(
    ch + 32 if 65 <= ch <= 90 else 32 if chr(ch) in string.punctuation and chr(ch) not in "@$" else ch
    for ch in range(256)
)
DIGITS = b"0123456789"


# Digits stay, number separators vanish, everything else splits: the longest piece bounds
# the longest number written with spaces, dots, dashes or brackets.
_NUMBER_TABLE = bytes(b if chr(b).isdigit() else ord("\n") for b in range(256))
_NUMBER_SEPARATORS = b" .-()+/"


def longest_digit_run(text: str) -> int:
    """An upper bound of the digits in one written number of ``text`` (cheap; for gating)."""
    raw = text.encode("utf-8", "surrogatepass").translate(_NUMBER_TABLE, _NUMBER_SEPARATORS)
    return max(map(len, raw.split()), default=0)


def digit_count(text: str) -> int:
    """How many ASCII digits ``text`` holds (bytes.translate deletes them in one C pass)."""
    raw = text.encode("utf-8", "surrogatepass")
    return len(raw) - len(raw.translate(None, DIGITS))


@dataclass(slots=True)
class TextField:
    """One readable string of an item: where it is (``loc`` None = the body) and its text."""

    loc: Loc | None
    text: str
    _lower: str | None = None

    @property
    def lower(self) -> str:
        """Lower-cased text with the same length (offsets stay valid)."""
        if self._lower is None:
            self._lower = lower_same_length(self.text)
        return self._lower


@dataclass(slots=True)
class Scan:
    """An item's readable texts plus lazily computed views shared by the rules.

    ``joined`` and ``tokens`` are what every item pays for; the per-field list (with
    locations) is built only when some rule's cheap test says there may be a finding.
    """

    item: Item
    joined: str
    _fields: list[TextField] | None = None
    _raw: bytes | None = None
    _tokens: frozenset[bytes] | None = None
    _digits: int | None = None
    _run: int | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    texts: Joined | None = None  # the agency texts this scan was built from (None: built from ``joined`` alone)
    _vocab: str | None = None

    @property
    def fields(self) -> list[TextField]:
        """Every readable string with its location."""
        if self._fields is None:
            self._fields = item_fields(self.item)
        return self._fields

    @property
    def raw(self) -> bytes:
        """All texts as UTF-8."""
        if self._raw is None:
            self._raw = self.joined.encode("utf-8", "surrogatepass")
        return self._raw

    @property
    def vocab(self) -> str:
        """The distinct words of all texts (as :attr:`Joined.vocab`): same whitespace-free substrings."""
        if self._vocab is None:
            texts = self.texts
            if texts is None:
                self._vocab = self.joined
            else:
                self._vocab = f"{texts.vocab}\n{texts.extra}" if texts.extra else texts.vocab
        return self._vocab

    @property
    def tokens(self) -> frozenset[bytes]:
        """The set of tokens of all texts: UTF-8 bytes, ASCII lower-cased, split at ASCII punctuation.

        (Also split at non-ASCII whitespace, as tokens are taken from the distinct words.)
        """
        if self._tokens is None:
            raw = self.vocab.encode("utf-8", "surrogatepass")
            self._tokens = frozenset(raw.translate(BYTE_TOKEN_TABLE).split())
        return self._tokens

    @property
    def digits(self) -> int:
        """How many ASCII digits all texts hold (a cheap gate for the number rules)."""
        if self._digits is None:
            self._digits = len(self.raw) - len(self.raw.translate(None, DIGITS))
        return self._digits

    @property
    def longest_number(self) -> int:
        """Upper bound of the digits of the longest number in the texts (see :func:`longest_digit_run`)."""
        if self._run is None:
            pieces = self.raw.translate(_NUMBER_TABLE, _NUMBER_SEPARATORS).split()
            self._run = max(map(len, pieces), default=0)
        return self._run


def lower_same_length(text: str) -> str:
    """``text.lower()``, except characters whose lower case is longer stay as they are."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(low if len(low := ch.lower()) == 1 else ch for ch in text)


def _add(out: list[TextField], loc: Loc, value: str | None) -> None:
    if value:
        out.append(TextField(loc, value))


def _post_fields(post: Post, body: str) -> list[TextField]:
    out: list[TextField] = []
    _add(out, ("title",), post.title)
    _add(out, ("summary",), post.summary)
    _add(out, ("link",), post.link)
    for i, tag in enumerate(post.tags):
        _add(out, ("tags", i), tag)
    for i, media in enumerate(post.media):
        _add(out, ("media", i, "alt"), media.alt)
        _add(out, ("media", i, "caption"), media.caption)
    for i, source in enumerate(post.sources):
        _add(out, ("sources", i, "title"), source.title)
        _add(out, ("sources", i, "url"), source.url)
        _add(out, ("sources", i, "note"), source.note)
    if post.facebook is not None:
        _add(out, ("facebook", "message"), post.facebook.message)
        _add(out, ("facebook", "link"), post.facebook.link)
    if post.instagram is not None:
        _add(out, ("instagram", "caption"), post.instagram.caption)
    if post.x is not None:
        _add(out, ("x", "text"), post.x.text)
        for i, part in enumerate(post.x.thread):
            _add(out, ("x", "thread", i), part)
    if post.youtube is not None:
        _add(out, ("youtube", "title"), post.youtube.title)
        _add(out, ("youtube", "description"), post.youtube.description)
        for i, tag in enumerate(post.youtube.tags):
            _add(out, ("youtube", "tags", i), tag)
    for i, correction in enumerate(post.corrections):
        _add(out, ("corrections", i, "text"), correction.text)
    if post.retraction is not None:
        _add(out, ("retraction", "reason"), post.retraction.reason)
    if body:
        out.append(TextField(None, body))
    return out


def item_fields(item: Item) -> list[TextField]:
    """Every readable string of a post or a Q&A form, in file order (body last)."""
    if item.kind == "post":
        return _post_fields(item.post, item.body)
    form = item.form
    out: list[TextField] = []
    for i, question in enumerate(form.questions):
        _add(out, ("questions", i, "text"), question.text)
        _add(out, ("questions", i, "answer"), question.answer)
    _add(out, ("place",), form.place)
    if item.body.strip():
        out.append(TextField(None, item.body))
    return out


def item_text(item: Item) -> str:
    """The texts of :func:`item_fields` joined by line breaks, built without the per-field objects.

    Must list the same strings in the same order as :func:`item_fields` (a test pins this).
    :func:`scan` gathers the same strings, in another order, together with the agency texts.
    """
    if item.kind == "qna":
        form = item.form
        parts: list[str | None] = []
        for question in form.questions:
            parts.append(question.text)
            parts.append(question.answer)
        parts.append(form.place)
        if item.body.strip():
            parts.append(item.body)
        return "\n".join(p for p in parts if p)
    post = item.post
    parts = [post.title, post.summary, post.link, *post.tags]
    for media in post.media:
        parts.append(media.alt)
        parts.append(media.caption)
    for source in post.sources:
        parts.extend((source.title, source.url, source.note))
    if post.facebook is not None:
        parts.extend((post.facebook.message, post.facebook.link))
    if post.instagram is not None:
        parts.append(post.instagram.caption)
    if post.x is not None:
        parts.append(post.x.text)
        parts.extend(post.x.thread)
    if post.youtube is not None:
        parts.extend((post.youtube.title, post.youtube.description, *post.youtube.tags))
    parts.extend(c.text for c in post.corrections)
    if post.retraction is not None:
        parts.append(post.retraction.reason)
    parts.append(item.body)
    return "\n".join(p for p in parts if p)


_last: list[Any] = [None, None]


def scan(item: Item) -> Scan:
    """The shared :class:`Scan` of ``item`` (built once, reused by every rule).

    Its text holds the strings of :func:`item_text`, agency texts first (the order does not
    matter to the gates that read it), gathered in one pass with :func:`~sosmed.check.textfields.joined`.
    """
    if _last[0] is item:
        cached: Scan = _last[1]
        return cached
    texts = joined(item)
    result = Scan(item, f"{texts.text}\n{texts.extra}" if texts.extra else texts.text, texts=texts)
    _last[0], _last[1] = item, result
    return result


def problem_at(
    ctx: RuleContext, item: Item, text_field: TextField, offset: int, key: str,
    *, level: Level | None = None, **args: Any
) -> Problem:
    """A problem pointing at the body line of ``offset``, or at the front-matter key of the field."""
    if text_field.loc is None:
        line, column = ctx.body_line(item, offset)
        return ctx.problem(item, key, line=line, column=column, level=level, **args)
    return ctx.problem(item, key, loc=text_field.loc, level=level, **args)
