"""What a shared link to an archive page shows: Open Graph and Twitter card tags, and the feed link.

Facebook, WhatsApp and X read ``og:*`` / ``twitter:*`` from the page's ``<head>``; a feed
reader finds the archive's RSS from the ``alternate`` link. Every value is the page's plain
text (already masked by the page modules) escaped for an attribute; the share URLs are absolute.
"""

from __future__ import annotations

from markupsafe import escape

from sosmed.config.schema import Config
from sosmed.i18n import t
from sosmed.site.model import SitePage
from sosmed.site.paths import relative

LOCALES = {"id": "id_ID", "en": "en_US"}


def _meta(attribute: str, name: str, value: str | None) -> str:
    return f'<meta {attribute}="{name}" content="{escape(value)}">' if value else ""


def share_tags(page: SitePage, base_url: str, config: Config, lang: str) -> str:
    """The ``<head>`` tags of ``page``: Open Graph, Twitter card, RSS autodiscovery."""
    url = base_url + page.url
    image = base_url + page.image if page.image else None
    description = " ".join((page.description or "").split()) or None
    tags = [
        f'<link rel="alternate" type="application/rss+xml" title="{escape(t("site.share.feed", lang))}" '
        # Relative: Material reads an absolute alternate link as another language's site and asks
        # that server for its sitemap.
        f'href="{escape(relative(page.url, "feed.xml"))}">',
        _meta("property", "og:type", "article" if page.article else "website"),
        _meta("property", "og:site_name", config.organisation.name),
        _meta("property", "og:locale", LOCALES.get(config.organisation.locale, "id_ID")),
        _meta("property", "og:title", page.title),
        _meta("property", "og:description", description),
        _meta("property", "og:url", url),
        _meta("property", "og:image", image),
        _meta("property", "og:image:alt", page.image_alt),
        _meta("name", "twitter:card", "summary_large_image" if image else "summary"),
        _meta("name", "twitter:title", page.title),
        _meta("name", "twitter:description", description),
        _meta("name", "twitter:image", image),
        _meta("name", "twitter:image:alt", page.image_alt),
    ]
    account = config.accounts.x.username if config.accounts.x is not None else None
    if account:
        tags.append(_meta("name", "twitter:site", "@" + account.lstrip("@")))
    return "".join(tag for tag in tags if tag)
