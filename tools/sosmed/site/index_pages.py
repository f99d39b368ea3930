"""Home and the index pages: by month (the archive), platform, strategy, division and tag, paginated."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence

from sosmed.config.schema import Config
from sosmed.i18n import count as i18n_count
from sosmed.i18n import t
from sosmed.model.fields import PLATFORMS, STRATEGIES
from sosmed.printing.dates import zone_label
from sosmed.privacy import mask, public_redaction
from sosmed.site.archive import Archive, PostEntry
from sosmed.site.html import esc, external, heading, link, pager, para, ul
from sosmed.site.media import MediaSet
from sosmed.site.model import SitePage
from sosmed.site.paths import paginate, slugify
from sosmed.site.post_page import division_name
from sosmed.site.text import fmt_date, fmt_month, platform_label, strategy_label

HOME_LATEST = 10
SUMMARY_CHARS = 220


def summary_text(entry: PostEntry, config: Config) -> str:
    """A post's summary (or the start of its body) as plain text, personal data masked."""
    post = entry.item.post
    text = mask(post.summary or entry.item.body, public_redaction(config))
    return " ".join(text.split())


def _summary(entry: PostEntry, config: Config) -> str:
    text = summary_text(entry, config)
    return text if len(text) <= SUMMARY_CHARS else text[: SUMMARY_CHARS - 1].rsplit(" ", 1)[0] + "…"


def post_item(from_url: str, entry: PostEntry, config: Config, lang: str) -> str:
    """One post in a list: linked title, date, summary (and the withdrawn mark)."""
    date = fmt_date(entry.item.post.date, config.zone, lang)
    mark = f' <em class="sosmed-mark">({esc(t("site.post.retracted_mark", lang))})</em>' if entry.retracted else ""
    summary = "" if entry.retracted else f'<br><span class="sosmed-summary">{esc(_summary(entry, config))}</span>'
    title = mask(entry.item.post.title, public_redaction(config))
    return link(from_url, entry.url, title) + f' <small>{esc(date)}</small>{mark}{summary}'


def listing(base_url: str, title: str, intro: str | None, entries: Sequence[PostEntry], config: Config,
            lang: str) -> Iterator[SitePage]:
    """A paginated list of posts at ``base_url``, ``base_url/2/``…"""
    pages = paginate(entries, base_url)
    urls = [url for url, _ in pages]
    for number, (url, chunk) in enumerate(pages, 1):
        title_n = title if number == 1 else f"{title} ({t('site.pagination.position', lang, page=number, pages=len(pages))})"
        body = [heading(1, title_n)]
        if intro:
            body.append(para(intro))
        body.append(ul((post_item(url, e, config, lang) for e in chunk), "sosmed-list"))
        nav = pager(url, urls, number, lang)
        if nav:
            body.append(nav)
        yield SitePage(url, title_n, "\n".join(body) + "\n")


def _overview(url: str, title: str, intro: str, rows: list[tuple[str, str, int]], lang: str) -> SitePage:
    items = [link(url, target, label) + f" <small>({esc(i18n_count('site.archive.count', count, lang))})</small>"
             for target, label, count in rows]
    body = [heading(1, title), para(intro), ul(items, "sosmed-overview")]
    return SitePage(url, title, "\n".join(body) + "\n")


def home_page(archive: Archive, media: MediaSet, lang: str) -> SitePage:
    """Latest posts, the four accounts, and the guideline's purpose in two sentences."""
    config = archive.config
    org = config.organisation.short_name
    title = t("site.home.title", lang, org=org)
    body = [heading(1, title), para(t("site.home.purpose", lang, org=org)), search_form("", lang),
            heading(2, t("site.home.latest", lang))]
    latest = archive.posts[:HOME_LATEST]
    if latest:
        cards = []
        for entry in latest:
            thumb = ""
            images = entry.item.post.images()
            copies = media.images.get((entry.url, images[0].file)) if images and not entry.retracted else None
            if copies is not None:
                small = copies[1]
                alt = mask(images[0].alt or "", public_redaction(config))
                thumb = (f'<img src="{esc(small.uri)}" alt="{esc(alt)}" width="{small.width}" '
                         f'height="{small.height}" loading="lazy" decoding="async">')
            cards.append(thumb + post_item("", entry, config, lang))
        body.append(ul(cards, "sosmed-cards"))
    else:
        body.append(para(t("site.home.empty", lang)))
    body += [f'<p>{link("", "arsip/", t("site.home.all_posts", lang))}</p>',
             heading(2, t("site.home.accounts", lang)), accounts_list(config, lang)]
    return SitePage("", title, "\n".join(body) + "\n", t("site.home.purpose", lang, org=org))


def accounts_list(config: Config, lang: str) -> str:
    """The agency's accounts from ``sosmed.yml`` as external links."""
    accounts = config.accounts
    rows = []
    if accounts.facebook:
        rows.append((platform_label("facebook", lang), accounts.facebook.name, accounts.facebook.url))
    if accounts.instagram:
        rows.append((platform_label("instagram", lang), "@" + accounts.instagram.username, accounts.instagram.url))
    if accounts.x:
        rows.append((platform_label("x", lang), "@" + accounts.x.username, accounts.x.url))
    if accounts.youtube:
        rows.append((platform_label("youtube", lang), accounts.youtube.name, accounts.youtube.url))
    return ul((f"{esc(label)}: {external(url, name)}" for label, name, url in rows), "sosmed-accounts")


