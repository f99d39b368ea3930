"""The recap's engagement sheet: per platform, what is not available and why, the top posts, per
strategy and per division, and every post with each of its numbers (or why it has none).

Counts are written as numbers (a spreadsheet sums them); a number the platform did not give is a
text cell saying so, never a zero.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import tzinfo

from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet

from sosmed.i18n import t
from sosmed.platforms.metrics import METRICS, NOT_OFFERED
from sosmed.recap.data import Recap
from sosmed.recap.engagement import Engagement, GroupRow, PlatformTotals, PostResult
from sosmed.recap.engagement_markdown import (
    comparison_header,
    local_time,
    missing_lines,
    per_platform_header,
)
from sosmed.recap.formatting import (
    division_names,
    division_of,
    metric_name,
    month_name,
    platform_name,
    reason_text,
    strategy_name,
    when,
    zone_abbr,
)
from sosmed.recap.period import Month
from sosmed.specs import SOCIAL

BOLD = Font(bold=True)
# Every number any platform reports, in the order the per-post table shows them.
ALL_METRICS = tuple(dict.fromkeys(m for p in SOCIAL for m in METRICS[p]))

Cell = int | float | str | None


def _row(sheet: Worksheet, values: Sequence[Cell], *, bold: bool = False) -> None:
    sheet.append(list(values))
    if bold:
        for column in range(1, len(values) + 1):
            sheet.cell(row=sheet.max_row, column=column).font = BOLD


def _heading(sheet: Worksheet, text: str) -> None:
    sheet.append([])
    _row(sheet, [text], bold=True)


def _headline(totals: PlatformTotals, name: str) -> Cell:
    if name in NOT_OFFERED.get(totals.platform, ()):
        return t("recap.engagement.not_offered_cell")
    return totals.totals.get(name, t("recap.engagement.not_available_cell") if totals.posts else None)


def _per_platform(sheet: Worksheet, found: Engagement) -> None:
    _row(sheet, per_platform_header(), bold=True)
    for totals in found.platforms:
        _row(sheet, [platform_name(totals.platform), totals.posts, totals.measured, _headline(totals, "reach"),
                     _headline(totals, "views"), totals.engagement])


def _comparison(sheet: Worksheet, found: Engagement, month: Month) -> None:
    rows = found.comparisons()
    if found.previous_as_of is None or not rows:
        sheet.append([t("recap.engagement.compared_none")])
        return
    _row(sheet, comparison_header(month), bold=True)
    for compared in rows:
        moved = compared.change
        _row(sheet, [platform_name(compared.platform), metric_name(compared.name), compared.previous,
                     compared.current, None if moved is None else round(moved / 100, 4)])
        sheet.cell(row=sheet.max_row, column=5).number_format = "+0.0%;-0.0%;0.0%"


def _post_cell(result: PostResult, name: str) -> Cell:
    if name not in METRICS[result.platform]:
        return None
    if name in result.values:
        return result.values[name]
    if name in NOT_OFFERED.get(result.platform, ()):
        return t("recap.engagement.not_offered_cell")
    reason = result.missing.get(name)
    return t("recap.xlsx.not_available", reason=reason_text(reason)) if reason else None


def _note(result: PostResult, zone: tzinfo | None) -> str | None:
    """Which of the post's numbers are from an earlier reading than the month's last collection, and why."""
    notes = [t("recap.engagement.earlier_note", metrics=", ".join(metric_name(m) for m in names),
               read_at=local_time(read_at, zone), reason=reason_text(reason))
             for (reason, read_at), names in result.earlier_readings().items()]
    return "; ".join(notes) or None


def _posts(sheet: Worksheet, posts: list[PostResult], rank: bool, zone: tzinfo | None,
           divisions: dict[str, str]) -> None:
    header = [t("recap.column.platform"), *([t("recap.column.number")] if rank else []), t("recap.column.title"),
              t("recap.column.strategy"), t("recap.column.division"), t("recap.engagement.column.engagement"),
              *(metric_name(m) for m in ALL_METRICS), t("recap.column.platform_link"), t("recap.engagement.column.note")]
    _row(sheet, header, bold=True)
    ranks: dict[str, int] = {}
    for result in posts:
        ranks[result.platform] = number = ranks.get(result.platform, 0) + 1
        _row(sheet, [platform_name(result.platform), *([number] if rank else []), result.title,
                     strategy_name(result.strategy), division_of(result.bidang, divisions), result.engagement,
                     *(_post_cell(result, m) for m in ALL_METRICS), result.url, _note(result, zone)])


def _groups(sheet: Worksheet, rows: list[GroupRow], first: str, name: Callable[[str], str]) -> None:
    _row(sheet, [first, t("recap.column.posts"), *(platform_name(p) for p in SOCIAL),
                 t("recap.engagement.column.total")], bold=True)
    for row in rows:
        _row(sheet, [name(row.key), row.posts, *(row.engagement.get(p, 0) for p in SOCIAL), row.total])


def engagement_sheet(sheet: Worksheet, recap: Recap) -> None:
    """Fill ``sheet`` with the month's engagement."""
    divisions = division_names(recap)
    sheet.title = t("recap.xlsx.engagement_sheet")
    _row(sheet, [t("recap.section.engagement")], bold=True)
    found = recap.engagement
    if found is None or found.as_of is None:
        sheet.append([t("recap.engagement.none")])
        return
    sheet.append([t("recap.engagement.column.as_of", zone_abbr=zone_abbr(recap.month)),
                  when(found.as_of.astimezone(recap.month.zone))])
    _heading(sheet, t("recap.xlsx.engagement_section"))
    _per_platform(sheet, found)
    before = recap.month.previous()
    _heading(sheet, t("recap.engagement.compared", month_name=month_name(before), year=before.year))
    _comparison(sheet, found, recap.month)
    _heading(sheet, t("recap.engagement.missing_heading"))
    for line in missing_lines(found):
        sheet.append([line.removeprefix("- ")])
    _heading(sheet, t("recap.engagement.top"))
    _posts(sheet, [r for platform in SOCIAL for r in found.top.get(platform, [])], rank=True, zone=found.zone,
           divisions=divisions)
    _heading(sheet, t("recap.engagement.by_strategy"))
    _groups(sheet, found.strategies, t("recap.column.strategy"), strategy_name)
    _heading(sheet, t("recap.engagement.by_division"))
    _groups(sheet, found.divisions, t("recap.column.division"), lambda slug: division_of(slug, divisions))
    _heading(sheet, t("recap.xlsx.engagement_posts"))
    _posts(sheet, found.posts, rank=False, zone=found.zone, divisions=divisions)
    sheet.column_dimensions["A"].width = 40
    sheet.column_dimensions["C"].width = 40

