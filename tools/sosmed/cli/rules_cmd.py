"""``sosmed rules``: every check rule with its FBS point, default level and documentation."""

from __future__ import annotations

import click

from sosmed.check.rules import all_rules
from sosmed.check.settings import default_settings
from sosmed.cli.localized import LocalizedCommand
from sosmed.i18n import get_language, t


@click.command("rules", cls=LocalizedCommand, help="rules_cli.help", epilog="rules_cli.examples")
def command() -> None:
    """List the registered rules in id order."""
    lang = get_language()
    defaults = default_settings().get("rules") or {}
    for rule in all_rules():
        level = (defaults.get(rule.ID) or {}).get("level", rule.LEVEL)
        point = f"FBS {rule.FBS}" if rule.FBS else t("rules_cli.platform")
        click.echo(f"{rule.ID}  [{point}] ({t(f'check.level.{level}') if level != 'off' else 'off'})")
        click.echo(f"    {rule.DOC[lang]}")
        options = {k: v for k, v in (defaults.get(rule.ID) or {}).items() if k != "level"}
        if options:
            click.echo("    " + t("rules_cli.options", options=", ".join(f"{k}={v}" for k, v in options.items())))
        click.echo("")
