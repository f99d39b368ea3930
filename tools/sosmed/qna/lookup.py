"""Find forms and read the ledger for the ``sosmed qna`` commands."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import parse_qs, urlparse

from sosmed.config.schema import Config
from sosmed.errors import SosmedError
from sosmed.model.item import Item
from sosmed.model.loader import load_items
from sosmed.publish.ledger import GitLedger
from sosmed.publish.records import Index


def load_forms(config: Config) -> list[Item]:
    """Every valid form under ``qna/`` (invalid ones are ``sosmed check``'s business)."""
    folder = config.root / "qna"
    return load_items([folder], config).forms if folder.exists() else []


def find_form(config: Config, form_id: str) -> Item:
    """The form with this id; a user error naming the id when there is none."""
    wanted = form_id.strip().upper().removesuffix(".MD")
    for item in load_forms(config):
        if item.id == wanted:
            return item
    raise SosmedError("qna.print.not_found", id=form_id)


def read_index(config: Config, root: Path | None = None) -> Index | None:
    """The ledger's index, or None when the instance is not a git repository (nothing is signed then)."""
    try:
        return GitLedger(root or config.root, config.publish.ledger_branch).read()
    except SosmedError:
        return None


def comment_id_from_url(url: str) -> str | None:
    """The comment id a reply needs, when the link to the original comment carries one.

    Facebook ``…/posts/<post>?comment_id=<c>`` → ``<post>_<c>``; YouTube ``…&lc=<c>`` → ``<c>``;
    X ``…/status/<id>`` → ``<id>``. Instagram links name the post only (None).
    """
    parsed = urlparse(url)
    host = (parsed.hostname or "").lower()
    query = parse_qs(parsed.query)
    if "facebook." in host or host == "fb.com":
        comment = next(iter(query.get("comment_id") or []), None)
        post = re.search(r"/posts/(\d+)", parsed.path)
        if comment and post:
            return f"{post.group(1)}_{comment}"
        return comment
    if "youtu" in host:
        return next(iter(query.get("lc") or []), None)
    if host in ("x.com", "twitter.com", "www.x.com", "www.twitter.com", "mobile.twitter.com"):
        status = re.search(r"/status(?:es)?/(\d+)", parsed.path)
        return status.group(1) if status else None
    return None
