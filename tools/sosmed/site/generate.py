"""From the gathered archive to every page and file of the site, independent of any site generator."""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from sosmed.i18n import t
from sosmed.site.archive import Archive
from sosmed.site.cards import card
from sosmed.site.faq_pages import faq_pages
from sosmed.site.feeds import faq_feed, posts_feed, robots
from sosmed.site.html import clean_page
from sosmed.site.index_pages import home_page, index_pages
from sosmed.site.info_pages import about_page, chart_files, recap_pages, search_page
from sosmed.site.media import ImageJob, MediaCache, MediaSet
from sosmed.site.model import SiteFile, SitePage
from sosmed.site.post_page import post_page

ASSETS = ("sosmed.css", "sosmed-search.js")
CSS_URI = "assets/sosmed.css"

# The navigation holds sections only: a page per post in it makes MkDocs quadratic.
NAV = (
    ("site.nav.home", ""),
    ("site.nav.archive", "arsip/"),
    ("site.nav.platforms", "platform/"),
    ("site.nav.strategies", "strategi/"),
    ("site.nav.divisions", "bidang/"),
    ("site.nav.tags", "tag/"),
    ("site.nav.faq", "tanya-jawab/"),
    ("site.nav.recaps", "rekap/"),
    ("site.nav.about", "tentang/"),
    ("site.nav.search", "cari/"),
)


@dataclass
class SiteContent:
    """Everything to publish: pages, other files, the section navigation, and the media outcome."""

    pages: list[SitePage]
    files: list[SiteFile]
    nav: list[tuple[str, str]]
    media: MediaSet
    refused_charts: list[str] = field(default_factory=list)


def nav(lang: str) -> list[tuple[str, str]]:
    """(title, page URI) of each navigation section."""
    return [(t(key, lang), url + "index.md") for key, url in NAV]


def prepare_media(archive: Archive, cache_dir: Path) -> MediaSet:
    """Copies of every image of every active post, and the videos small enough to serve."""
    images: list[ImageJob] = []
    videos: list[tuple[Path, str, str]] = []
    for entry in archive.posts:
        if entry.retracted:
            continue  # a takedown removes the media from the archive too
        folder = entry.item.folder
        for media in entry.item.post.media:
            if media.kind == "image":
                images.append(ImageJob(folder / media.file, entry.url, media.file))
            else:
                videos.append((folder / media.file, entry.url, media.file))
    return MediaCache(cache_dir).prepare(images, videos)


def generate(archive: Archive, lang: str, cache_dir: Path, base_url: str) -> SiteContent:
    """Build every page and file; ``base_url`` is the absolute site URL (feeds and robots.txt need it)."""
    media = prepare_media(archive, cache_dir)
    pages = [home_page(archive, media, lang)]
    pages.extend(post_page(entry, archive.config, media, lang) for entry in archive.posts)
    pages.extend(index_pages(archive, lang))
    pages.extend(faq_pages(archive, lang))
    pages.extend(recap_pages(archive, lang))
    pages.append(about_page(archive, lang))
    pages.append(search_page(lang))
    for page in pages:
        if not page.trusted:
            page.html = clean_page(page.html)

    files = [SiteFile(c.uri, path=c.path) for c in media.files()]
    assets = resources.files("sosmed.site") / "assets"
    files.extend(SiteFile(f"assets/{name}", content=(assets / name).read_text(encoding="utf-8")) for name in ASSETS)
    files.append(SiteFile("feed.xml", content=posts_feed(archive, base_url, lang)))
    files.append(SiteFile("tanya-jawab/feed.xml", content=faq_feed(archive, base_url, lang)))
    files.append(SiteFile("robots.txt", content=robots(base_url)))
    charts, refused = chart_files(archive)
    files.extend(charts)
    files.extend(share_cards(pages, archive.config.organisation.name, cache_dir))
    return SiteContent(pages, files, nav(lang), media, refused)


def share_cards(pages: list[SitePage], organisation: str, cache_dir: Path) -> list[SiteFile]:
    """A drawn card for every page without a picture of its own: posts get their title, the rest the
    site's (the home page's) title. Sets each page's ``image``; returns the card files."""
    files: list[SiteFile] = []
    site_title = pages[0].title if pages else organisation
    shared: str | None = None
    for page in pages:
        if page.image is not None:
            continue
        if page.article:
            page.image = f"{page.url}card.png"
            files.append(SiteFile(page.image, path=card(page.title, organisation, cache_dir)))
        else:
            if shared is None:
                shared = "assets/sosmed-card.png"
                files.append(SiteFile(shared, path=card(site_title, organisation, cache_dir)))
            page.image = shared
        page.image_alt = page.title
    return files
