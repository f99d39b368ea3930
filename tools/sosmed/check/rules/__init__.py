"""The explicit registry of check rules. A rule exists only when it is listed here."""

from __future__ import annotations

from types import ModuleType

from sosmed.check.rules import (
    body_empty,
)
from sosmed.errors import SosmedError

_MODULES: tuple[ModuleType, ...] = (
    body_empty,
)

RULES: dict[str, ModuleType] = {module.ID: module for module in _MODULES}


def get(rule_id: str) -> ModuleType:
    """The rule module with this id; fails loudly for an unknown id."""
    try:
        return RULES[rule_id]
    except KeyError:
        raise SosmedError("check.unknown_rule", rule=rule_id, known=", ".join(sorted(RULES))) from None


def all_rules() -> list[ModuleType]:
    """Every registered rule, in id order."""
    return [RULES[key] for key in sorted(RULES)]