def search_form(from_url: str, lang: str) -> str:
    """A plain GET form to the search page (works before any script has loaded)."""
    action = esc(("../" * from_url.count("/")) + "cari/")
    return (f'<form class="sosmed-search-form" action="{action}" method="get" role="search">'
            f'<label for="sosmed-q">{esc(t("site.search.label", lang))}</label> '
            f'<input id="sosmed-q" type="search" name="q" placeholder="{esc(t("site.search.placeholder", lang))}"> '
            f'<button type="submit">{esc(t("site.search.button", lang))}</button></form>')


def index_pages(archive: Archive, lang: str) -> Iterator[SitePage]:
    """Every index page: months, platforms, strategies, divisions, tags."""
    yield from _month_pages(archive, lang)
    yield from _group_pages(archive, lang)
    yield from _tag_pages(archive, lang)


def _month_pages(archive: Archive, lang: str) -> Iterator[SitePage]:
    config, zone = archive.config, archive.config.zone
    by_month: dict[tuple[int, int], list[PostEntry]] = defaultdict(list)
    for entry in archive.posts:
        local = entry.item.post.date.astimezone(zone)
        by_month[(local.year, local.month)].append(entry)
    rows = [(f"{y:04d}/{m:02d}/", fmt_month(y, m, lang), len(by_month[(y, m)])) for y, m in sorted(by_month,
                                                                                                   reverse=True)]
    yield _overview("arsip/", t("site.archive.title", lang), t("site.archive.intro", lang, zone=zone_label(zone)),
                    rows, lang)
    for (year, month), entries in by_month.items():
        title = t("site.archive.month_title", lang, month=fmt_month(year, month, lang))
        yield from listing(f"{year:04d}/{month:02d}/", title, None, entries, config, lang)


def _group_pages(archive: Archive, lang: str) -> Iterator[SitePage]:
    """Posts by platform, by strategy and by division."""
    config = archive.config
    by_platform: dict[str, list[PostEntry]] = defaultdict(list)
    by_strategy: dict[str, list[PostEntry]] = defaultdict(list)
    by_division: dict[str, list[PostEntry]] = defaultdict(list)
    for entry in archive.posts:
        post = entry.item.post
        for platform in post.platforms:
            by_platform[platform].append(entry)
        by_strategy[post.strategy].append(entry)
        by_division[post.bidang].append(entry)
    platforms = [p for p in PLATFORMS if p in by_platform]
    yield _overview("platform/", t("site.platform_index.title", lang), t("site.platform_index.intro", lang),
                    [(f"platform/{p}/", platform_label(p, lang), len(by_platform[p])) for p in platforms], lang)
    for p in platforms:
        yield from listing(f"platform/{p}/", t("site.platform_index.page_title", lang, platform=platform_label(p, lang)),
                           None, by_platform[p], config, lang)
    strategies = [s for s in STRATEGIES if s in by_strategy]
    yield _overview("strategi/", t("site.strategy_index.title", lang), t("site.strategy_index.intro", lang),
                    [(f"strategi/{s}/", strategy_label(s, lang), len(by_strategy[s])) for s in strategies], lang)
    for s in strategies:
        label = strategy_label(s, lang)
        intro = f"{label}: {t(f'site.strategy_text.{s}', lang)}"
        yield from listing(f"strategi/{s}/", t("site.strategy_index.page_title", lang, strategy=label), intro,
                           by_strategy[s], config, lang)
    slugs = [d.slug for d in config.divisions if d.slug in by_division]
    slugs += sorted(s for s in by_division if s not in slugs)
    yield _overview("bidang/", t("site.division_index.title", lang), t("site.division_index.intro", lang),
                    [(f"bidang/{s}/", division_name(config, s), len(by_division[s])) for s in slugs], lang)
    for s in slugs:
        yield from listing(f"bidang/{s}/", t("site.division_index.page_title", lang,
                                             division=division_name(config, s)), None, by_division[s], config, lang)


def _tag_pages(archive: Archive, lang: str) -> Iterator[SitePage]:
    by_tag: dict[str, list[PostEntry]] = defaultdict(list)
    tag_names: dict[str, str] = {}
    for entry in archive.posts:
        for tag in entry.item.post.tags:
            slug = slugify(tag)
            tag_names.setdefault(slug, tag)
            if not by_tag[slug] or by_tag[slug][-1] is not entry:
                by_tag[slug].append(entry)
    tags = sorted(by_tag, key=lambda s: tag_names[s].lower())
    yield _overview("tag/", t("site.tag_index.title", lang), t("site.tag_index.intro", lang),
                    [(f"tag/{s}/", tag_names[s], len(by_tag[s])) for s in tags], lang)
    for s in tags:
        yield from listing(f"tag/{s}/", t("site.tag_index.page_title", lang, tag=tag_names[s]), None, by_tag[s],
                           archive.config, lang)
