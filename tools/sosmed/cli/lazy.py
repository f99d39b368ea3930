"""A command group that imports a command's module only when that command is used.

``sosmed --help`` and ``sosmed check`` must not pay for importing the publisher, the
sandbox, the site and every platform adapter (click's documentation describes the pattern as
a lazily loading group). The group's own help lists each command from its help key in the
catalogue; a command's module is imported when the command is run, its ``--help`` asked for,
or ``cli.commands[name]`` read.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator, MutableMapping

import click
from click.utils import make_default_short_help

from sosmed.cli.localized import LocalizedGroup
from sosmed.i18n import t


class LazyCommands(MutableMapping[str, click.Command]):
    """``group.commands``: every name known from the start, each command imported on first access."""

    def __init__(self, table: dict[str, tuple[str, str]]) -> None:
        self.table = table
        self.loaded: dict[str, click.Command] = {}

    def __getitem__(self, name: str) -> click.Command:
        if name not in self.loaded:
            if name not in self.table:
                raise KeyError(name)
            self.loaded[name] = importlib.import_module(self.table[name][0]).command
        return self.loaded[name]

    def __setitem__(self, name: str, command: click.Command) -> None:
        self.loaded[name] = command

    def __delitem__(self, name: str) -> None:
        self.loaded.pop(name, None)
        self.table.pop(name, None)

    def __iter__(self) -> Iterator[str]:
        return iter({**dict.fromkeys(self.table), **dict.fromkeys(self.loaded)})

    def __len__(self) -> int:
        return len(set(self.table) | set(self.loaded))


class LazyGroup(LocalizedGroup):
    """A localized group whose commands come from a table of (module, help key) by name."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.commands = LazyCommands({})

    def set_table(self, table: dict[str, tuple[str, str]]) -> None:
        """The commands of this group: name → (module defining ``command``, help key)."""
        self.commands = LazyCommands(dict(table))

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        # As click's own, but from the help keys: listing the commands imports none of them.
        commands = self.commands
        assert isinstance(commands, LazyCommands)
        names = self.list_commands(ctx)
        if not names:
            return
        limit = formatter.width - 6 - max(len(name) for name in names)
        rows = []
        for name in names:
            command = commands.loaded.get(name)
            if command is not None:
                if not command.hidden:
                    rows.append((name, command.get_short_help_str(limit)))
            else:
                rows.append((name, make_default_short_help(t(commands.table[name][1]), limit).strip()))
        with formatter.section(t("click.commands")):
            formatter.write_dl(rows)
