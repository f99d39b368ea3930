"""RSS 2.0 feeds of posts and of answered Q&A, and robots.txt pointing at the sitemap."""

from __future__ import annotations

from email.utils import format_datetime
from xml.sax.saxutils import escape

from sosmed.i18n import t
from sosmed.site.archive import Archive
from sosmed.site.faq_pages import answered
from sosmed.site.index_pages import SUMMARY_CHARS

FEED_ITEMS = 50


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
    cats = "".join(f"<category>{escape(c)}</category>" for c in categories)
    return (f"<item><title>{escape(title)}</title><link>{escape(link)}</link>"
            f'<guid isPermaLink="true">{escape(link)}</guid><pubDate>{format_datetime(when)}</pubDate>'  # type: ignore[arg-type]
            f"<description>{escape(description)}</description>{cats}</item>\n")


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= SUMMARY_CHARS * 2 else text[: SUMMARY_CHARS * 2 - 1].rsplit(" ", 1)[0] + "…"


def posts_feed(archive: Archive, base: str, lang: str) -> str:
    """The latest posts (withdrawn ones left out) as RSS 2.0; ``base`` is the absolute site URL."""
    org = archive.config.organisation.short_name
    items = []
    for entry in [e for e in archive.posts if not e.retracted][:FEED_ITEMS]:
        post = entry.item.post
        items.append(_item(post.title, base + entry.url, _short(post.summary or entry.item.body), post.date,
                           list(post.tags)))
    return _channel(t("site.feed.posts_title", lang, org=org), base, t("site.feed.posts_description", lang, org=org),
                    base + "feed.xml", archive.config.organisation.locale, items)


def faq_feed(archive: Archive, base: str, lang: str) -> str:
    """The latest public answered Q&A forms as RSS 2.0 (masked, never the asker)."""
    config = archive.config
    org = config.organisation.short_name
    items = []
    for entry in archive.forms[:FEED_ITEMS]:
        pairs = answered(entry, config, lang)
        text = "\n\n".join(f"{t('site.faq.question', lang)}: {q}\n{t('site.faq.answer', lang)}: {a}" for q, a in pairs)
        items.append(_item(_short(pairs[0][0]), base + entry.url, text, entry.item.form.received,
                           [entry.item.form.bidang]))
    return _channel(t("site.feed.faq_title", lang, org=org), base + "tanya-jawab/",
                    t("site.feed.faq_description", lang, org=org), base + "tanya-jawab/feed.xml",
                    config.organisation.locale, items)


def robots(base: str) -> str:
    """robots.txt: everything may be crawled; where the sitemap is."""
    return f"User-agent: *\nAllow: /\nSitemap: {base}sitemap.xml\n"
