"""Click command classes whose help texts are catalogue keys, rendered at --help time.

Commands are imported before ``--lang`` is parsed, so help strings cannot be
rendered at import; they are stored as keys and translated when shown.
"""

from __future__ import annotations

import click

from sosmed.i18n import has, t


def _localize(cmd: click.Command) -> None:
    for attr in ("help", "short_help", "epilog"):
        key = getattr(cmd, f"_{attr}_key", None)
        if key is None:
            key = getattr(cmd, attr)
            setattr(cmd, f"_{attr}_key", key)
        if key and has(key):
            text = t(key)
            if attr == "epilog":
                text = t("cli.examples_heading") + "\n\n\b\n" + text
            setattr(cmd, attr, text)
    for param in cmd.params:
        key = getattr(param, "_help_key", None)
        if key is None:
            key = getattr(param, "help", None)
            param._help_key = key  # type: ignore[attr-defined]
        if key and has(key):
            param.help = t(key)  # type: ignore[attr-defined]


def _help_option(cmd: click.Command, ctx: click.Context) -> click.Option | None:
    option = click.Command.get_help_option(cmd, ctx)
    if option is not None:
        option.help = t("cli.opt.help")
    return option


class LocalizedCommand(click.Command):
    """A command whose help, epilog and option help are catalogue keys."""

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        return _help_option(self, ctx)

    def format_help(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        _localize(self)
        super().format_help(ctx, formatter)

    def get_short_help_str(self, limit: int = 45) -> str:
        _localize(self)
        return super().get_short_help_str(limit)


class LocalizedGroup(click.Group):
    """A group whose help, epilog and option help are catalogue keys."""

    command_class = LocalizedCommand

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        return _help_option(self, ctx)

    def format_help(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        _localize(self)
        super().format_help(ctx, formatter)

    def get_short_help_str(self, limit: int = 45) -> str:
        _localize(self)
        return super().get_short_help_str(limit)


LocalizedGroup.group_class = LocalizedGroup
