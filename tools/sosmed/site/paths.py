"""Where generated pages live and how pages link to each other (relative links only).

A page is identified by its source URI (``2020/05/<folder>/index.md``, as MkDocs calls
it) and served at the directory URL (``2020/05/<folder>/``), which is exactly
:func:`sosmed.urls.item_path` for posts and Q&A forms.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from typing import TypeVar

T = TypeVar("T")

PER_PAGE = 50


def page_uri(url: str) -> str:
    """Source URI of the page served at directory ``url`` (``""`` is the home page)."""
    return url + "index.md"


def relative(from_url: str, to_url: str) -> str:
    """Link from the page at directory ``from_url`` to the site path ``to_url``."""
    link = "../" * from_url.count("/") + to_url
    return link or "./"


def slugify(text: str) -> str:
    """A URL-safe, lower-case ASCII slug (``"Media Sosial"`` → ``media-sosial``)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug or "x"


def paginate(entries: Sequence[T], base_url: str, per_page: int = PER_PAGE) -> list[tuple[str, Sequence[T]]]:
    """Split ``entries`` into pages: ``base_url`` first, then ``base_url/2/``, ``3/``…"""
    chunks = [entries[i : i + per_page] for i in range(0, len(entries), per_page)] or [entries[:0]]
    return [(base_url if n == 1 else f"{base_url}{n}/", chunk) for n, chunk in enumerate(chunks, 1)]
