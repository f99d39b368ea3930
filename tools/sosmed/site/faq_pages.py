"""The FAQ: public, answered Q&A grouped by division, one page per form; askers never shown."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from sosmed.config.schema import Config
from sosmed.i18n import t
from sosmed.site.archive import Archive, FormEntry
from sosmed.site.html import esc, link, pager
from sosmed.site.model import SitePage
from sosmed.site.paths import paginate
from sosmed.site.post_page import division_name
from sosmed.site.privacy import mask
from sosmed.site.text import fmt_date

FAQ_PREVIEW = 5


def own_handles(config: Config) -> list[str]:
    """The agency's own account names, which masking leaves visible."""
    accounts = config.accounts
    return [a.username for a in (accounts.instagram, accounts.x) if a is not None]


def answered(entry: FormEntry, config: Config, lang: str) -> list[tuple[str, str]]:
    """(question, answer) pairs of a form, masked; unanswered questions left out."""
    handles = own_handles(config)
    return [(mask(q.text, lang, handles), mask(q.answer or "", lang, handles))
            for q in entry.item.form.questions if q.answered]


def qa_block(from_url: str, entry: FormEntry, config: Config, lang: str, *, with_form_link: bool = True) -> str:
    """The answered questions of one form, as HTML."""
    content_lang = config.organisation.locale
    parts = []
    for question, answer in answered(entry, config, lang):
        parts.append(f'<div class="sosmed-qa" lang="{content_lang}">'
                     f'<p class="sosmed-q"><strong>{esc(t("site.faq.question", lang))}:</strong> {esc(question)}</p>'
                     f'<p class="sosmed-a"><strong>{esc(t("site.faq.answer", lang))}:</strong> {esc(answer)}</p></div>')
    info = esc(t("site.faq.received", lang, time=fmt_date(entry.item.form.received, config.zone, lang)))
    if with_form_link:
        info += " · " + link(from_url, entry.url, t("site.faq.form", lang, id=entry.item.id))
    parts.append(f'<p class="sosmed-qa-info"><small>{info}</small></p>')
    return "".join(parts)


def faq_pages(archive: Archive, lang: str) -> Iterator[SitePage]:
    """The FAQ overview, one paginated list per division, and one page per form."""
    config = archive.config
    by_division: dict[str, list[FormEntry]] = defaultdict(list)
    for entry in archive.forms:
        by_division[entry.item.form.bidang].append(entry)
    slugs = [d.slug for d in config.divisions if d.slug in by_division]
    slugs += sorted(s for s in by_division if s not in slugs)

    title = t("site.faq.title", lang)
    body = [f"# {esc(title)}", "", esc(t("site.faq.intro", lang)), ""]
    if not slugs:
        body.append(esc(t("site.faq.empty", lang)))
    for slug in slugs:
        entries = by_division[slug]
        name = division_name(config, slug)
        body += [f"## {esc(name)}", ""]
        body.append("".join(qa_block("tanya-jawab/", e, config, lang) for e in entries[:FAQ_PREVIEW]))
        body += ["", link("tanya-jawab/", f"tanya-jawab/{slug}/", t("site.faq.all_of", lang, division=name,
                                                                    count=len(entries))), ""]
    yield SitePage("tanya-jawab/", title, "\n".join(body) + "\n", t("site.faq.intro", lang))

    for slug in slugs:
        name = division_name(config, slug)
        heading = t("site.faq.division_title", lang, division=name)
        pages = paginate(by_division[slug], f"tanya-jawab/{slug}/")
        urls = [url for url, _ in pages]
        for number, (url, chunk) in enumerate(pages, 1):
            page_title = heading if number == 1 else \
                f"{heading} ({t('site.pagination.position', lang, page=number, pages=len(pages))})"
            lines = [f"# {esc(page_title)}", "", "".join(qa_block(url, e, config, lang) for e in chunk)]
            nav = pager(url, urls, number, lang)
            if nav:
                lines += ["", nav]
            yield SitePage(url, page_title, "\n".join(lines) + "\n")

    for entry in archive.forms:
        yield form_page(entry, config, lang)


def form_page(entry: FormEntry, config: Config, lang: str) -> SitePage:
    """The public page of one form at ``qna/<id>/`` (the URL replies on the platforms link to)."""
    form = entry.item.form
    title = t("site.faq.form_title", lang, id=entry.item.id)
    division = link(entry.url, f"tanya-jawab/{form.bidang}/", division_name(config, form.bidang))
    pairs = answered(entry, config, lang)
    lines = [
        '<article class="sosmed-form" data-pagefind-body markdown="1">',
        f"<h1>{esc(title)}</h1>",
        f'<p class="sosmed-meta" data-pagefind-ignore>{division}</p>',
        qa_block(entry.url, entry, config, lang, with_form_link=False),
        "</article>",
    ]
    return SitePage(entry.url, title, "\n".join(lines) + "\n", pairs[0][0] if pairs else None)
