"""Indonesian spell checking: hunspell ``id_ID`` (through ``chunspell``) plus Indonesian morphology.

The engine is hunspell itself (C++, bundled in the ``chunspell`` wheel); the dictionary is
Debian's ``hunspell-id`` (LGPL-3 data, read from the system, not shipped). A word hunspell
rejects is still accepted when it is a regular formation over a known root — affixes,
bound forms, reduplication (:mod:`sosmed.check.morphology`, with Sastrawi's stemmer) — so
standard words such as ``diimbau``, ``antarinstansi``, ``terdampak`` and ``kesemuanya`` pass
while ``dipelosok`` (the preposition written joined) and ``kepegawain`` do not.

Non-standard spellings (``data/nonstandard_words.txt``: ``merubah``, ``himbauan``, ``dimana``)
are reported with their standard form as the suggestion, even where hunspell or the affix
rules would accept them. Accepted as they are: the standard words hunspell's 2017 list lacks (``data/kbbi_words.txt``:
``surel``, ``laman``, ``swafoto``, ``warganet``), regional words (``data/regional_words.txt``:
Kupang Malay, NTT's places), the agency's list (``data/allow_words.txt``: acronyms, loanwords of
its own guideline) and the office's vocabulary from sosmed.yml (officials' and team members'
names, division names and keywords, account names, ``check.allow_words``).

Skipped: URLs, e-mail addresses, @handles, #hashtags, anything with a digit, acronyms
(all capitals, 2–6 letters), words in italics (``*stakeholder*``, ``_user interface_``: PUEBI marks
foreign words so), and — unless asked otherwise — capitalised words in the middle of a sentence
(proper names). What is ours: the tokenizer and its skip rules, the lists, the
morphology and a cache, because a post repeats most of its words and so do thousands of posts.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from sosmed.check.morphology import (
    Morphology,
    hunspell_stems,
    make_stemmer,
    packaged_words,
    read_words,
    sastrawi_roots,
)
from sosmed.config.schema import Config

DEFAULT_DIR = "/usr/share/hunspell"
DEFAULT_LANGUAGE = "id_ID"

_STRIP = "\"'“”‘’«»()[]{}<>.,;:!?…*_`~|=+—–-/\\"
_URLISH = re.compile(r"://|^www\.|\w[.@]\w")
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?", re.UNICODE)
_TOKEN = re.compile(r"\S+")
_NAME_SPLIT = re.compile(r"[\s,./()]+")
_SENTENCE_END = ".!?:\n\"“”"
# Markdown emphasis with one * or _: italics, which PUEBI uses for foreign words.
_ITALIC = re.compile(r"(?<![*\w])\*(?![\s*])[^*\n]+?(?<![\s*])\*(?![*\w])|(?<![_\w])_(?![\s_])[^_\n]+?(?<![\s_])_(?![_\w])")


class DictionaryMissing(Exception):
    """The hunspell engine or the dictionary files are not available."""


@cache
def nonstandard_words() -> dict[str, str]:
    """Non-standard spellings → their standard form (``data/nonstandard_words.txt``)."""
    text = (resources.files("sosmed.check") / "data" / "nonstandard_words.txt").read_text(encoding="utf-8")
    pairs = (line.split(None, 1) for line in text.splitlines() if line.strip() and not line.startswith("#"))
    return {word.lower(): standard.strip() for word, standard in pairs}


@cache
def _packaged_allow_words() -> frozenset[str]:
    text = (resources.files("sosmed.check") / "data" / "allow_words.txt").read_text(encoding="utf-8")
    return frozenset(read_words(text)) | packaged_words("kbbi_words") | packaged_words("regional_words")


def config_allow_words(config: Config) -> frozenset[str]:
    """Lower-cased words the configuration makes acceptable: the office's vocabulary in sosmed.yml.

    People's names, the organisation and its city, the Kepala's title, division names and
    keywords, account names and usernames, and ``check.allow_words``.
    """
    names: list[str] = [config.kepala.name, config.kepala.title or "", config.organisation.name,
                        config.organisation.short_name, config.organisation.city]
    names += [d.name for d in config.kepala.deputies]
    for division in config.divisions:
        names += [division.name, division.head.name, *division.members, *division.keywords]
    names += [member.name for member in config.team]
    for account in (config.accounts.facebook, config.accounts.youtube):
        if account is not None:
            names.append(account.name)
    for handle in (config.accounts.instagram, config.accounts.x):
        if handle is not None:
            names.append(handle.username)
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
    morphology: Morphology | None = None
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
        if lower in nonstandard_words():
            return False
        if "-" in word:
            # The whole word first: hunspell knows many reduplications (masing-masing, sayur-mayur).
            if self._spell(word):
                return True
            if self.morphology is not None and self.morphology.accepts_hyphenated(word, self.word_ok):
                return True
            parts = [p for p in word.split("-") if p]
            # Prefixed acronyms and compounds: se-NTT, non-ASN, e-Kinerja.
            return all(self.word_ok(p) for p in parts)
        if "/" in word:
            return all(self.word_ok(p) for p in word.split("/") if p)
        if not _WORD.fullmatch(word):
            return True  # symbols, emoji, mixed scripts: not words a dictionary can judge
        if "\u2019" in word:  # a typographic apostrophe is the same word as with '
            word, lower = word.replace("\u2019", "'"), lower.replace("\u2019", "'")
        try:
            if self._spell(word, strict=True):
                return True
            # SHOUTING IN CAPITALS is a style problem (another rule), not a spelling one.
            if word.isupper() and self._spell(lower, strict=True):
                return True
        except UnicodeError:
            # The id_ID dictionary is Latin-1: a word it cannot even encode is not its to judge.
            return True
        return "'" not in lower and self.morphology is not None and self.morphology.accepts(lower)

    def _spell(self, word: str, *, strict: bool = False) -> bool:
        """hunspell's verdict (``strict``: let a word it cannot encode raise UnicodeError)."""
        try:
            return bool(self.hunspell.spell(word))  # type: ignore[attr-defined]
        except UnicodeError:
            if strict:
                raise
            return False

    def suggest(self, word: str, limit: int = 3) -> tuple[str, ...]:
        """Up to ``limit`` suggestions from hunspell (cached)."""
        found = self.suggested.get(word)
        if found is None:
            standard = nonstandard_words().get(word.lower())
            if standard is not None:
                found = (standard[0].upper() + standard[1:] if word[0].isupper() else standard,)
            else:
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
        italics = [m.span() for m in _ITALIC.finditer(text)] if ("*" in text or "_" in text) else []
        # One pass over the text finds where each candidate occurs (and whether a capitalised
        # word starts a sentence, which makes it a word to check rather than a name).
        for match in _TOKEN.finditer(text):
            entry = candidates.get(match.group())
            if entry is None:
                continue
            if italics and any(start <= match.start() < end for start, end in italics):
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
ROOT_SOURCES = ("hunspell", "sastrawi")


