"""The FBS 8 rules' view of :mod:`sosmed.privacy`: findings of an item's texts, found once per item.

The finding itself lives in :mod:`sosmed.privacy` (the site and every report use the same
finder); this module only shares its results between the NIK, NIP, phone, e-mail, plate and
address rules, so each item's texts are searched once.
"""

from __future__ import annotations

from sosmed.check.rule import RuleContext
from sosmed.check.textscan import Scan, TextField, longest_digit_run
from sosmed.privacy import Finding, find, public_data
from sosmed.privacy.numbers import domain_allowed

__all__ = ["domain_allowed", "findings_in", "numbers_in"]

_NUMBERS = frozenset(("nik", "nip", "phone"))


def numbers_in(scan: Scan, ctx: RuleContext) -> list[tuple[TextField, Finding]]:
    """Every NIK, NIP and phone number of an item's texts (found once, shared by three rules)."""
    found = scan.extra.get("numbers")
    if found is None:
        found = []
        if scan.longest_number >= 9:
            public = public_data(ctx.config)
            for text_field in scan.fields:
                text = text_field.text
                if longest_digit_run(text) >= 9:
                    found.extend((text_field, f) for f in find(text, public, _NUMBERS))
        scan.extra["numbers"] = found
    return found


def findings_in(scan: Scan, ctx: RuleContext, kind: str) -> list[tuple[TextField, Finding]]:
    """Findings of one other ``kind`` (``email``, ``plate``, ``address``) in an item's texts."""
    key = f"privacy:{kind}"
    found = scan.extra.get(key)
    if found is None:
        public = public_data(ctx.config)
        found = [(text_field, f) for text_field in scan.fields for f in find(text_field.text, public, (kind,))]
        scan.extra[key] = found
    return found
