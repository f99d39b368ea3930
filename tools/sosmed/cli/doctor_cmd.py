"""``sosmed doctor``: list the default branch's missing safeguards."""

from __future__ import annotations

import os
import sys

import click

from sosmed.cli.context import AppContext, pass_app
from sosmed.cli.localized import LocalizedCommand
from sosmed.i18n import t


@click.command("doctor", cls=LocalizedCommand, help="doctor.cli.help", epilog="doctor.cli.examples")
@click.option("--repository", default=None, help="doctor.cli.opt.repository")
@pass_app
def command(app: AppContext, repository: str | None) -> None:
    """Read branch protection through the forge API; exit 1 when a safeguard is missing."""
    from sosmed.forge.factory import make_forge
    from sosmed.review.doctor import diagnose

    config = app.config()
    forge = make_forge(config.forge, repository=repository, env=os.environ)
    branch = forge.get_repository().default_branch
    findings = diagnose(forge.branch_protection(branch))
    if not findings:
        app.echo(t("doctor.all_good", branch=branch))
        sys.exit(0)
    app.echo(t("doctor.heading", branch=branch, count=len(findings)))
    for finding in findings:
        app.echo("- " + t(finding.key, **finding.args))
    sys.exit(1)
