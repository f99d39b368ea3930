"""What a check rule is, and the helper rules use to report problems.

A rule is a plain module (as in yamllint) with:

- ``ID``: kebab-case identifier, e.g. ``privacy-nik``;
- ``FBS``: the guideline's FBS point it serves (1–9), or ``None`` for platform/general rules;
- ``LEVEL``: default level, ``"error"`` or ``"warning"``;
- ``APPLIES_TO``: a tuple of item kinds, ``("post",)``, ``("qna",)`` or both;
- ``OPTIONS``: option name → Python type (the schema); ``DEFAULTS``: option name → default;
- ``DOC``: ``{"id": "…", "en": "…"}``, the rule's user documentation in both languages
  (the module docstring is the developer's documentation);
- ``check(item, ctx)``: returns an iterable of :class:`~sosmed.problem.Problem` objects, made with
  ``ctx.problem``. It runs for every item, so the common case should be cheap: a rule decides
  from the shared text views (``textscan``/``textfields``) whether it can fire at all and returns
  ``()`` if not, handing the real search to a generator only when it may find something.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any, Protocol

from sosmed.config.schema import Config
from sosmed.model.item import Item
from sosmed.problem import Level, Problem


class RuleModule(Protocol):
    """The shape of a rule module (for type checkers)."""

    ID: str
    FBS: int | None
    LEVEL: Level
    APPLIES_TO: tuple[str, ...]
    OPTIONS: dict[str, type]
    DEFAULTS: dict[str, Any]
    DOC: dict[str, str]

    def check(self, item: Item, ctx: RuleContext) -> Iterable[Problem]: ...


@dataclass
class RuleContext:
    """What a rule sees besides the item: its options, level, and the configuration."""

    rule: ModuleType
    level: Level
    options: dict[str, Any]
    config: Config
    cache: dict[str, Any] = field(default_factory=dict)

    def problem(
        self,
        item: Item,
        key: str,
        *,
        loc: tuple[str | int, ...] = (),
        line: int | None = None,
        column: int | None = None,
        level: Level | None = None,
        hide: str | tuple[str, ...] = (),
        **args: Any,
    ) -> Problem:
        """A problem of this rule at a front-matter key path ``loc`` or an explicit file line.

        ``hide``: the sensitive text found (masked wherever a report shows the item's text again).
        """
        if line is None:
            if loc:
                line, col = item.position(*loc)
                column = column or col
            else:
                line = 1
        return Problem(
            path=item.display,
            line=line,
            column=column or 1,
            rule=self.rule.ID,
            level=level or self.level,
            key=key,
            args=args,
            fbs=self.rule.FBS,
            hide=(hide,) if isinstance(hide, str) else tuple(hide),
        )

    def body_line(self, item: Item, offset: int) -> tuple[int, int]:
        """File (line, column) of a character offset inside the body."""
        body = item.body
        line = item.doc.body_line + body.count("\n", 0, offset)
        start = body.rfind("\n", 0, offset) + 1
        return line, offset - start + 1
