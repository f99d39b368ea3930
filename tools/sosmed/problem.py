"""The one problem type shared by the model's validation and every check rule."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from sosmed.i18n import Message, t

Level = Literal["error", "warning"]


@dataclass(frozen=True, slots=True)
class Problem:
    """Something wrong in a file, pointing at the line and column of the offending key.

    ``key`` and ``args`` name a catalogue message; the text is rendered in the
    language asked for at output time, so one run can report in either language.
    ``hide`` holds the sensitive text the problem is about (a NIK, a token as written): never
    part of any output, it tells the reports what to mask wherever the text shows again.
    """

    path: str
    line: int
    column: int
    rule: str
    level: Level
    key: str
    args: dict[str, Any] = field(default_factory=dict)
    fbs: int | None = None
    hide: tuple[str, ...] = ()

    def message(self, lang: str | None = None) -> str:
        """The human sentence for this problem."""
        return t(self.key, lang, **self.args)

    def location(self) -> str:
        """``path:line:column``."""
        return f"{self.path}:{self.line}:{self.column}"

    def as_dict(self, lang: str | None = None) -> dict[str, Any]:
        """The JSON form: exactly path, line, column, rule, fbs, level, message."""
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "rule": self.rule,
            "fbs": self.fbs,
            "level": self.level,
            "message": self.message(lang),
        }

    def sort_key(self) -> tuple[Any, ...]:
        return (self.path, self.line, self.column, self.rule, self.key)


def yaml_args(args: dict[str, Any]) -> dict[str, Any]:
    """A YAML issue's arguments for its message: PyYAML's English explanation replaced by the catalogue's
    when the issue names one (``detail_key``)."""
    key = args.get("detail_key")
    out = {name: value for name, value in args.items() if name != "detail_key"}
    if key:
        out["detail"] = Message(key)
    return out
