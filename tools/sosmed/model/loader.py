"""Find posts and Q&A forms under the given paths and load them into items.

Every problem of every file is collected; nothing stops at the first error.
"""

from __future__ import annotations

import gc
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from sosmed.config.schema import Config
from sosmed.model.document import Document, read_document
from sosmed.model.item import Item, Kind
from sosmed.model.post import Post
from sosmed.model.qna import QnaForm
from sosmed.problem import Problem
from sosmed.validation import problems_from_error

POST_FOLDER = re.compile(r"^(\d{4})-(\d{2})-(\d{2})-([a-z0-9]+(?:-[a-z0-9]+)*)$")
FORM_NAME = re.compile(r"^QA-(\d{4})-(\d{2})-(\d{4})\.md$")
IGNORED_MD = {"README.md", "readme.md", "_index.md"}


@dataclass
class LoadResult:
    """What loading found: valid items, problems, and how many files were read."""

    items: list[Item] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    files: int = 0

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.level == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.level == "warning"]

    @property
    def posts(self) -> list[Item]:
        return [i for i in self.items if i.kind == "post"]

    @property
    def forms(self) -> list[Item]:
        return [i for i in self.items if i.kind == "qna"]


def _relative(path: Path, root: Path) -> str:
    """Path relative to the instance root as a POSIX string (the path itself when outside it)."""
    text, prefix = path.as_posix(), root.as_posix().rstrip("/") + "/"
    return text[len(prefix):] if text.startswith(prefix) else text


def _classify(display: str, name: str) -> Kind | None:
    top = display.split("/", 1)[0]
    if top == "content" or (top != "qna" and name == "index.md"):
        return "post"
    if top == "qna" or FORM_NAME.match(name):
        return "qna"
    return None


def discover(paths: Iterable[Path], root: Path) -> Iterator[tuple[Path, str, Kind | None]]:
    """Markdown files under ``paths``: (absolute path, path shown to people, kind or None)."""
    for path, display, kind, _names in _discover(paths, root):
        yield path, display, kind


def _markdown_files(top: str, links: list[str]) -> list[tuple[tuple[str, ...], str, tuple[str, ...]]]:
    """``*.md`` entries under the folder ``top``, as ``Path.rglob("*.md")`` finds them.

    Each is (folder parts below ``top``, name, every entry name of that folder): the listing
    comes free with the walk, and rules that look at a bundle's other files use it instead of
    listing the folder again. Unreadable folders are skipped. Symbolic links are never
    followed: their paths go to ``links`` (a link in a post's folder could change what is
    published after the sign-off, or reach a private file outside the repository).
    """
    found: list[tuple[tuple[str, ...], str, tuple[str, ...]]] = []
    stack: list[tuple[str, tuple[str, ...]]] = [(top, ())]
    while stack:
        folder, parts = stack.pop()
        try:
            with os.scandir(folder) as listing:
                entries = list(listing)
        except PermissionError:
            continue
        names = tuple(entry.name for entry in entries)
        for entry in entries:
            name = entry.name
            if entry.is_symlink():
                links.append(entry.path)
                continue
            if name.endswith(".md"):
                found.append((parts, name, names))
            try:
                is_dir = entry.is_dir()
            except OSError:
                is_dir = False
            if is_dir:
                stack.append((entry.path, (*parts, name)))
    # Path order compares the parts one by one (not the joined string): "a/b" before "a-b".
    found.sort(key=lambda record: (*record[0], record[1]))
    return found


