"""Small HTML builders shared by the page modules (escaped, relative links, no inline scripts)."""

from __future__ import annotations

from collections.abc import Iterable
from html import escape

from sosmed.i18n import t
from sosmed.site.paths import relative


def esc(text: object) -> str:
    """HTML-escape any value's text."""
    return escape(str(text), quote=True)


def link(from_url: str, to_url: str, text: str, cls: str | None = None) -> str:
    """An ``<a>`` from the page at ``from_url`` to site path ``to_url``; ``text`` is escaped."""
    attr = f' class="{cls}"' if cls else ""
    return f'<a href="{esc(relative(from_url, to_url))}"{attr}>{esc(text)}</a>'


def external(url: str, text: str) -> str:
    """A link to another site, without passing on who the visitor came from."""
    return f'<a href="{esc(url)}" rel="noopener noreferrer">{esc(text)}</a>'


def ul(items: Iterable[str], cls: str) -> str:
    """A ``<ul>`` of already-built HTML fragments, on one line (a raw-HTML block in Markdown)."""
    return f'<ul class="{cls}">' + "".join(f"<li>{i}</li>" for i in items) + "</ul>"


def pager(from_url: str, pages: list[str], current: int, lang: str) -> str:
    """Previous/next links and the page position of a paginated list; empty for one page."""
    if len(pages) <= 1:
        return ""
    parts = []
    if current > 1:
        parts.append(link(from_url, pages[current - 2], t("site.pagination.previous", lang)))
    parts.append(f"<span>{esc(t('site.pagination.position', lang, page=current, pages=len(pages)))}</span>")
    if current < len(pages):
        parts.append(link(from_url, pages[current], t("site.pagination.next", lang)))
    label = esc(t("site.pagination.label", lang))
    return f'<nav class="sosmed-pager" aria-label="{label}">' + " ".join(parts) + "</nav>"
