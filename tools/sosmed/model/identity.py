"""Stable content ids and content hashes: what the ledger and the sign-off gate key on.

The id comes from the path (a post's bundle folder name, a form's id), so it
survives edits. The hash covers the normalised front matter, the body and the
bytes of every media file, so any change a reviewer could see changes it.
"""

from __future__ import annotations

import hashlib
import json
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sosmed.model.item import Item

HASH_PREFIX = "sha256:"


def _normal(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): _normal(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_normal(v) for v in value]
    return value


def normalise_body(body: str) -> str:
    """Line endings and trailing spaces do not change meaning."""
    lines = body.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "\n".join(line.rstrip() for line in lines).strip("\n") + "\n"


def file_digest(path: Path, chunk: int = 1 << 20) -> str:
    """sha256 of a file, read in chunks (videos may be large)."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while block := handle.read(chunk):
            digest.update(block)
    return digest.hexdigest()


def content_hash(item: Item) -> str:
    """The item's content hash (``sha256:<hex>``); computed once per item."""
    if item._hash is not None:
        return item._hash
    meta = item.meta.model_dump(mode="json", by_alias=False, exclude_defaults=False)
    payload = {
        "kind": item.kind,
        "id": item.id,
        "front_matter": _normal(meta),
        "body": normalise_body(item.body),
        "media": {
            str(p.relative_to(item.folder)): file_digest(p) for p in item.media_paths() if p.is_file()
        },
    }
    encoded = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()
    item._hash = HASH_PREFIX + hashlib.sha256(encoded).hexdigest()
    return item._hash