def _discover(paths: Iterable[Path], root: Path,
              links: list[str] | None = None) -> Iterator[tuple[Path, str, Kind | None, tuple[str, ...] | None]]:
    root = root.resolve()
    prefix = root.as_posix().rstrip("/") + "/"
    found_links: list[str] = [] if links is None else links
    for given in paths:
        if given.is_symlink():
            found_links.append(_relative(Path(os.path.abspath(given)), root))
            continue
        path = given.resolve()
        if path.is_file():
            display = _relative(path, root)
            yield path, display, _classify(display, path.name), None
        elif path.is_dir():
            # The same as _relative(file, root), on strings: no Path per file just to compare.
            folder = path.as_posix().rstrip("/") + "/"
            raw_links: list[str] = []
            for parts, name, names in _markdown_files(str(path), raw_links):
                if name in IGNORED_MD:
                    continue
                full = folder + "/".join((*parts, name))
                display = full[len(prefix):] if full.startswith(prefix) else full
                if display.startswith(".") or "/." in display:  # a hidden file or folder on the way
                    continue
                yield Path(full), display, _classify(display, name), names
            found_links.extend(link[len(prefix):] if link.startswith(prefix) else link for link in raw_links)


def load_items(paths: Iterable[Path], config: Config) -> LoadResult:
    """Load every post and form under ``paths``, validating them against ``config``."""
    # Loading builds many small acyclic objects that all stay alive; the cyclic
    # collector would rescan them again and again (a third of the time at 15,000 files).
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _load_items(paths, config)
    finally:
        if enabled:
            gc.enable()


