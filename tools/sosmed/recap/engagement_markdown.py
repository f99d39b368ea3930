"""The recap's engagement section in Markdown: per platform, what is not available and why, the top
posts, per strategy and per division. Deterministic like the rest of the recap."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, tzinfo

from sosmed.i18n import t
from sosmed.platforms.metrics import ENGAGEMENT, METRICS, NOT_OFFERED
from sosmed.recap.data import Recap
from sosmed.recap.engagement import Comparison, Engagement, GroupRow, PlatformTotals
from sosmed.recap.formatting import (
    cell,
    decimal,
    division_of,
    link,
    md_table,
    metric_name,
    month_name,
    number,
    percent_change,
    platform_name,
    reason_text,
    strategy_name,
    when,
    zone_abbr,
)
from sosmed.recap.period import Month
from sosmed.specs import SOCIAL

ENGAGEMENT_CHARTS = ("engagement", "engagement_strategy")


def headline(totals: PlatformTotals, name: str) -> str:
    """Reach or views of a platform: the sum, or why there is none."""
    if name in NOT_OFFERED.get(totals.platform, ()):
        return t("recap.engagement.not_offered_cell")
    value = totals.totals.get(name)
    if value is None and not totals.posts:
        return t("recap.dash")
    return number(value) if value is not None else t("recap.engagement.not_available_cell")


def per_platform_rows(found: Engagement) -> list[list[str]]:
    """Per platform: posts, posts with numbers, reach, views and engagement (as text)."""
    rows = []
    for totals in found.platforms:
        current = totals.engagement
        unknown = t("recap.engagement.not_available_cell") if totals.posts else t("recap.dash")
        rows.append([platform_name(totals.platform), str(totals.posts), str(totals.measured),
                     headline(totals, "reach"), headline(totals, "views"),
                     number(current) if current is not None else unknown])
    return rows


def per_platform_header() -> list[str]:
    """The header of :func:`per_platform_rows`."""
    return [t("recap.column.platform"), t("recap.engagement.column.posts"), t("recap.engagement.column.measured"),
            t("recap.engagement.column.reach"), t("recap.engagement.column.views"),
            t("recap.engagement.column.engagement")]


def comparison_header(month: Month) -> list[str]:
    """Platform, number, the previous month, this month, the change."""
    before = month.previous()
    return [t("recap.column.platform"), t("recap.engagement.column.number"),
            f"{month_name(before)} {before.year}", f"{month_name(month)} {month.year}",
            t("recap.engagement.column.change")]


def comparison_rows(rows: list[Comparison]) -> list[list[str]]:
    """One row per platform and number; a dash where a month has no number (and then no change)."""
    return [[platform_name(c.platform), metric_name(c.name), number(c.previous), number(c.current),
             percent_change(c.change)] for c in rows]


def definitions() -> str:
    """What engagement adds up on each platform (from the one table the code counts with)."""
    parts = [t("recap.engagement.definition", platform=platform_name(p),
               metrics=" + ".join(metric_name(m) for m in ENGAGEMENT[p])) for p in SOCIAL]
    return t("recap.engagement.definitions", list="; ".join(parts))


def comparison(found: Engagement, month: Month) -> list[str]:
    """The comparison table with its note; a sentence when the previous month had no collection."""
    compared = comparison_rows(found.comparisons())
    if found.previous_as_of is None or not compared:
        return [t("recap.engagement.compared_none")]
    return md_table(comparison_header(month), compared, "llrrr") + ["", t("recap.engagement.compared_note")]


def local_time(moment: datetime | None, zone: tzinfo | None) -> str:
    """A moment in the instance's zone with the zone's short name (``2020-05-19 20:00 WITA``)."""
    if moment is None:
        return t("recap.dash")
    local = moment.astimezone(zone) if zone is not None else moment
    return f"{when(local)} {local.tzname() or ''}".rstrip()


def earlier_lines(found: Engagement, platform: str) -> list[str]:
    """Numbers kept from an earlier reading than the month's last collection: which, for how many posts,
    read when, and why the last collection did not read them again."""
    groups: dict[tuple[str, datetime | None, tuple[str, ...]], int] = {}
    for result in found.posts:
        if result.platform != platform or not result.earlier:
            continue
        for (reason, read_at), names in result.earlier_readings().items():
            key = (reason, read_at, tuple(names))
            groups[key] = groups.get(key, 0) + 1
    order = sorted(groups, key=lambda k: (k[1] is None, k[1] or found.as_of, k[0], k[2]))
    return [t("recap.engagement.earlier_line", platform=platform_name(platform), posts=groups[key],
              metrics=", ".join(metric_name(m) for m in key[2]), read_at=local_time(key[1], found.zone),
              as_of=local_time(found.as_of, found.zone), reason=reason_text(key[0])) for key in order]


def missing_lines(found: Engagement) -> list[str]:
    """One line per platform and reason: which numbers, for how many posts; what a platform never reports;
    and which numbers are from an earlier reading than the month's last collection."""
    lines = []
    for totals in found.platforms:
        offered = NOT_OFFERED.get(totals.platform, ())
        if offered:
            lines.append(t("recap.engagement.not_offered_line", platform=platform_name(totals.platform),
                           metrics=", ".join(metric_name(m) for m in offered), reason=reason_text("not_offered")))
        reasons = sorted({r for by_reason in totals.missing.values() for r in by_reason})
        for reason in reasons:
            names = [m for m in METRICS[totals.platform] if reason in totals.missing.get(m, {})]
            posts = max(totals.missing[m][reason] for m in names)
            lines.append(t("recap.engagement.missing_line", platform=platform_name(totals.platform), posts=posts,
                           metrics=", ".join(metric_name(m) for m in names), reason=reason_text(reason)))
        lines += earlier_lines(found, totals.platform)
    return [f"- {line}" for line in lines] or [t("recap.none")]


