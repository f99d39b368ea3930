"""Public URLs of items on the archive website (the canonical link every platform post carries)."""

from __future__ import annotations

import os

from sosmed.config.schema import Config
from sosmed.model.item import Item


def site_base(config: Config) -> str:
    """The site URL, always ending with a slash (``SOSMED_SITE_URL`` overrides it, e.g. in the demo)."""
    url = os.environ.get("SOSMED_SITE_URL") or config.organisation.site_url
    return url if url.endswith("/") else url + "/"


def item_path(item: Item) -> str:
    """Site-relative path of an item's page: ``YYYY/MM/<folder>/`` for posts, ``qna/<id>/`` for forms."""
    if item.kind == "post":
        folder = item.folder.name
        return f"{folder[0:4]}/{folder[5:7]}/{folder}/"
    return f"qna/{item.id}/"


def item_url(config: Config, item: Item) -> str:
    """Absolute URL of an item's page on the archive."""
    return site_base(config) + item_path(item)


def media_url(config: Config, item: Item, file: str) -> str:
    """Absolute public URL of one media file of a post (what Instagram fetches).

    ``SOSMED_MEDIA_URL`` points the media elsewhere than the canonical site (the demo serves
    them on loopback while the posts keep the canonical archive links).
    """
    base = os.environ.get("SOSMED_MEDIA_URL")
    if base:
        return (base if base.endswith("/") else base + "/") + item_path(item) + file
    return item_url(config, item) + file
