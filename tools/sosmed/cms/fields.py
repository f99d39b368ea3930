"""Decap CMS fields from the content model: the JSON Schema that ``sosmed schema`` prints.

The set of fields, their types, what is required, the choices and the length limits come
from :class:`~sosmed.model.post.Post` and :class:`~sosmed.model.qna.QnaForm`; what the schema
cannot say (a long text wants a text area, a media file a file picker, a division a list of
the configured divisions) is in :data:`LOOKS`; labels and hints come from the catalogue
(``cms.field.<kind>.<path>``). A field added to the model appears in the editor by itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sosmed.check.rules import RULES
from sosmed.cms.rules import field_rules
from sosmed.config.schema import Config
from sosmed.i18n import has, t
from sosmed.model.fields import IMAGE_SUFFIXES, STRATEGIES, VIDEO_SUFFIXES
from sosmed.model.post import Post
from sosmed.model.qna import QnaForm
from sosmed.printing.dates import zone_label
from sosmed.specs import SPECS, long_label

MODELS: dict[str, type[Post] | type[QnaForm]] = {"post": Post, "qna": QnaForm}

TEXT, FILE, HIDDEN, URL, DIVISIONS, RULE_IDS, COLLAPSED = (
    "text", "file", "hidden", "url", "divisions", "rules", "collapsed")

# How a field looks where the schema's type is not enough, by kind and dotted path.
LOOKS: dict[str, dict[str, tuple[str, ...]]] = {
    "post": {
        "summary": (TEXT,), "link": (URL,), "bidang": (DIVISIONS,),
        "media.file": (FILE,), "media.alt": (TEXT,), "media.caption": (TEXT,),
        "sources.url": (URL,), "sources.note": (TEXT,),
        "credits": (COLLAPSED,), "facebook": (COLLAPSED,), "facebook.message": (TEXT,), "facebook.link": (URL,),
        "instagram": (COLLAPSED,), "instagram.caption": (TEXT,),
        "x": (COLLAPSED,), "x.text": (TEXT,), "x.thread": (TEXT,),
        "youtube": (COLLAPSED,), "youtube.description": (TEXT,), "youtube.thumbnail": (FILE,), "youtube.video": (FILE,),
        "retraction": (COLLAPSED,), "retraction.reason": (TEXT,), "corrections": (COLLAPSED,),
        "corrections.text": (TEXT,), "fbs_ignore": (COLLAPSED,), "fbs_ignore.rule": (RULE_IDS,),
        "fbs_ignore.reason": (TEXT,),
    },
    "qna": {
        "id": (HIDDEN,), "bidang": (HIDDEN,), "questions.text": (TEXT,), "questions.link": (URL,),
        "questions.answer": (TEXT,),
    },
}

# The catalogue key of each choice's label, by kind and path ({} is the value); a platform's name
# comes from the platform specs table instead.
OPTION_LABELS: dict[str, dict[str, str]] = {
    "post": {"platforms": "site.platform.{}", "strategy": "site.strategy.{}", "status": "cms.option.status.{}",
             "youtube.privacy": "cms.option.privacy.{}"},
    "qna": {"questions.platform": "cms.option.source.{}"},
}
MEDIA_PATTERN = r"\.(" + "|".join(
    "".join(f"[{c}{c.upper()}]" if c.isalpha() else c for c in s.lstrip(".")) for s in IMAGE_SUFFIXES + VIDEO_SUFFIXES
) + r")$"
URL_PATTERN = r"^https?://\S+$"


@dataclass(frozen=True)
class Context:
    """What every field of one collection needs: its kind, the instance, the language."""

    kind: str
    config: Config
    lang: str

    def text(self, key: str, **args: Any) -> str:
        return t(key, self.lang, zone=zone_label(self.config.zone), **args)


def collection_fields(kind: str, config: Config, lang: str) -> list[dict[str, Any]]:
    """The Decap ``fields`` of a post or a Q&A form, followed by the body."""
    schema = MODELS[kind].model_json_schema(by_alias=False)
    ctx = Context(kind, config, lang)
    fields = _object_fields(schema, schema, ctx, "", optional=False)
    body = {"name": "body", "label": ctx.text(f"cms.field.{kind}.body.label"), "widget": "markdown",
            "required": kind == "post"}
    _hint(body, ctx, "body")
    fields.append(body)
    _tighten(fields, field_rules(config, kind), ctx)
    return fields


def _by_path(fields: list[dict[str, Any]], prefix: str = "") -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for field in fields:
        path = prefix + field["name"]
        out[path] = field
        out.update(_by_path(field.get("fields") or [], path + "."))
    return out


def _tighten(fields: list[dict[str, Any]], rules: dict[str, dict[str, Any]], ctx: Context) -> None:
    """Required fields and lengths that `sosmed check` demands at level error."""
    by_path = _by_path(fields)
    for path, ask in rules.items():
        field = by_path[path]
        if ask.get("required"):
            field["required"] = True
        low, high = ask.get("min"), ask.get("max")
        if low or high:
            message = (ctx.text("cms.pattern.max_length", max=high) if high
                       else ctx.text("cms.pattern.min_length", min=low))
            field["pattern"] = [rf"^[\s\S]{{{low or 0},{high or ''}}}$", message]


def _resolve(schema: dict[str, Any], node: dict[str, Any]) -> tuple[dict[str, Any], bool]:
    """The node behind ``$ref`` and ``anyOf [X, null]``; and whether null is allowed."""
    nullable = False
    if "anyOf" in node:
        kinds = [n for n in node["anyOf"] if n.get("type") != "null"]
        nullable = len(kinds) < len(node["anyOf"])
        node = kinds[0] if len(kinds) == 1 else node
    if "$ref" in node:
        node = schema["$defs"][node["$ref"].rsplit("/", 1)[-1]]
    return node, nullable


def _object_fields(schema: dict[str, Any], node: dict[str, Any], ctx: Context, prefix: str,
                   *, optional: bool) -> list[dict[str, Any]]:
    required = set(node.get("required", []))
    return [
        _field(schema, name, prop, ctx, f"{prefix}{name}", required=name in required and not optional)
        for name, prop in node.get("properties", {}).items()
    ]


def _field(schema: dict[str, Any], name: str, prop: dict[str, Any], ctx: Context, path: str,
           *, required: bool) -> dict[str, Any]:
    node, _nullable = _resolve(schema, prop)
    looks = LOOKS[ctx.kind].get(path, ())
    field: dict[str, Any] = {"name": name, "label": ctx.text(f"cms.field.{ctx.kind}.{path}.label")}
    field.update(_widget(schema, node, ctx, path, looks, required))
    field["required"] = required
    _hint(field, ctx, path)
    return field


def _widget(schema: dict[str, Any], node: dict[str, Any], ctx: Context, path: str,
            looks: tuple[str, ...], required: bool) -> dict[str, Any]:
    if HIDDEN in looks:
        return {"widget": "hidden"}
    if DIVISIONS in looks:
        return {"widget": "select", "options": [{"label": d.name, "value": d.slug} for d in ctx.config.divisions]}
    if RULE_IDS in looks:
        return {"widget": "select", "options": sorted(RULES)}
    if "enum" in node:
        return {"widget": "select", "options": _options(node["enum"], ctx, path)}
    kind = node.get("type")
    if kind == "array":
        return _list(schema, node, ctx, path, looks, required)
    if kind == "object":
        optional = not required
        return {"widget": "object", "collapsed": COLLAPSED in looks,
                "fields": _object_fields(schema, node, ctx, path + ".", optional=optional)}
    if kind == "boolean":
        return {"widget": "boolean"}
    if kind == "string" and node.get("format") == "date-time":
        return {"widget": "datetime", "format": "YYYY-MM-DD HH:mm", "date_format": "DD-MM-YYYY", "time_format": "HH:mm"}
    if kind == "string":
        return _string(node, ctx, looks)
    raise TypeError(f"no Decap widget for {ctx.kind}.{path}: {node}")


def _string(node: dict[str, Any], ctx: Context, looks: tuple[str, ...]) -> dict[str, Any]:
    widget: dict[str, Any] = {"widget": "text" if TEXT in looks else "file" if FILE in looks else "string"}
    if FILE in looks:
        widget["choose_url"] = False  # a post's media are files in its folder, never links
        widget["pattern"] = [MEDIA_PATTERN, ctx.text("cms.pattern.media", kinds=", ".join(
            s.lstrip(".") for s in IMAGE_SUFFIXES + VIDEO_SUFFIXES))]
    elif URL in looks:
        widget["pattern"] = [URL_PATTERN, ctx.text("cms.pattern.url")]
    elif "pattern" in node:
        widget["pattern"] = [node["pattern"], ctx.text("cms.pattern.form", pattern=node["pattern"])]
    elif "maxLength" in node:
        widget["pattern"] = [rf"^[\s\S]{{0,{node['maxLength']}}}$", ctx.text("cms.pattern.max_length",
                                                                            max=node["maxLength"])]
    elif node.get("minLength"):
        widget["pattern"] = [r"\S", ctx.text("cms.pattern.not_blank")]
    return widget


def _list(schema: dict[str, Any], node: dict[str, Any], ctx: Context, path: str,
          looks: tuple[str, ...], required: bool) -> dict[str, Any]:
    items, _ = _resolve(schema, node.get("items", {}))
    out: dict[str, Any]
    if "enum" in items:
        out = {"widget": "select", "multiple": True, "options": _options(items["enum"], ctx, path)}
    elif items.get("type") == "object":
        fields = _object_fields(schema, items, ctx, path + ".", optional=False)
        out = {"widget": "list", "collapsed": COLLAPSED in looks, "label_singular":
               ctx.text(f"cms.field.{ctx.kind}.{path}.item"), "summary": f"{{{{fields.{fields[0]['name']}}}}}",
               "fields": fields}
    else:
        item = {"name": "item", "label": ctx.text(f"cms.field.{ctx.kind}.{path}.item"), "required": True}
        item.update(_string(items, ctx, looks))
        if TEXT in looks:
            item["widget"] = "text"
        # Open items: a collapsed item of a one-field list shows only its label, not its text.
        out = {"widget": "list", "field": item, "label_singular": item["label"], "collapsed": False}
    if node.get("minItems") and required:
        out["min"] = node["minItems"]
    return out


def _options(values: list[str], ctx: Context, path: str) -> list[dict[str, str]]:
    pattern = OPTION_LABELS[ctx.kind][path]
    if path == "strategy":  # the schema also accepts the Indonesian names; the editor offers each once
        values = [v for v in values if v in STRATEGIES]
    return [{"label": long_label(value) if value in SPECS else ctx.text(pattern.format(value)), "value": value}
            for value in values]


def _hint(field: dict[str, Any], ctx: Context, path: str) -> None:
    key = f"cms.field.{ctx.kind}.{path}.hint"
    if has(key):
        field["hint"] = ctx.text(key)


def field_order(fields: list[dict[str, Any]]) -> dict[str, Any]:
    """``{name: {child: …}}`` in the editor's order: new keys are written in this order."""
    order: dict[str, Any] = {}
    for field in fields:
        children = field.get("fields") or []
        order[field["name"]] = field_order(children) if children else {}
    return order
