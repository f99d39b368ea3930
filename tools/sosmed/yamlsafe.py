"""Safe YAML loading that keeps node marks, refuses duplicate keys and alias bombs.

Parsing and composing run in libyaml (CSafeLoader); construction is PyYAML's safe
constructor, so the happy path costs what a bare ``yaml.load(..., CSafeLoader)``
costs. Marks are looked up in the kept node tree only when a problem needs a line.

Hostile scalars and structures end as a :class:`YamlIssue` with a line, never as an
exception of their own: nesting deeper than ``MAX_DEPTH`` is refused before libyaml
composes it (its composer recurses in C and crashes the process at some ten thousand
levels); integers too large to print are refused where they stand; a timestamp YAML
recognises but Python cannot build (``2020-13-45``, year 0, an offset of 25 hours)
stays the string it was written as, so the field that expects a date reports it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

_BaseLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # SafeLoader: PyYAML built without libyaml

MAX_NODES = 20_000
MAX_DEPTH = 64
# Integers wider than this are no count, size or id anyone writes by hand; Python refuses to
# print integers past 4,300 digits, and messages print the values they quote.
MAX_INT_BITS = 256


@dataclass(frozen=True, slots=True)
class YamlIssue(Exception):
    """A YAML problem with a catalogue key and a 1-based position inside the YAML text."""

    key: str
    line: int
    column: int
    args: dict[str, Any]  # type: ignore[assignment]  # the message's arguments, not BaseException.args


class _MarkedLoader(_BaseLoader):
    def construct_mapping(self, node: MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[str] = set()
        for key_node, _ in node.value:
            if isinstance(key_node, ScalarNode):
                if key_node.value in seen:
                    raise YamlIssue(
                        "yaml.duplicate_key",
                        key_node.start_mark.line + 1,
                        key_node.start_mark.column + 1,
                        {"key": key_node.value},
                    )
                seen.add(key_node.value)
        mapping: dict[Any, Any] = super().construct_mapping(node, deep=deep)
        return mapping


    _resolved: dict[tuple[str, bool, bool], str] = {}

    def resolve(self, kind: type, value: str, implicit: tuple[bool, bool]) -> str:
        # libyaml calls back into Python for every scalar's tag; front matter repeats the
        # same keys and values in every file, so remember the answers (same rules, same result).
        if kind is not ScalarNode:
            resolved: str = super().resolve(kind, value, implicit)
            return resolved
        key = (value, implicit[0], implicit[1])
        tag = self._resolved.get(key)
        if tag is None:
            tag = super().resolve(kind, value, implicit)
            if len(self._resolved) < 50_000:
                self._resolved[key] = tag
        return tag

    def construct_fast(self, node: Node) -> Any:
        """Build Python data straight from the node tree (no anchors, no merge keys).

        Same results as the safe constructor for plain documents, several times faster
        because it skips its generic bookkeeping; anything unusual goes the standard way.
        """
        if isinstance(node, ScalarNode):
            if node.tag == _STR:
                return node.value
            constructor = self.yaml_constructors.get(node.tag)
            if constructor is None:
                raise _Fallback
            return constructor(self, node)
        if isinstance(node, SequenceNode):
            if node.tag != _SEQ:
                raise _Fallback
            return [self.construct_fast(child) for child in node.value]
        if isinstance(node, MappingNode):
            if node.tag != _MAP:
                raise _Fallback
            mapping: dict[Any, Any] = {}
            for key_node, value_node in node.value:
                if not isinstance(key_node, ScalarNode) or key_node.tag == _MERGE:
                    raise _Fallback
                key = self.construct_fast(key_node)
                if key in mapping:
                    raise YamlIssue(
                        "yaml.duplicate_key",
                        key_node.start_mark.line + 1,
                        key_node.start_mark.column + 1,
                        {"key": key_node.value},
                    )
                mapping[key] = self.construct_fast(value_node)
            return mapping
        raise _Fallback


class _Fallback(Exception):
    """The document uses something the fast path leaves to PyYAML's constructor."""


_STR = "tag:yaml.org,2002:str"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"
_MERGE = "tag:yaml.org,2002:merge"
_INT = "tag:yaml.org,2002:int"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_MarkedLoader.add_constructor(_MAP, _MarkedLoader.construct_yaml_map)


def _issue_at(node: Node, key: str, **args: Any) -> YamlIssue:
    return YamlIssue(key, node.start_mark.line + 1, node.start_mark.column + 1, args)


