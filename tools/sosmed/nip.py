"""Structure of an Indonesian civil-servant number (NIP, 18 digits).

``YYYYMMDD`` birth date, ``YYYYMM`` appointment (TMT CPNS), ``1``/``2`` sex,
``NNN`` sequence; usually written ``19710707 199703 2 008``.
"""

from __future__ import annotations

import re
from datetime import date

_NIP = re.compile(r"^(\d{8})\s?(\d{6})\s?(\d)\s?(\d{3})$")


def normalise_nip(value: str) -> str | None:
    """Return the 18 digits of a NIP written with or without its usual spaces, else None."""
    match = _NIP.match(value.strip())
    if not match:
        return None
    return "".join(match.groups())


def nip_is_plausible(digits: str) -> bool:
    """Whether 18 digits have a real birth date, appointment month and sex digit."""
    if len(digits) != 18 or not digits.isdigit():
        return False
    try:
        born = date(int(digits[0:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError:
        return False
    year, month = int(digits[8:12]), int(digits[12:14])
    if not 1 <= month <= 12 or year < born.year + 15:
        return False
    return digits[14] in "12"


def format_nip(digits: str) -> str:
    """``197107071997032008`` → ``19710707 199703 2 008``."""
    return f"{digits[0:8]} {digits[8:14]} {digits[14]} {digits[15:18]}"