@cache
def _morphology(directory: str, language: str, sources: tuple[str, ...]) -> Morphology:
    engine = _hunspell(directory, language)
    roots = hunspell_stems(directory, language) | packaged_words("kbbi_words") | packaged_words("regional_words")
    if "sastrawi" in sources:
        roots |= sastrawi_roots()
    return Morphology(engine.spell, roots, make_stemmer(roots))  # type: ignore[attr-defined]


def get_speller(config: Config, directory: str = DEFAULT_DIR, language: str = DEFAULT_LANGUAGE,
                skip_proper_nouns: bool = True, roots: tuple[str, ...] = ("hunspell",)) -> Speller:
    """The speller for this dictionary and configuration (built once; raises DictionaryMissing).

    ``roots``: where the morphology's root words come from, ``hunspell`` (the dictionary's stems)
    and optionally ``sastrawi`` (the stemmer package's own list, CC BY-NC-SA 3.0).
    """
    allow = _packaged_allow_words() | config_allow_words(config)
    key = (directory, language, allow, skip_proper_nouns, roots)
    speller = _spellers.get(key)
    if speller is None:
        speller = Speller(_hunspell(directory, language), allow, skip_proper_nouns,
                          _morphology(directory, language, tuple(sorted(roots))))
        _spellers[key] = speller
    return speller
