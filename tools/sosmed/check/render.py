"""Renderers for check results: text (grouped by file), json, GitHub annotations."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import click

from sosmed.check.engine import CheckResult
from sosmed.check.shown import Shown
from sosmed.i18n import count, t

if TYPE_CHECKING:
    from sosmed.config.schema import Config


def render_text(result: CheckResult, *, color: bool = False) -> str:
    """Problems grouped by file, then a one-line summary."""
    shown = Shown.of(result)
    by_file: dict[str, list[Any]] = defaultdict(list[Any])
    for problem in result.problems:
        by_file[problem.path].append(problem)
    lines: list[str] = []
    for path in sorted(by_file):
        lines.append(click.style(path, underline=True) if color else path)
        # Within a file, problems are grouped by FBS point (platform rules last), then by line.
        group: object = ()
        for p in sorted(by_file[path], key=lambda q: (q.fbs or 99, q.line, q.column)):
            if p.fbs != group:
                group = p.fbs
                title = (t("report.group_fbs", point=p.fbs, title=t(f"fbs.point.{p.fbs}")) if p.fbs
                         else t("report.group_platform"))
                lines.append(f"  {click.style(title, bold=True) if color else title}")
            level = t(f"check.level.{p.level}")
            if color:
                level = click.style(level, fg="red" if p.level == "error" else "yellow")
            lines.append(f"    {p.line}:{p.column}  {level}  {shown(p.message())}  ({p.rule})")
        lines.append("")
    for s in result.suppressions:
        lines.append(t("check.suppressed", path=s.path, line=s.line, rule=s.rule, reason=shown(s.reason), hits=s.hits))
    if result.suppressions:
        lines.append("")
    errors, warnings = len(result.errors), len(result.warnings)
    if errors or warnings:
        lines.append(t("check.summary", errors=count("check.count.error", errors),
                       warnings=count("check.count.warning", warnings), files=count("check.count.file", result.files)))
    else:
        lines.append(t("check.summary_clean", files=count("check.count.file", result.files)))
    return "\n".join(lines)


def render_json(result: CheckResult) -> str:
    """A JSON array of problems with exactly the keys path, line, column, rule, fbs, level, message."""
    shown = Shown.of(result)
    rows = [p.as_dict() for p in result.problems]
    for row in rows:
        row["message"] = shown(row["message"])
    return json.dumps(rows, ensure_ascii=False, indent=2)


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render_github(result: CheckResult) -> str:
    """GitHub Actions workflow commands, one annotation per problem."""
    shown = Shown.of(result)
    lines = []
    for p in result.problems:
        command = "error" if p.level == "error" else "warning"
        props = (
            f"file={_escape_property(p.path)},line={p.line},col={p.column},"
            f"title={_escape_property(p.rule)}"
        )
        lines.append(f"::{command} {props}::{_escape_data(shown(p.message()))}")
    errors, warnings = len(result.errors), len(result.warnings)
    if errors or warnings:
        lines.append(t("check.summary", errors=count("check.count.error", errors),
                       warnings=count("check.count.warning", warnings), files=count("check.count.file", result.files)))
    else:
        lines.append(t("check.summary_clean", files=count("check.count.file", result.files)))
    return "\n".join(lines)


def render_markdown(result: CheckResult, config: Config | None = None) -> str:
    """The markdown FBS report (``sosmed.check.markdown_report``); previews need the configuration."""
    from sosmed.check.markdown_report import render_markdown as render

    return render(result, config)


RENDERERS: dict[str, Callable[..., str]] = {"text": render_text, "json": render_json, "github": render_github, "markdown": render_markdown}