def _top(found: Engagement, divisions: dict[str, str]) -> list[str]:
    lines: list[str] = []
    header = [t("recap.column.number"), t("recap.column.title"), t("recap.column.strategy"),
              t("recap.column.division"), t("recap.engagement.column.reach"), t("recap.engagement.column.engagement"),
              t("recap.column.links")]
    for platform in SOCIAL:
        lines += ["", f"#### {platform_name(platform)}", ""]
        ranked = found.top.get(platform) or []
        if not ranked:
            lines += [t("recap.none")]
            continue
        rows = [[str(n), cell(r.title), cell(strategy_name(r.strategy)), cell(division_of(r.bidang, divisions)),
                 number(r.reach), number(r.engagement), link(t("recap.link.post"), r.url) or t("recap.dash")]
                for n, r in enumerate(ranked, 1)]
        lines += md_table(header, rows, "rlllrrl")
    return lines


def group_table(rows: list[GroupRow], first: str, name: Callable[[str], str]) -> list[str]:
    """Posts and engagement per platform of each strategy (or division), with the total and the average."""
    body = []
    for row in rows:
        average = decimal(row.total / row.posts) if row.posts else t("recap.dash")
        body.append([cell(name(row.key)), str(row.posts), *(number(row.engagement.get(p, 0)) for p in SOCIAL),
                     number(row.total), average])
    header = [first, t("recap.column.posts"), *(platform_name(p) for p in SOCIAL),
              t("recap.engagement.column.total"), t("recap.engagement.column.per_post")]
    return md_table(header, body, "l" + "r" * (len(header) - 1))


def engagement_section(recap: Recap, charts: dict[str, str], divisions: dict[str, str]) -> list[str]:
    """The whole section (heading included); ``divisions`` maps a slug to the division's name."""
    found = recap.engagement
    lines = [f"## {t('recap.section.engagement')}", ""]
    if found is None or found.as_of is None:
        return lines + [t("recap.engagement.none")]
    abbr = zone_abbr(recap.month)
    lines += [t("recap.engagement.intro", as_of=when(found.as_of.astimezone(recap.month.zone)), zone_abbr=abbr), "",
              f"![{t('recap.chart.engagement_alt')}]({charts['engagement']})", "",
              f"![{t('recap.chart.engagement_strategy_alt')}]({charts['engagement_strategy']})", "",
              f"### {t('recap.engagement.per_platform')}", ""]
    lines += md_table(per_platform_header(), per_platform_rows(found), "lrrrrr") + ["", definitions(), ""]
    before = recap.month.previous()
    lines += [f"### {t('recap.engagement.compared', month_name=month_name(before), year=before.year)}", ""]
    lines += comparison(found, recap.month) + ["", f"### {t('recap.engagement.missing_heading')}", ""]
    lines += missing_lines(found) + ["", f"### {t('recap.engagement.top')}"] + _top(found, divisions)
    lines += ["", f"### {t('recap.engagement.by_strategy')}", ""]
    lines += group_table(found.strategies, t("recap.column.strategy"), strategy_name)
    lines += ["", f"### {t('recap.engagement.by_division')}", ""]
    lines += group_table(found.divisions, t("recap.column.division"),
                         lambda slug: division_of(slug, divisions))
    return lines
