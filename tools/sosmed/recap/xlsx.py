"""The recap as a spreadsheet (openpyxl): a summary sheet, one sheet per platform and one of engagement.

Times are written as local (WITA) date-times without a zone, because Excel has none; the
column header names the zone. The workbook's own dates are the end of the month, not
the time it was generated.
"""

from __future__ import annotations

import io
import zipfile
from datetime import datetime

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

from sosmed.i18n import t
from sosmed.model.fields import PLATFORMS
from sosmed.recap.data import Recap
from sosmed.recap.engagement_xlsx import engagement_sheet
from sosmed.recap.formatting import (
    division_names,
    division_of,
    month_name,
    platform_name,
    strategy_name,
    zone_abbr,
)

TIME_FORMAT = "yyyy-mm-dd hh:mm"
BOLD = Font(bold=True)


def _naive(moment: datetime) -> datetime:
    return moment.replace(tzinfo=None)


def _heading(sheet: Worksheet, text: str) -> None:
    sheet.append([])
    sheet.append([text])
    sheet.cell(row=sheet.max_row, column=1).font = BOLD


def _summary(sheet: Worksheet, recap: Recap) -> None:
    month = recap.month
    sheet.title = t("recap.xlsx.summary_sheet")
    sheet.append([t("recap.title", month_name=month_name(month), year=month.year)])
    sheet.cell(row=1, column=1).font = Font(bold=True, size=13)
    sheet.append([t("recap.xlsx.organisation"), recap.organisation])
    sheet.append([t("recap.xlsx.month"), month.label])
    sheet.append([t("recap.xlsx.period_start"), _naive(month.start)])
    sheet.append([t("recap.xlsx.period_end"), _naive(month.end)])
    sheet.append([t("recap.xlsx.zone"), f"{zone_abbr(month)} ({month.zone})"])
    for row in (4, 5):
        sheet.cell(row=row, column=2).number_format = TIME_FORMAT
    _heading(sheet, t("recap.xlsx.platform_section"))
    sheet.append([t("recap.column.platform"), t("recap.column.uploads")])
    for platform in PLATFORMS:
        sheet.append([platform_name(platform), len(recap.publications.get(platform, []))])
    sheet.append([t("recap.total_posts"), recap.posts])
    _heading(sheet, t("recap.xlsx.strategy_section"))
    sheet.append([t("recap.column.strategy"), t("recap.column.posts")])
    for strategy, count in recap.strategies.items():
        sheet.append([strategy_name(strategy), count])
    _heading(sheet, t("recap.xlsx.division_section"))
    sheet.append([t("recap.column.division"), t("recap.column.posts"), t("recap.column.questions")])
    for division in recap.divisions:
        sheet.append([division_of(division.slug, division_names(recap)), division.posts, division.questions])
    qna = recap.qna
    _heading(sheet, t("recap.xlsx.qna_section"))
    sheet.append([t("recap.qna.received"), qna.received])
    sheet.append([t("recap.qna.answered"), qna.answered])
    sheet.append([t("recap.qna.replies"), len(qna.replies)])
    sheet.append([t("recap.qna.median") + " (" + t("recap.qna.days_unit") + ")",
                  round(qna.median_days, 2) if qna.median_days is not None else None])
    sheet.append([t("recap.qna.p90") + " (" + t("recap.qna.days_unit") + ")",
                  round(qna.p90_days, 2) if qna.p90_days is not None else None])
    sheet.append([t("recap.qna.overdue", limit=qna.overdue_limit), len(qna.overdue)])
    _heading(sheet, t("recap.section.takedowns_corrections"))
    sheet.append([t("recap.xlsx.takedowns"), len(recap.takedowns)])
    sheet.append([t("recap.xlsx.corrections"), len(recap.corrections)])
    sheet.append([t("recap.xlsx.failed_attempts"), sum(r.failures for r in recap.retries)])
    sheet.column_dimensions["A"].width = 60
    sheet.column_dimensions["B"].width = 22


def _platform_sheet(sheet: Worksheet, recap: Recap, platform: str) -> None:
    abbr = zone_abbr(recap.month)
    sheet.title = platform_name(platform)[:31]
    header = [t("recap.column.number"), t("recap.column.time", zone_abbr=abbr), t("recap.column.title"),
              t("recap.column.strategy"), t("recap.column.division"), t("recap.column.item_id"),
              t("recap.column.platform_link"), t("recap.column.archive_link"), t("recap.column.note")]
    sheet.append(header)
    for column in range(1, len(header) + 1):
        sheet.cell(row=1, column=column).font = BOLD
    for number, entry in enumerate(recap.publications.get(platform, []), 1):
        note = t(f"recap.note.{entry.note}") if entry.note else None
        sheet.append([number, _naive(entry.time), entry.title, strategy_name(entry.strategy),
                      division_of(entry.bidang, division_names(recap)),
                      entry.item, entry.url, entry.archive, note])
        row = sheet.max_row
        sheet.cell(row=row, column=2).number_format = TIME_FORMAT
        for column, url in ((7, entry.url), (8, entry.archive)):
            if url and url.startswith(("http://", "https://")):
                sheet.cell(row=row, column=column).hyperlink = url
    sheet.freeze_panes = "A2"
    for letter, width in zip("ABCDEFGHI", (5, 17, 50, 28, 14, 40, 50, 50, 20), strict=True):
        sheet.column_dimensions[letter].width = width


def render_xlsx(recap: Recap) -> bytes:
    """The workbook as bytes."""
    workbook = Workbook()
    first = workbook.active
    assert isinstance(first, Worksheet)  # a new workbook holds one worksheet
    _summary(first, recap)
    for platform in PLATFORMS:
        _platform_sheet(workbook.create_sheet(), recap, platform)
    engagement_sheet(workbook.create_sheet(), recap)
    stamp = _naive(recap.month.end)
    workbook.properties.creator = recap.organisation_short
    workbook.properties.title = t("recap.title", month_name=month_name(recap.month), year=recap.month.year)
    workbook.properties.created = stamp
    workbook.properties.modified = stamp
    buffer = io.BytesIO()
    # Not ``workbook.save``: it dates the workbook "modified" now, and a recap made twice must be the same bytes.
    ExcelWriter(workbook, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, allowZip64=True)).save()
    return stamped_zip(buffer.getvalue(), stamp)


def stamped_zip(data: bytes, moment: datetime) -> bytes:
    """The zip (an .xlsx) again with every member dated ``moment``: openpyxl dates them with the time of
    writing, and a recap made twice must be the same bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for member in source.infolist():
            info = zipfile.ZipInfo(member.filename, date_time=moment.timetuple()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = member.external_attr
            target.writestr(info, source.read(member))
    return out.getvalue()
