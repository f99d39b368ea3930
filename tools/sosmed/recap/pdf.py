"""The printable recap (PDF, fpdf2) with the same signature block as the Formulir Q&A.

The Kepala's block carries the electronic sign-off once the recap's pull request is
approved: the gate files it in the ledger under ``recap-YYYY-MM`` with the hash of the
recap's Markdown, and it is printed only when that hash is the one of this very recap.
Without it every page says "BELUM DISETUJUI", as an unsigned form does.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from fpdf.enums import XPos, YPos
from fpdf.fonts import FontFace

from sosmed.config.schema import Config
from sosmed.i18n import t
from sosmed.model.fields import PLATFORMS
from sosmed.platforms.base import parse_time
from sosmed.printing.dates import long_date
from sosmed.printing.document import SosmedPdf, new_pdf
from sosmed.printing.signature import LINE, ElectronicSignoff, SignatureBlock, draw_signature_row, row_height
from sosmed.recap.charts import render_png_charts
from sosmed.recap.data import Recap
from sosmed.recap.engagement_markdown import (
    comparison_header,
    comparison_rows,
    definitions,
    missing_lines,
    per_platform_header,
    per_platform_rows,
)
from sosmed.recap.formatting import (
    days,
    division_names,
    division_of,
    error_text,
    month_name,
    platform_name,
    share,
    strategy_name,
    when,
    zone_abbr,
)
from sosmed.recap.formatting import (
    number as figure,
)
from sosmed.specs import SOCIAL

KEPALA_ROLES = ("kepala", "deputy")
TABLE_FONT = 8.0
CELL_PADDING = 1.0
HEADING_FILL = (230, 234, 240)


def kepala_approval(recap: Recap, content_hash: str) -> tuple[dict[str, Any], dict[str, Any]] | None:
    """The ledger's sign-off of this exact recap by the Kepala (or a deputy): (signoff, approver)."""
    for record in reversed(recap.signoffs):
        if record.get("hash") != content_hash:
            continue
        signoff = record.get("signoff") or {}
        for approver in signoff.get("approvers") or []:
            if isinstance(approver, dict) and approver.get("role") in KEPALA_ROLES:
                return signoff, approver
    return None


