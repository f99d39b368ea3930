"""Archive links preview well and every page is usable by everyone: share tags, posters, AA contrast,
no sideways scrolling on a 360 px phone — judged on the built files and by axe-core in Chromium."""

from __future__ import annotations

import os
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from PIL import Image

from tests.site.helpers import REPO, page, serve

AXE = REPO / "tests" / "browser" / "node_modules" / "axe-core" / "axe.min.js"
SITE = "https://bkd-ntt.example.org/arsip/"
PHOTO_POST = "2020/05/2020-05-12-alih-status-guru-sma-smk-slb/"
VIDEO_POST = "2020/06/2020-06-12-video-mengenal-layanan-kepegawaian/"
PAGES = ("", PHOTO_POST, VIDEO_POST, "tanya-jawab/", "qna/QA-2020-05-0001/", "2020/05/", "rekap/", "tentang/",
         "cari/")


class _Head(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.meta: dict[str, str] = {}
        self.links: list[dict[str, str]] = []
        self.videos: list[dict[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if tag == "meta" and ("property" in values or "name" in values):
            self.meta[values.get("property") or values["name"]] = values.get("content", "")
        elif tag == "link":
            self.links.append(values)
        elif tag == "video":
            self.videos.append(values)


def _head(html: str) -> _Head:
    parser = _Head()
    parser.feed(html)
    return parser


def _local(site: Path, url: str) -> Path:
    assert url.startswith(SITE), url
    return site / url[len(SITE):]


@pytest.mark.parametrize("url", PAGES)
def test_every_page_has_share_tags_and_the_feed_link(sample_site: Path, url: str) -> None:
    head = _head(page(sample_site, url))
    meta = head.meta
    assert meta["og:title"] and meta["twitter:title"] == meta["og:title"]
    assert meta["og:url"] == SITE + url
    assert meta["og:site_name"] == "Badan Kepegawaian Daerah Provinsi Nusa Tenggara Timur"
    assert meta["og:type"] == ("article" if url in (PHOTO_POST, VIDEO_POST) else "website")
    image = _local(sample_site, meta["og:image"])
    with Image.open(image) as picture:
        assert picture.format in ("JPEG", "PNG") and picture.width >= 600
    assert meta["twitter:card"] == "summary_large_image" and meta["twitter:image"] == meta["og:image"]
    feeds = [link for link in head.links if link.get("rel") == "alternate" and "rss" in link.get("type", "")]
    [feed] = feeds
    assert (sample_site / url / feed["href"]).resolve() == (sample_site / "feed.xml").resolve()


def test_a_post_shares_its_photo_a_video_its_still_frame_and_the_rest_a_card(sample_site: Path) -> None:
    photo = _head(page(sample_site, PHOTO_POST)).meta
    assert photo["og:image"] == SITE + PHOTO_POST + "alih-status.jpg"
    assert photo["og:description"].startswith("Sejak 2017") and photo["og:image:alt"]
    video = _head(page(sample_site, VIDEO_POST))
    assert video.meta["og:image"] == SITE + VIDEO_POST + "sm/mengenal-layanan-kepegawaian.poster.jpg"
    card = _head(page(sample_site, "tanya-jawab/")).meta["og:image"]
    with Image.open(_local(sample_site, card)) as picture:
        assert picture.size == (1200, 630)


def test_every_video_on_the_site_has_a_poster(sample_site: Path) -> None:
    videos = 0
    for html_file in sample_site.rglob("index.html"):
        for video in _head(html_file.read_text(encoding="utf-8")).videos:
            videos += 1
            poster = html_file.parent / video["poster"]
            with Image.open(poster) as still:
                assert still.format == "JPEG" and still.width > 0
    assert videos >= 1


def _axe_available() -> None:
    if AXE.is_file():
        return
    message = "axe-core is not installed (npm ci --prefix tests/browser)"
    if os.environ.get("SOSMED_REQUIRE_SYSTEM_TOOLS") == "1":
        pytest.fail(f"SOSMED_REQUIRE_SYSTEM_TOOLS=1 but {message}")
    pytest.skip(message)


def test_wcag_aa_and_no_sideways_scrolling_in_chromium(sample_site: Path, chromium) -> None:
    _axe_available()
    axe = AXE.read_text(encoding="utf-8")
    found: dict[str, object] = {}
    with serve(sample_site) as base:
        for width in (1280, 360):
            tab = chromium.new_page(viewport={"width": width, "height": 800})
            try:
                for url in PAGES:
                    tab.goto(base + url, wait_until="load")
                    tab.add_script_tag(content=axe)
                    violations = tab.evaluate(
                        "async () => (await axe.run(document, {runOnly: ['wcag2a', 'wcag2aa']})).violations"
                        ".map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).slice(0, 3).join(', '))")
                    wide = tab.evaluate("() => document.documentElement.scrollWidth - "
                                        "document.documentElement.clientWidth")
                    if violations or wide > 0:
                        found[f"{width}px {url or '/'}"] = {"axe": violations, "overflow_px": wide}
            finally:
                tab.close()
    assert not found, found


def test_the_link_colour_meets_aa_contrast_in_the_stylesheet() -> None:
    css = (REPO / "tools" / "sosmed" / "site" / "assets" / "sosmed.css").read_text(encoding="utf-8")
    colour = re.search(r"--md-typeset-a-color:\s*(#[0-9a-fA-F]{6})", css).group(1)

    def luminance(hex_colour: str) -> float:
        channels = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    assert (1.05) / (luminance(colour) + 0.05) >= 4.5
