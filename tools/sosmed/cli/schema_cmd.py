"""``sosmed schema post|qna|config``: JSON Schema for editor autocompletion."""

from __future__ import annotations

import json

import click
from pydantic import BaseModel

from sosmed.cli.localized import LocalizedCommand
from sosmed.config.schema import Config
from sosmed.model.post import Post
from sosmed.model.qna import QnaForm

MODELS: dict[str, type[BaseModel]] = {"post": Post, "qna": QnaForm, "config": Config}


@click.command("schema", cls=LocalizedCommand, help="schema_cli.help", epilog="schema_cli.examples")
@click.argument("kind", type=click.Choice(sorted(MODELS)))
def command(kind: str) -> None:
    """Print the JSON Schema of a post, a Q&A form or sosmed.yml."""
    schema = MODELS[kind].model_json_schema(by_alias=True)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    click.echo(json.dumps(schema, ensure_ascii=False, indent=2))
