"""Text from outside (citizens' comments, archive member names) made safe to store and to show."""

from __future__ import annotations

import unicodedata

# Invisible characters that joined emoji and some scripts need; every other format character is shown.
_KEPT_FORMAT = {"\u200c", "\u200d"} | {chr(c) for c in range(0xE0020, 0xE0080)}
_HIDDEN_CATEGORIES = ("Cc", "Cf", "Cs", "Zl", "Zp")


def visible_text(value: str) -> str:
    """``value`` with control, bidi and other invisible format characters written as ``[U+XXXX]``.

    A citizen's comment can carry ESC, BEL, NUL, the right-to-left override U+202E or the line
    separator U+2028: YAML refuses some of them outright, and the others hide or reorder what
    a reviewer reads. Written visibly, an editor sees that something was there and what it was.
    Line ends become ``\\n``; tabs, zero-width (non-)joiners and emoji tag characters are kept.
    """
    text = value.replace("\r\n", "\n").replace("\r", "\n")
    if text.isprintable():
        return text
    out = []
    for char in text:
        if char in "\n\t" or char in _KEPT_FORMAT:
            out.append(char)
        elif unicodedata.category(char) in _HIDDEN_CATEGORIES or char in "\ufffe\uffff":
            out.append(f"[U+{ord(char):04X}]")
        else:
            out.append(char)
    return "".join(out)
