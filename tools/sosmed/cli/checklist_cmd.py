"""``sosmed checklist``: print the pull-request template with the FBS checklist."""

from __future__ import annotations

import click

from sosmed.check.checklist import render_checklist
from sosmed.cli.localized import LocalizedCommand


@click.command("checklist", cls=LocalizedCommand, help="checklist.cli.help", epilog="checklist.cli.examples")
def command() -> None:
    """Print the template generated from the rule registry, in the chosen language."""
    click.echo(render_checklist(), nl=False)
