"""Whole-site rules: no broken internal links, nothing loaded from other servers, lang and alt everywhere."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

ATTR = re.compile(r'\b(href|src)="([^"]*)"')
LOADS = re.compile(r"<(script|img|video|audio|source|iframe|embed)\b[^>]*\bsrc=\"([^\"]+)\"|"
                   r"<link\b[^>]*\bhref=\"([^\"]+)\"", re.I)
SITE_PATH = "/arsip/"
TRACKERS = ("googletagmanager", "google-analytics", "fonts.googleapis", "fonts.gstatic", "facebook.net",
            "doubleclick", "cdn.jsdelivr", "unpkg.com", "cdnjs")


def _pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_every_internal_link_resolves(sample_site: Path) -> None:
    broken = []
    for html_file in _pages(sample_site):
        html = html_file.read_text(encoding="utf-8")
        for _attr, value in ATTR.findall(html):
            parts = urlsplit(value)
            if parts.scheme or value.startswith(("#", "//", "data:")) or not parts.path:
                continue
            if parts.path.startswith("/"):  # 404.html links from the site's root path
                assert parts.path.startswith(SITE_PATH), value
                target = (sample_site / unquote(parts.path[len(SITE_PATH):])).resolve()
            else:
                target = (html_file.parent / unquote(parts.path)).resolve()
            if not (target.is_file() or (target / "index.html").is_file()):
                broken.append(f"{html_file.relative_to(sample_site)} -> {value}")
    assert not broken, broken[:20]


def test_nothing_is_loaded_from_another_server(sample_site: Path) -> None:
    external = []
    for html_file in _pages(sample_site):
        html = html_file.read_text(encoding="utf-8")
        for match in LOADS.finditer(html):
            url = match.group(2) or match.group(3) or ""
            link_tag = match.group(0)
            if url.startswith(("http:", "https:", "//")) and not re.search(r'rel="(canonical|alternate)"', link_tag):
                external.append(f"{html_file.relative_to(sample_site)}: {link_tag[:120]}")
        assert not any(tracker in html for tracker in TRACKERS), html_file
    assert not external, external[:10]
    for css in sample_site.rglob("*.css"):
        text = css.read_text(encoding="utf-8")
        assert not re.search(r"(@import|url\()\s*['\"]?(https?:)?//", text), css


def test_lang_attribute_and_alt_text_everywhere(sample_site: Path) -> None:
    for html_file in _pages(sample_site):
        html = html_file.read_text(encoding="utf-8")
        assert re.search(r'<html lang="id"', html), html_file
        for img in re.findall(r"<img\b[^>]*>", html):
            assert re.search(r'\balt="[^"]+"', img), (html_file, img)


def test_post_pages_are_light(sample_site: Path) -> None:
    post = sample_site / "2020/05/2020-05-12-alih-status-guru-sma-smk-slb/index.html"
    assert post.stat().st_size < 40_000
    assert "pagefind-ui.js" not in post.read_text(encoding="utf-8")  # the search runtime loads on the search page
