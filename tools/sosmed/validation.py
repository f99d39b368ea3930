"""Turn pydantic validation errors into located, localized problems."""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError
from yaml.nodes import Node

from sosmed.i18n import has
from sosmed.problem import Problem
from sosmed.yamlsafe import position

_SIMPLE = {
    "missing": "schema.missing",
    "extra_forbidden": "schema.unknown_field",
    "string_too_short": "schema.empty",
    "too_short": "schema.too_few",
    "too_long": "schema.too_many",
    "string_too_long": "schema.too_long",
    "string_pattern_mismatch": "schema.pattern",
    "literal_error": "schema.choice",
    "enum": "schema.choice",
    "datetime_parsing": "schema.datetime",
    "datetime_from_date_parsing": "schema.datetime",
    "datetime_type": "schema.datetime",
    "date_parsing": "schema.date",
    "date_from_datetime_parsing": "schema.date",
    "date_from_datetime_inexact": "schema.date",
    "date_type": "schema.date",
    "greater_than": "schema.greater_than",
    "bool_parsing": "schema.type.boolean",
    "bool_type": "schema.type.boolean",
    "string_type": "schema.type.string",
    "int_parsing": "schema.type.integer",
    "int_type": "schema.type.integer",
    "int_from_float": "schema.type.integer",
    "list_type": "schema.type.list",
    "dict_type": "schema.type.mapping",
    "model_type": "schema.type.mapping",
    "model_attributes_type": "schema.type.mapping",
}


def _field_name(loc: tuple[Any, ...], data: Any) -> tuple[str, tuple[Any, ...]]:
    """A readable dotted name and the loc filtered to parts that really are in the data."""
    kept: list[Any] = []
    node = data
    for i, part in enumerate(loc):
        last = i == len(loc) - 1
        if isinstance(node, dict) and part in node:
            kept.append(part)
            node = node[part]
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            kept.append(part)
            node = node[part]
        elif last and isinstance(part, str) and isinstance(node, dict):
            kept.append(part)  # a missing key
        # else: a pydantic-internal part (union branch, validator name)
    name = ""
    for part in kept:
        name += f"[{part}]" if isinstance(part, int) else (f".{part}" if name else str(part))
    return name or "(front matter)", tuple(kept)


def _short(value: Any) -> str:
    try:
        text = str(value)
    except (ValueError, RecursionError):  # an integer too long to print, a structure too deep
        text = type(value).__name__
    return text if len(text) <= 60 else text[:57] + "..."


def problems_from_error(
    exc: ValidationError,
    *,
    path: str,
    data: Any,
    root: Node | None,
    line_offset: int,
    rule: str = "schema",
) -> list[Problem]:
    """One problem per pydantic error, each at the line of the offending key."""
    problems: list[Problem] = []
    for err in exc.errors(include_url=False):
        field, loc = _field_name(tuple(err["loc"]), data)
        line, column = position(root, loc)
        ctx = dict(err.get("ctx") or {})
        kind = err["type"]
        args: dict[str, Any] = {"field": field, "value": _short(err.get("input"))}
        if has(kind):  # our own PydanticCustomError types are catalogue keys
            key = kind
            args.update({k: _short(v) for k, v in ctx.items()})
        elif kind in _SIMPLE:
            key = _SIMPLE[kind]
            if kind in ("literal_error", "enum"):
                args["expected"] = str(ctx.get("expected", "")).replace("'", "").replace(" or ", ", ")
            args["min"] = ctx.get("min_length", ctx.get("gt", ""))
            args["max"] = ctx.get("max_length", "")
            args["limit"] = ctx.get("gt", "")
        else:
            key = "schema.invalid"
            args["detail"] = err.get("msg", kind)
        problems.append(
            Problem(path=path, line=line + line_offset, column=column, rule=rule, level="error", key=key, args=args)
        )
    return problems
