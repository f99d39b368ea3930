"""Edit a post bundle: add ``media`` entries and rename media files in ``index.md`` without
disturbing the rest (the editor's comments and layout stay as written), and keep the bundle's
intake record (which source files were already taken in).

Edits are made on the text at the positions the YAML parser reports, then the file is parsed
again before it replaces the old one, so an edit can never leave an unreadable post behind.
"""

from __future__ import annotations

import json
import os
import tempfile
from datetime import datetime
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from sosmed.errors import SosmedError
from sosmed.model.document import _BOUNDARY, parse_text
from sosmed.visible import visible_text

MANIFEST = ".sosmed-intake.json"
FIELD_ORDER = ("file", "alt", "credit", "source", "licence", "permission", "captured_at", "caption")


def _scalar(value: Any) -> str:
    if isinstance(value, datetime):
        return value.isoformat()
    if value is None:
        return '""'
    # A JSON string is a valid YAML double-quoted scalar once the characters YAML refuses even
    # there (DEL, C1 controls) and the invisible ones are written visibly: safe for any caption.
    return json.dumps(visible_text(str(value)), ensure_ascii=False)


def render_entries(entries: list[dict[str, Any]], indent: int) -> str:
    """``entries`` as block-sequence items whose dash is at column ``indent`` (no final newline)."""
    pad = " " * indent
    lines: list[str] = []
    for entry in entries:
        keys = [k for k in FIELD_ORDER if k in entry] + [k for k in entry if k not in FIELD_ORDER]
        for position, key in enumerate(keys):
            lead = f"{pad}- " if position == 0 else f"{pad}  "
            lines.append(f"{lead}{key}: {_scalar(entry[key])}")
    return "\n".join(lines)


def split_file(text: str) -> tuple[str, str, str]:
    """(opening boundary, front matter, closing boundary and body) of a post's text."""
    first = _BOUNDARY.match(text)
    closing = _BOUNDARY.search(text, first.end()) if first else None
    if first is None or closing is None:
        raise SosmedError("intake.post_unreadable", path="index.md")
    return text[: first.end()], text[first.end(): closing.start()], text[closing.start():]


def _root(fm_text: str) -> MappingNode:
    node = yaml.compose(fm_text, Loader=yaml.CSafeLoader)
    if not isinstance(node, MappingNode):
        raise SosmedError("intake.post_unreadable", path="index.md")
    return node


def _media_node(root: MappingNode) -> tuple[ScalarNode, Node] | None:
    for key, value in root.value:
        if isinstance(key, ScalarNode) and key.value == "media":
            return key, value
    return None


def _deepest_last(node: Node) -> Node:
    while isinstance(node, SequenceNode | MappingNode) and node.value:
        last = node.value[-1]
        node = last[1] if isinstance(node, MappingNode) else last
    return node


def _after_line(fm: str, node: Node) -> int:
    """Where text can go after ``node``: the end of its line (past any trailing comment)."""
    end = node.end_mark.index
    if end > 0 and fm[end - 1] == "\n":
        return end - 1
    newline = fm.find("\n", end)
    return len(fm.rstrip("\n")) if newline == -1 else newline


def add_media(fm: str, entries: list[dict[str, Any]]) -> str:
    """Front-matter text with ``entries`` appended to its ``media`` list."""
    if not entries:
        return fm
    root = _root(fm)
    found = _media_node(root)
    if found is None:
        body = fm.rstrip("\n")
        return f"{body}\nmedia:\n{render_entries(entries, 2)}\n"
    key, value = found
    if isinstance(value, SequenceNode) and not value.flow_style and value.value:
        at = _after_line(fm, _deepest_last(value))
        return fm[:at] + "\n" + render_entries(entries, value.start_mark.column) + fm[at:]
    existing = yaml.load(fm, Loader=yaml.CSafeLoader).get("media") or []
    if not isinstance(existing, list):
        existing = []
    indent = key.start_mark.column + 2
    start, end = value.start_mark.index, value.end_mark.index
    if isinstance(value, ScalarNode) and value.value == "":
        start = end = key.end_mark.index + 1  # "media:" with nothing after the colon
    newline = fm.find("\n", end)
    newline = len(fm) if newline == -1 else newline
    # A comment after the old value stays on the "media:" line.
    return (fm[:start].rstrip(" ") + fm[end:newline] + "\n" + render_entries([*existing, *entries], indent)
            + fm[newline:])


def rename_media(fm: str, old: str, new: str) -> str:
    """Front-matter text with media entry ``file: old`` pointing at ``new``."""
    found = _media_node(_root(fm))
    if found is None or not isinstance(found[1], SequenceNode):
        return fm
    for item in found[1].value:
        if not isinstance(item, MappingNode):
            continue
        for key, value in item.value:
            if isinstance(key, ScalarNode) and key.value == "file" and isinstance(value, ScalarNode) \
                    and value.value == old:
                return fm[: value.start_mark.index] + _scalar(new) + fm[value.end_mark.index:]
    return fm


def edit_front_matter(index: Path, change: Any) -> None:
    """Apply ``change(front_matter_text) -> text`` to ``index`` safely (parsed before it is saved)."""
    text = index.read_text(encoding="utf-8")
    head, fm, tail = split_file(text)
    updated = change(fm)
    if updated == fm:
        return
    if not updated.endswith("\n"):
        updated += "\n"
    new_text = head + updated + tail
    doc, problems = parse_text(new_text, index, index.name)
    if doc is None:
        raise SosmedError("intake.post_edit_failed", path=str(index),
                          reason=problems[0].key if problems else "?")
    write_atomic(index, new_text.encode("utf-8"))


def write_atomic(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` in one step (a crash leaves the old or the new file)."""
    handle, temp = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.chmod(temp, path.stat().st_mode & 0o7777 if path.exists() else _default_mode())
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def _default_mode() -> int:
    """What ``open()`` would give a new file under the current umask (mkstemp gives 0600)."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def read_manifest(folder: Path) -> dict[str, str]:
    """Source sha256 → bundle file name of every file already taken in."""
    path = folder / MANIFEST
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    files = data.get("sources") if isinstance(data, dict) else None
    return {str(k): str(v) for k, v in files.items()} if isinstance(files, dict) else {}


def write_manifest(folder: Path, sources: dict[str, str]) -> None:
    """Record which sources the bundle's files came from (sorted: stable in git)."""
    payload = {"version": 1, "sources": dict(sorted(sources.items()))}
    write_atomic(folder / MANIFEST, (json.dumps(payload, indent=1, ensure_ascii=False) + "\n").encode("utf-8"))
