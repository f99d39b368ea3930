"""Rule settings: the packaged defaults, extended by the ``check:`` section of sosmed.yml."""

from __future__ import annotations

import fnmatch
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

import yaml

from sosmed.check.rules import RULES
from sosmed.config.schema import Config
from sosmed.errors import ConfigError
from sosmed.problem import Problem

LEVELS = ("error", "warning", "off")


@dataclass(frozen=True)
class RuleSettings:
    """One rule's effective level, options and ignore globs."""

    level: str
    options: dict[str, Any]
    ignore: tuple[str, ...] = ()

    @property
    def enabled(self) -> bool:
        return self.level != "off"


@dataclass(frozen=True)
class CheckSettings:
    """All rules' settings plus globs of files no rule looks at."""

    rules: dict[str, RuleSettings]
    ignore: tuple[str, ...] = field(default=())

    def ignored(self, display: str, rule_id: str | None = None) -> bool:
        globs = self.ignore + (self.rules[rule_id].ignore if rule_id else ())
        return any(fnmatch.fnmatch(display, pattern) for pattern in globs)


@cache
def default_settings() -> dict[str, Any]:
    """The packaged ``default.yml``."""
    text = (resources.files("sosmed.check") / "default.yml").read_text(encoding="utf-8")
    data: dict[str, Any] = yaml.load(text, Loader=yaml.CSafeLoader)
    return data


def resolve(config: Config) -> CheckSettings:
    """Merge defaults and the user's section; raise ConfigError listing every problem."""
    defaults = default_settings()
    user = config.check or {}
    problems: list[Problem] = []

    def bad(loc: tuple[str | int, ...], key: str, **args: Any) -> None:
        line, column = config.position("check", *loc)
        problems.append(Problem(config.source, line, column, "config", "error", key, args))

    extends = user.get("extends", "default")
    if extends != "default":
        bad(("extends",), "check.extends_unknown", value=extends)
    user_rules = user.get("rules") or {}
    if not isinstance(user_rules, dict):
        bad(("rules",), "schema.type.mapping", field="check.rules", value=str(user_rules))
        user_rules = {}
    unknown_top = set(user) - {"extends", "rules", "ignore", "allow_words", "lexicon", "political_terms",
                               "allowed_domains"}
    for key in sorted(unknown_top):
        bad((key,), "schema.unknown_field", field=f"check.{key}", value=key)
    for rule_id in user_rules:
        if rule_id not in RULES:
            bad(("rules", rule_id), "check.unknown_rule_config", rule=rule_id)
    rules: dict[str, RuleSettings] = {}
    for rule_id, module in RULES.items():
        merged: dict[str, Any] = {"level": module.LEVEL, **module.DEFAULTS}
        merged.update((defaults.get("rules") or {}).get(rule_id) or {})
        raw = user_rules.get(rule_id)
        if raw in ("off", "disable", False):
            raw = {"level": "off"}
        if raw is not None and not isinstance(raw, dict):
            bad(("rules", rule_id), "schema.type.mapping", field=f"check.rules.{rule_id}", value=str(raw))
            raw = {}
        merged.update(raw or {})
        level = merged.pop("level")
        ignore = merged.pop("ignore", []) or []
        if level not in LEVELS:
            bad(("rules", rule_id, "level"), "check.level_invalid", rule=rule_id, value=level)
            level = module.LEVEL
        for option, value in merged.items():
            expected = module.OPTIONS.get(option)
            if expected is None:
                bad(("rules", rule_id, option), "check.option_unknown", rule=rule_id, option=option)
            elif not isinstance(value, expected) or (expected is int and isinstance(value, bool)):
                bad(("rules", rule_id, option), "check.option_type", rule=rule_id, option=option,
                    expected=expected.__name__)
        rules[rule_id] = RuleSettings(level, merged, tuple(ignore))
    ignore = tuple((defaults.get("ignore") or []) + (user.get("ignore") or []))
    if problems:
        raise ConfigError("config.invalid", problems, path=config.source)
    return CheckSettings(rules, ignore)
