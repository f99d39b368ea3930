"""``sosmed recap YYYY-MM``: the monthly recap from the ledger, as Markdown, XLSX and PDF."""

from __future__ import annotations

from pathlib import Path

import click

from sosmed.cli.context import AppContext, pass_app
from sosmed.cli.localized import LocalizedCommand
from sosmed.cli.options import ledger_target_option
from sosmed.i18n import t


@click.command("recap", cls=LocalizedCommand, help="recap.cli.help", epilog="recap.cli.examples")
@click.argument("month")
@click.option("--format", "fmt", type=click.Choice(["md", "xlsx", "pdf", "all"]), default="md",
              show_default=True, help="recap.cli.opt.format")
@click.option("--out", type=click.Path(path_type=Path, file_okay=False), default=None, help="recap.cli.opt.out")
@ledger_target_option
@pass_app
def command(app: AppContext, month: str, fmt: str, out: Path | None, ledger_target: str) -> None:
    """Write the recap of MONTH and list the files written."""
    from sosmed.recap.period import parse_month
    from sosmed.recap.service import formats_for, make_recap

    config = app.config()
    period = parse_month(month, config.zone)
    result = make_recap(config, period, formats=formats_for(fmt), out=out, target=ledger_target)
    for path in result.written:
        app.echo(t("recap.written", path=str(path)))
    recap = result.recap
    app.echo(t("recap.summary", month=period.label, posts=recap.posts, replies=len(recap.qna.replies),
               overdue=len(recap.qna.overdue)))
