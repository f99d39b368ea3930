"""Fast matching of word lists (the agency's lexicon, political terms) against an item's tokens.

A list entry is a word or a phrase. Matching runs in two steps so that clean text costs
almost nothing: the item's token set (built once by :mod:`sosmed.check.textscan`) is
compared with the entries using set operations; only when an entry may be present is
each text searched for exact positions.

With ``normalise=True`` (the offensive-language lexicon) a token is compared after
undoing common letter substitutions (``4→a``, ``3→e``, ``1→i``, ``0→o``, ``5→s``, ``7→t``,
``@→a``, ``$→s``) and squeezing repeated letters (``anjiiing`` → ``anjing``), and, for the
categories listed in ``affixed``, after removing common affixes (``-nya``, ``di-…-kan``). A word
spelled out letter by letter (``b a n g s a t``, ``a.n.j.i.n.g``) is read as the word.
Each distinct token is normalised once per matcher, not once per item: the verdicts are
remembered, so a corpus costs its vocabulary, not its length.

An entry written in capitals in the list (``PAN``, ``PKS``) matches only when written in
capitals in the text, because the lower-case word may be an ordinary one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from sosmed.check.textscan import TOKEN_TABLE, Scan, TextField

LEET_TABLE = str.maketrans({"4": "a", "@": "a", "3": "e", "1": "i", "0": "o", "5": "s", "$": "s", "7": "t"})
_REPEATS = re.compile(r"(.)\1+")
_PREFIXES = ("meng", "men", "mem", "me", "di", "ter", "ber", "peng", "pen", "pe")
_SUFFIXES = ("nya", "kan", "lah", "kah", "an", "mu", "ku", "i")
_TOKEN = re.compile(r"\S+")
_MAX_REMEMBERED = 500_000
_LETTERS = frozenset(bytes([c]) for c in range(ord("a"), ord("z") + 1))
# Four or more single letters, each followed by one separator: a word spelled out to dodge a list.
_SPACED = re.compile(r"(?<![^\W\d_])(?:[^\W\d_][ .\-_*]){3,}[^\W\d_](?![^\W\d_])")


@dataclass(frozen=True, slots=True)
class Term:
    """One list entry: its normalised words, category (and sub-group), and how it was written."""

    words: tuple[str, ...]
    category: str
    text: str
    group: str | None = None
    case_sensitive: bool = False
    trigger: str | None = None  # the phrase word looked up first (default: its least common word)


@dataclass(frozen=True, slots=True)
class Hit:
    """A term found in one text field at ``start:end`` (offsets in that field's text)."""

    term: Term
    field: TextField
    start: int
    end: int

    @property
    def found(self) -> str:
        """The text as written in the content."""
        return self.field.text[self.start:self.end]


def squeeze(word: str) -> str:
    """Repeated letters reduced to one (``maaf`` → ``maf``; lists are squeezed the same way)."""
    return _REPEATS.sub(r"\1", word)


# What one item is searched for: its single-word terms by key, and its phrases.
Wanted = tuple[dict[str, Term], list[Term]]


class TermMatcher:
    """Finds the terms of a list in a :class:`~sosmed.check.textscan.Scan`."""

    def __init__(self, terms: Iterable[Term], *, normalise: bool, affixed: tuple[str, ...] = ()) -> None:
        self.normalise = normalise
        self.affixed = affixed
        self.single: dict[str, Term] = {}
        self.phrases: dict[str, list[Term]] = {}
        for term in terms:
            if len(term.words) == 1:
                self.single.setdefault(term.words[0], term)
            else:
                self.phrases.setdefault(term.trigger or _trigger(term.words), []).append(term)
        # Every word of every phrase is looked up, so that a phrase is searched for only when all
        # of its words occur in the item ("calon gubernur" is not searched in every text naming the Gubernur).
        self.phrase_words = frozenset(w for terms in self.phrases.values() for t in terms for w in t.words)
        self.triggers = frozenset(self.phrases)
        self.shortest_phrase = min((len(set(t.words)) for ts in self.phrases.values() for t in ts), default=2)
        self._bytes_keys: dict[bytes, tuple[str, ...]] = {}  # item token → list keys it matches
        self._clean: set[bytes] = set()  # item tokens known to match nothing
        self._text_keys: dict[str, str | None] = {}  # token of a searched text → key (or None)

    def key(self, token: str) -> str:
        """The form of a lower-case token that is looked up in the list."""
        if not self.normalise:
            return token
        if not token.isalpha():
            if not any(ch.isalpha() for ch in token):
                return token
            token = token.translate(LEET_TABLE)
        return squeeze(token)

    def lookup(self, token: str) -> str | None:
        """The list key a lower-case, separator-free token matches, if any (remembered)."""
        if token in self._text_keys:
            return self._text_keys[token]
        found = self._lookup(token)
        if len(self._text_keys) < _MAX_REMEMBERED:
            self._text_keys[token] = found
        return found

    def _lookup(self, token: str) -> str | None:
        key = self.key(token)
        if key in self.single or key in self.phrase_words:
            return key
        if self.affixed and len(key) > 5:
            for stem in _stems(key):
                term = self.single.get(stem)
                if term is not None and term.category in self.affixed:
                    return stem
        return None

    def _lookup_bytes(self, token: bytes) -> tuple[str, ...]:
        text = token.decode("utf-8", "replace")
        # An ASCII item token is already lower-case and separated; others may hold “quotes” or capitals.
        parts = [text] if token.isascii() else text.lower().translate(TOKEN_TABLE).split()
        return tuple(key for part in parts if (key := self._lookup(part)) is not None)

    def keys_present(self, tokens: frozenset[bytes]) -> set[str]:
        """The list keys that some token of ``tokens`` matches (cheap for text seen before)."""
        unknown = tokens - self._clean
        if not unknown:
            return set()
        if len(self._clean) > _MAX_REMEMBERED:
            self._clean.clear()
        present: set[str] = set()
        for token in unknown:
            keys = self._bytes_keys.get(token)
            if keys is None:
                keys = self._lookup_bytes(token)
                if not keys:
                    self._clean.add(token)
                    continue
                self._bytes_keys[token] = keys
            present.update(keys)
        return present

    def _spaced_keys(self, scan: Scan) -> set[str]:
        """Keys of words spelled out letter by letter (looked for only when the item has such letters)."""
        if not self.normalise or len(scan.tokens & _LETTERS) < 3:
            return set()
        keys = (self.lookup(_unspaced(m.group())) for m in _SPACED.finditer(scan.joined))
        return {key for key in keys if key is not None}

    def wanted(self, scan: Scan) -> Wanted | None:
        """The single-word terms and phrases to search the item for, or None when there are none.

        Cheap (set operations on the item's tokens): a rule asks this before :meth:`find`.
        """
        present = self.keys_present(scan.tokens) | self._spaced_keys(scan)
        if not present:
            return None
        singles = {key: self.single[key] for key in present if key in self.single}
        if not singles and (len(present) < self.shortest_phrase or self.triggers.isdisjoint(present)):
            return None  # words of phrases without their rare word ("Kupang" without "orang") are the common case
        phrases = [
            term for key in present for term in self.phrases.get(key, ()) if all(w in present for w in term.words)
        ]
        if not singles and not phrases:
            return None
        return singles, phrases

    def find(self, scan: Scan, wanted: Wanted | None = None) -> Iterator[Hit]:
        """Every occurrence of every term in the item's texts (``wanted``: from :meth:`wanted`, if asked)."""
        if wanted is None:
            wanted = self.wanted(scan)
            if wanted is None:
                return
        singles, phrases = wanted
        for text_field in scan.fields:
            hits = list(self._singles(text_field, singles)) if singles else []
            for term in phrases:
                hits.extend(self._phrase(text_field, term))
            # A word inside a longer matched phrase ("Demokrat" in "Partai Demokrat"), or a phrase
            # overlapping the one before ("dasar anjing lu"), is the same finding.
            hits.sort(key=lambda h: (h.start, -h.end))
            reach = -1
            for hit in hits:
                if hit.start < reach:
                    continue
                reach = hit.end
                yield hit

    def _singles(self, text_field: TextField, singles: dict[str, Term]) -> Iterator[Hit]:
        if self.normalise:
            for match in _SPACED.finditer(text_field.lower):
                term = singles.get(self.lookup(_unspaced(match.group())) or "")
                if term is not None:
                    yield Hit(term, text_field, match.start(), match.end())
        spaced = text_field.lower.translate(TOKEN_TABLE)
        for match in _TOKEN.finditer(spaced):
            key = self.lookup(match.group())
            term = singles.get(key) if key is not None else None
            if term is None:
                continue
            if term.case_sensitive and not text_field.text[match.start():match.end()].isupper():
                continue
            yield Hit(term, text_field, match.start(), match.end())

    def _phrase(self, text_field: TextField, term: Term) -> Iterator[Hit]:
        text = text_field.lower.translate(LEET_TABLE) if self.normalise else text_field.lower
        for match in _phrase_regex(term, self.normalise).finditer(text):
            if term.case_sensitive and not _upper_words(text_field.text[match.start():match.end()]):
                continue
            yield Hit(term, text_field, match.start(), match.end())


# Words too common to be worth looking a phrase up by (its other words are rarer).
_COMMON = frozenset(
    "partai indonesia nasional bangsa rakyat raya persatuan pembangunan perjuangan nomor pilih dasar "
    "asing calon tim hari kulit wakil agama daerah".split()
)


def _trigger(words: tuple[str, ...]) -> str:
    rare = [w for w in words if w not in _COMMON]
    return max(rare or words, key=len)


def _unspaced(text: str) -> str:
    return "".join(ch for ch in text.lower() if ch.isalpha())


def _upper_words(text: str) -> bool:
    return all(word.isupper() for word in re.findall(r"[^\W\d_]+", text))


_PHRASE_CACHE: dict[tuple[tuple[str, ...], bool], re.Pattern[str]] = {}


def _phrase_regex(term: Term, normalise: bool) -> re.Pattern[str]:
    key = (term.words, normalise)
    pattern = _PHRASE_CACHE.get(key)
    if pattern is None:
        if normalise:
            words = ["".join(re.escape(ch) + "+" for ch in word) for word in term.words]
        else:
            words = [re.escape(word) for word in term.words]
        pattern = re.compile(r"(?<![^\W_])" + r"[\W_]+".join(words) + r"(?![^\W_])")
        _PHRASE_CACHE[key] = pattern
    return pattern


def _stems(word: str) -> Iterator[str]:
    """Candidate stems of an affixed Indonesian word (suffix, prefix, or both removed)."""
    suffixed = [word[: -len(s)] for s in _SUFFIXES if word.endswith(s) and len(word) - len(s) >= 4]
    yield from suffixed
    for base in [word, *suffixed]:
        for prefix in _PREFIXES:
            if base.startswith(prefix) and len(base) - len(prefix) >= 4:
                yield base[len(prefix):]


def split_words(text: str, *, normalise: bool) -> tuple[str, ...]:
    """The words of a list entry as they are looked up."""
    words = text.lower().translate(TOKEN_TABLE).split()
    if normalise:
        words = [squeeze(w.translate(LEET_TABLE)) if not w.isalpha() else squeeze(w) for w in words]
    return tuple(words)


def paragraph_around(text: str, start: int, end: int, reach: int = 600) -> str:
    """The line (a Markdown paragraph is usually one) holding ``text[start:end]``, at most ``reach``
    characters either side (a huge one-line text must not make every lookup scan all of it)."""
    low, high = max(0, start - reach), min(len(text), end + reach)
    left = text.rfind("\n", low, start) + 1 or low
    right = text.find("\n", end, high)
    return text[max(left, low): right if right != -1 else high]


def previous_word(text: str, start: int) -> str:
    """The lower-case word just before offset ``start`` (empty at the start of the text)."""
    words = text[max(0, start - 80):start].lower().translate(TOKEN_TABLE).split()
    return words[-1] if words else ""
