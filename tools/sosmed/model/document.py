"""Reading a Markdown file with YAML front matter, safely, keeping positions.

Every way a file can be unreadable becomes one problem with file and line:
too large, binary, not UTF-8, empty, no or unterminated front matter,
invalid or unsafe YAML, a front matter that is not a mapping.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from frontmatter.default_handlers import YAMLHandler
from yaml.nodes import Node

from sosmed.errors import os_reason
from sosmed.problem import Problem, yaml_args
from sosmed.yamlsafe import MAX_NODES, YamlIssue, compose, load

_BOUNDARY = YAMLHandler.FM_BOUNDARY  # python-frontmatter's own delimiter rule: a line of ---


@dataclass(slots=True)
class Document:
    """A parsed file: front matter data, its YAML node tree, the body and where each starts."""

    path: Path
    display: str
    data: dict[str, Any]
    fm_text: str
    body: str
    yaml_offset: int  # file line = yaml_offset + 1-based line inside the front matter
    body_line: int  # file line where the body starts

    _root: Node | None = None
    # Every entry name of the file's folder, listed while finding the file (None: not listed).
    folder_names: tuple[str, ...] | None = None

    @property
    def root(self) -> Node | None:
        """The front matter's YAML node tree, composed again on first use (only problems need it)."""
        if self._root is None:
            self._root = compose(self.fm_text)
        return self._root

    def line_of(self, yaml_line: int) -> int:
        """File line of a 1-based line inside the front matter."""
        return self.yaml_offset + yaml_line


def _problem(display: str, line: int, key: str, column: int = 1, /, **args: Any) -> Problem:
    return Problem(display, line, column, "file", "error", key, args)


def read_document(
    path: Path, display: str, *, max_bytes: int, max_nodes: int = MAX_NODES
) -> tuple[Document | None, list[Problem]]:
    """Read ``path``; return the document, or None and the problem that stopped it."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            return None, [_problem(display, 1, "file.too_large", size=size, limit=max_bytes)]
        raw = path.read_bytes()
    except OSError as exc:
        return None, [_problem(display, 1, "file.unreadable", error=os_reason(exc))]
    if not raw.strip():
        return None, [_problem(display, 1, "file.empty")]
    if b"\x00" in raw[:8192]:
        return None, [_problem(display, 1, "file.binary")]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return None, [_problem(display, line, "file.not_utf8")]
    return parse_text(text, path, display, max_nodes=max_nodes)


def parse_text(
    text: str, path: Path, display: str, *, max_nodes: int = MAX_NODES
) -> tuple[Document | None, list[Problem]]:
    """Split and parse front matter from already-decoded text."""
    first = _BOUNDARY.match(text)
    if first is None:
        return None, [_problem(display, 1, "file.no_front_matter")]
    closing = _BOUNDARY.search(text, first.end())
    if closing is None:
        return None, [_problem(display, 1, "file.unterminated_front_matter")]
    fm_text = text[first.end() : closing.start()]
    offset = text.count("\n", 0, first.end())
    try:
        data, root = load(fm_text, max_nodes=max_nodes)
    except YamlIssue as issue:
        return None, [_problem(display, offset + issue.line, issue.key, issue.column, **yaml_args(issue.args))]
    if data is None:
        return None, [_problem(display, offset + 1, "file.empty_front_matter")]
    if not isinstance(data, dict):
        line = offset + (root.start_mark.line + 1 if root is not None else 1)
        return None, [_problem(display, line, "file.front_matter_not_mapping", kind=type(data).__name__)]
    rest = text[closing.end() :]
    body = rest.lstrip("\r\n")
    body_line = text.count("\n", 0, closing.end()) + 1 + rest[: len(rest) - len(body)].count("\n")
    return Document(path, display, data, fm_text, body, offset, body_line), []
