"""``sosmed receipt ID``: the proof for one item, read from the ledger."""

from __future__ import annotations

import click

from sosmed.cli.context import AppContext, pass_app
from sosmed.cli.localized import LocalizedCommand
from sosmed.cli.options import ledger_target_option
from sosmed.publish.ledger import open_ledger
from sosmed.publish.render import render_receipt


@click.command("receipt", cls=LocalizedCommand, help="receipt.cli.help", epilog="receipt.cli.examples")
@click.argument("item_id")
@ledger_target_option
@pass_app
def command(app: AppContext, item_id: str, ledger_target: str) -> None:
    """Print who approved which content hash and where the item went (sign-offs only from verified records)."""
    config = app.config()
    index = open_ledger(config.root, config, ledger_target).read()
    app.echo(render_receipt(item_id, index))
