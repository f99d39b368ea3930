"""``sosmed doctor``: list the safeguards missing on the forge (branches, environment, secrets)."""

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
    """Read the forge's settings through its API; exit 1 when a safeguard is missing."""
    from sosmed.forge.factory import make_forge
    from sosmed.review.doctor import ENVIRONMENT, run_doctor

    config = app.config()
    forge = make_forge(config.forge, repository=repository, env=os.environ)
    diagnosis = run_doctor(forge, config)
    for note in diagnosis.notes:
        app.echo(t("doctor.note", text=t(note.key, **note.args)))
    if not diagnosis.findings:
        branch = forge.get_repository().default_branch
        app.echo(t("doctor.all_good", branch=branch, ledger=config.publish.ledger_branch))
        if forge.kind == "github":
            app.echo(t("doctor.all_good_env", branch=branch, env=ENVIRONMENT))
        sys.exit(0)
    app.echo(t("doctor.heading", count=len(diagnosis.findings)))
    for finding in diagnosis.findings:
        app.echo("- " + t(finding.key, **finding.args))
    sys.exit(1)
