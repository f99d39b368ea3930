"""Indonesian spell checking with the hunspell ``id_ID`` dictionary (through ``chunspell``).

The engine is hunspell itself (C++, bundled in the ``chunspell`` wheel); the dictionary is
Debian's ``hunspell-id`` (LGPL-3 data, read from the system, not shipped). What is ours:
the tokenizer and its skip rules, the agency allow-list and a cache, because a post
repeats most of its words and so do thousands of posts.

Skipped: URLs, e-mail addresses, @handles, #hashtags, anything with a digit, acronyms
(all capitals, 2–6 letters), words of the allow-list (packaged ``data/allow_words.txt``,
officials' and team members' names from sosmed.yml, ``check.allow_words``), and — unless
asked otherwise — capitalised words in the middle of a sentence (proper names).
Reduplications (``kata-kata``, ``bermain-main``) pass when each part passes.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from sosmed.config.schema import Config

DEFAULT_DIR = "/usr/share/hunspell"
DEFAULT_LANGUAGE = "id_ID"

_STRIP = "\"'“”‘’«»()[]{}<>.,;:!?…*_`~|=+—–-/\\"
_URLISH = re.compile(r"://|^www\.|\w[.@]\w")
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?", re.UNICODE)
_TOKEN = re.compile(r"\S+")
_NAME_SPLIT = re.compile(r"[\s,./()]+")
_SENTENCE_END = ".!?:\n\"“”"


class DictionaryMissing(Exception):
    """The hunspell engine or the dictionary files are not available."""


@cache
def _packaged_allow_words() -> frozenset[str]:
    text = (resources.files("sosmed.check") / "data" / "allow_words.txt").read_text(encoding="utf-8")
    return frozenset(line.strip().lower() for line in text.splitlines() if line.strip() and not line.startswith("#"))


def config_allow_words(config: Config) -> frozenset[str]:
    """Lower-cased words the configuration makes acceptable: people's names, places, ``check.allow_words``."""
    names: list[str] = [config.kepala.name, config.organisation.name, config.organisation.short_name,
                        config.organisation.city]
    names += [d.name for d in config.kepala.deputies]
    for division in config.divisions:
        names += [division.name, division.head.name, *division.members]
    names += [member.name for member in config.team]
    for account in (config.accounts.facebook, config.accounts.youtube):
        if account is not None:
            names.append(account.name)
    words = {part.lower() for name in names for part in _NAME_SPLIT.split(name) if part}
    extra = (config.check or {}).get("allow_words") or []
    words.update(str(word).lower() for word in extra)
    return frozenset(words)


@dataclass
class Misspelling:
    """One unknown word, where it first occurs in the text, how often, and what hunspell suggests."""

    word: str
    offset: int
    count: int
    suggestions: tuple[str, ...] = ()