def _construct_int(loader: _MarkedLoader, node: ScalarNode) -> int:
    digits = node.value.replace("_", "").lstrip("+-")
    if len(digits) > MAX_INT_BITS:  # before converting: decimal text past 4,300 digits raises
        raise _issue_at(node, "yaml.number_too_large", digits=len(node.value))
    try:
        value = yaml.constructor.SafeConstructor.construct_yaml_int(loader, node)
    except (ValueError, TypeError):  # "!!int abc"
        raise _issue_at(node, "yaml.bad_value", tag="int", value=node.value[:40]) from None
    if value.bit_length() > MAX_INT_BITS:  # sexagesimal "1:2:3:…" grows fast
        raise _issue_at(node, "yaml.number_too_large", digits=len(node.value))
    return value


def _construct_timestamp(loader: _MarkedLoader, node: ScalarNode) -> Any:
    try:
        return yaml.constructor.SafeConstructor.construct_yaml_timestamp(loader, node)
    except (ValueError, TypeError, OverflowError, AttributeError):
        return node.value  # the field that expects a date says what is wrong with it


def _guarded(tag: str, construct: Any) -> Any:
    """``construct`` with its failures on a malformed explicitly tagged scalar (``!!float xyz``) located."""

    def guarded(loader: _MarkedLoader, node: Node) -> Any:
        try:
            return construct(loader, node)
        except (ValueError, TypeError, OverflowError, AttributeError, LookupError):
            value = node.value if isinstance(node, ScalarNode) else ""
            raise _issue_at(node, "yaml.bad_value", tag=tag, value=value[:40]) from None

    return guarded


_MarkedLoader.add_constructor(_INT, _construct_int)
_MarkedLoader.add_constructor(_TIMESTAMP, _construct_timestamp)
for _name in ("float", "bool", "null"):
    _tag = f"tag:yaml.org,2002:{_name}"
    _MarkedLoader.add_constructor(_tag, _guarded(_name, _MarkedLoader.yaml_constructors[_tag]))

# Each level of nesting needs an indicator of its own: "- ", "? ", ": " (or the same before a
# line end) in block style, "[" or "{" in flow style, where an implicit "key: value" pair inside
# "[...]" may add one more level per bracket.
_BLOCK_INDICATORS = tuple(f"{c}{after}" for c in "-?:" for after in (" ", "\t", "\n", "\r"))


def _depth_bound(text: str) -> int:
    """An upper bound of the nesting depth of ``text``, counted without parsing."""
    flow = text.count("[") + text.count("{")
    return 2 + 2 * flow + sum(text.count(indicator) for indicator in _BLOCK_INDICATORS)


def _may_nest_deeper(text: str, limit: int) -> bool:
    """Whether ``text`` could nest deeper than ``limit``: a coarse count first (every ``-``, ``:`` and
    ``?``), the finer :func:`_depth_bound` only when the coarse one is not low enough."""
    flow = text.count("[") + text.count("{")
    if 2 + 2 * flow + text.count("-") + text.count(":") + text.count("?") <= limit:
        return False
    return _depth_bound(text) > limit


def _check_depth(text: str, limit: int) -> None:
    """Raise ``yaml.too_deep`` at the first collection nested deeper than ``limit``.

    Reads libyaml's event stream (a loop, no recursion); only called when the cheap bound
    says the text could be that deep, so ordinary front matter is parsed once.
    """
    depth = 0
    try:
        for event in yaml.parse(text, Loader=_BaseLoader):
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > limit:
                    mark = event.start_mark
                    raise YamlIssue("yaml.too_deep", _line(mark), _col(mark), {"limit": limit})
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.YAMLError:
        return  # the composer reports the syntax error with its position


def _expanded_size(root: Node, limit: int) -> int:
    """Node count with aliases expanded, memoised so a bomb is measured in linear time."""
    memo: dict[int, int] = {}

    def size(node: Node) -> int:
        ident = id(node)
        if ident in memo:
            return memo[ident]
        memo[ident] = 1  # cycles count once
        if isinstance(node, MappingNode):
            total = 1 + sum(size(k) + size(v) for k, v in node.value)
        elif isinstance(node, SequenceNode):
            total = 1 + sum(size(v) for v in node.value)
        else:
            total = 1
        memo[ident] = min(total, limit + 1)
        return memo[ident]

    return size(root)


def compose(text: str) -> Node | None:
    """The node tree of already-validated YAML text (see :func:`load`), for looking up positions."""
    loader = _MarkedLoader(text)
    try:
        node: Node | None = loader.get_single_node()
        return node
    finally:
        loader.dispose()


