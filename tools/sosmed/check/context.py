"""Context instead of single words: whether a listed word means, here, what the list says it means.

A word on a list can be ordinary beside other words: ``anjing`` beside *rabies* or *gigitan* is a
dog, ``PKB`` beside *pajak kendaraan* is the vehicle tax, a party named in a reminder of civil
servants' neutrality is not support for it, and an island's name is a place unless a sentence
says something hostile about its people. Rules that need this (``offensive-terms``,
``political-terms``) ask one :class:`Contexts` about each hit instead of keeping one-off
exceptions. The contexts are data (``check/data/contexts.yml``)::

    animals:
      rule: offensive-terms
      terms: [anjing, babi]          # list entries, as listed (or ``categories: [...]``)
      scope: text                    # where cues count: text | sentence | a number of words either side
      benign: [rabies, vaksin*, gigitan]   # a cue here: the word is ordinary → the hit is dropped
      unless: [...]                  # … unless one of these is there too
      requires: [...]                # the hit stands only when one of these is there
      escalate: [dasar, lu]          # one of these makes the hit an error

A cue is a word (``vaksin*`` matches any ending) or a phrase of such words. The hit's own words
are not cues. Contexts are judged in file order; the first that drops a hit decides.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import Enum
from functools import cache
from importlib import resources
from typing import Any

import yaml

from sosmed.check.textscan import TOKEN_TABLE

_SENTENCE_END = re.compile(r"[.!?\n]")
# Dots that do not end a sentence: after an abbreviation ("No. 3", "Jl. Kenari", "S.H. Yohanes"),
# or inside a word or a number ("09.00", "1.500", "a.n.j.i.n.g").
_ABBREVIATION = re.compile(r"(?<![^\W\d_])[A-Z][a-z]{0,2}\Z")


class Verdict(Enum):
    """What a context makes of a hit."""

    DROP = "drop"  # ordinary here: not reported
    KEEP = "keep"  # reported at its category's level
    ESCALATE = "escalate"  # reported as an error


@dataclass(frozen=True)
class Cues:
    """Words, word prefixes (``vaksin*``) and phrases that signal a context."""

    words: frozenset[str] = frozenset()
    prefixes: tuple[str, ...] = ()
    phrases: tuple[tuple[str, ...], ...] = ()

    @classmethod
    def parse(cls, entries: Iterable[str]) -> Cues:
        """Cues from their written form (``"jatuh tempo"``, ``"vaksin*"``, ``"PKB"``)."""
        words: set[str] = set()
        prefixes: list[str] = []
        phrases: list[tuple[str, ...]] = []
        for entry in entries:
            parts = tuple(entry.lower().replace("*", "\x00").translate(TOKEN_TABLE).replace("\x00", "*").split())
            if len(parts) > 1:
                phrases.append(parts)
            elif parts and parts[0].endswith("*"):
                prefixes.append(parts[0][:-1])
            elif parts:
                words.add(parts[0])
        return cls(frozenset(words), tuple(prefixes), tuple(phrases))

    def __bool__(self) -> bool:
        return bool(self.words or self.prefixes or self.phrases)

    def found_in(self, words: Sequence[str]) -> bool:
        """Whether a cue occurs in ``words`` (lower-case, in order)."""
        if self.words and not self.words.isdisjoint(words):
            return True
        if self.prefixes and any(w.startswith(self.prefixes) for w in words):
            return True
        return any(_phrase_at(words, phrase) for phrase in self.phrases)


def _word_matches(word: str, cue: str) -> bool:
    return word.startswith(cue[:-1]) if cue.endswith("*") else word == cue


def _phrase_at(words: Sequence[str], phrase: tuple[str, ...]) -> bool:
    size = len(phrase)
    for i in range(len(words) - size + 1):
        if all(_word_matches(words[i + k], phrase[k]) for k in range(size)):
            return True
    return False


def words_of(text: str) -> list[str]:
    """Lower-case words of ``text`` (split as the shared text scan splits)."""
    return text.lower().translate(TOKEN_TABLE).split()


def _ends(text: str, at: int) -> bool:
    """Whether the punctuation at ``at`` ends a sentence."""
    if text[at] != ".":
        return True
    after = text[at + 1:at + 2]
    if after and not after.isspace():
        return False
    return not _ABBREVIATION.search(text, max(0, at - 4), at)


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """Offsets of the sentence holding ``text[start:end]`` (ends at . ! ? or a line break)."""
    left = 0
    for match in _SENTENCE_END.finditer(text, max(0, start - 2000), start):
        if _ends(text, match.start()):
            left = match.end()
    right = len(text)
    for match in _SENTENCE_END.finditer(text, end, end + 2000):
        if _ends(text, match.start()):
            right = match.start()
            break
    return left, right


def around(text: str, start: int, end: int, scope: str | int) -> list[str]:
    """The words around a hit at ``text[start:end]``, without the hit's own words."""
    if scope == "text":
        return words_of(text[:start]) + words_of(text[end:])
    if scope == "sentence":
        left, right = sentence_bounds(text, start, end)
        return words_of(text[left:start]) + words_of(text[end:right])
    reach = int(scope)
    return words_of(text[max(0, start - 40 * reach):start])[-reach:] + words_of(text[end:end + 40 * reach])[:reach]


