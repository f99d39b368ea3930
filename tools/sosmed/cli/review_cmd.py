"""``sosmed review``: the pull-request check, report comment and status."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from sosmed.check.render import render_github
from sosmed.cli.context import AppContext, pass_app
from sosmed.cli.localized import LocalizedCommand
from sosmed.errors import UsageError
from sosmed.i18n import count, t

if TYPE_CHECKING:
    from sosmed.review.report import ReviewOutcome


@click.command("review", cls=LocalizedCommand, help="review.cli.help", epilog="review.cli.examples")
@click.option("--event", "event_path", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="review.cli.opt.event")
@pass_app
def command(app: AppContext, event_path: Path | None) -> None:
    """Check the files a pull request changes and report in one PR comment; exit 1 on errors."""
    from sosmed.forge.factory import make_forge
    from sosmed.review.report import read_event, run_review

    config = app.config()
    event_path = event_path or (Path(os.environ["GITHUB_EVENT_PATH"]) if os.environ.get("GITHUB_EVENT_PATH")
                                else None)
    if event_path is None:
        raise UsageError("review.no_event")
    event = read_event(event_path)
    repository = ((event.get("repository") or {}).get("full_name")) or None
    forge = make_forge(config.forge, repository=repository, env=os.environ, require_token=False)
    outcome = run_review(config, event, forge, os.environ)
    click.echo(render_github(outcome.result))
    app.echo(t(f"review.comment.{outcome.comment}", pr=event["pull_request"]["number"]))
    for line in failure_reasons(outcome):
        app.echo(line, err=True)
    sys.exit(outcome.exit_code)


def failure_reasons(outcome: ReviewOutcome) -> list[str]:
    """Why the review fails, one line each (empty when it passes): the log must say it, not only the comment."""
    reasons = []
    if outcome.result.errors:
        files = len({p.path for p in outcome.result.errors})
        reasons.append(t("review.failed.errors", errors=count("check.count.error", len(outcome.result.errors)),
                         files=count("check.count.file", files)))
    if outcome.missing_points:
        reasons.append(t("review.checklist_missing", points=", ".join(map(str, outcome.missing_points))))
    if outcome.open_points:
        reasons.append(t("review.checklist_open", points=", ".join(map(str, outcome.open_points))))
    return [t("review.failed.heading")] + [f"  - {reason}" for reason in reasons] if reasons else []
