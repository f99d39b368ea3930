"""Where people live and what they drive: home addresses, vehicle plates, and @handles.

- **Home addresses**, where a text makes them detectable: a street with a house number
  (``Jl. Kenari No. 12``, ``Jalan Frans Seda 15``, ``Gg. Mawar 3``), or a neighbourhood unit
  (``RT 05/RW 02``, ``RT. 005 RW. 002``, ``RT/RW 05/02``); a following kelurahan, desa or
  kecamatan is part of the address. A street or a kelurahan alone is a place, not an address
  ("Jalan El Tari ditutup", "warga Kelurahan Oebobo").
- **Vehicle plates**: Indonesian region letters, 1–4 digits, suffix letters (``DH 1234 AB``); a
  plate without suffix letters (``DH 1234``) counts only with a person's name nearby, and
  ``named`` says whether one is.
- **@handles**: an account name written in a text (``@warga_kupang``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

_PLACE = r"(?:,?\s*(?i:kel\.|kelurahan|desa|ds\.|kec\.|kecamatan)\s+[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)?)"
_UNIT = r"(?i:RT\.?|RW\.?|RT/RW\.?)\s*\d{1,3}(?:\s*/\s*(?i:RW\.?\s*)?\d{1,3})?"
_STREET = re.compile(
    r"\b(?P<kw>(?i:jalan|jln\.?|jl\.?|gang|gg\.?|lorong))\s*"
    r"(?P<name>[A-Z0-9][\w'’.-]*(?:\s+[A-Z0-9][\w'’.-]*){0,4}?)"
    r"(?P<num>,?\s*(?i:no\.?|nomor|nmr\.?)\s*\d{1,4}[A-Za-z]?(?:/\d+)?|\s+(?!(?:19|20)\d\d\b)\d{1,4}[A-Za-z]?)\b"
    r"(?:,?\s*" + _UNIT + r")*" + _PLACE + r"*"
)
_NEIGHBOURHOOD = re.compile(
    r"\b(?:(?i:RT\.?)\s*\d{1,3}\s*[/,]?\s*(?i:RW\.?)\s*\d{1,3}|(?i:RT/RW\.?)\s*\d{1,3}\s*/\s*\d{1,3})\b" + _PLACE + "*"
)
_ADDRESS_HINTS = ("jl", "jalan", "gang", "gg", "lorong", "rt", "rw")
_KEY_DROP = frozenset(("no", "nomor", "nmr"))
_KEY_SPLIT = re.compile(r"[^\w]+")

_REGIONS = (
    "A B D E F G H K L M N P R S T W Z AA AB AD AE AG BA BB BD BE BG BH BK BL BM BN BP "
    "DA DB DC DD DE DG DH DK DL DM DN DR DS DT DW EA EB ED KB KH KT KU PA PB PG PT PY"
).split()
_PLATE = re.compile(
    r"\b(" + "|".join(sorted(_REGIONS, key=len, reverse=True)) + r") ?(\d{1,4})(?: ?([A-Z]{1,3}))?\b"
)
_HONORIFIC = (
    r"(?i:bapak|bpk\.?|pak|ibu|bu|sdr\.?|sdri\.?|saudara|saudari|tn\.?|ny\.?|nn\.?|milik|pemilik|pengemudi|"
    r"sopir|atas nama|a\.n\.)"
)
# Owners that are institutions, not persons ("milik Pemerintah Provinsi NTT").
_INSTITUTION = (
    r"(?!(?:Pemerintah|Pemprov|Pemkab|Pemkot|Dinas|Badan|Kantor|Provinsi|Kabupaten|Kota|Negara|Sekretariat|"
    r"Bidang|Biro|Instansi|Kementerian|Satuan|Sekolah|Universitas|Yayasan|Perusahaan|Koperasi)\b)"
)
_NAMED = re.compile(
    r"\b" + _HONORIFIC + r"\s*:?\s*(?:(?i:bapak|ibu|sdr\.?|sdri\.?)\s+)?" + _INSTITUTION + r"[A-Z][a-z]{2,}"
)
PLATE_WINDOW = 80
HANDLE = re.compile(r"(?<![\w@.])@([A-Za-z0-9_](?:[A-Za-z0-9_.]{0,28}[A-Za-z0-9_])?)")


@dataclass(frozen=True, slots=True)
class Place:
    """An address, plate or handle: offsets, masked form, normalised value, and for plates a name nearby."""

    kind: str
    start: int
    end: int
    masked: str
    value: str
    named: bool = False


def address_key(text: str) -> tuple[str, ...]:
    """Words of an address for comparing writings: ``Jl. Polisi Militer No. 3`` → ``(jl, polisi, militer, 3)``."""
    words = [w for w in _KEY_SPLIT.split(text.lower()) if w and w not in _KEY_DROP]
    return tuple("jl" if w in ("jalan", "jln") else "gg" if w == "gang" else w for w in words)


def may_hold_address(lowered: str) -> bool:
    """Cheap gate: whether a lower-cased text can hold an address at all."""
    return any(hint in lowered for hint in _ADDRESS_HINTS)


def find_addresses(text: str) -> Iterator[Place]:
    """Home addresses in ``text``: streets with a house number, RT/RW units (with their kelurahan/desa)."""
    taken: list[tuple[int, int]] = []
    for match in _STREET.finditer(text):
        taken.append(match.span())
        keyword = match.group("kw")
        yield Place("address", match.start(), match.end(), f"{keyword} ***", " ".join(address_key(match.group())))
    for match in _NEIGHBOURHOOD.finditer(text):
        if any(start <= match.start() < end for start, end in taken):
            continue
        yield Place("address", match.start(), match.end(), "RT ***/RW ***", " ".join(address_key(match.group())))


def find_plates(text: str, people: Iterable[str] = (), window: int = PLATE_WINDOW) -> Iterator[Place]:
    """Vehicle plates: with suffix letters always, without them only next to a person's name."""
    for match in _PLATE.finditer(text):
        region, number, suffix = match.groups()
        if len(region) == 1 and not suffix:
            continue
        near = text[max(0, match.start() - window): match.end() + window]
        named = bool(_NAMED.search(near) or any(p in near for p in people))
        if not suffix and not named:
            continue
        masked = " ".join(part for part in (region, "*" * len(number), suffix) if part)
        yield Place("plate", match.start(), match.end(), masked, f"{region}{number}{suffix or ''}", named)


def find_handles(text: str) -> Iterator[Place]:
    """``@name`` account handles (not the part of an e-mail address after its ``@``)."""
    if "@" not in text:
        return
    for match in HANDLE.finditer(text):
        yield Place("handle", match.start(), match.end(), "@…", match.group(1).lower().rstrip("."))
