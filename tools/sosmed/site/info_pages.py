"""About (the guideline in short), search, and the monthly recaps."""

from __future__ import annotations

import re
from collections.abc import Iterator

from sosmed.i18n import t
from sosmed.model.fields import STRATEGIES
from sosmed.privacy import mask, public_redaction
from sosmed.site.archive import Archive
from sosmed.site.html import esc, heading, link, markdown_html, mask_markdown, para, ul
from sosmed.site.index_pages import accounts_list, search_form
from sosmed.site.model import SiteFile, SitePage
from sosmed.site.text import fmt_month, strategy_label

FBS_POINTS = 9


def about_page(archive: Archive, lang: str) -> SitePage:
    """Principles, the FBS principle, the six strategies, the accounts, feeds and privacy."""
    config = archive.config
    org = config.organisation.short_name
    url = "tentang/"
    title = t("site.about.title", lang)
    strategies = [f"<strong>{esc(strategy_label(s, lang))}</strong>: {esc(t(f'site.strategy_text.{s}', lang))}"
                  for s in STRATEGIES]
    fbs = "<ol>" + "".join(f"<li>{esc(t(f'site.about.fbs.{n}', lang))}</li>" for n in range(1, FBS_POINTS + 1)) + "</ol>"
    feeds = t("site.about.feeds", lang, posts=link(url, "feed.xml", "feed.xml"),
              faq=link(url, "tanya-jawab/feed.xml", "tanya-jawab/feed.xml"),
              sitemap=link(url, "sitemap.xml", "sitemap.xml"))
    body = [
        heading(1, title), para(t("site.about.intro", lang, org=org)),
        heading(2, t("site.about.principles_title", lang)), para(t("site.about.principles", lang)),
        heading(2, t("site.about.fbs_title", lang)), fbs,
        heading(2, t("site.about.strategies_title", lang)), ul(strategies, "sosmed-strategies"),
        heading(2, t("site.about.accounts_title", lang)), accounts_list(config, lang),
        heading(2, t("site.about.feeds_title", lang)), f"<p>{feeds}</p>",
        para(t("site.about.privacy", lang)),
    ]
    return SitePage(url, title, "\n".join(body) + "\n")


def search_page(lang: str) -> SitePage:
    """The search page: Pagefind's UI over the chunked index in ``pagefind/``.

    Pagefind downloads only the index chunks a query needs, so one search stays small
    however large the archive grows.
    """
    url = "cari/"
    title = t("site.search.title", lang)
    body = [
        heading(1, title),
        f'<noscript><p>{esc(t("site.search.noscript", lang))}</p>{search_form(url, lang)}</noscript>',
        '<div id="sosmed-search"></div>',
        '<link rel="stylesheet" href="../pagefind/pagefind-ui.css">',
        '<script src="../pagefind/pagefind-ui.js"></script>',
        '<script src="../assets/sosmed-search.js"></script>',
    ]
    # No data of anyone on this page: its fixed markup (scripts included) skips the page sanitiser.
    return SitePage(url, title, "\n".join(body) + "\n", trusted=True)


def recap_pages(archive: Archive, lang: str) -> Iterator[SitePage]:
    """The recap list and one page per ``recaps/YYYY-MM.md``: its Markdown rendered, masked and sanitised."""
    url = "rekap/"
    title = t("site.recap.index_title", lang)
    public = public_redaction(archive.config)
    body = [heading(1, title), para(t("site.recap.intro", lang))]
    if archive.recaps:
        body.append(ul((link(url, r.url, mask(r.title, public) if r.title else
                             t("site.recap.title", lang, month=fmt_month(r.year, r.month, lang)))
                        for r in archive.recaps), "sosmed-overview"))
    else:
        body.append(para(t("site.recap.empty", lang)))
    yield SitePage(url, title, "\n".join(body) + "\n")
    for recap in archive.recaps:
        page_title = mask(recap.title, public) if recap.title else \
            t("site.recap.title", lang, month=fmt_month(recap.year, recap.month, lang))
        # The Markdown links its charts as ``YYYY-MM/<name>`` (beside recaps/YYYY-MM.md); on the site they
        # sit in the recap page's own folder.
        text = recap.body.strip().replace(f"]({recap.year:04d}-{recap.month:02d}/", "](")
        html = markdown_html(mask_markdown(text, public))
        if not text.lstrip().startswith("# "):
            html = heading(1, page_title) + "\n" + html
        yield SitePage(recap.url, page_title, html + "\n")


# An SVG opened on its own runs its scripts in the site's origin: only plain drawings are served.
_UNSAFE_SVG = re.compile(rb"<script|<foreignobject|<iframe|<embed|<object|\son[a-z]+\s*=|javascript:|"
                         rb"href\s*=\s*[\"'](?!#)", re.IGNORECASE)


def chart_files(archive: Archive) -> tuple[list[SiteFile], list[str]]:
    """The recaps' charts as files of their pages, and the charts left out because they could run script."""
    files: list[SiteFile] = []
    refused: list[str] = []
    for recap in archive.recaps:
        for name, data in recap.charts:
            if name.endswith(".svg") and _UNSAFE_SVG.search(data):
                refused.append(f"recaps/{recap.year:04d}-{recap.month:02d}/{name}")
                continue
            files.append(SiteFile(recap.url + name, content=data))
    return files, refused
