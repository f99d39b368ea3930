"""The recap's engagement section in Markdown: per platform, what is not available and why, the top
posts, per strategy and per division. Deterministic like the rest of the recap."""

from __future__ import annotations

from collections.abc import Callable

from sosmed.i18n import t
from sosmed.platforms.metrics import ENGAGEMENT, METRICS, NOT_OFFERED
from sosmed.recap.data import Recap
from sosmed.recap.engagement import Engagement, GroupRow, PlatformTotals, change
from sosmed.recap.formatting import (
    cell,
    decimal,
    division_name,
    link,
    md_table,
    metric_name,
    number,
    percent_change,
    platform_name,
    reason_text,
    strategy_name,
    when,
    zone_abbr,
)
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


def _per_platform(found: Engagement) -> list[str]:
    rows = []
    for totals in found.platforms:
        before = found.previous.get(totals.platform)
        previous = before.engagement if before is not None and before.measured else None
        current = totals.engagement
        unknown = t("recap.engagement.not_available_cell") if totals.posts else t("recap.dash")
        rows.append([platform_name(totals.platform), str(totals.posts), str(totals.measured),
                     headline(totals, "reach"), headline(totals, "views"),
                     number(current) if current is not None else unknown,
                     number(previous), percent_change(change(current, previous))])
    header = [t("recap.column.platform"), t("recap.engagement.column.posts"), t("recap.engagement.column.measured"),
              t("recap.engagement.column.reach"), t("recap.engagement.column.views"),
              t("recap.engagement.column.engagement"), t("recap.engagement.column.previous"),
              t("recap.engagement.column.change")]
    return md_table(header, rows, "lrrrrrrr")


def definitions() -> str:
    """What engagement adds up on each platform (from the one table the code counts with)."""
    parts = [t("recap.engagement.definition", platform=platform_name(p),
               metrics=" + ".join(metric_name(m) for m in ENGAGEMENT[p])) for p in SOCIAL]
    return t("recap.engagement.definitions", list="; ".join(parts))


def missing_lines(found: Engagement) -> list[str]:
    """One line per platform and reason: which numbers, for how many posts; and what a platform never reports."""
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
    return [f"- {line}" for line in lines] or [t("recap.none")]


def _top(found: Engagement) -> list[str]:
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
        rows = [[str(n), cell(r.title), cell(strategy_name(r.strategy)), cell(r.bidang), number(r.reach),
                 number(r.engagement), link(t("recap.link.post"), r.url) or t("recap.dash")]
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
    lines += _per_platform(found) + ["", definitions(), "", f"### {t('recap.engagement.missing_heading')}", ""]
    lines += missing_lines(found) + ["", f"### {t('recap.engagement.top')}"] + _top(found)
    lines += ["", f"### {t('recap.engagement.by_strategy')}", ""]
    lines += group_table(found.strategies, t("recap.column.strategy"), strategy_name)
    lines += ["", f"### {t('recap.engagement.by_division')}", ""]
    lines += group_table(found.divisions, t("recap.column.division"),
                         lambda slug: division_name(divisions.get(slug, "")))
    return lines
