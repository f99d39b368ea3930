"""``sosmed receipt ID``: the proof for one item, read from the ledger."""

from __future__ import annotations

import click

from sosmed.cli.context import AppContext, pass_app
from sosmed.cli.localized import LocalizedCommand
from sosmed.publish.ledger import GitLedger
from sosmed.publish.render import render_receipt


@click.command("receipt", cls=LocalizedCommand, help="receipt.cli.help", epilog="receipt.cli.examples")
@click.argument("item_id")
@pass_app
def command(app: AppContext, item_id: str) -> None:
    """Print who approved which content hash and where the item went."""
    config = app.config()
    index = GitLedger(config.root, config.publish.ledger_branch).read()
    app.echo(render_receipt(item_id, index))
