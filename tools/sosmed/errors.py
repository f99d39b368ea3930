"""One exception root for everything a user should see as a one-line message."""

from __future__ import annotations

import errno
import json
from typing import Any

import click
import yaml

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


# The operating system's reasons people meet most; its own text (``strerror``) is English only.
_OS_REASONS = {errno.ENOENT: "missing", errno.EACCES: "denied", errno.EPERM: "denied", errno.EISDIR: "is_folder",
               errno.ENOTDIR: "not_folder", errno.EEXIST: "exists", errno.ENOSPC: "disk_full",
               errno.EROFS: "read_only", errno.ENOTEMPTY: "not_empty", errno.EADDRINUSE: "address_in_use",
               errno.EADDRNOTAVAIL: "address_unavailable", errno.ECONNREFUSED: "connection_refused"}


def os_reason(exc: OSError) -> str:
    """Why a file or network operation failed, in the current language (the system's text when it is rarer)."""
    reason = _OS_REASONS.get(exc.errno or 0)
    if reason is not None:
        return t(f"cli.os_error.{reason}")
    return exc.strerror or str(exc)


def failure_reason(exc: Exception) -> str:
    """Why reading a file failed, in the current language: the system's reason, bad JSON or YAML with its
    line, text that is not UTF-8; anything else as the exception says it."""
    if isinstance(exc, OSError):
        return os_reason(exc)
    if isinstance(exc, json.JSONDecodeError):
        return t("cli.read_error.json", line=exc.lineno, column=exc.colno)
    if isinstance(exc, yaml.MarkedYAMLError) and exc.problem_mark is not None:
        return t("cli.read_error.yaml", line=exc.problem_mark.line + 1, column=exc.problem_mark.column + 1)
    if isinstance(exc, yaml.YAMLError):
        return t("cli.read_error.yaml_plain")
    if isinstance(exc, UnicodeDecodeError):
        return t("cli.read_error.encoding")
    return str(exc)
