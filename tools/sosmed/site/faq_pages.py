"""The FAQ: public, answered Q&A grouped by division, one page per form; askers never shown.

What a question and its answer say comes from :func:`sosmed.qna.faq.faq_entries`, the tested
FAQ logic (triage folder left out, asker and other people's handles removed, personal data
masked by the one masker); this module only lays the entries out.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from sosmed.config.schema import Config
from sosmed.i18n import t
from sosmed.qna.faq import FaqEntry, faq_entries
from sosmed.site.archive import Archive, FormEntry
from sosmed.site.html import esc, heading, link, pager, para
from sosmed.site.model import SitePage
from sosmed.site.paths import paginate
from sosmed.site.post_page import division_name
from sosmed.site.text import fmt_date

FAQ_PREVIEW = 5


def answered_by_form(archive: Archive) -> dict[str, list[FaqEntry]]:
    """The FAQ entries of each public form (by form id, questions in order)."""
    by_form: dict[str, list[FaqEntry]] = defaultdict(list)
    for entry in faq_entries([f.item for f in archive.forms], archive.config):
        by_form[entry.form_id].append(entry)
    for entries in by_form.values():
        entries.sort(key=lambda e: e.number)
    return by_form


def qa_block(from_url: str, form: FormEntry, entries: list[FaqEntry], config: Config, lang: str, *,
             with_form_link: bool = True) -> str:
    """The answered questions of one form, as HTML."""
    content_lang = esc(config.organisation.locale)
    parts = []
    for entry in entries:
        parts.append(f'<div class="sosmed-qa" lang="{content_lang}" id="{esc(entry.anchor)}">'
                     f'<p class="sosmed-q"><strong>{esc(t("site.faq.question", lang))}:</strong> '
                     f'{esc(entry.question)}</p>'
                     f'<p class="sosmed-a"><strong>{esc(t("site.faq.answer", lang))}:</strong> '
                     f'{esc(entry.answer)}</p></div>')
    info = esc(t("site.faq.received", lang, time=fmt_date(form.item.form.received, config.zone, lang)))
    if with_form_link:
        info += " · " + link(from_url, form.url, t("site.faq.form", lang, id=form.item.id))
    parts.append(f'<p class="sosmed-qa-info"><small>{info}</small></p>')
    return "".join(parts)


def faq_pages(archive: Archive, lang: str) -> Iterator[SitePage]:
    """The FAQ overview, one paginated list per division, and one page per form."""
    config = archive.config
    answers = answered_by_form(archive)
    forms = [f for f in archive.forms if answers.get(f.item.id)]
    by_division: dict[str, list[FormEntry]] = defaultdict(list)
    for entry in forms:
        by_division[entry.item.form.bidang].append(entry)
    slugs = [d.slug for d in config.divisions if d.slug in by_division]
    slugs += sorted(s for s in by_division if s not in slugs)

    title = t("site.faq.title", lang)
    body = [heading(1, title), para(t("site.faq.intro", lang))]
    if not slugs:
        body.append(para(t("site.faq.empty", lang)))
    for slug in slugs:
        entries = by_division[slug]
        name = division_name(config, slug)
        body.append(heading(2, name))
        body.append("".join(qa_block("tanya-jawab/", e, answers[e.item.id], config, lang)
                            for e in entries[:FAQ_PREVIEW]))
        body.append("<p>" + link("tanya-jawab/", f"tanya-jawab/{slug}/",
                                 t("site.faq.all_of", lang, division=name, count=len(entries))) + "</p>")
    yield SitePage("tanya-jawab/", title, "\n".join(body) + "\n", t("site.faq.intro", lang))

    for slug in slugs:
        yield from _division_pages(slug, by_division[slug], answers, config, lang)
    for entry in forms:
        yield form_page(entry, answers[entry.item.id], config, lang)


def _division_pages(slug: str, forms: list[FormEntry], answers: dict[str, list[FaqEntry]], config: Config,
                    lang: str) -> Iterator[SitePage]:
    name = division_name(config, slug)
    title = t("site.faq.division_title", lang, division=name)
    pages = paginate(forms, f"tanya-jawab/{slug}/")
    urls = [url for url, _ in pages]
    for number, (url, chunk) in enumerate(pages, 1):
        page_title = title if number == 1 else \
            f"{title} ({t('site.pagination.position', lang, page=number, pages=len(pages))})"
        lines = [heading(1, page_title), "".join(qa_block(url, e, answers[e.item.id], config, lang) for e in chunk)]
        nav = pager(url, urls, number, lang)
        if nav:
            lines.append(nav)
        yield SitePage(url, page_title, "\n".join(lines) + "\n")


def form_page(form: FormEntry, entries: list[FaqEntry], config: Config, lang: str) -> SitePage:
    """The public page of one form at ``qna/<id>/`` (the URL replies on the platforms link to)."""
    title = t("site.faq.form_title", lang, id=form.item.id)
    bidang = form.item.form.bidang
    division = link(form.url, f"tanya-jawab/{bidang}/", division_name(config, bidang))
    lines = [
        '<article class="sosmed-form" data-pagefind-body>',
        heading(1, title),
        f'<p class="sosmed-meta" data-pagefind-ignore>{division}</p>',
        qa_block(form.url, form, entries, config, lang, with_form_link=False),
        "</article>",
    ]
    return SitePage(form.url, title, "\n".join(lines) + "\n", entries[0].question if entries else None)
