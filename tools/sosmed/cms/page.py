"""The editor's ``index.html``: Decap from the vendored bundle, and the data sosmed's scripts need."""

from __future__ import annotations

import json
from html import escape
from typing import Any

from sosmed.cms.coercions import coercions
from sosmed.cms.decap_config import POST_COLLECTION, POST_FORMAT, QNA_FORMAT
from sosmed.cms.fields import field_order
from sosmed.config.schema import Config
from sosmed.i18n import catalogue, t
from sosmed.model.fields import PLATFORMS, STRATEGIES
from sosmed.model.post import Post
from sosmed.model.qna import QnaForm
from sosmed.printing.dates import zone_label
from sosmed.scaffold import slugify
from sosmed.specs import SPECS, long_label

ROLES = ("author", "camera", "drone", "editor", "contributor")


def phrases(lang: str) -> dict[str, Any]:
    """Decap's interface text for ``lang``, nested as ``CMS.registerLocale`` wants it."""
    nested: dict[str, Any] = {}
    for key, text in catalogue(lang).items():
        if not key.startswith("cms_ui."):
            continue
        *parents, leaf = key.split(".")[1:]
        node = nested
        for part in parents:
            node = node.setdefault(part, {})
        node[leaf] = text
    return nested


def preview_words(config: Config, lang: str) -> dict[str, Any]:
    """The site's own words and names the post preview shows."""
    zone = config.organisation.timezone
    return {
        "zone": zone,
        "zoneName": zone_label(config.zone),
        "contentLang": config.organisation.locale,
        "months": [t(f"site.month.{n}", lang) for n in range(1, 13)],
        "datetime": t("site.datetime", lang),
        "publishedAt": t("site.post.published_at", lang),
        "credit": t("site.post.credit", lang),
        "source": t("site.post.source", lang),
        "sources": t("site.post.sources", lang),
        "credits": t("site.post.credits", lang),
        "tags": t("site.post.tags", lang),
        "platforms": t("site.post.platforms", lang),
        "gallery": t("site.post.gallery", lang),
        "roles": {role: t(f"site.post.credit_role.{role}", lang) for role in ROLES},
        "strategies": {s: t(f"site.strategy.{s}", lang) for s in STRATEGIES},
        "platformNames": {p: long_label(p) if p in SPECS else t(f"site.platform.{p}", lang) for p in PLATFORMS},
        "divisions": {d.slug: d.name for d in config.divisions},
    }


def page_data(config: Config, lang: str, decap: dict[str, Any], styles: list[str]) -> dict[str, Any]:
    """Everything ``sosmed-cms.js`` reads from the page."""
    posts = next(c for c in decap["collections"] if c["name"] == POST_COLLECTION)
    forms = next((c for c in decap["collections"] if c["format"] == QNA_FORMAT), None)
    messages = {name: t(f"cms.script.{name}", lang) for name in ("unreadable", "unwritable")}
    return {
        "lang": lang,
        "phrases": phrases(lang),
        "zone": config.organisation.timezone,
        "slugFallback": slugify(""),
        "postCollection": POST_COLLECTION,
        "formats": {
            POST_FORMAT: {"coercions": coercions(Post), "order": field_order(posts["fields"]),
                          "messages": messages},
            QNA_FORMAT: {"coercions": coercions(QnaForm), "order": field_order(forms["fields"] if forms else []),
                         "messages": messages},
        },
        "previewStyles": styles,
        "preview": preview_words(config, lang),
    }


def index_html(config: Config, lang: str, data: dict[str, Any]) -> str:
    """The page: scripts from this folder only (``'self'``), Decap started by sosmed's module."""
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
    title = escape(t("cms.page.title", lang, org=config.organisation.short_name))
    policy = ("default-src 'self'; script-src 'self' 'unsafe-eval' 'wasm-unsafe-eval'; "
              "style-src 'self' 'unsafe-inline'; img-src 'self' data: blob: https:; "
              "connect-src 'self' blob: data: http: https:; frame-src 'self' blob:; object-src 'none'; base-uri 'self'")
    return f"""<!doctype html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<meta http-equiv="Content-Security-Policy" content="{policy}">
<title>{title}</title>
<link rel="icon" href="favicon.svg" type="image/svg+xml">
<link href="config.yml" type="text/yaml" rel="cms-config-url">
<script src="sosmed-init.js"></script>
<script src="vendor/decap-cms/decap-cms.js"></script>
<script type="application/json" id="sosmed-cms-data">{payload}</script>
<script type="module" src="sosmed-cms.js"></script>
</head>
<body>
<noscript>{escape(t("cms.page.noscript", lang))}</noscript>
</body>
</html>
"""


def missing_page(lang: str, message: str, org: str) -> str:
    """The page served at ``/admin/`` when the editor is not installed or not configured."""
    title = escape(t("cms.page.title", lang, org=org))
    return f"""<!doctype html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>{title}</title>
</head>
<body>
<h1>{title}</h1>
<p id="sosmed-cms-missing">{escape(message)}</p>
</body>
</html>
"""
