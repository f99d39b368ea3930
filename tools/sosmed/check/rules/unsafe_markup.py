"""FBS 9: nothing in a post or form may turn into script on the agency's website.

The archive site sanitises what it shows (see the README), but the file that goes through
review should already be clean, so the Kepala approves what is shown. Reported with file and
line, in every text field (title, summary, tags, alt text, captions, sources, credits,
overrides, body; questions and answers):

- errors: script-capable HTML (``<script>``, ``<iframe>``, ``<object>``, ``<embed>``, ``<svg>``,
  ``<style>``, ``<form>`` …), event-handler attributes (``onerror=``), and links whose scheme
  is not ``http``, ``https`` or ``mailto`` (``javascript:``, ``data:``, ``vbscript:``, also
  written with upper case, entities or control characters) — in Markdown links, reference
  definitions, autolinks, HTML attributes and the URL fields;
- warnings (option ``raw_html``: ``warning``, ``error`` or ``off``): any other raw HTML tag; the
  site removes it and the platforms would show it as typed.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Iterator

from sosmed.check.rule import RuleContext
from sosmed.check.textscan import Scan, TextField, problem_at, scan
from sosmed.model.item import Item
from sosmed.problem import Problem
from sosmed.safeurl import is_safe_url

ID = "unsafe-markup"
FBS = 9
LEVEL = "error"
APPLIES_TO = ("post", "qna")
OPTIONS: dict[str, type] = {"raw_html": str}
DEFAULTS: dict[str, object] = {"raw_html": "warning"}
DOC = {
    "id": (
        "Akun dan situs tidak boleh disalahgunakan (FBS 9): HTML yang dapat menjalankan skrip (<script>, <iframe>, "
        "atribut onerror=…) dan tautan selain http, https dan mailto (javascript:, data:, vbscript:) tidak boleh ada "
        "di kolom teks mana pun. HTML mentah lain ditandai sebagai peringatan (opsi 'raw_html'): situs membuangnya "
        "dan platform menampilkannya apa adanya."
    ),
    "en": (
        "No misuse of the accounts and the site (FBS 9): script-capable HTML (<script>, <iframe>, onerror=… "
        "attributes) and links other than http, https and mailto (javascript:, data:, vbscript:) must not be in any "
        "text field. Other raw HTML is a warning (option 'raw_html'): the site removes it and the platforms would "
        "show it as typed."
    ),
}

_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)(?=[\s/>]|$)([^<>]*)(>?)")
_DANGEROUS_TAGS = frozenset(
    "script iframe frame frameset object embed applet svg math style link meta base form input button "
    "textarea select template noscript xml".split()
)
_EVENT = re.compile(r"(?i)(?:^|[\s/\"'])on[a-z]+\s*=")
_URL_ATTR = re.compile(r"(?i)\b(?:href|src|action|formaction|xlink:href|srcset|poster|data)\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s>]+)")
_MD_LINK = re.compile(r"\]\(\s*<?([^\s)>]*)")
_MD_REF = re.compile(r"(?m)^ {0,3}\[[^\]\n]+\]:\s*<?(\S+?)>?(?:\s|$)")
_AUTOLINK = re.compile(r"<([A-Za-z][A-Za-z0-9+.-]{1,31}:[^<>\s]*)>")
_URL_FIELDS = frozenset((("link",), ("facebook", "link")))
_GATE = ("<", "](", "]:")


def _unsafe_target(url: str) -> bool:
    """Whether a link target (as written: maybe quoted, with entities) is something other than http(s)/mailto."""
    return not is_safe_url(html.unescape(url.strip("\"'")))


def _findings(text: str) -> Iterator[tuple[int, str]]:
    """(offset, message kind) of every unsafe or raw piece of markup in ``text``."""
    if "<" in text:
        for match in _TAG.finditer(text):
            if match.group(1):
                continue  # a closing tag: its opening tag is the finding
            name, attrs = match.group(2).lower(), match.group(3)
            if name in _DANGEROUS_TAGS:
                yield match.start(), "tag"
            elif _EVENT.search(attrs):
                yield match.start(), "event"
            elif any(_unsafe_target(m.group(1)) for m in _URL_ATTR.finditer(attrs)):
                yield match.start(), "url"
            elif match.group(4):
                yield match.start(), "raw"
    for pattern in (_MD_LINK, _MD_REF, _AUTOLINK):
        for match in pattern.finditer(text):
            target = match.group(1)
            if target and not target.startswith(("#", "/", "./", "../")) and _looks_absolute(target) \
                    and _unsafe_target(target):
                yield match.start(), "url"


def _looks_absolute(target: str) -> bool:
    decoded = re.sub(r"[\x00-\x20]", "", html.unescape(target))
    return re.match(r"[A-Za-z][A-Za-z0-9+.-]*:", decoded) is not None


def _urls(item: Item) -> list[str]:
    if item.kind != "post":
        return []
    post = item.post
    urls = [s.url for s in post.sources if s.url]
    urls += [u for u in (post.link, post.facebook.link if post.facebook else None) if u]
    return urls


def check(item: Item, ctx: RuleContext) -> Iterable[Problem]:
    """Report script-capable markup, unsafe link schemes and raw HTML."""
    s = scan(item)
    markup = any(mark in s.joined for mark in _GATE)
    if not markup and all(is_safe_url(u) for u in _urls(item)):
        return ()
    return _report(item, ctx, s, markup)


def _report(item: Item, ctx: RuleContext, s: Scan, markup: bool) -> Iterator[Problem]:
    raw_level = ctx.options["raw_html"]
    for text_field in s.fields:
        yield from _field_problems(item, ctx, text_field, raw_level, markup)


def _field_problems(item: Item, ctx: RuleContext, text_field: TextField, raw_level: str,
                    markup: bool) -> Iterator[Problem]:
    text = text_field.text
    loc = text_field.loc or ()
    if loc in _URL_FIELDS or loc[-1:] == ("url",):
        if not is_safe_url(text):
            yield problem_at(ctx, item, text_field, 0, "rules.unsafe_markup.url_field")
        return
    if not markup:
        return
    seen: set[int] = set()
    for offset, kind in _findings(text):
        if offset in seen:
            continue
        seen.add(offset)
        if kind != "raw":
            yield problem_at(ctx, item, text_field, offset, f"rules.unsafe_markup.{kind}")
        elif raw_level in ("warning", "error"):
            level = "warning" if ctx.level == "warning" else raw_level
            yield problem_at(ctx, item, text_field, offset, "rules.unsafe_markup.raw",
                             level=level)  # type: ignore[arg-type]
