"""The recap as Markdown with front matter: what the archive site shows and the Kepala approves.

Nothing here depends on when or where it runs: the same ledger and content give the
same bytes (sorted rows, no generation time, relative chart paths).
"""

from __future__ import annotations

from typing import Any

import yaml

from sosmed.config.schema import Config
from sosmed.i18n import get_language, t
from sosmed.model.fields import PLATFORMS
from sosmed.recap.data import Recap
from sosmed.recap.engagement_markdown import ENGAGEMENT_CHARTS, engagement_section
from sosmed.recap.formatting import (
    cell,
    days,
    division_names,
    division_of,
    error_text,
    link,
    month_name,
    platform_name,
    share,
    strategy_name,
    when,
    zone_abbr,
)
from sosmed.recap.formatting import (
    md_table as _table,
)

CHARTS = ("weekly", "strategy")


def chart_names(recap: Recap) -> tuple[str, ...]:
    """The recap's charts: the engagement ones only when there are numbers to draw."""
    found = recap.engagement
    return CHARTS + (ENGAGEMENT_CHARTS if found is not None and found.as_of is not None else ())


def chart_paths(recap: Recap) -> dict[str, str]:
    """Chart files relative to the Markdown file: ``YYYY-MM/<name>.svg``."""
    return {name: f"{recap.month.label}/{name}.svg" for name in chart_names(recap)}


def _none() -> list[str]:
    return [t("recap.none")]


def front_matter(recap: Recap) -> dict[str, Any]:
    """The fields the archive site reads (listing, totals, charts)."""
    month = recap.month
    return {
        "title": t("recap.title", month_name=month_name(month), year=month.year),
        "month": month.label,
        "lang": get_language(),
        "organisation": recap.organisation,
        "timezone": str(month.zone),
        "period": {"start": month.start.isoformat(), "end": month.end.isoformat()},
        "totals": {
            "posts": recap.posts,
            "platforms": {p: len(recap.publications.get(p, [])) for p in PLATFORMS},
            "strategies": dict(recap.strategies),
            "questions_received": recap.qna.received,
            "questions_answered": recap.qna.answered,
            "answers_published": len(recap.qna.replies),
            "overdue": len(recap.qna.overdue),
            "takedowns": len(recap.takedowns),
            "corrections": len(recap.corrections),
            "failed_attempts": sum(r.failures for r in recap.retries),
        },
        "charts": chart_paths(recap),
        "engagement": _engagement_totals(recap),
    }


def _engagement_totals(recap: Recap) -> dict[str, Any] | bool:
    """Per platform reach, views and engagement for the site (None where not available), with the previous
    month's and the change in percent (None unless both months have the number); False without numbers."""
    found = recap.engagement
    if found is None or found.as_of is None:
        return False
    platforms: dict[str, dict[str, Any]] = {
        p.platform: {"posts": p.posts, "reach": p.reach, "views": p.views, "engagement": p.engagement}
        for p in found.platforms}
    for compared in found.comparisons():
        entry = platforms[compared.platform]
        entry.setdefault("previous", {})[compared.name] = compared.previous
        moved = compared.change
        entry.setdefault("change_percent", {})[compared.name] = None if moved is None else round(moved, 1)
    return {"as_of": found.as_of.astimezone(recap.month.zone).isoformat(), "platforms": platforms}


def _summary(recap: Recap) -> list[str]:
    rows = [[platform_name(p), str(len(recap.publications.get(p, [])))] for p in PLATFORMS]
    rows.append([f"**{t('recap.total_posts')}**", f"**{recap.posts}**"])
    return _table([t("recap.column.platform"), t("recap.column.uploads")], rows, "lr")


def _links(url: str | None, archive: str | None) -> str:
    parts = [link(t("recap.link.post"), url)]
    if archive and archive != url:
        parts.append(link(t("recap.link.archive"), archive))
    shown = [p for p in parts if p]
    return " · ".join(shown) if shown else t("recap.dash")


def _platforms(recap: Recap, abbr: str) -> list[str]:
    lines: list[str] = []
    divisions = division_names(recap)
    for platform in PLATFORMS:
        entries = recap.publications.get(platform, [])
        lines += ["", f"### {platform_name(platform)} ({len(entries)})", ""]
        if not entries:
            lines += _none()
            continue
        rows = []
        for number, entry in enumerate(entries, 1):
            title = cell(entry.title)
            if entry.note:
                title += f" ({cell(t('recap.note.' + entry.note))})"
            rows.append([str(number), when(entry.time), title, cell(strategy_name(entry.strategy)),
                         cell(division_of(entry.bidang, divisions)), _links(entry.url, entry.archive)])
        header = [t("recap.column.number"), t("recap.column.time", zone_abbr=abbr), t("recap.column.title"),
                  t("recap.column.strategy"), t("recap.column.division"), t("recap.column.links")]
        lines += _table(header, rows, "rlllll")
    return lines


def _strategies(recap: Recap) -> list[str]:
    rows = [[cell(strategy_name(s)), str(n), share(n, recap.posts)] for s, n in recap.strategies.items()]
    return _table([t("recap.column.strategy"), t("recap.column.posts"), t("recap.column.share")], rows, "lrr")


def _divisions(recap: Recap) -> list[str]:
    rows = [[cell(division_of(d.slug, division_names(recap))), str(d.posts), str(d.questions)] for d in recap.divisions]
    return _table([t("recap.column.division"), t("recap.column.posts"), t("recap.column.questions")], rows, "lrr")


