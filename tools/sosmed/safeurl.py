"""Which links may appear on anything public: ``http``, ``https``, ``mailto`` and site-relative ones.

Browsers ignore control characters and whitespace inside a scheme and decode entities in
attributes, so ``JaVa&#x53;cript:``, ``java\\tscript:`` and `` javascript:`` are all script:
the scheme is judged after the same normalisation. Anything else with a scheme is refused
(``javascript:``, ``data:``, ``vbscript:``, ``file:`` …).
"""

from __future__ import annotations

import html
import re

SAFE_SCHEMES = frozenset(("http", "https", "mailto"))
_CONTROL = re.compile(r"[\x00-\x20\x7f]+")
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")


def scheme_of(url: str) -> str | None:
    """The lower-case scheme a browser would see in ``url`` (entities decoded, controls removed), or None."""
    cleaned = _CONTROL.sub("", html.unescape(url))
    match = _SCHEME.match(cleaned)
    if match is None or "/" in cleaned[: match.start(1)]:
        return None
    return match.group(1).lower()


def is_safe_url(url: str | None) -> bool:
    """Whether ``url`` is an http(s)/mailto address or a relative link (no scheme at all)."""
    if not url or not url.strip():
        return False
    scheme = scheme_of(url.strip())
    if scheme is None:
        # Relative ("../x/", "#top", "/path"); a protocol-relative "//host" is another site: only http(s) is.
        return not _CONTROL.sub("", url).startswith(("//", "\\\\", "/\\", "\\/"))
    return scheme in SAFE_SCHEMES


def is_web_url(url: str | None) -> bool:
    """Whether ``url`` is an absolute http(s) address with a host."""
    return bool(url) and scheme_of(url or "") in ("http", "https") and "://" in (url or "") and \
        not _CONTROL.search((url or "").strip())
