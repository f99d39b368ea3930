"""``sosmed codeowners``: write .github/CODEOWNERS from sosmed.yml."""

from __future__ import annotations

import sys

import click

from sosmed.cli.context import AppContext, pass_app
from sosmed.cli.localized import LocalizedCommand
from sosmed.i18n import t
from sosmed.review.codeowners import PATH, codeowners_current, render_codeowners


@click.command("codeowners", cls=LocalizedCommand, help="codeowners.cli.help", epilog="codeowners.cli.examples")
@click.option("--check", "check_only", is_flag=True, help="codeowners.cli.opt.check")
@pass_app
def command(app: AppContext, check_only: bool) -> None:
    """Write the CODEOWNERS file, or with --check only say whether it is current (exit 1 if not)."""
    config = app.config()
    current = codeowners_current(config)
    if check_only:
        app.echo(t("codeowners.current" if current else "codeowners.outdated", path=str(PATH)))
        sys.exit(0 if current else 1)
    path = config.root / PATH
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_codeowners(config), encoding="utf-8")
    app.echo(t("codeowners.written", path=str(PATH)))
