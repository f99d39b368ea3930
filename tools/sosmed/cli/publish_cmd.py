"""``sosmed publish``: publish what is due, exactly once per item and platform."""

from __future__ import annotations

import os
import sys
from typing import Any

import click

from sosmed.app.wiring import publish, record_signoffs
from sosmed.cli.context import AppContext, pass_app
from sosmed.cli.localized import LocalizedCommand
from sosmed.cli.options import dry_run_option
from sosmed.cli.progress import upload_progress
from sosmed.i18n import count, t
from sosmed.model.fields import SOCIAL_PLATFORMS
from sosmed.publish.plan import Plan
from sosmed.publish.render import render_plan, render_problems, render_report

# A dry run that could not check every sign-off (forge down, token refused) must not read as
# "nothing due": the scheduled workflow would then stop publishing in silence.
EXIT_UNVERIFIABLE = 3
DONE = "publish.event.done"


@click.command("publish", cls=LocalizedCommand, help="publish.cli.help", epilog="publish.cli.examples")
@dry_run_option
@click.option("--target", type=click.Choice(["sandbox", "live"]), default=None, help="publish.cli.opt.target")
@click.option("--only", "only", multiple=True, type=click.Choice(SOCIAL_PLATFORMS), help="publish.cli.opt.only")
@click.option("--signoff-only", is_flag=True, help="publish.cli.opt.signoff_only")
@pass_app
def command(app: AppContext, dry_run: bool, target: str | None, only: tuple[str, ...], signoff_only: bool) -> None:
    """Plan or run publishing; exit 1 when a dry run finds work pending or a run had failures,
    3 when a sign-off could not be checked at all."""
    config = app.config()
    target = target or config.publish.target

    def event(key: str, args: dict[str, Any]) -> None:
        # One line per item as it is done; the steps before each call only with -v.
        if (key == DONE and app.verbosity >= 0) or app.verbosity > 0:
            app.echo(t(key, **args).rstrip(), err=True)

    if signoff_only:
        result = record_signoffs(config, target=target, env=os.environ, on_event=event)
        for line in render_problems(result.plan.problems):
            app.echo(line, err=True)
        app.echo(t("publish.signoffs_recorded", count=result.recorded, signed=count("publish.count.item", result.signed)))
        _exit_unverifiable(app, result.plan)
        sys.exit(1 if result.plan.problems else 0)
    plan, report = publish(config, target=target, env=os.environ, dry_run=dry_run, only=set(only) or None,
                           on_event=event, progress=upload_progress("auto"))
    if report is None:
        app.echo(render_plan(plan, config.zone, target))
        _exit_unverifiable(app, plan)
        sys.exit(1 if plan.pending or plan.problems else 0)
    app.echo(render_report(report, config.zone))
    _exit_unverifiable(app, plan)
    sys.exit(1 if report.failed or plan.problems else 0)


def _exit_unverifiable(app: AppContext, plan: Plan) -> None:
    if plan.unverifiable:
        app.echo(t("publish.unverifiable", items=count("publish.count.item", len({s.key for s in plan.unverifiable}))), err=True)
        sys.exit(EXIT_UNVERIFIABLE)
