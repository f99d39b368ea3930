"""FBS 9: no misuse of accounts — access tokens and keys must never be in content.

A token pasted into a post or a form would be published to the world and to the git
history. Recognised shapes: Facebook/Instagram Graph tokens (``EAA…``), Instagram tokens
(``IGQV…``/``IGQW…`` of the Basic Display API, ``IGAA…`` of the Instagram API with Instagram
Login), X/Twitter app bearer tokens (``AAAA…%…``) and OAuth 1.0a user access tokens
(``<user id>-<40 chars>``), ``Bearer …`` headers, Google OAuth access tokens (``ya29.…``) and
API keys (``AIza…``), GitHub tokens (``ghp_``/``gho_``/``ghu_``/``ghs_``/``ghr_``,
``github_pat_``) and PEM private key blocks. The message names the kind and shows only its
public prefix.

Passwords and PINs written in plain words are found too (:mod:`sosmed.check.plainsecrets`):
"kata sandi akun … adalah Flobamora2020!", "password: …", "PIN ATM … 482915".
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterable, Iterator

from sosmed.check.plainsecrets import KEYWORD_TOKENS, find_plain_secrets
from sosmed.check.rule import RuleContext
from sosmed.check.textscan import Scan, problem_at, scan
from sosmed.model.item import Item
from sosmed.problem import Problem

ID = "account-secrets"
FBS = 9
LEVEL = "error"
APPLIES_TO = ("post", "qna")
OPTIONS: dict[str, type] = {}
DEFAULTS: dict[str, object] = {}
DOC = {
    "id": (
        "Akun tidak boleh disalahgunakan (FBS 9): token akses dan kunci rahasia (Facebook/Instagram, X, "
        "Google, GitHub, kunci privat) serta kata sandi atau PIN yang ditulis dengan kata-kata ('kata sandi "
        "akun … adalah …', 'password: …', 'PIN …') tidak boleh ada di tulisan atau formulir, karena akan "
        "tersebar dan tersimpan di riwayat git. Cabut token dan ganti kata sandi yang terlanjur tertulis."
    ),
    "en": (
        "No misuse of accounts (FBS 9): access tokens and secret keys (Facebook/Instagram, X, Google, GitHub, "
        "private keys) and passwords or PINs written in words ('kata sandi akun … adalah …', 'password: …', "
        "'PIN …') must not be in posts or forms, where they would be published and kept in the git history. "
        "Revoke any token and change any password that was written down."
    ),
}

# (kind, pattern, characters shown, marker): the marker is a substring every match contains,
# a cheap gate so that clean text never reaches the regular expressions; None = digit before a dash.
Shape = tuple[str, "re.Pattern[str]", int, str | None]
_SHAPES: tuple[Shape, ...] = (
    ("facebook", re.compile(r"(?<![A-Za-z0-9])EAA[A-Za-z0-9]{30,}"), 4, "EAA"),
    ("instagram", re.compile(r"(?<![\w-])IG(?:QV|QW|AA)[A-Za-z0-9_-]{30,}"), 4, "IG"),
    # Exactly 15 A's then the rest (which may hold more A's): "A{15,}…" would backtrack quadratically.
    ("x_bearer", re.compile(r"(?<![A-Za-z0-9])A{15}[A-Za-z0-9%]{30,}"), 4, "AAAAAAAAAAAAAAA"),
    ("x_oauth1", re.compile(r"(?<![\w-])\d{6,20}-[A-Za-z0-9]{35,50}(?![\w-])"), 0, None),
    ("bearer", re.compile(r"\bBearer\s+[A-Za-z0-9._~+/-]{20,}=*"), 6, "Bearer"),
    ("google_oauth", re.compile(r"(?<![\w.])ya29\.[0-9A-Za-z_-]{20,}"), 5, "ya29."),
    ("google_key", re.compile(r"(?<![\w-])AIza[0-9A-Za-z_-]{35}(?![\w-])"), 4, "AIza"),
    ("github", re.compile(r"(?<![A-Za-z0-9_])gh[pousr]_[A-Za-z0-9]{36,}"), 4, "_"),
    ("github", re.compile(r"(?<![A-Za-z0-9_])github_pat_[A-Za-z0-9_]{22,}"), 11, "github_pat_"),
    ("private_key", re.compile(r"-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY( BLOCK)?-----"), 0, "PRIVATE KEY"),
)


_WORDS = frozenset({b"private", b"bearer"})
# Token characters become "a", the rest a space: what a shape's long run is made of (letters,
# digits, % _ -), plus everything the item's tokens may hold (any non-ASCII byte, @, $, controls).
_RUN_TABLE = bytes(
    32 if chr(b) in string.whitespace or (chr(b) in string.punctuation and chr(b) not in "%_-@$") else 97
    for b in range(256)
)
_LONG_RUN = b"a" * 20


def _digit_dash(text: str) -> bool:
    # An OAuth 1.0a user token is "<digits>-<40 chars>": look only where a digit precedes a dash.
    index = text.find("-")
    while index != -1:
        if index and text[index - 1].isdigit():
            return True
        index = text.find("-", index + 1)
    return False


def check(item: Item, ctx: RuleContext) -> Iterable[Problem]:
    """Report every token-shaped string and every password written in words in the item's texts."""
    s = scan(item)
    words = not s.tokens.isdisjoint(KEYWORD_TOKENS)
    shapes: list[Shape] = []
    # Every shape holds a run of 20+ token characters, or the words PRIVATE/Bearer.
    if _LONG_RUN in s.raw.translate(_RUN_TABLE) or s.tokens & _WORDS:
        joined = s.joined
        shapes = [shape for shape in _SHAPES if (shape[3] in joined if shape[3] is not None else _digit_dash(joined))]
    if not shapes and not words:
        return ()
    return _report(item, ctx, s, shapes, words)


def _report(item: Item, ctx: RuleContext, s: Scan, shapes: list[Shape], words: bool) -> Iterator[Problem]:
    for text_field in s.fields:
        text = text_field.text
        taken: list[tuple[int, int]] = []
        for kind, pattern, shown, marker in shapes:
            if not (marker in text if marker is not None else _digit_dash(text)):
                continue
            for match in pattern.finditer(text):
                if any(match.start() < end and start < match.end() for start, end in taken):
                    continue
                taken.append((match.start(), match.end()))
                prefix = match.group()[:shown] + "…" if shown else "…"
                yield problem_at(ctx, item, text_field, match.start(), f"rules.account_secrets.{kind}",
                                 prefix=prefix, length=len(match.group()), hide=match.group())
        if not words:
            continue
        for found in find_plain_secrets(text):
            # "password: <a token>" is the token's finding, reported once.
            if not any(found.start < end and start < found.end for start, end in taken):
                yield problem_at(ctx, item, text_field, found.start, "rules.account_secrets.password",
                                 keyword=found.keyword, length=found.end - found.start, hide=found.value)
