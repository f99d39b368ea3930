"""The one personal-data finder and masker: what ``sosmed check`` reports is what the site hides.

:func:`find` returns every finding of a text — NIK, NIP, phone, e-mail, vehicle plate, home
address, other long number (an account or card number: masked, though no rule reports it)
and @handle — with its span, a masked form, and whether it is one of the values the
organisation publishes on purpose (:mod:`sosmed.privacy.contacts`). :func:`mask` replaces every
finding that is not public by its masked form. The FBS 8 rules, the site, the FAQ, the feeds,
the recap and the check reports all call these two functions.

Handles are found only when asked for (``kinds``): a citizen's question names a private
person with one, while a post naming a partner agency's account is editorial.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass
from typing import Literal

from sosmed.privacy.contacts import NOTHING, PublicData
from sosmed.privacy.numbers import domain_allowed, find_emails, find_numbers, mask_email
from sosmed.privacy.places import find_addresses, find_handles, find_plates, may_hold_address

Kind = Literal["nik", "nip", "phone", "number", "email", "plate", "address", "handle"]
TEXT_KINDS: frozenset[str] = frozenset(("nik", "nip", "phone", "number", "email", "plate", "address"))
ALL_KINDS: frozenset[str] = TEXT_KINDS | {"handle"}
_NUMBER_KINDS = frozenset(("nik", "nip", "phone", "number"))
_URL = re.compile(r"(?:https?://|www\.)\S+")


@dataclass(frozen=True, slots=True)
class Finding:
    """Personal data in a text: kind, span, masked form, normalised value and flags.

    ``public``: one of the organisation's declared contacts (left visible, never reported);
    ``mobile``: a phone number that is a mobile; ``named``: a plate with a person's name nearby.
    """

    kind: str
    start: int
    end: int
    masked: str
    value: str
    public: bool = False
    mobile: bool = False
    named: bool = False


def _has_digit(text: str) -> bool:
    return any(ch.isdigit() for ch in text)


def _numbers(text: str, public: PublicData, kinds: Collection[str]) -> list[Finding]:
    out = []
    urls = [m.span() for m in _URL.finditer(text)] if "number" in kinds and ("://" in text or "www." in text) else []
    for found in find_numbers(text, long_numbers="number" in kinds):
        if found.kind not in kinds:
            continue
        if found.kind == "number" and any(start <= found.start < end for start, end in urls):
            continue  # a post id in a link is no one's number
        is_public = found.digits in public.phones if found.kind == "phone" else \
            found.digits in public.nips if found.kind == "nip" else False
        out.append(Finding(found.kind, found.start, found.end, found.masked, found.digits, is_public, found.mobile))
    return out


def _emails(text: str, public: PublicData) -> list[Finding]:
    out = []
    for start, end, local, domain in find_emails(text):
        address = f"{local}@{domain}".lower()
        is_public = address in public.emails or domain_allowed(domain, public.domains)
        out.append(Finding("email", start, end, mask_email(local, domain), address, is_public))
    return out


def find(text: str, public: PublicData | None = None, kinds: Collection[str] = TEXT_KINDS) -> list[Finding]:
    """Every piece of personal data of the given ``kinds`` in ``text``, in order, without overlaps."""
    public = public or NOTHING
    found: list[Finding] = []
    digits = _has_digit(text)
    if digits and not _NUMBER_KINDS.isdisjoint(kinds):
        found.extend(_numbers(text, public, kinds))
    if "@" in text:
        if "email" in kinds:
            found.extend(_emails(text, public))
        if "handle" in kinds:
            found.extend(Finding("handle", p.start, p.end, p.masked, p.value, p.value in public.handles)
                         for p in find_handles(text))
    if digits and "plate" in kinds:
        found.extend(Finding("plate", p.start, p.end, p.masked, p.value, named=p.named)
                     for p in find_plates(text, public.people))
    if digits and "address" in kinds and may_hold_address(text.lower()):
        found.extend(Finding("address", p.start, p.end, p.masked, p.value, public.address_is_public(p.value))
                     for p in find_addresses(text))
    return _without_overlaps(found)


def _without_overlaps(found: list[Finding]) -> list[Finding]:
    """Earliest first; of overlapping findings the longer one stays (an e-mail holds a handle-like part)."""
    found.sort(key=lambda f: (f.start, -(f.end - f.start)))
    kept: list[Finding] = []
    for finding in found:
        if kept and finding.start < kept[-1].end:
            continue
        kept.append(finding)
    return kept


def mask_findings(text: str, findings: list[Finding], redacted: str | None = None) -> str:
    """``text`` with each non-public finding replaced by its masked form, or whole by ``redacted``
    when given (findings in order, no overlaps)."""
    parts: list[str] = []
    last = 0
    for finding in findings:
        if finding.public:
            continue
        parts.append(text[last:finding.start])
        parts.append(finding.masked if redacted is None else redacted)
        last = finding.end
    if not parts:
        return text
    parts.append(text[last:])
    return "".join(parts)


def mask(text: str, public: PublicData | None = None, kinds: Collection[str] = TEXT_KINDS) -> str:
    """``text`` with every personal datum that is not public masked (``5371********0003``, ``m***@gmail.com``;
    whole, by ``public.redacted``, for what the public reads)."""
    if not text:
        return text
    return mask_findings(text, find(text, public, kinds), public.redacted if public is not None else None)