def _heading(pdf: SosmedPdf, text: str, size: float = 11.5) -> None:
    if pdf.get_y() + 20 > pdf.page_break_trigger:
        pdf.add_page()
    pdf.ln(3)
    pdf.set_font(size=size, style="B")
    pdf.multi_cell(0, 6, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(1)


def _paragraph(pdf: SosmedPdf, text: str, size: float = 9.0) -> None:
    pdf.set_font(size=size, style="")
    pdf.multi_cell(0, 4.4, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def _table(pdf: SosmedPdf, header: Sequence[str], rows: Sequence[Sequence[str | tuple[str, str | None]]],
           widths: Sequence[float], right: Sequence[int] = ()) -> None:
    """A bordered table; a cell given as (text, url) is a link."""
    if not rows:
        _paragraph(pdf, t("recap.none"))
        return
    pdf.set_font(size=TABLE_FONT, style="")
    with pdf.table(col_widths=tuple(widths), width=sum(widths), align="LEFT", text_align="LEFT",
                   line_height=4.0, padding=CELL_PADDING,
                   headings_style=FontFace(emphasis="BOLD", fill_color=HEADING_FILL)) as table:
        head = table.row()
        for text in header:
            head.cell(text)
        for values in rows:
            row = table.row()
            for column, value in enumerate(values):
                align = "RIGHT" if column in right else None
                if isinstance(value, tuple):
                    text, url = value
                    row.cell(text, link=url if url and url.startswith(("http://", "https://")) else None,
                             align=align)
                else:
                    row.cell(value, align=align)
    pdf.ln(1)


ELLIPSIS = "…"
# The top posts: the title gets the room (one line, cut with an ellipsis), the strategy its two words.
TOP_WIDTHS = (18, 52, 34, 23, 20, 23)


def fit(pdf: SosmedPdf, text: str, width: float) -> str:
    """``text`` cut to one line of a table cell ``width`` mm wide in the current font, with an ellipsis
    when cut (the full text is in the Markdown and the spreadsheet)."""
    room = width - 2 * CELL_PADDING - 0.5
    if pdf.get_string_width(text) <= room:
        return text
    low, high = 0, len(text)
    while low < high:  # the longest prefix that fits with the ellipsis
        middle = (low + high + 1) // 2
        if pdf.get_string_width(text[:middle].rstrip() + ELLIPSIS) <= room:
            low = middle
        else:
            high = middle - 1
    return text[:low].rstrip() + ELLIPSIS


def _stamp(pdf: SosmedPdf, moment: datetime) -> None:
    # The document's own date is the end of the month, not the moment it was printed.
    pdf.set_creation_date(moment)


CHART_HEIGHTS = {"weekly": 3.4, "strategy": 3.0, "engagement": 3.2, "engagement_strategy": 3.2}  # inches of 7 wide


def _charts(pdf: SosmedPdf, pngs: dict[str, bytes], names: tuple[str, ...]) -> None:
    for name in names:
        height = pdf.epw * CHART_HEIGHTS[name] / 7.0
        if pdf.get_y() + height > pdf.page_break_trigger:
            pdf.add_page()
        pdf.image(io.BytesIO(pngs[name]), w=pdf.epw)
        pdf.ln(2)


def _platform_rows(recap: Recap, platform: str) -> list[list[str | tuple[str, str | None]]]:
    rows: list[list[str | tuple[str, str | None]]] = []
    divisions = division_names(recap)
    for number, entry in enumerate(recap.publications.get(platform, []), 1):
        title = entry.title + (f" ({t('recap.note.' + entry.note)})" if entry.note else "")
        rows.append([str(number), when(entry.time), title, strategy_name(entry.strategy),
                     division_of(entry.bidang, divisions),
                     (t("recap.link.post"), entry.url) if entry.url else "–",
                     (t("recap.link.archive"), entry.archive) if entry.archive else "–"])
    return rows


def _blocks(recap: Recap, config: Config, content_hash: str) -> tuple[list[SignatureBlock], str, bool]:
    approval = kepala_approval(recap, content_hash)
    kepala = config.kepala
    title = kepala.title or config.organisation.name
    admin = next((m.name for m in config.team if "admin" in m.roles), None)
    made = SignatureBlock(heading=(t("recap.pdf.made_by"), t("recap.pdf.admin_role")), name=admin, nip=None)
    place = config.organisation.city
    if approval is None:
        block = SignatureBlock(heading=(t("recap.pdf.approve"), title), name=kepala.name, nip=kepala.nip)
        return [made, block], t("recap.pdf.place_blank", place=place, year=recap.month.end.year), False
    signoff, approver = approval
    approved_at = parse_time(approver.get("approved_at"))
    heading = t("recap.pdf.deputy", title=title) if approver.get("role") == "deputy" else title
    who = str(approver.get("name") or approver.get("login") or "?")
    if approver.get("login") and approver.get("login") != who:
        who = f"{who} ({approver['login']})"
    block = SignatureBlock(
        heading=(t("recap.pdf.approve"), heading),
        name=approver.get("name") or kepala.name,
        nip=approver.get("nip") or kepala.nip,
        electronic=ElectronicSignoff(approver=who, approved_at=approved_at, content_hash=content_hash,
                                     pr_url=signoff.get("pr_url"), zone=config.zone),
    )
    date_line = f"{place}, {long_date(approved_at.astimezone(config.zone).date())}"
    return [made, block], date_line, True


def render_pdf(recap: Recap, config: Config, content_hash: str) -> bytes:
    """The printable recap; ``content_hash`` is the hash of its Markdown (what the sign-off binds)."""
    month = recap.month
    names = {"month_name": month_name(month), "year": month.year}
    blocks, date_line, signed = _blocks(recap, config, content_hash)
    pdf = new_pdf(t("recap.title", **names), author=recap.organisation_short,
                  watermark=None if signed else t("printing.unsigned"))
    _stamp(pdf, month.end)
    pdf.add_page()
    pngs = render_png_charts(recap)
    _title_page(pdf, recap)
    _publications(pdf, recap, pngs)
    _qna_section(pdf, recap)
    _changes(pdf, recap)
    _engagement(pdf, recap, pngs, config)
    pdf.ln(6)
    # The place/date line belongs to the signatures: it moves to the next page with them.
    if pdf.get_y() + LINE + 2 + row_height(pdf, blocks) > pdf.page_break_trigger:
        pdf.add_page()
    pdf.set_font(size=10, style="")
    pdf.cell(0, LINE, date_line, align="R", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(2)
    draw_signature_row(pdf, blocks)
    pdf.ln(4)
    pdf.set_font(size=7, style="")
    with pdf.local_context(text_color=(110, 110, 110)):
        pdf.multi_cell(0, 3.4, t("recap.pdf.hash_note", hash=content_hash), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    return bytes(pdf.output())


def _title_page(pdf: SosmedPdf, recap: Recap) -> None:
    """Title, organisation, period and how the report was made."""
    month = recap.month
    names = {"month_name": month_name(month), "year": month.year}
    abbr = zone_abbr(month)
    pdf.set_font(size=14, style="B")
    pdf.multi_cell(0, 7, t("recap.title", **names), align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font(size=10, style="")
    pdf.multi_cell(0, 5, recap.organisation, align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font(size=9, style="")
    pdf.multi_cell(0, 5, t("recap.period", first=1, last=month.last_day.day, zone_abbr=abbr, zone=str(month.zone),
                           **names), align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(2)
    _paragraph(pdf, t("recap.intro", zone_abbr=abbr))


def _publications(pdf: SosmedPdf, recap: Recap, pngs: dict[str, bytes]) -> None:
    """The summary, the uploads per platform, the balance of strategies and divisions."""
    abbr = zone_abbr(recap.month)
    _heading(pdf, t("recap.section.summary"))
    rows = [[platform_name(p), str(len(recap.publications.get(p, [])))] for p in PLATFORMS]
    rows.append([t("recap.total_posts"), str(recap.posts)])
    _table(pdf, [t("recap.column.platform"), t("recap.column.uploads")], rows, (120, 50), right=(1,))
    _charts(pdf, pngs, ("weekly", "strategy"))
    _heading(pdf, t("recap.section.platforms"))
    header = [t("recap.column.number"), t("recap.column.time", zone_abbr=abbr), t("recap.column.title"),
              t("recap.column.strategy"), t("recap.column.division"), t("recap.link.post"), t("recap.link.archive")]
    for platform in PLATFORMS:
        _heading(pdf, f"{platform_name(platform)} ({len(recap.publications.get(platform, []))})", size=10)
        _table(pdf, header, _platform_rows(recap, platform), (8, 22, 50, 30, 22, 19, 19), right=(0,))
    _heading(pdf, t("recap.section.strategy"))
    _table(pdf, [t("recap.column.strategy"), t("recap.column.posts"), t("recap.column.share")],
           [[strategy_name(s), str(n), share(n, recap.posts)] for s, n in recap.strategies.items()],
           (100, 35, 35), right=(1, 2))
    _heading(pdf, t("recap.section.divisions"))
    _table(pdf, [t("recap.column.division"), t("recap.column.posts"), t("recap.column.questions")],
           [[division_of(d.slug, division_names(recap)), str(d.posts), str(d.questions)] for d in recap.divisions], (100, 35, 35), right=(1, 2))


def _qna_section(pdf: SosmedPdf, recap: Recap) -> None:
    """Questions received and answered, response times, replies and overdue questions."""
    qna = recap.qna
    _heading(pdf, t("recap.section.qna"))
    _table(pdf, [t("recap.column.measure"), t("recap.column.value")], [
        [t("recap.qna.received"), str(qna.received)],
        [t("recap.qna.answered"), str(qna.answered)],
        [t("recap.qna.replies"), str(len(qna.replies))],
        [t("recap.qna.median"), days(qna.median_days)],
        [t("recap.qna.p90"), days(qna.p90_days)],
        [t("recap.qna.overdue", limit=qna.overdue_limit), str(len(qna.overdue))],
    ], (120, 50), right=(1,))
    _paragraph(pdf, t("recap.qna.note"), size=8)
    _heading(pdf, t("recap.section.replies"), size=10)
    _table(pdf, [t("recap.column.question"), t("recap.column.platform"), t("recap.column.received"),
                 t("recap.column.answered"), t("recap.column.response")],
           [[r.key, platform_name(r.platform), when(r.received), when(r.answered), days(r.days)]
            for r in qna.replies], (42, 30, 33, 33, 32))
    _heading(pdf, t("recap.section.overdue"), size=10)
    _table(pdf, [t("recap.column.question"), t("recap.column.platform"), t("recap.column.division"),
                 t("recap.column.received"), t("recap.column.age")],
           [[o.key, platform_name(o.platform), division_of(o.bidang, division_names(recap)), when(o.received),
             str(o.days)] for o in qna.overdue],
           (42, 30, 35, 33, 30), right=(4,))


def _changes(pdf: SosmedPdf, recap: Recap) -> None:
    """Takedowns, corrections, and the failed attempts with what became of them."""
    abbr = zone_abbr(recap.month)
    _heading(pdf, t("recap.section.takedowns"))
    _table(pdf, [t("recap.column.time", zone_abbr=abbr), t("recap.column.title"), t("recap.column.platform"),
                 t("recap.column.reason")],
           [[when(d.time), d.title, platform_name(d.platform),
             t("recap.takedown_manual", reason=d.reason or "–") if d.manual else (d.reason or "–")]
            for d in recap.takedowns], (26, 54, 25, 65))
    _heading(pdf, t("recap.section.corrections"))
    _table(pdf, [t("recap.column.time", zone_abbr=abbr), t("recap.column.title"), t("recap.column.platform"),
                 t("recap.column.correction")],
           [[when(c.time), c.title, ", ".join(platform_name(p) for p in c.platforms), " / ".join(c.texts) or "–"]
            for c in recap.corrections], (26, 54, 35, 55))
    _heading(pdf, t("recap.section.retries"))
    _table(pdf, [t("recap.column.first_failure"), t("recap.column.item"), t("recap.column.platform"),
                 t("recap.column.failures"), t("recap.column.last_error"), t("recap.column.outcome")],
           [[when(r.first_failure), r.item, platform_name(r.platform), str(r.failures),
             error_text(r.error, r.message),
             t("recap.retry_ok", attempt=r.attempt, time=when(r.succeeded)) if r.succeeded else t("recap.retry_open")]
            for r in recap.retries], (24, 38, 20, 12, 42, 34), right=(3,))


def _engagement(pdf: SosmedPdf, recap: Recap, pngs: dict[str, bytes], config: Config) -> None:
    """Reach and engagement per platform, what is not available and why, the top posts, per strategy and division."""
    _heading(pdf, t("recap.section.engagement"))
    found = recap.engagement
    if found is None or found.as_of is None:
        _paragraph(pdf, t("recap.engagement.none"))
        return
    abbr = zone_abbr(recap.month)
    _paragraph(pdf, t("recap.engagement.intro", as_of=when(found.as_of.astimezone(recap.month.zone)), zone_abbr=abbr))
    _charts(pdf, pngs, ("engagement", "engagement_strategy"))
    _table(pdf, per_platform_header(), per_platform_rows(found), (30, 22, 22, 32, 32, 32), right=(1, 2, 3, 4, 5))
    _paragraph(pdf, definitions(), size=8)
    before = recap.month.previous()
    _heading(pdf, t("recap.engagement.compared", month_name=month_name(before), year=before.year), size=10)
    compared = comparison_rows(found.comparisons())
    if found.previous_as_of is None or not compared:
        _paragraph(pdf, t("recap.engagement.compared_none"), size=8)
    else:
        _table(pdf, comparison_header(recap.month), compared, (30, 34, 36, 36, 34), right=(2, 3, 4))
        _paragraph(pdf, t("recap.engagement.compared_note"), size=8)
    _heading(pdf, t("recap.engagement.missing_heading"), size=10)
    for line in missing_lines(found):
        _paragraph(pdf, line.replace("- ", "• ", 1), size=8)
    _engagement_tables(pdf, recap, config)


def _engagement_tables(pdf: SosmedPdf, recap: Recap, config: Config) -> None:
    found = recap.engagement
    assert found is not None
    _heading(pdf, t("recap.engagement.top"), size=10)
    header = [t("recap.column.platform"), t("recap.column.title"), t("recap.column.strategy"),
              t("recap.column.division"), t("recap.engagement.column.reach"), t("recap.engagement.column.engagement")]
    widths, names = TOP_WIDTHS, division_names(recap)
    pdf.set_font(size=TABLE_FONT, style="")
    # The title is the link to the post: one column fewer, so the title keeps its room.
    _table(pdf, header, [[platform_name(r.platform), (fit(pdf, r.title, widths[1]), r.url),
                          strategy_name(r.strategy), fit(pdf, division_of(r.bidang, names), widths[3]),
                          figure(r.reach), figure(r.engagement)]
                         for ranked in found.top.values() for r in ranked], widths, right=(4, 5))
    _paragraph(pdf, t("recap.pdf.full_titles"), size=7.5)
    for title, rows, first, name in (
            (t("recap.engagement.by_strategy"), found.strategies, t("recap.column.strategy"), strategy_name),
            (t("recap.engagement.by_division"), found.divisions, t("recap.column.division"),
             lambda slug: division_of(slug, names))):
        _heading(pdf, title, size=10)
        _table(pdf, [first, t("recap.column.posts"), *(platform_name(p) for p in SOCIAL),
                     t("recap.engagement.column.total")],
               [[name(row.key), str(row.posts), *(figure(row.engagement.get(p, 0)) for p in SOCIAL), figure(row.total)]
                for row in rows], (48, 16, 20, 20, 18, 20, 20), right=(1, 2, 3, 4, 5, 6))
