"""Passwords and PINs written in plain words: "kata sandi akun … adalah Flobamora2020!", "PIN … 482915".

A keyword (``kata sandi``, ``sandi``, ``password``, ``PIN``, ``kode OTP`` …) is followed, within a
few words of the same sentence, by a value that looks like a secret:

- a PIN: 4 to 8 digits that are not a year (``482915``; not ``2020``);
- a password: at least 6 characters mixing letters with digits or symbols (``BkdNtt@2020``,
  ``flobamora88``), or any quoted value of 4 or more characters (``kata sandinya "kupangbaru"``).

Advice about passwords has no such value and passes ("Jangan bagikan kata sandi, PIN atau kode
OTP …", "kata sandi minimal 8 karakter"); so do links, e-mail addresses, letter numbers
(``800/BKD/2020``), hyphenated words (``e-Kinerja``) and acronym-numbers (``COVID-19``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

# The item's tokens that make a search worth it (lower-case, split at punctuation, as textscan makes them).
KEYWORD_TOKENS = frozenset(
    b"sandi sandinya password passwordnya passwd pwd pin pinnya otp".split()
)
_KEYWORD = re.compile(
    r"(?i)(?<![\w-])(kata\s+sandi|sandi|password|passwd|pwd|pin|kode\s+otp|otp)(?:-?nya)?(?![\w])"
)
_TOKEN = re.compile(r"\S+")
_OPENERS = "\"'“‘(«"
_QUOTES = "\"'“‘«"
_CLOSERS = "\"'”’)»,;:"
_SENTENCE_END = ".?!"
_REACH = 10  # words after the keyword
_YEAR = re.compile(r"(?:19|20)\d\d")
_NOT_SECRET = re.compile(
    r"://|^www\.|/|^[\w.+-]+@[\w-]+\.[\w.]+$|^[A-Z]+-\d+$|^\d{1,2}[.:]\d\d$|^[A-Za-z]+(?:-[A-Za-z]+)+$"
)


@dataclass(frozen=True, slots=True)
class PlainSecret:
    """A secret value written after a keyword: its span, the value as written and the keyword."""

    start: int
    end: int
    value: str
    keyword: str


def _looks_secret(value: str, *, quoted: bool) -> bool:
    if not value or _NOT_SECRET.search(value):
        return False
    if value.isdigit():
        return 4 <= len(value) <= 8 and not _YEAR.fullmatch(value)
    if quoted:
        return len(value) >= 4
    if len(value) < 6:
        return False
    letters = any(ch.isalpha() for ch in value)
    digits = any(ch.isdigit() for ch in value)
    symbols = any(not ch.isalnum() for ch in value)
    return letters and (digits or symbols)


def _value(text: str, start: int) -> tuple[int, int, str] | None:
    """The secret-looking value among the next words after offset ``start`` (same sentence)."""
    for count, match in enumerate(_TOKEN.finditer(text, start)):
        if count >= _REACH:
            return None
        word = match.group()
        lead = len(word) - len(word.lstrip(_OPENERS))
        core = word[lead:].rstrip(_CLOSERS)
        quoted = lead > 0 and word[lead - 1] in _QUOTES
        # Sentence punctuation after a value is not part of it ("… flobamora88."), except a '!' that may be.
        inner = core.rstrip(_SENTENCE_END)
        if _looks_secret(inner, quoted=quoted):
            value = core.rstrip(".?")
            begin = match.start() + lead
            return begin, begin + len(value), value
        if inner != core or text[match.end():match.end() + 1] == "\n":
            return None
    return None


def find_plain_secrets(text: str) -> Iterator[PlainSecret]:
    """Every password or PIN written after a keyword in ``text``, in order."""
    reach = 0
    for match in _KEYWORD.finditer(text):
        if match.start() < reach:
            continue
        after = match.end()
        if after < len(text) and text[after] in ":=":
            after += 1
        found = _value(text, after)
        if found is not None:
            start, end, value = found
            reach = end
            yield PlainSecret(start, end, value, match.group(1))
