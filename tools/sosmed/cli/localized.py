"""Click command classes whose help texts are catalogue keys, rendered at --help time.

Commands are imported before ``--lang`` is parsed, so help strings cannot be
rendered at import; they are stored as keys and translated when shown.
"""

from __future__ import annotations

from typing import Any

import click

from sosmed.i18n import has, t

_TYPE_METAVARS = {click.STRING: "cli.metavar.text", click.INT: "cli.metavar.integer",
                  click.FLOAT: "cli.metavar.number"}
_PATH_WORDS = {(True, False): "file", (False, True): "directory"}


def _type_metavar(ptype: click.ParamType) -> str | None:
    """The catalogue key of a type's word (TEXT, BERKAS …), by the type itself: click names its
    types once, at import, in the language of that moment (a Path is "berkas" even under --lang en)."""
    if isinstance(ptype, click.IntRange):
        return "cli.metavar.integer"
    if isinstance(ptype, click.FloatRange):
        return "cli.metavar.number"
    if isinstance(ptype, click.Path):
        word = _PATH_WORDS.get((ptype.file_okay, ptype.dir_okay), "path")
        return {"file": "cli.metavar.file", "directory": "cli.metavar.folder"}.get(word, "cli.metavar.path")
    return _TYPE_METAVARS.get(ptype)


def _localize_metavar(param: click.Parameter) -> None:
    """An argument's name (TITLE) and a plain type's word (TEXT) in the current language."""
    if isinstance(param.type, click.Path):  # click's own "Berkas 'x' is a directory." reads this name
        word = _PATH_WORDS.get((param.type.file_okay, param.type.dir_okay), "path")
        param.type.name = t(f"click.{word}")
    if getattr(param, "_metavar_fixed", False):
        return
    if isinstance(param, click.Argument) and param.name and has(f"cli.metavar.{param.name}"):
        param._metavar_key = f"cli.metavar.{param.name}"  # type: ignore[attr-defined]
    elif isinstance(param, click.Option) and not param.is_flag and not isinstance(param.type, click.Choice):
        key = _type_metavar(param.type)
        if key and (param.metavar is None or getattr(param, "_metavar_key", None)):
            param._metavar_key = key  # type: ignore[attr-defined]
    key = getattr(param, "_metavar_key", None)
    if key:
        param.metavar = t(key)


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
        _localize_metavar(param)
        key = getattr(param, "_help_key", None)
        if key is None:
            key = getattr(param, "help", None)
            param._help_key = key  # type: ignore[attr-defined]
        if key and has(key):
            param.help = t(key)  # type: ignore[attr-defined]


_METAVARS = {"[OPTIONS]": "cli.metavar.options", "COMMAND [ARGS]...": "cli.metavar.command",
             "[ARGS]...": "cli.metavar.args"}


def _usage_pieces(pieces: list[str]) -> list[str]:
    """Click's usage words ([OPTIONS], COMMAND [ARGS]...) in the current language."""
    return [t(_METAVARS[piece]) if piece in _METAVARS else piece for piece in pieces]


def _help_option(cmd: click.Command, ctx: click.Context) -> click.Option | None:
    option = click.Command.get_help_option(cmd, ctx)
    if option is not None:
        option.help = t("cli.opt.help")
    return option


class _Localized(click.Command):
    """Help, usage words, epilog and option help from the catalogue, for commands and groups alike."""

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        return _help_option(self, ctx)

    def collect_usage_pieces(self, ctx: click.Context) -> list[str]:
        return _usage_pieces(super().collect_usage_pieces(ctx))

    def make_context(self, info_name: str | None, args: list[str], parent: click.Context | None = None,
                     **extra: Any) -> click.Context:
        _localize(self)  # error messages name the parameters too (JUDUL, not TITLE)
        return super().make_context(info_name, args, parent, **extra)

    def format_help(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        _localize(self)
        super().format_help(ctx, formatter)

    def get_short_help_str(self, limit: int = 45) -> str:
        _localize(self)
        return super().get_short_help_str(limit)


class LocalizedCommand(_Localized):
    """A command whose help, epilog and option help are catalogue keys."""


class LocalizedGroup(_Localized, click.Group):
    """A group whose help, epilog and option help are catalogue keys."""

    command_class = LocalizedCommand


LocalizedGroup.group_class = LocalizedGroup