@dataclass
class Speller:
    """A loaded dictionary plus allow-list and caches; one per dictionary and allow-list."""

    hunspell: object
    allow: frozenset[str]
    skip_proper_nouns: bool = True
    good: set[str] = field(default_factory=set)
    bad: dict[str, bool] = field(default_factory=dict)
    suggested: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def word_ok(self, word: str) -> bool:
        """Whether one word (already stripped of punctuation) is acceptable."""
        known = self.bad.get(word)
        if known is not None:
            return known
        ok = self._word_ok(word)
        self.bad[word] = ok
        return ok

    def _word_ok(self, word: str) -> bool:
        if len(word) < 2 or any(ch.isdigit() for ch in word):
            return True
        if word.isupper() and len(word) <= 6:
            return True
        lower = word.lower()
        if lower in self.allow:
            return True
        if "-" in word:
            parts = [p for p in word.split("-") if p]
            # Prefixed acronyms and reduplications: se-NTT, non-ASN, kata-kata, bermain-main.
            return all(self.word_ok(p) for p in parts)
        if "/" in word:
            return all(self.word_ok(p) for p in word.split("/") if p)
        if not _WORD.fullmatch(word):
            return True  # symbols, emoji, mixed scripts: not words a dictionary can judge
        if "\u2019" in word:  # a typographic apostrophe is the same word as with '
            word, lower = word.replace("\u2019", "'"), lower.replace("\u2019", "'")
        spell = self.hunspell.spell  # type: ignore[attr-defined]
        try:
            if spell(word):
                return True
            # SHOUTING IN CAPITALS is a style problem (another rule), not a spelling one.
            return word.isupper() and bool(spell(lower))
        except UnicodeError:
            # The id_ID dictionary is Latin-1: a word it cannot even encode is not its to judge.
            return True

    def suggest(self, word: str, limit: int = 3) -> tuple[str, ...]:
        """Up to ``limit`` suggestions from hunspell (cached)."""
        found = self.suggested.get(word)
        if found is None:
            try:
                found = tuple(self.hunspell.suggest(word)[:limit])  # type: ignore[attr-defined]
            except Exception:  # noqa: BLE001 - a suggestion failure must not stop the check
                found = ()
            self.suggested[word] = found
        return found

    def may_have_unknown(self, tokens: Collection[str]) -> bool:
        """False when every token is already known to be fine (the common case, one set operation)."""
        return not self.good.issuperset(tokens)

    def check_text(self, text: str, *, suggestions: int = 3) -> list[Misspelling]:
        """Unknown words of ``text`` in order of first appearance."""
        unknown = set(text.split()).difference(self.good)
        if not unknown:
            return []
        candidates: dict[str, tuple[str, bool]] = {}  # token -> (word, needs sentence context)
        for token in unknown:
            if token[0] in "@#" or _URLISH.search(token):
                self.good.add(token)
                continue
            word = token.strip(_STRIP)
            if not word or self.word_ok(word):
                self.good.add(token)
                continue
            proper = self.skip_proper_nouns and word[0].isupper() and not word.isupper()
            candidates[token] = (word, proper)
        if not candidates:
            return []
        found: dict[str, Misspelling] = {}
        # One pass over the text finds where each candidate occurs (and whether a capitalised
        # word starts a sentence, which makes it a word to check rather than a name).
        for match in _TOKEN.finditer(text):
            entry = candidates.get(match.group())
            if entry is None:
                continue
            word, proper = entry
            if proper and not _sentence_initial(text, match.start()):
                continue
            offset = match.start() + match.group().find(word)
            miss = found.get(word)
            if miss is None:
                found[word] = Misspelling(word, offset, 1)
            else:
                miss.count += 1
        if suggestions:
            for miss in found.values():
                miss.suggestions = self.suggest(miss.word, suggestions)
        return sorted(found.values(), key=lambda m: m.offset)


def _sentence_initial(text: str, start: int) -> bool:
    """Whether the token at ``start`` begins a sentence (or the text)."""
    i = start - 1
    while i >= 0 and text[i] in " \t\"'“‘(*_#>-":
        i -= 1
    return i < 0 or text[i] in _SENTENCE_END


@cache
def _hunspell(directory: str, language: str) -> object:
    base = Path(directory) / language
    if not (base.with_suffix(".dic").is_file() and base.with_suffix(".aff").is_file()):
        raise DictionaryMissing(f"{base}.dic/.aff")
    try:
        import hunspell  # chunspell installs the module under this name
    except ImportError as exc:
        raise DictionaryMissing("chunspell") from exc
    return hunspell.Hunspell(language, hunspell_data_dir=directory)


_spellers: dict[tuple[Any, ...], Speller] = {}


def get_speller(config: Config, directory: str = DEFAULT_DIR, language: str = DEFAULT_LANGUAGE,
                skip_proper_nouns: bool = True) -> Speller:
    """The speller for this dictionary and configuration (built once; raises DictionaryMissing)."""
    allow = _packaged_allow_words() | config_allow_words(config)
    key = (directory, language, allow, skip_proper_nouns)
    speller = _spellers.get(key)
    if speller is None:
        speller = Speller(_hunspell(directory, language), allow, skip_proper_nouns)
        _spellers[key] = speller
    return speller
