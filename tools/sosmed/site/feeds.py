"""RSS 2.0 feeds of posts and of answered Q&A, and robots.txt pointing at the sitemap.

Titles, descriptions and categories are plain text: an RSS reader reads ``description`` (and
many read ``title``) as HTML, so each is HTML-escaped and then XML-escaped, and a reader shows
``<script>`` as those characters. Texts are masked as on the pages; links are the site's own.
"""

from __future__ import annotations

import re
from email.utils import format_datetime
from html import escape as html_escape
from xml.sax.saxutils import escape as xml_escape

from sosmed.i18n import t
from sosmed.privacy import mask, public_redaction
from sosmed.site.archive import Archive
from sosmed.site.faq_pages import answered_by_form
from sosmed.site.index_pages import SUMMARY_CHARS, summary_text

FEED_ITEMS = 50


_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


def escape(text: str) -> str:
    """Text for an RSS element: characters XML forbids dropped, then XML-escaped."""
    return xml_escape(_NOT_XML.sub("", text))


def plain(text: str) -> str:
    """Plain text for an element readers render as HTML: HTML-escaped, then XML-escaped."""
    return escape(html_escape(text, quote=False))


def _channel(title: str, link: str, description: str, self_url: str, lang: str, items: list[str]) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">\n<channel>\n'
        f"<title>{escape(title)}</title>\n<link>{escape(link)}</link>\n"
        f"<description>{escape(description)}</description>\n<language>{lang}</language>\n"
        f'<atom:link href="{escape(self_url)}" rel="self" type="application/rss+xml"/>\n'
        + "".join(items)
        + "</channel>\n</rss>\n"
    )


def _item(title: str, link: str, description: str, when: object, categories: list[str]) -> str:
    cats = "".join(f"<category>{plain(c)}</category>" for c in categories)
    return (f"<item><title>{plain(title)}</title><link>{escape(link)}</link>"
            f'<guid isPermaLink="true">{escape(link)}</guid><pubDate>{format_datetime(when)}</pubDate>'  # type: ignore[arg-type]
            f"<description>{plain(description)}</description>{cats}</item>\n")


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= SUMMARY_CHARS * 2 else text[: SUMMARY_CHARS * 2 - 1].rsplit(" ", 1)[0] + "…"


def posts_feed(archive: Archive, base: str, lang: str) -> str:
    """The latest posts (withdrawn ones left out) as RSS 2.0; ``base`` is the absolute site URL."""
    org = archive.config.organisation.short_name
    items = []
    for entry in [e for e in archive.posts if not e.retracted][:FEED_ITEMS]:
        post = entry.item.post
        public = public_redaction(archive.config)
        items.append(_item(mask(post.title, public), base + entry.url, _short(summary_text(entry, archive.config)),
                           post.date, [mask(tag, public) for tag in post.tags]))
    return _channel(t("site.feed.posts_title", lang, org=org), base, t("site.feed.posts_description", lang, org=org),
                    base + "feed.xml", archive.config.organisation.locale, items)


def faq_feed(archive: Archive, base: str, lang: str) -> str:
    """The latest public answered Q&A forms as RSS 2.0 (masked, never the asker)."""
    config = archive.config
    org = config.organisation.short_name
    items = []
    answers = answered_by_form(archive)
    for entry in [f for f in archive.forms if answers.get(f.item.id)][:FEED_ITEMS]:
        pairs = answers[entry.item.id]
        text = "\n\n".join(f"{t('site.faq.question', lang)}: {e.question}\n{t('site.faq.answer', lang)}: {e.answer}"
                           for e in pairs)
        items.append(_item(_short(pairs[0].question), base + entry.url, text, entry.item.form.received,
                           [entry.item.form.bidang]))
    return _channel(t("site.feed.faq_title", lang, org=org), base + "tanya-jawab/",
                    t("site.feed.faq_description", lang, org=org), base + "tanya-jawab/feed.xml",
                    config.organisation.locale, items)


def robots(base: str) -> str:
    """robots.txt: everything may be crawled; where the sitemap is."""
    return f"User-agent: *\nAllow: /\nSitemap: {base}sitemap.xml\n"