def _qna(recap: Recap, abbr: str) -> list[str]:
    qna, divisions = recap.qna, division_names(recap)
    rows = [
        [t("recap.qna.received"), str(qna.received)],
        [cell(t("recap.qna.answered")), str(qna.answered)],
        [t("recap.qna.replies"), str(len(qna.replies))],
        [t("recap.qna.median"), days(qna.median_days)],
        [t("recap.qna.p90"), days(qna.p90_days)],
        [t("recap.qna.overdue", limit=qna.overdue_limit), str(len(qna.overdue))],
    ]
    lines = _table([t("recap.column.measure"), t("recap.column.value")], rows, "lr")
    lines += ["", t("recap.qna.note"), "", f"### {t('recap.section.replies')}", ""]
    if qna.replies:
        reply_rows = [[cell(r.key), platform_name(r.platform), cell(division_of(r.bidang, divisions)), when(r.received), when(r.answered),
                       days(r.days), link(t("recap.link.post"), r.url) or t("recap.dash")] for r in qna.replies]
        header = [t("recap.column.question"), t("recap.column.platform"), t("recap.column.division"),
                  t("recap.column.received"), t("recap.column.answered"), t("recap.column.response"),
                  t("recap.column.links")]
        lines += _table(header, reply_rows, "lllllrl")
    else:
        lines += _none()
    lines += ["", f"### {t('recap.section.overdue')}", ""]
    if qna.overdue:
        overdue_rows = [[cell(o.key), platform_name(o.platform), cell(division_of(o.bidang, divisions)), when(o.received), str(o.days)]
                        for o in qna.overdue]
        header = [t("recap.column.question"), t("recap.column.platform"), t("recap.column.division"),
                  t("recap.column.received"), t("recap.column.age")]
        lines += _table(header, overdue_rows, "llllr")
    else:
        lines += _none()
    return lines


def _takedowns_corrections(recap: Recap, abbr: str) -> list[str]:
    lines = [f"### {t('recap.section.takedowns')}", ""]
    if recap.takedowns:
        rows = []
        for d in recap.takedowns:
            reason = t("recap.takedown_manual", reason=d.reason or t("recap.dash")) if d.manual else d.reason
            rows.append([when(d.time), cell(d.title), platform_name(d.platform), cell(reason)])
        header = [t("recap.column.time", zone_abbr=abbr), t("recap.column.title"), t("recap.column.platform"),
                  t("recap.column.reason")]
        lines += _table(header, rows, "llll")
    else:
        lines += _none()
    lines += ["", f"### {t('recap.section.corrections')}", ""]
    if recap.corrections:
        rows = [[when(c.time), cell(c.title), ", ".join(platform_name(p) for p in c.platforms),
                 cell(" / ".join(c.texts))] for c in recap.corrections]
        header = [t("recap.column.time", zone_abbr=abbr), t("recap.column.title"), t("recap.column.platform"),
                  t("recap.column.correction")]
        lines += _table(header, rows, "llll")
    else:
        lines += _none()
    return lines


def _retries(recap: Recap, abbr: str) -> list[str]:
    if not recap.retries:
        return _none()
    rows = []
    for r in recap.retries:
        outcome = t("recap.retry_ok", attempt=r.attempt, time=when(r.succeeded)) if r.succeeded else \
            t("recap.retry_open")
        error = error_text(r.error, r.message)
        rows.append([when(r.first_failure), cell(r.item), platform_name(r.platform), t(f"recap.op.{r.op}"),
                     str(r.failures), cell(error), outcome])
    header = [t("recap.column.first_failure", zone_abbr=abbr), t("recap.column.item"), t("recap.column.platform"),
              t("recap.column.operation"), t("recap.column.failures"), t("recap.column.last_error"),
              t("recap.column.outcome")]
    return _table(header, rows, "llllrll")


def render_markdown(recap: Recap, config: Config) -> str:
    """The whole recap page: front matter, tables, chart links, approval note."""
    month = recap.month
    abbr = zone_abbr(month)
    names = {"month_name": month_name(month), "year": month.year}
    meta = yaml.safe_dump(front_matter(recap), allow_unicode=True, sort_keys=False, default_flow_style=False,
                          width=1000)
    charts = chart_paths(recap)
    lines = ["---", meta.rstrip("\n"), "---", "",
             f"# {t('recap.title', **names)}", "",
             f"**{cell(recap.organisation)}**  ",
             t("recap.period", first=1, last=month.last_day.day, zone_abbr=abbr, zone=str(month.zone), **names),
             "", t("recap.intro", zone_abbr=abbr), "",
             f"## {t('recap.section.summary')}", ""]
    lines += _summary(recap)
    lines += ["", f"## {t('recap.section.charts')}", "",
              f"![{t('recap.chart.weekly_alt')}]({charts['weekly']})", "",
              f"![{t('recap.chart.strategy_alt')}]({charts['strategy']})", "",
              f"## {t('recap.section.platforms')}"]
    lines += _platforms(recap, abbr)
    lines += ["", f"## {t('recap.section.strategy')}", ""] + _strategies(recap)
    lines += ["", f"## {t('recap.section.divisions')}", ""] + _divisions(recap)
    lines += ["", f"## {t('recap.section.qna')}", ""] + _qna(recap, abbr)
    lines += ["", f"## {t('recap.section.takedowns_corrections')}", ""] + _takedowns_corrections(recap, abbr)
    lines += ["", f"## {t('recap.section.retries')}", ""] + _retries(recap, abbr)
    lines += [""] + engagement_section(recap, charts, division_names(recap))
    kepala = config.kepala
    lines += ["", f"## {t('recap.section.approval')}", "",
              t("recap.approval_text", title=cell(kepala.title or "Kepala"), name=cell(kepala.name), nip=kepala.nip),
              ""]
    return "\n".join(lines)
