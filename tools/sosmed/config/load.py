"""Find and load ``sosmed.yml`` with every problem reported at once, with line and column."""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError

from sosmed.config.schema import Config
from sosmed.errors import ConfigError, os_reason
from sosmed.problem import Problem, yaml_args
from sosmed.validation import problems_from_error
from sosmed.yamlsafe import YamlIssue, load

CONFIG_NAME = "sosmed.yml"


def find_config(start: Path) -> Path:
    """Walk up from ``start`` to the first folder holding ``sosmed.yml``."""
    start = start.resolve()
    for folder in (start, *start.parents):
        candidate = folder / CONFIG_NAME
        if candidate.is_file():
            return candidate
    raise ConfigError("config.not_found", start=str(start))


def parse_config(text: str, path: str = CONFIG_NAME) -> Config:
    """Validate config text; raise :class:`ConfigError` listing every problem."""
    try:
        data, root = load(text)
    except YamlIssue as issue:
        problem = Problem(path, issue.line, issue.column, "config", "error", issue.key, yaml_args(issue.args))
        raise ConfigError("config.invalid", [problem], path=path) from None
    if not isinstance(data, dict):
        problem = Problem(path, 1, 1, "config", "error", "config.not_mapping", {})
        raise ConfigError("config.invalid", [problem], path=path)
    try:
        config = Config.model_validate(data)
    except ValidationError as exc:
        problems = problems_from_error(exc, path=path, data=data, root=root, line_offset=0, rule="config")
        raise ConfigError("config.invalid", problems, path=path) from None
    config._node = root
    config._source = path
    return config


def load_config(path: Path) -> Config:
    """Read and validate a ``sosmed.yml`` file."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ConfigError("config.unreadable", path=str(path), error=os_reason(exc)) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ConfigError("config.not_utf8", path=str(path)) from None
    config = parse_config(text, str(path))
    config._root = path.parent.resolve()
    return config
