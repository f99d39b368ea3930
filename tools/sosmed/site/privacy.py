"""Masking personal data in citizens' questions and answers before they go on the public FAQ.

The asker's handle is never taken from the form at all; this catches what people
write into the text itself: e-mail addresses, phone numbers, NIK/NIP-like numbers
and @handles other than the agency's own accounts.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from sosmed.i18n import t

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# Indonesian mobile and fixed-line numbers, with +62/62/0 prefix and the usual separators.
_PHONE = re.compile(r"(?<![\w+])(?:\+62|62|0)[\s.-]?\d{2,4}(?:[\s.-]?\d{2,4}){2,3}(?!\w)")
# NIK (16 digits) and NIP (18 digits, often written 8-6-1-3) and other long identity numbers.
_NUMBER = re.compile(r"(?<!\w)\d(?:[\s.]?\d){11,19}(?!\w)")
_HANDLE = re.compile(r"(?<![\w@])@([A-Za-z0-9_.]{2,30})")


def mask(text: str, lang: str, allowed_handles: Iterable[str] = ()) -> str:
    """``text`` with personal data replaced by a visible placeholder."""
    allowed = {h.lower().lstrip("@") for h in allowed_handles}
    text = _EMAIL.sub(t("site.mask.email", lang), text)
    text = _PHONE.sub(t("site.mask.phone", lang), text)
    text = _NUMBER.sub(t("site.mask.number", lang), text)
    handle_mask = t("site.mask.handle", lang)
    return _HANDLE.sub(lambda m: m.group(0) if m.group(1).lower().rstrip(".") in allowed else handle_mask, text)
