"""Indonesian personal numbers and e-mail addresses: NIK, NIP, phone numbers (FBS 8, UU 27/2022).

- **NIK** (16 digits) ``PPKKCC DDMMYY SSSS``: province, regency/city, district, birth date
  (day + 40 for women), serial. Plausible when the province is one of Indonesia's codes,
  regency and district are not ``00``, the date exists (in 19YY or 20YY) and the serial
  is not ``0000``.
- **NIP** (18 digits) ``YYYYMMDD YYYYMM G NNN``: birth date, appointment month, sex, serial.
  Civil servants' (PNS) numbers are checked strictly; PPPK numbers use the appointment
  digits differently, so a real birth date and a sex digit are enough to flag one.
- **Phone numbers**: candidates starting with ``0``, ``+62`` or ``62 8`` are confirmed by
  ``phonenumbers`` (region ID); mobiles and fixed lines are told apart. Area codes in
  brackets belong to the number: ``(0380) 821234``, ``(0380)821234``.
- **E-mail** addresses.

Numbers are written with spaces, dots or dashes between digit groups; a run of such
groups is split into every sequence of consecutive groups, longest first, so two numbers
written next to each other are still found separately. A number glued to a word counts
only when the word is a label (``NIK.3171…``, ``NIK:3171…``, ``HP0812…``); amounts after
``Rp``/``IDR`` never do.

Masking keeps only what identifies the kind of number, never enough to rebuild it:
``5371********0003`` for a NIK (the form the guideline's reviewers know).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Literal

import phonenumbers
from phonenumbers import PhoneNumberType

# Kemendagri province codes (incl. the Papua provinces formed in 2022).
PROVINCES = frozenset(
    "11 12 13 14 15 16 17 18 19 21 31 32 33 34 35 36 51 52 53 61 62 63 64 65 "
    "71 72 73 74 75 76 81 82 91 92 93 94 95 96".split()
)

# A run of digit groups joined by one space, dot or dash; a group may sit in brackets ("(0380) 821234",
# "(0380)821234").
NUMBER_RUN = re.compile(r"(?<!\d)\+?\(?\d+\)?(?:(?:[ .\-]|(?<=\)))\(?\d+\)?)*")
_GROUP = re.compile(r"\d+")
_MAX_GROUPS = 6
EMAIL = re.compile(r"(?<![\w.+-])([A-Za-z0-9][A-Za-z0-9._%+-]*)@([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,})")
# Words that label the number right after them, even without a space ("NIK.3171…", "HP:0812…").
LABELS = frozenset(
    "nik nip ktp kk nomor no nmr hp wa telp tel telepon tlp ponsel whatsapp nuptk nipppk id".split()
)
_MONEY = frozenset(("rp", "idr"))
_LETTERS_BEFORE = re.compile(r"([A-Za-z]+)[.:]?\s?\Z")

Kind = Literal["nik", "nip", "phone", "number"]
# Another long number (an account, a card, an implausible NIK): only the public outputs hide it.
LONG_NUMBER = 12


@dataclass(frozen=True, slots=True)
class Found:
    """A personal number in a text: what it is, where (offsets), its digits and a masked form."""

    kind: Kind
    start: int
    end: int
    digits: str
    masked: str
    mobile: bool = False


def _valid_date(year: int, month: int, day: int) -> bool:
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


def nik_is_plausible(digits: str) -> bool:
    """Whether 16 digits can be a NIK: province, regency, district, birth date (+40 rule), serial."""
    if len(digits) != 16 or not digits.isdigit():
        return False
    if digits[0:2] not in PROVINCES or digits[2:4] == "00" or digits[4:6] == "00":
        return False
    day, month, year = int(digits[6:8]), int(digits[8:10]), int(digits[10:12])
    if day > 40:
        day -= 40
    if not 1 <= day <= 31 or not 1 <= month <= 12:
        return False
    if not (_valid_date(1900 + year, month, day) or _valid_date(2000 + year, month, day)):
        return False
    return digits[12:16] != "0000"


def nip_is_personal(digits: str) -> bool:
    """Whether 18 digits look like a NIP (PNS) or a PPPK number: real birth date and a sex digit."""
    if len(digits) != 18 or not digits.isdigit():
        return False
    year, month, day = int(digits[0:4]), int(digits[4:6]), int(digits[6:8])
    if not 1930 <= year <= 2015 or not _valid_date(year, month, day):
        return False
    if digits[14] not in "12" or digits[15:18] == "000":
        return False
    appointed = int(digits[8:12])
    return year + 15 <= appointed <= year + 60


def mask_digits(digits: str, keep_start: int, keep_end: int) -> str:
    """``digits`` with all but the first ``keep_start`` and last ``keep_end`` replaced by ``*``."""
    hidden = len(digits) - keep_start - keep_end
    return digits[:keep_start] + "*" * hidden + digits[len(digits) - keep_end:]


def mask_nik(digits: str) -> str:
    """``5371015508900003`` → ``5371********0003``."""
    return mask_digits(digits, 4, 4)


def mask_nip(digits: str) -> str:
    """``198001022006042010`` → ``1980**********2010`` (birth date and serial hidden)."""
    return mask_digits(digits, 4, 4)


def mask_phone(e164_digits: str) -> str:
    """National form with the middle hidden: ``0812******90``."""
    return mask_digits(e164_digits, 4, 2)


def mask_email(local: str, domain: str) -> str:
    """``maria.nona@gmail.com`` → ``m***@gmail.com``."""
    return f"{local[0]}***@{domain}"


def national_phone(value: str) -> str | None:
    """A phone number in any writing as national digits (``0380833175``), or None when it is not one."""
    try:
        number = phonenumbers.parse(str(value), "ID")
    except phonenumbers.NumberParseException:
        return None
    if number.country_code != 62 or not phonenumbers.is_valid_number(number):
        return None
    return "0" + str(number.national_number)


def _phone(raw: str, digits: str) -> tuple[str, bool] | None:
    """National digits and whether it is a mobile, when ``raw`` is a valid Indonesian number."""
    stripped = raw.lstrip("(")
    if stripped.startswith("+"):
        if not digits.startswith("62"):
            return None
    elif not (digits.startswith("0") or digits.startswith("628")):
        return None
    if not 9 <= len(digits) <= 15:
        return None
    try:
        number = phonenumbers.parse(raw, "ID")
    except phonenumbers.NumberParseException:
        return None
    if number.country_code != 62 or not phonenumbers.is_valid_number(number):
        return None
    kind = phonenumbers.number_type(number)
    national = "0" + str(number.national_number)
    return national, kind in (PhoneNumberType.MOBILE, PhoneNumberType.FIXED_LINE_OR_MOBILE)


def _classify(text: str, start: int, end: int) -> Found | None:
    raw = text[start:end]
    digits = "".join(_GROUP.findall(raw))
    if len(digits) == 16 and nik_is_plausible(digits):
        return Found("nik", start, end, digits, mask_nik(digits))
    if len(digits) == 18 and nip_is_personal(digits):
        return Found("nip", start, end, digits, mask_nip(digits))
    phone = _phone(raw, digits)
    if phone is not None:
        national, mobile = phone
        return Found("phone", start, end, national, mask_phone(national), mobile)
    return None


def starts_cleanly(text: str, start: int) -> bool:
    """Whether a number may begin at ``start``: not inside a word, a decimal or an amount of money."""
    if start == 0:
        return True
    before = text[max(0, start - 16):start]
    label = _LETTERS_BEFORE.search(before)
    if label is not None:
        word = label.group(1).lower()
        if word in _MONEY:
            return False
        glued = not before[-1].isspace()
        return word in LABELS or not glued
    prev = before[-1]
    if prev.isalnum() or prev == "_":
        return False
    # "1.500.000", "3,5": a dot or comma right after a digit continues that number.
    return not (prev in ".," and len(before) >= 2 and before[-2].isdigit())


def find_numbers(text: str, *, long_numbers: bool = False) -> Iterator[Found]:
    """Every NIK, NIP-shaped number and phone number in ``text``, in order.

    With ``long_numbers``, also every other unbroken run of 12 or more digits (kind ``number``).
    """
    for run in NUMBER_RUN.finditer(text):
        if not starts_cleanly(text, run.start()):
            continue
        groups = [(m.start() + run.start(), m.end() + run.start()) for m in _GROUP.finditer(run.group())]
        if sum(end - start for start, end in groups) < 9:
            continue
        found = list(_split_run(text, run, groups))
        yield from found
        if long_numbers:
            yield from _long_numbers(groups, found, text)


def _long_numbers(groups: list[tuple[int, int]], found: list[Found], text: str) -> Iterator[Found]:
    """Runs of groups outside ``found`` whose digits add up to a long number (joined by spaces at most)."""
    taken = [(f.start, f.end) for f in found]
    current: list[tuple[int, int]] = []
    for start, end in [*groups, (-1, -1)]:
        free = start >= 0 and not any(s <= start < e for s, e in taken)
        if free and (not current or text[current[-1][1]:start] in ("", " ", "-")):
            current.append((start, end))
            continue
        digits = "".join(text[s:e] for s, e in current)
        if len(digits) >= LONG_NUMBER:
            yield Found("number", current[0][0], current[-1][1], digits, mask_digits(digits, 4, 4))
        current = [(start, end)] if free else []


def _split_run(text: str, run: re.Match[str], groups: list[tuple[int, int]]) -> Iterator[Found]:
    # prefix[k] = digits in groups[:k]; a window of groups i..j holds prefix[j + 1] - prefix[i] digits.
    prefix = [0]
    for start, end in groups:
        prefix.append(prefix[-1] + end - start)
    i = 0
    while i < len(groups):
        # No personal number is written in more than six groups ("53.71.01.550890.0003" has five):
        # bounding the window keeps a long run of digit groups linear.
        for j in range(min(len(groups) - 1, i + _MAX_GROUPS - 1), i - 1, -1):
            if not 9 <= prefix[j + 1] - prefix[i] <= 18:
                continue
            start = groups[i][0]
            if start > run.start() and text[start - 1] in "+(":
                start -= 1
                if start > run.start() and text[start - 1] == "+":
                    start -= 1
            end = groups[j][1]
            if end < run.end() and text[end] == ")":
                end += 1
            found = _classify(text, start, end)
            if found is not None:
                yield found
                i = j + 1
                break
        else:
            i += 1


def find_emails(text: str) -> Iterator[tuple[int, int, str, str]]:
    """``(start, end, local part, domain)`` of each e-mail address in ``text``."""
    if "@" not in text:
        return
    for match in EMAIL.finditer(text):
        yield match.start(), match.end(), match.group(1), match.group(2).lower()


def domain_allowed(domain: str, allowed: tuple[str, ...]) -> bool:
    """Whether ``domain`` is one of ``allowed`` or a subdomain of one."""
    domain = domain.lower().rstrip(".")
    return any(domain == a or domain.endswith("." + a) for a in allowed)
