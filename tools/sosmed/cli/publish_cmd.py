"""``sosmed publish``: publish what is due, exactly once per item and platform."""

from __future__ import annotations

import os
import sys

import click

from sosmed.cli.context import AppContext, pass_app
from sosmed.cli.localized import LocalizedCommand
from sosmed.cli.options import dry_run_option
from sosmed.i18n import t
from sosmed.model.fields import SOCIAL_PLATFORMS
from sosmed.publish.render import render_plan, render_report
from sosmed.publish.service import publish


@click.command("publish", cls=LocalizedCommand, help="publish.cli.help", epilog="publish.cli.examples")
@dry_run_option
@click.option("--target", type=click.Choice(["sandbox", "live"]), default=None, help="publish.cli.opt.target")
@click.option("--only", "only", multiple=True, type=click.Choice(SOCIAL_PLATFORMS), help="publish.cli.opt.only")
@pass_app
def command(app: AppContext, dry_run: bool, target: str | None, only: tuple[str, ...]) -> None:
    """Plan or run publishing; exit 1 when a dry run finds work pending or a run had failures."""
    config = app.config()
    target = target or config.publish.target

    def event(key: str, args: dict) -> None:
        if app.verbosity > 0:
            app.echo(t(key, **args), err=True)

    plan, report = publish(config, target=target, env=os.environ, dry_run=dry_run, only=set(only) or None,
                           on_event=event)
    if report is None:
        app.echo(render_plan(plan))
        sys.exit(1 if plan.pending or plan.unreadable else 0)
    app.echo(render_report(report))
    sys.exit(1 if report.failed or plan.unreadable else 0)
