"""The site's one audited HTML layer: escaping, links, the Markdown of bodies, and the sanitiser.

Rules every page module keeps (and the tests check on the built site):

- every text that is not our own markup goes through :func:`esc` (or a helper that calls it);
- a link to another site goes through :func:`external`, which accepts only ``http``, ``https``
  and ``mailto`` (anything else becomes plain text); links inside the site through :func:`link`;
- Markdown written by people (post bodies, recaps) is rendered by :func:`markdown_html` and
  sanitised with ``nh3`` (the Python binding of the Rust ``ammonia`` sanitiser): raw HTML,
  ``on*`` attributes and non-web URLs are removed;
- the finished page passes :func:`clean_page`, the same sanitiser with the allow-list of what
  the page modules emit: a slip in a page module cannot become script either.

The HTML is handed to MkDocs as the page's final content; Markdown never re-reads it.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable
from html import escape

import nh3

from sosmed.compose.markdown import markdown_parser
from sosmed.i18n import t
from sosmed.privacy import PublicData, find, mask_findings
from sosmed.safeurl import SAFE_SCHEMES, is_safe_url
from sosmed.site.paths import relative

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

# What people may write in a body (Markdown's output) …
BODY_TAGS = frozenset(
    "a abbr b blockquote br caption code del details div em figcaption figure h1 h2 h3 h4 h5 h6 hr i img ins "
    "kbd li mark ol p pre q s small span strong sub summary sup table tbody td tfoot th thead tr u ul".split()
)
BODY_ATTRIBUTES = {
    "*": {"class", "id", "lang", "title"},
    "a": {"href"},
    "img": {"src", "alt", "width", "height"},
    "td": {"align", "colspan", "rowspan"},
    "th": {"align", "colspan", "rowspan"},
    "ol": {"start"},
}
# … and, on top of that, what the page modules emit.
PAGE_TAGS = BODY_TAGS | {"article", "nav", "section", "video", "form", "label", "input", "button", "time"}
PAGE_ATTRIBUTES = {
    **BODY_ATTRIBUTES,
    "*": BODY_ATTRIBUTES["*"] | {"role", "aria-label", "hidden"},
    "a": {"href", "rel", "download"},
    "img": BODY_ATTRIBUTES["img"] | {"loading", "decoding"},
    "video": {"controls", "preload", "src", "poster"},
    "form": {"action", "method", "role"},
    "label": {"for"},
    "input": {"id", "type", "name", "placeholder"},
    "button": {"type"},
    "time": {"datetime"},
}


def esc(text: object) -> str:
    """HTML-escape any value's text (quotes too); control characters are dropped."""
    return escape(_CONTROL.sub("", str(text)), quote=True)


def link(from_url: str, to_url: str, text: str, cls: str | None = None) -> str:
    """An ``<a>`` from the page at ``from_url`` to site path ``to_url``; ``text`` is escaped."""
    attr = f' class="{esc(cls)}"' if cls else ""
    return f'<a href="{esc(relative(from_url, to_url))}"{attr}>{esc(text)}</a>'


def external(url: str | None, text: str) -> str:
    """A link to another site (http, https, mailto only; else the text alone), not telling where from."""
    if not url or not ("://" in url or url.strip().lower().startswith("mailto:")) or not is_safe_url(url):
        return esc(text)
    return f'<a href="{esc(url.strip())}" rel="noopener noreferrer">{esc(text)}</a>'


def ul(items: Iterable[str], cls: str) -> str:
    """A ``<ul>`` of already-built HTML fragments."""
    return f'<ul class="{esc(cls)}">' + "".join(f"<li>{i}</li>" for i in items) + "</ul>"


def para(text: str) -> str:
    """A paragraph of plain text."""
    return f"<p>{esc(text)}</p>"


def heading(level: int, text: str) -> str:
    """``<h1>``…``<h6>`` of plain text."""
    return f"<h{level}>{esc(text)}</h{level}>"


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


def _sanitise(html: str, tags: frozenset[str], attributes: dict[str, set[str]]) -> str:
    return nh3.clean(html, tags=set(tags), attributes={k: set(v) for k, v in attributes.items()},
                     url_schemes=set(SAFE_SCHEMES), link_rel=None, strip_comments=True,
                     generic_attribute_prefixes={"data-pagefind-"})


# The parser social posts are composed with (its own instance: the site may render while compose runs).
_markdown = markdown_parser()


def markdown_html(text: str) -> str:
    """People's Markdown (a post body, a recap) as sanitised HTML: no raw HTML, scripts or unsafe links."""
    _markdown.reset()
    return _sanitise(_markdown.convert(_CONTROL.sub("", text)), BODY_TAGS, BODY_ATTRIBUTES)


def mask_markdown(text: str, public: PublicData) -> str:
    """Markdown with personal data masked; the mask's ``*`` escaped, so Markdown shows it as written."""
    found = [dataclasses.replace(f, masked=f.masked.replace("*", "\\*")) for f in find(text, public)]
    return mask_findings(text, found, public.redacted)


def clean_page(html: str) -> str:
    """A finished page through the sanitiser with the page modules' allow-list (the safety net)."""
    return _sanitise(html, PAGE_TAGS, PAGE_ATTRIBUTES)