def load(text: str, *, max_nodes: int = MAX_NODES) -> tuple[Any, Node | None]:
    """Parse one YAML document safely; return ``(data, root_node)`` or raise :class:`YamlIssue`.

    Callers that keep many documents should keep the text, not the node tree, and
    :func:`compose` it again when a position is needed: thousands of retained node
    trees make the garbage collector the slowest part of a check.
    """
    if _may_nest_deeper(text, MAX_DEPTH):
        _check_depth(text, MAX_DEPTH)
    loader = _MarkedLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, None
        if "&" in text:
            if _expanded_size(node, max_nodes) > max_nodes:
                raise YamlIssue("yaml.too_large", 1, 1, {"limit": max_nodes})
            return loader.construct_document(node), node
        try:
            return loader.construct_fast(node), node
        except _Fallback:
            return loader.construct_document(node), node
    except yaml.constructor.ConstructorError as exc:
        mark = exc.problem_mark or exc.context_mark
        tag = getattr(exc, "problem", "") or ""
        if "could not determine a constructor for the tag" in tag:
            unknown = tag.split("tag", 1)[1].strip().strip("'")
            raise YamlIssue("yaml.unsafe_tag", _line(mark), _col(mark), {"tag": unknown}) from None
        raise YamlIssue("yaml.invalid", _line(mark), _col(mark), {"detail": tag or str(exc)}) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise YamlIssue("yaml.invalid", _line(mark), _col(mark), _detail(exc.problem or str(exc))) from None
    except yaml.reader.ReaderError as exc:
        line, column = _byte_position(text, exc.position)
        raise YamlIssue("yaml.control_character", line, column, {"code": f"U+{exc.character:04X}"}) from None
    except yaml.YAMLError as exc:
        raise YamlIssue("yaml.invalid", 1, 1, {"detail": str(exc).splitlines()[0]}) from None
    except UnicodeEncodeError as exc:  # a lone surrogate in text that did not come from a file
        line = text.count("\n", 0, exc.start) + 1
        raise YamlIssue("yaml.control_character", line, 1, {"code": f"U+{ord(text[exc.start]):04X}"}) from None
    except RecursionError:
        raise YamlIssue("yaml.too_large", 1, 1, {"limit": max_nodes}) from None
    finally:
        loader.dispose()


def _byte_position(text: str, offset: int) -> tuple[int, int]:
    """1-based (line, column) of a UTF-8 byte offset, as libyaml's reader reports one."""
    before = text.encode("utf-8", "surrogatepass")[: max(offset, 0)]
    line_start = before.rfind(b"\n") + 1
    return before.count(b"\n") + 1, len(before[line_start:].decode("utf-8", "replace")) + 1


def _line(mark: Any) -> int:
    return mark.line + 1 if mark is not None else 1


def _col(mark: Any) -> int:
    return mark.column + 1 if mark is not None else 1


def position(root: Node | None, loc: Sequence[str | int]) -> tuple[int, int]:
    """1-based (line, column) of the deepest node along ``loc`` that exists.

    Mapping entries point at their key (where an editor looks), sequence
    items at the item. A missing key points at its parent's key.
    """
    if root is None:
        return 1, 1
    node: Node = root
    best = node.start_mark
    for part in loc:
        if isinstance(node, MappingNode):
            for key_node, value_node in node.value:
                if isinstance(key_node, ScalarNode) and key_node.value == str(part):
                    best = key_node.start_mark
                    node = value_node
                    break
            else:
                continue  # pydantic adds loc parts (union branches) that are not keys
        elif isinstance(node, SequenceNode) and isinstance(part, int):
            if 0 <= part < len(node.value):
                node = node.value[part]
                best = node.start_mark
            else:
                break
        else:
            break
    return best.line + 1, best.column + 1


# PyYAML (and libyaml under it) explains in English; the problems people make in front matter, by the start
# of that explanation.
_DETAILS = (
    ("found unexpected end of stream", "unclosed_quote"),
    ("mapping values are not allowed", "colon"),
    ("could not find expected ':'", "no_colon"),
    ("found character '\\t'", "tab"),
    ("found a tab character", "tab"),
    ("found character that cannot start any token", "bad_start"),
    ("expected <block end>", "indentation"),
    ("did not find expected key", "indentation"),
    ("did not find expected '-' indicator", "indentation"),
    ("expected ',' or ']'", "unclosed_list"),
    ("did not find expected ',' or ']'", "unclosed_list"),
    ("expected ',' or '}'", "unclosed_mapping"),
    ("did not find expected ',' or '}'", "unclosed_mapping"),
    ("found undefined alias", "alias"),
    ("found unknown escape character", "escape"),
    ("did not find expected node content", "no_value"),
)


def _detail(problem: str) -> dict[str, Any]:
    """The arguments of ``yaml.invalid``: PyYAML's ``problem`` and, when it is one people meet, the catalogue
    key that says it in their language (``detail_key``; see :func:`sosmed.problem.yaml_args`)."""
    code = next((code for start, code in _DETAILS if problem.startswith(start)), None)
    return {"detail": problem, "detail_key": f"yaml.detail.{code}" if code else None}
