"""Decap CMS's ``config.yml`` from ``sosmed.yml`` and the content model (never written by hand)."""

from __future__ import annotations

import os
from typing import Any

import yaml

from sosmed.cms.fields import collection_fields
from sosmed.config.schema import Config
from sosmed.errors import SosmedError
from sosmed.i18n import t
from sosmed.urls import site_base

POST_COLLECTION = "posts"
POST_FORMAT, QNA_FORMAT = "sosmed-post", "sosmed-qna"
# The bundle folder of `sosmed new post`: content/YYYY/MM/YYYY-MM-DD-slug/index.md. The parts
# are set before saving from the post's date in the instance's zone (Decap's own {{year}} is UTC).
POST_PATH = "{{sosmed_year}}/{{sosmed_month}}/{{sosmed_year}}-{{sosmed_month}}-{{sosmed_day}}-{{sosmed_slug}}/index"
QNA_PATH = "{{year}}/{{slug}}"
COMMIT_MESSAGES = ("create", "update", "delete", "uploadMedia", "deleteMedia")


def qna_collection(slug: str) -> str:
    """The name of a division's Q&A collection."""
    return f"qna-{slug}"


def decap_config(config: Config, lang: str, *, local_backend: str | None = None) -> dict[str, Any]:
    """The whole Decap configuration: backend, editorial workflow, locale, collections."""
    out: dict[str, Any] = {"backend": backend(config, lang)}
    if local_backend:
        out["local_backend"] = {"url": local_backend}
    out.update({
        "publish_mode": "editorial_workflow",
        "locale": lang,
        "site_url": site_base(config),
        "display_url": site_base(config),
        "show_preview_links": False,
        "search": True,
        # Only for Decap's shared media library; a post's photos go to its own folder.
        "media_folder": "media",
        "public_folder": "/media",
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
        "collections": [post_collection(config, lang)] + [qna_collection_config(config, lang, d.slug)
                                                            for d in config.divisions],
    })
    return out


def backend(config: Config, lang: str) -> dict[str, Any]:
    """``github`` (through an OAuth proxy) or ``forgejo`` (PKCE), from ``forge:`` and ``cms:`` in sosmed.yml."""
    cms = config.cms
    repo = cms.repo or os.environ.get("GITHUB_REPOSITORY")
    if not repo:
        raise SosmedError("cms.error.no_repo")
    out: dict[str, Any] = {"name": config.forge, "repo": repo, "branch": cms.branch}
    if config.forge == "forgejo":
        base = cms.base_url or os.environ.get("SOSMED_FORGEJO_URL")
        if not base:
            raise SosmedError("cms.error.no_forgejo_url")
        out["api_root"] = base.rstrip("/") + "/api/v1"
        if cms.app_id:
            out["app_id"] = cms.app_id
    else:
        if cms.base_url:
            out["base_url"] = cms.base_url.rstrip("/")
        if cms.auth_endpoint:
            out["auth_endpoint"] = cms.auth_endpoint
    out["commit_messages"] = {name: t(f"cms.commit.{name}", lang) for name in COMMIT_MESSAGES}
    return out


def post_collection(config: Config, lang: str) -> dict[str, Any]:
    """Posts: bundles under content/, media beside index.md, created and edited in the editor."""
    return {
        "name": POST_COLLECTION,
        "label": t("cms.collection.posts", lang),
        "label_singular": t("cms.collection.post", lang),
        "description": t("cms.collection.posts_description", lang),
        "folder": "content",
        "path": POST_PATH,
        "extension": "md",
        "format": POST_FORMAT,
        "create": True,
        "delete": False,
        # The Kepala's approval on the forge is the sign-off; merging happens there, not here.
        "publish": False,
        "media_folder": "",
        "public_folder": "",
        "identifier_field": "title",
        "summary": "{{title}}",
        "sortable_fields": ["date", "title"],
        "fields": collection_fields("post", config, lang),
    }


def qna_collection_config(config: Config, lang: str, slug: str) -> dict[str, Any]:
    """One division's Q&A forms: its head writes the answers; forms are made by `sosmed qna`."""
    division = config.division(slug)
    name = division.name if division else slug
    return {
        "name": qna_collection(slug),
        "label": t("cms.collection.qna", lang, division=name),
        "label_singular": t("cms.collection.qna_form", lang),
        "description": t("cms.collection.qna_description", lang, division=name),
        "folder": f"qna/{slug}",
        "path": QNA_PATH,
        "extension": "md",
        "format": QNA_FORMAT,
        "create": False,
        "delete": False,
        "publish": False,
        "identifier_field": "id",
        "summary": "{{id}} · {{officer}}",
        "sortable_fields": ["received", "id"],
        "editor": {"preview": False},
        "fields": collection_fields("qna", config, lang),
    }


def render_yaml(data: dict[str, Any], lang: str) -> str:
    """``config.yml`` text with a header saying where it comes from."""
    header = "".join(f"# {line}\n" for line in t("cms.config_header", lang).splitlines())
    return header + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=110)