def load_files(files: Iterable[tuple[Path, str]], config: Config) -> LoadResult:
    """Load the given files, each as (where its bytes are, the repository path people see).

    The kind of each file is decided from its shown path, so a file read from elsewhere (a
    commit's objects written into a cache) is validated exactly as in the repository.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _load(((path, display, _classify(display, path.name), None) for path, display in files), config)
    finally:
        if enabled:
            gc.enable()


def _load_items(paths: Iterable[Path], config: Config) -> LoadResult:
    links: list[str] = []
    result = _load(_discover(paths, config.root, links), config)
    if links:
        refuse_linked(result, sorted(set(links)))
    return result


def refuse_linked(result: LoadResult, links: list[str]) -> None:
    """A symbolic link anywhere is an error; the item it sits in is not loaded at all."""
    for link in links:
        result.problems.append(Problem(link, 1, 1, "layout", "error", "layout.symlink", {"path": link}))
    owners = {link.rsplit("/", 1)[0] for link in links}

    def linked(item: Item) -> bool:
        folder = item.display.rsplit("/", 1)[0] if item.kind == "post" else item.display
        return any(owner == folder or owner.startswith(folder + "/") for owner in owners)

    result.items[:] = [item for item in result.items if not linked(item)]


def _load(found: Iterable[tuple[Path, str, Kind | None, tuple[str, ...] | None]], config: Config) -> LoadResult:
    result = LoadResult()
    seen: dict[str, str] = {}
    base_ctx = base_context(config)
    for path, display, kind, names in found:
        result.files += 1
        item = load_one(path, display, kind, names, config, base_ctx, result.problems)
        if item is None:
            continue
        other = seen.get(item.id)
        if other is not None:
            result.problems.append(duplicate_problem(display, item.id, other))
            continue
        seen[item.id] = display
        result.items.append(item)
    return result


def discover_files(paths: Iterable[Path], root: Path) -> tuple[
        list[tuple[Path, str, Kind | None, tuple[str, ...] | None]], list[str]]:
    """Every Markdown file under ``paths`` as the loader sees it (path, shown path, kind, folder
    listing), and the symbolic links met on the way (see :func:`load_items`)."""
    links: list[str] = []
    return list(_discover(paths, root, links)), sorted(set(links))


def base_context(config: Config) -> dict[str, Any]:
    """The validation context every file of one run shares."""
    return {"zone": config.zone, "divisions": set(config.division_slugs)}


def duplicate_problem(display: str, item_id: str, other: str) -> Problem:
    """The error of a file whose item id an earlier file already has."""
    return Problem(display, 1, 1, "layout", "error", "layout.duplicate_id", {"id": item_id, "other": other})


def load_one(path: Path, display: str, kind: Kind | None, names: tuple[str, ...] | None, config: Config,
             base_ctx: dict[str, Any], problems: list[Problem]) -> Item | None:
    """Read and validate one file, adding its problems to ``problems``; whatever goes wrong stays a
    problem of this file. ``base_ctx`` comes from :func:`base_context`."""
    if kind is None:
        problems.append(Problem(display, 1, 1, "layout", "warning", "layout.stray_markdown", {}))
        return None
    found: list[Problem] = []
    try:
        limit = config.limits.max_file_bytes if kind == "post" else config.limits.max_qna_bytes
        doc, read_problems = read_document(path, display, max_bytes=limit, max_nodes=config.limits.max_yaml_nodes)
        found.extend(read_problems)
        if doc is None:
            return None
        doc.folder_names = names
        return _validate(doc, kind, base_ctx, found)
    except Exception as exc:  # noqa: BLE001 - a bug met by one file must not stop the others
        found.append(Problem(display, 1, 1, "file", "error", "file.unexpected",
                             {"error": f"{type(exc).__name__}: {str(exc)[:200]}"}))
        return None
    finally:
        problems.extend(found)


def _validate(doc: Document, kind: Kind, base_ctx: dict[str, Any], problems: list[Problem]) -> Item | None:
    path = doc.path
    if kind == "post":
        ctx = dict(base_ctx, bundle=path.parent)
        layout = _post_layout(doc)
        model: type[Post] | type[QnaForm] = Post
        item_id = path.parent.name
    else:
        ctx = dict(base_ctx, stem=path.stem, folder_bidang=_form_bidang(doc))
        layout = _form_layout(doc, base_ctx["divisions"])
        model = QnaForm
        item_id = path.stem
    problems.extend(layout)
    try:
        meta = model.model_validate(doc.data, context=ctx)
    except ValidationError as exc:
        problems.extend(
            problems_from_error(exc, path=doc.display, data=doc.data, root=doc.root, line_offset=doc.yaml_offset)
        )
        return None
    if any(p.level == "error" for p in layout):
        return None
    item = Item(item_id, kind, path, doc.display, doc, meta)
    if kind == "post":
        problems.extend(_post_date_matches_folder(item, base_ctx["zone"]))
    return item


def _post_layout(doc: Document) -> list[Problem]:
    path = doc.path
    if path.name != "index.md":
        return [Problem(doc.display, 1, 1, "layout", "error", "layout.post_not_index", {})]
    if not POST_FOLDER.match(path.parent.name):
        return [Problem(doc.display, 1, 1, "layout", "error", "layout.post_folder", {"folder": path.parent.name})]
    return []


def _form_bidang(doc: Document) -> str | None:
    parts = doc.path.parts
    # qna/<bidang>/<YYYY>/QA-….md
    return parts[-3] if len(parts) >= 3 else None


def _form_layout(doc: Document, divisions: set[str]) -> list[Problem]:
    match = FORM_NAME.match(doc.path.name)
    if not match:
        return [Problem(doc.display, 1, 1, "layout", "error", "layout.form_name", {"name": doc.path.name})]
    problems: list[Problem] = []
    if doc.path.parent.name != match.group(1):
        problems.append(
            Problem(doc.display, 1, 1, "layout", "error", "layout.form_year",
                    {"folder": doc.path.parent.name, "year": match.group(1)})
        )
    return problems


def _post_date_matches_folder(item: Item, zone: Any) -> list[Problem]:
    match = POST_FOLDER.match(item.folder.name)
    assert match is not None
    local = item.post.date.astimezone(zone)
    if (local.year, local.month, local.day) == tuple(int(g) for g in match.groups()[:3]):
        return []
    line, column = item.position("date")
    return [
        Problem(item.display, line, column, "layout", "warning", "layout.post_date_folder",
                {"date": local.date().isoformat(), "folder": item.folder.name})
    ]
