"""The recap's engagement sheet: per platform, what is not available and why, the top posts, per
strategy and per division, and every post with each of its numbers (or why it has none).

Counts are written as numbers (a spreadsheet sums them); a number the platform did not give is a
text cell saying so, never a zero.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet

from sosmed.i18n import t
from sosmed.platforms.metrics import METRICS, NOT_OFFERED
from sosmed.recap.data import Recap
from sosmed.recap.engagement import Engagement, GroupRow, PlatformTotals, PostResult, change
from sosmed.recap.engagement_markdown import missing_lines
from sosmed.recap.formatting import (
    division_name,
    metric_name,
    platform_name,
    reason_text,
    strategy_name,
    when,
    zone_abbr,
)
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
    _row(sheet, [t("recap.column.platform"), t("recap.engagement.column.posts"), t("recap.engagement.column.measured"),
                 t("recap.engagement.column.reach"), t("recap.engagement.column.views"),
                 t("recap.engagement.column.engagement"), t("recap.engagement.column.previous"),
                 t("recap.engagement.column.change")], bold=True)
    for totals in found.platforms:
        before = found.previous.get(totals.platform)
        previous = before.engagement if before is not None and before.measured else None
        moved = change(totals.engagement, previous)
        _row(sheet, [platform_name(totals.platform), totals.posts, totals.measured, _headline(totals, "reach"),
                     _headline(totals, "views"), totals.engagement, previous,
                     None if moved is None else round(moved / 100, 4)])
        sheet.cell(row=sheet.max_row, column=8).number_format = "+0.0%;-0.0%;0.0%"


def _post_cell(result: PostResult, name: str) -> Cell:
    if name not in METRICS[result.platform]:
        return None
    if name in result.values:
        return result.values[name]
    if name in NOT_OFFERED.get(result.platform, ()):
        return t("recap.engagement.not_offered_cell")
    reason = result.missing.get(name)
    return t("recap.xlsx.not_available", reason=reason_text(reason)) if reason else None


def _posts(sheet: Worksheet, posts: list[PostResult], rank: bool) -> None:
    header = [t("recap.column.platform"), *([t("recap.column.number")] if rank else []), t("recap.column.title"),
              t("recap.column.strategy"), t("recap.column.division"), t("recap.engagement.column.engagement"),
              *(metric_name(m) for m in ALL_METRICS), t("recap.column.platform_link")]
    _row(sheet, header, bold=True)
    ranks: dict[str, int] = {}
    for result in posts:
        ranks[result.platform] = number = ranks.get(result.platform, 0) + 1
        _row(sheet, [platform_name(result.platform), *([number] if rank else []), result.title,
                     strategy_name(result.strategy), result.bidang, result.engagement,
                     *(_post_cell(result, m) for m in ALL_METRICS), result.url])


def _groups(sheet: Worksheet, rows: list[GroupRow], first: str, name: Callable[[str], str]) -> None:
    _row(sheet, [first, t("recap.column.posts"), *(platform_name(p) for p in SOCIAL),
                 t("recap.engagement.column.total")], bold=True)
    for row in rows:
        _row(sheet, [name(row.key), row.posts, *(row.engagement.get(p, 0) for p in SOCIAL), row.total])


def engagement_sheet(sheet: Worksheet, recap: Recap) -> None:
    """Fill ``sheet`` with the month's engagement."""
    divisions = {d.slug: d.name for d in recap.divisions}
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
    _heading(sheet, t("recap.engagement.missing_heading"))
    for line in missing_lines(found):
        sheet.append([line.removeprefix("- ")])
    _heading(sheet, t("recap.engagement.top"))
    _posts(sheet, [r for platform in SOCIAL for r in found.top.get(platform, [])], rank=True)
    _heading(sheet, t("recap.engagement.by_strategy"))
    _groups(sheet, found.strategies, t("recap.column.strategy"), strategy_name)
    _heading(sheet, t("recap.engagement.by_division"))
    _groups(sheet, found.divisions, t("recap.column.division"), lambda slug: division_name(divisions.get(slug, "")))
    _heading(sheet, t("recap.xlsx.engagement_posts"))
    _posts(sheet, found.posts, rank=False)
    sheet.column_dimensions["A"].width = 40
    sheet.column_dimensions["C"].width = 40

