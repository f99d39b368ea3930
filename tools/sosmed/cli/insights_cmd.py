"""``sosmed insights collect``: the numbers of the agency's recent posts, recorded on the ledger."""

from __future__ import annotations

import os
import sys
from datetime import timedelta

import click

from sosmed.cli.context import AppContext, pass_app
from sosmed.cli.localized import LocalizedCommand, LocalizedGroup
from sosmed.cli.options import dry_run_option, ledger_target_write_option
from sosmed.config.schema import Config
from sosmed.i18n import count as i18n_count
from sosmed.i18n import t
from sosmed.insights.collect import DEFAULT_DAYS, InsightsReport, collect_insights
from sosmed.printing.dates import long_datetime
from sosmed.publish.ledger import ledger_branch
from sosmed.specs import label


@click.group("insights", cls=LocalizedGroup, help="insights.cli.help", epilog="insights.cli.examples")
def command() -> None:
    """Post statistics."""


@command.command("collect", cls=LocalizedCommand, help="insights.cli.collect_help",
                 epilog="insights.cli.collect_examples")
@click.option("--days", type=click.IntRange(min=1, max=400), default=DEFAULT_DAYS, show_default=True,
              help="insights.cli.opt.days")
@click.option("--interval", type=click.FloatRange(min=0), default=0.0, show_default=True,
              help="insights.cli.opt.interval")
@dry_run_option
@ledger_target_write_option
@pass_app
def collect_cmd(app: AppContext, days: int, interval: float, dry_run: bool, ledger_target: str) -> None:
    """Read and record; exit 1 when a platform could not be read (a dry run: also when numbers changed)."""
    config = app.config()
    report = collect_insights(config, env=os.environ, target=ledger_target, days=days, interval=interval,
                              dry_run=dry_run)
    app.echo(render_report(report, config, ledger_target, interval))
    sys.exit(report.exit_code or (1 if dry_run and report.pending else 0))


def render_report(report: InsightsReport, config: Config, target: str, interval: float) -> str:
    """What a person reads after a collection run."""
    zone = config.zone
    if report.not_due is not None:
        last = report.not_due
        return t("insights.collect.not_due", time=long_datetime(last, zone),
                 next=long_datetime(last + timedelta(hours=interval), zone))
    since = long_datetime(report.since, zone)
    lines = []
    if report.posts:
        counts = ", ".join(f"{label(p)} {n}" for p, n in report.posts.items())
        lines.append(t("insights.collect.read", since=since, counts=counts))
    elif not report.skipped and not report.errors:
        lines.append(t("insights.collect.none", since=since))
    for platform, reasons in report.missing.items():
        detail = ", ".join(f"{t('insights.reason.' + r)} ({n})" for r, n in sorted(reasons.items()))
        lines.append(t("insights.collect.missing", platform=label(platform), count=sum(reasons.values()),
                       reasons=detail))
    for platform, why in report.skipped.items():
        lines.append(t("insights.collect.skipped", platform=label(platform), why=why))
    for platform, message in report.errors.items():
        lines.append(t("insights.collect.failed", platform=label(platform), message=message))
    if report.changed:
        counts = ", ".join(f"{label(p)} {i18n_count('insights.collect.posts', n)}" for p, n in report.changed.items())
        lines.append(t("insights.collect.changed", counts=counts))
    elif report.posts:
        lines.append(t("insights.collect.unchanged"))
    lines.append(t("insights.collect.recorded", branch=ledger_branch(config, target)) if report.recorded
                 else t("insights.collect.dry_run"))
    return "\n".join(lines)
