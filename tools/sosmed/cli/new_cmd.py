"""``sosmed new post|qna``: start a post bundle or a Q&A form from a template."""

from __future__ import annotations

import sys
from datetime import datetime

import click

from sosmed import clock
from sosmed.cli.context import AppContext, pass_app
from sosmed.cli.localized import LocalizedCommand, LocalizedGroup
from sosmed.errors import UsageError
from sosmed.i18n import t
from sosmed.model.fields import SOCIAL_PLATFORMS, STRATEGIES, STRATEGY_ALIASES
from sosmed.scaffold import new_post, new_qna


def _interactive() -> bool:
    return sys.stdin.isatty() and sys.stdout.isatty()


def _parse_when(value: str | None, app: AppContext) -> datetime:
    zone = app.config().zone
    if value is None:
        return clock.now(zone)
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise UsageError("new.date_invalid", value=value) from None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=zone)


@click.group("new", cls=LocalizedGroup, help="new.cli.help", epilog="new.cli.examples")
def command() -> None:
    """Create new content from templates."""


@command.command("post", cls=LocalizedCommand, help="new.cli.post_help", epilog="new.cli.post_examples")
@click.argument("title")
@click.option("--date", "when", default=None, help="new.cli.opt.date")
@click.option("--platform", "platforms", multiple=True, type=click.Choice(SOCIAL_PLATFORMS), help="new.cli.opt.platform")
@click.option("--strategy", type=click.Choice([*STRATEGIES, *STRATEGY_ALIASES], case_sensitive=False), default=None,
              help="new.cli.opt.strategy")
@click.option("--bidang", default=None, help="new.cli.opt.bidang")
@pass_app
def post(app: AppContext, title: str, when: str | None, platforms: tuple[str, ...], strategy: str | None,
         bidang: str | None) -> None:
    """Create the next dated post bundle."""
    config = app.config()
    chosen = list(platforms)
    if not chosen or strategy is None or bidang is None:
        if not _interactive():
            missing = [flag for flag, value in (("--platform", chosen), ("--strategy", strategy),
                                                ("--bidang", bidang)) if not value]
            raise UsageError("new.flags_missing", flags=", ".join(missing))
        if not chosen:
            answer = click.prompt(t("new.ask_platforms", choices=", ".join(SOCIAL_PLATFORMS)),
                                  default=",".join(SOCIAL_PLATFORMS))
            chosen = [p.strip() for p in answer.split(",") if p.strip()]
        if strategy is None:
            strategy = click.prompt(t("new.ask_strategy"),
                                    type=click.Choice([*STRATEGIES, *STRATEGY_ALIASES], case_sensitive=False))
        if bidang is None:
            bidang = click.prompt(t("new.ask_bidang"), type=click.Choice(config.division_slugs))
    path = new_post(config, title, when=_parse_when(when, app), platforms=chosen, strategy=strategy,
                    bidang=bidang)
    app.echo(t("new.created", path=str(path.relative_to(config.root))))


@command.command("qna", cls=LocalizedCommand, help="new.cli.qna_help", epilog="new.cli.qna_examples")
@click.option("--bidang", required=True, help="new.cli.opt.bidang")
@click.option("--officer", default=None, help="new.cli.opt.officer")
@click.option("--from", "source", default=None, help="new.cli.opt.from")
@click.option("--date", "when", default=None, help="new.cli.opt.date")
@pass_app
def qna(app: AppContext, bidang: str, officer: str | None, source: str | None, when: str | None) -> None:
    """Create the next Q&A form of a division."""
    config = app.config()
    if officer is None:
        admins = [m.name for m in config.team if "admin" in m.roles]
        officer = admins[0] if admins else t("new.officer_placeholder")
    path = new_qna(config, bidang, when=_parse_when(when, app), officer=officer, source=source)
    app.echo(t("new.created", path=str(path.relative_to(config.root))))
