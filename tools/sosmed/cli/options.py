"""Options shared by several commands, defined once and reused as decorators."""

from __future__ import annotations

import click

dry_run_option = click.option(
    "--dry-run", is_flag=True, help="cli.opt.dry_run"
)

format_option = click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "github", "markdown"]),
    default=None,
    help="cli.opt.format",
)

ledger_target_option = click.option(
    "--target",
    "ledger_target",
    type=click.Choice(["live", "sandbox"]),
    default="live",
    show_default=True,
    help="cli.opt.ledger_target",
)

#: ``--target`` of the commands that also write what they found to the ledger (collectors).
ledger_target_write_option = click.option(
    "--target",
    "ledger_target",
    type=click.Choice(["live", "sandbox"]),
    default="live",
    show_default=True,
    help="cli.opt.ledger_target_write",
)
