"""One exception root for everything a user should see as a one-line message."""

from __future__ import annotations

from typing import Any

import click

from sosmed.i18n import t


class SosmedError(click.ClickException):
    """A user-facing error: a catalogue key plus its arguments, rendered at display time."""

    exit_code = 1

    def __init__(self, key: str, **args: Any) -> None:
        self.key = key
        self.args_ = args
        super().__init__(key)

    def format_message(self) -> str:
        return t(self.key, **self.args_)

    def __str__(self) -> str:
        return self.format_message()


class ConfigError(SosmedError):
    """``sosmed.yml`` is missing or invalid; carries the list of problems."""

    def __init__(self, key: str, problems: list[Any] | None = None, **args: Any) -> None:
        super().__init__(key, **args)
        self.problems = problems or []

    def format_message(self) -> str:
        head = t(self.key, **self.args_)
        if not self.problems:
            return head
        lines = [head] + [f"  {p.location()}: {p.message()}" for p in self.problems]
        return "\n".join(lines)


class UsageError(SosmedError):
    """Wrong use of a command (exit code 2, like click's own usage errors)."""

    exit_code = 2
