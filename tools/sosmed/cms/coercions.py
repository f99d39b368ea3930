"""The shorthands the model accepts in front matter, for the editor to read files the same way.

The model turns ``author: Maria`` into a list, ``sources: [Peraturan …]`` into objects with
a title, and ``strategy: berbicara`` into ``talking`` (``BeforeValidator``s). The editor's
widgets need the expanded form; its file format expands values with these rules before
comparing them, so an untouched shorthand keeps its text. Found by walking the models, so a
new shorthand the editor does not know fails loudly here instead of silently in a browser.
"""

from __future__ import annotations

import types
import typing
from typing import Any

from pydantic import BaseModel, BeforeValidator

from sosmed.model.fields import STRATEGY_ALIASES

# BeforeValidators that need nothing from the editor (its widgets already write the long form).
_NEUTRAL = {"_date_to_datetime"}


def coercions(model: type[BaseModel]) -> list[dict[str, Any]]:
    """``[{"path": [...], "kind": "list"|"object"|"alias", …}]`` for every shorthand of ``model``."""
    rules: list[dict[str, Any]] = []
    for name, info in model.model_fields.items():
        rules.extend(_rules(info.metadata, [name]))
        rules.extend(_walk(info.annotation, [name]))
    return rules


def _walk(annotation: Any, path: list[str]) -> list[dict[str, Any]]:
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is typing.Annotated:
        return _rules(args[1:], path) + _walk(args[0], path)
    if origin in (typing.Union, types.UnionType):
        return [rule for arg in args if arg is not type(None) for rule in _walk(arg, path)]
    if origin is list:
        return _walk(args[0], [*path, "*"])
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [{**rule, "path": [*path, *rule["path"]]} for rule in coercions(annotation)]
    return []


def _rules(metadata: Any, path: list[str]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for item in metadata:
        if not isinstance(item, BeforeValidator):
            continue
        func = item.func
        name = getattr(func, "__qualname__", "")
        if name == "_as_list":
            out.append({"path": path, "kind": "list"})
        elif name == "_strategy_alias":
            out.append({"path": path, "kind": "alias", "map": dict(STRATEGY_ALIASES)})
        elif name == "_string_or_mapping.<locals>.convert":
            key = func.__closure__[0].cell_contents  # type: ignore[index]
            out.append({"path": path, "kind": "object", "key": key})
        elif name.split(".")[-1] not in _NEUTRAL:
            raise TypeError(f"the web editor does not know the shorthand {name} at {'.'.join(path)}")
    return out
