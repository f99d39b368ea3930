"""``sosmed receipt ID``: the proof for one item, read from the ledger."""

from __future__ import annotations

import click

from sosmed.cli.context import AppContext, pass_app
from sosmed.cli.localized import LocalizedCommand
from sosmed.cli.options import ledger_target_option
from sosmed.config.schema import Config
from sosmed.errors import SosmedError
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
    if not index.history(item_id) and not known_item(config, item_id):
        raise SosmedError("receipt.unknown", item=item_id)
    app.echo(render_receipt(item_id, index, config.zone))


def known_item(config: Config, item_id: str) -> bool:
    """Whether ``item_id`` names a post, form or recap of the repository (committed or not)."""
    from sosmed.model.loader import discover

    if item_id.startswith("recap-"):
        return (config.root / "recaps" / f"{item_id.removeprefix('recap-')}.md").is_file()
    folders = [config.root / name for name in ("content", "qna") if (config.root / name).is_dir()]
    for path, _display, kind in discover(folders, config.root):
        if (kind == "post" and path.parent.name == item_id) or (kind == "qna" and path.stem == item_id):
            return True
    return False
