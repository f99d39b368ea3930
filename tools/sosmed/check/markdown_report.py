"""The markdown FBS report: the body of the pull-request comment.

A table of the nine FBS points (✅ clean, ⚠️ warnings, ❌ errors, 👤 for a person to confirm),
every problem with ``file:line`` and its message, the suppressions with their reasons, and
for each post and Q&A form one mock-up per platform as it will appear
(:mod:`sosmed.check.mockup`). Everything the findings found (a
token, a NIK, an address …, by its exact writing) and any personal data in any writing are
masked in previews, titles, messages and reasons (:class:`sosmed.check.shown.Shown`), so
nothing the report warns about appears whole in the comment.
"""

from __future__ import annotations

from collections import defaultdict

from sosmed.check.engine import CheckResult
from sosmed.check.fbs import MANUAL, POINTS, automated, platform_rules
from sosmed.check.mockup import MediaLinks, local_links, render_mockups
from sosmed.check.shown import Shown
from sosmed.config.schema import Config
from sosmed.i18n import count, t
from sosmed.problem import Problem

ICON = {"error": "❌", "warning": "⚠️", "ok": "✅", "manual": "👤"}


def _status(problems: list[Problem]) -> str:
    if any(p.level == "error" for p in problems):
        return "error"
    if problems:
        return "warning"
    return "ok"


def _count(problems: list[Problem], lang: str | None) -> str:
    errors = sum(1 for p in problems if p.level == "error")
    warnings = len(problems) - errors
    return t("report.counts", lang, errors=count("check.count.error", errors, lang),
             warnings=count("check.count.warning", warnings, lang))


def render_markdown(result: CheckResult, config: Config | None = None, *, lang: str | None = None,
                    links: MediaLinks | None = local_links, budget: int | None = None) -> str:
    """The whole report as GitHub-flavoured Markdown.

    ``links`` gives the address of each image in the mock-ups (default: the path relative to the
    repository root); ``budget`` caps the report's length by leaving out mock-ups that do not fit.
    """
    shown = Shown.of(result, config)
    out = [f"## {t('report.title', lang)}", ""]
    errors, warnings = len(result.errors), len(result.warnings)
    if errors or warnings:
        out.append(t("check.summary", lang, errors=count("check.count.error", errors, lang),
                     warnings=count("check.count.warning", warnings, lang),
                     files=count("check.count.file", result.files, lang)))
    else:
        out.append(t("check.summary_clean", lang, files=count("check.count.file", result.files, lang)))
    out += _points_table(result, lang)
    out += _problems(result, shown, lang)
    if result.suppressions:
        out += [f"### {t('report.suppressions', lang)}", ""]
        for s in result.suppressions:
            out.append("- " + t("report.suppression", lang, path=s.path, line=s.line, rule=s.rule, hits=s.hits,
                                reason=shown(s.reason)))
        out.append("")
    if config is not None:
        room = None if budget is None else budget - sum(len(line) + 1 for line in out)
        out += render_mockups(result, config, shown, links=links, lang=lang, budget=room)
    return "\n".join(out).rstrip() + "\n"


def _points_table(result: CheckResult, lang: str | None) -> list[str]:
    """The nine FBS points (and the platforms' limits): what was checked, what a person must judge."""
    by_point: dict[int | None, list[Problem]] = defaultdict(list)
    for problem in result.problems:
        by_point[problem.fbs].append(problem)
    out = ["", f"| {t('report.col.point', lang)} | {t('report.col.principle', lang)} | "
           f"{t('report.col.result', lang)} | {t('report.col.note', lang)} |", "|---|---|---|---|"]
    for point in POINTS:
        problems = by_point.get(point, [])
        marks: list[str] = []
        notes: list[str] = []
        if automated(point) and not result.files:
            marks.append("–")  # nothing was checked: say so rather than show a clean result
            notes.append(t("report.nothing_checked", lang))
        elif automated(point):
            marks.append(ICON[_status(problems)])
            notes.append(_count(problems, lang) if problems else t("report.checked", lang))
        if point in MANUAL:
            marks.append(ICON["manual"])
            notes.append(t("report.manual", lang))
        out.append(f"| {point} | {t(f'fbs.point.{point}', lang)} | {' '.join(marks)} | {'; '.join(notes)} |")
    if platform_rules() and not result.files:
        out.append(f"| – | {t('fbs.platform', lang)} | – | {t('report.nothing_checked', lang)} |")
    elif platform_rules():
        problems = by_point.get(None, [])
        note = _count(problems, lang) if problems else t("report.checked", lang)
        out.append(f"| – | {t('fbs.platform', lang)} | {ICON[_status(problems)]} | {note} |")
    return out + ["", t("report.legend", lang), ""]


def _problems(result: CheckResult, shown: Shown, lang: str | None) -> list[str]:
    """Every problem, by file."""
    if not result.problems:
        return []
    out = [f"### {t('report.problems', lang)}", ""]
    by_file: dict[str, list[Problem]] = defaultdict(list)
    for problem in result.problems:
        by_file[problem.path].append(problem)
    for path in sorted(by_file):
        out += [f"**`{path}`**", ""]
        for p in sorted(by_file[path], key=lambda q: (q.fbs or 99, q.line, q.column)):
            fbs = f"FBS {p.fbs}" if p.fbs else t("report.platform_short", lang)
            out.append(f"- {ICON[p.level]} `{p.path}:{p.line}` — {shown(p.message(lang))} (`{p.rule}`, {fbs})")
        out.append("")
    return out
