"""``sosmed schema post|qna|config``: JSON Schema for editor autocompletion."""

from __future__ import annotations

import json
from typing import Any

import click
from pydantic import BaseModel

from sosmed.cli.localized import LocalizedCommand
from sosmed.config.schema import Config
from sosmed.i18n import has, t
from sosmed.model.post import Post
from sosmed.model.qna import QnaForm

MODELS: dict[str, type[BaseModel]] = {"post": Post, "qna": QnaForm, "config": Config}


@click.command("schema", cls=LocalizedCommand, help="schema_cli.help", epilog="schema_cli.examples")
@click.argument("kind", type=click.Choice(sorted(MODELS)))
def command(kind: str) -> None:
    """Print the JSON Schema of a post, a Q&A form or sosmed.yml."""
    schema = _for_people(MODELS[kind].model_json_schema(by_alias=True), kind, "root")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    click.echo(json.dumps(schema, ensure_ascii=False, indent=2))


def _for_people(node: Any, kind: str, name: str) -> Any:
    """The schema with what an editor shows on hover in the current language: each model's description from
    the catalogue (``schema.describe.<kind>.<model>``) instead of its docstring, written for developers, and
    without pydantic's titles (the field names again, in English)."""
    if isinstance(node, list):
        return [_for_people(value, kind, name) for value in node]
    if not isinstance(node, dict):
        return node
    out: dict[str, Any] = {}
    for key, value in node.items():
        if key == "title" and isinstance(value, str):
            continue
        if key == "description" and isinstance(value, str):
            described = f"schema.describe.{kind}.{name.lower()}"
            if has(described):
                out[key] = t(described)
        elif key in ("properties", "$defs"):
            out[key] = {sub: _for_people(schema, kind, sub) for sub, schema in value.items()}
        else:
            out[key] = _for_people(value, kind, name)
    return out