@dataclass(frozen=True)
class Context:
    """One declared context: which hits it judges, where it looks, and its cues."""

    name: str
    rule: str
    terms: frozenset[str]
    categories: frozenset[str]
    scope: str | int
    benign: Cues
    unless: Cues
    requires: Cues
    escalate: Cues

    def applies(self, term: str, category: str) -> bool:
        """Whether this context judges hits of list entry ``term`` (as listed) in ``category``."""
        return term.lower() in self.terms or category in self.categories

    def judge(self, words: Sequence[str]) -> Verdict:
        """The verdict on a hit with ``words`` around it (as :func:`around` gives them)."""
        if self.benign and self.benign.found_in(words) and not (self.unless and self.unless.found_in(words)):
            return Verdict.DROP
        if self.requires and not self.requires.found_in(words):
            return Verdict.DROP
        if self.escalate and self.escalate.found_in(words):
            return Verdict.ESCALATE
        return Verdict.KEEP


class Contexts:
    """The contexts one rule consults."""

    def __init__(self, contexts: Iterable[Context]) -> None:
        self.contexts = tuple(contexts)

    def judge(self, text: str, start: int, end: int, term: str, category: str) -> Verdict:
        """The verdict on the hit ``text[start:end]`` of list entry ``term`` in ``category``.

        DROP if any applicable context drops it, else ESCALATE if any escalates it, else KEEP.
        """
        verdict = Verdict.KEEP
        seen: dict[str | int, list[str]] = {}
        for context in self.contexts:
            if not context.applies(term, category):
                continue
            words = seen.get(context.scope)
            if words is None:
                words = seen[context.scope] = around(text, start, end, context.scope)
            found = context.judge(words)
            if found is Verdict.DROP:
                return found
            if found is Verdict.ESCALATE:
                verdict = found
        return verdict


def parse_context(name: str, entry: dict[str, Any]) -> Context:
    """One context from its data entry (see the module docstring)."""
    scope = entry.get("scope", "sentence")
    if not (scope in ("text", "sentence") or (isinstance(scope, int) and scope > 0)):
        raise ValueError(f"context {name}: scope must be text, sentence or a positive number")
    return Context(
        name=name,
        rule=str(entry["rule"]),
        terms=frozenset(str(t).lower() for t in entry.get("terms", ())),
        categories=frozenset(entry.get("categories", ())),
        scope=scope,
        benign=Cues.parse(entry.get("benign", ())),
        unless=Cues.parse(entry.get("unless", ())),
        requires=Cues.parse(entry.get("requires", ())),
        escalate=Cues.parse(entry.get("escalate", ())),
    )


@cache
def _packaged() -> tuple[Context, ...]:
    text = (resources.files("sosmed.check") / "data" / "contexts.yml").read_text(encoding="utf-8")
    data = yaml.load(text, Loader=yaml.CSafeLoader) or {}
    return tuple(parse_context(name, entry) for name, entry in data.items())


def contexts_for(rule: str) -> Contexts:
    """The packaged contexts a rule consults."""
    return Contexts(c for c in _packaged() if c.rule == rule)
