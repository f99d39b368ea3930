"""Large videos (and raw photos) belong in Git LFS, not in the git history itself.

A video committed as an ordinary blob stays in every clone forever (GitHub refuses files over
100 MB and warns above 50 MB). The repository's ``.gitattributes`` sends video and raw photo
formats to LFS; this rule catches the cases where that did not happen: git-lfs not installed on
the machine that made the commit, a pattern missing from ``.gitattributes``, a file added
before the patterns existed.

For every video or raw photo file in a post bundle larger than ``max_mb`` (the size in the
working tree; a checkout without LFS holds only the pointer and is never flagged):

- tracked in git (present in the index): an error unless its blob is an LFS pointer;
- not yet tracked: an error unless ``git check-attr`` gives it ``filter=lfs``.

Outside a git repository nothing is committed and the rule is silent. ``git`` is asked once
per repository for the index and once per large file for the blob or attribute.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from sosmed.check.rule import RuleContext
from sosmed.i18n import Number
from sosmed.model.fields import VIDEO_SUFFIXES
from sosmed.model.item import Item
from sosmed.problem import Problem

ID = "large-media-lfs"
FBS = None
LEVEL = "error"
APPLIES_TO = ("post",)
OPTIONS: dict[str, type] = {"max_mb": int}
DEFAULTS: dict[str, object] = {"max_mb": 50}
DOC = {
    "id": (
        "Video dan foto mentah (RAW) lebih besar dari 'max_mb' (bawaan 50 MB) wajib disimpan lewat Git LFS, "
        "bukan langsung di riwayat git: berkas yang sudah ter-commit harus berupa penunjuk LFS, dan berkas baru "
        "harus tercakup pola LFS di .gitattributes. Pasang git-lfs (git lfs install) sebelum menambahkan video."
    ),
    "en": (
        "Videos and raw photos larger than 'max_mb' (default 50 MB) must be stored through Git LFS, not in the "
        "git history itself: a committed file must be an LFS pointer, and a new file must be covered by an LFS "
        "pattern in .gitattributes. Install git-lfs (git lfs install) before adding videos."
    ),
}

RAW_SUFFIXES = (".dng", ".cr2", ".cr3", ".nef", ".arw", ".raf", ".orf", ".rw2", ".srw", ".pef")
LARGE_SUFFIXES = VIDEO_SUFFIXES + (".mkv", ".avi", ".mts", ".m2ts", ".3gp", ".mpg", ".mpeg") + RAW_SUFFIXES
POINTER_PREFIX = b"version https://git-lfs.github.com/spec/v1"
MB = 1024 * 1024


def _git(root: Path, *args: str) -> subprocess.CompletedProcess[bytes] | None:
    try:
        return subprocess.run(["git", "-C", str(root), *args], capture_output=True, timeout=120, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return None


def _repo(folder: Path, cache: dict[Any, Any]) -> tuple[Path, dict[str, str]] | None:
    """The work tree holding ``folder`` and its index (path → blob id), asked once per repository."""
    key = ("top", str(folder))
    if key not in cache:
        done = _git(folder, "rev-parse", "--show-toplevel")
        top = Path(done.stdout.decode().strip()) if done and done.returncode == 0 and done.stdout.strip() else None
        cache[key] = top
    top = cache[key]
    if top is None:
        return None
    index_key = ("index", str(top))
    if index_key not in cache:
        done = _git(top, "ls-files", "-s", "-z")
        entries: dict[str, str] = {}
        if done and done.returncode == 0:
            for record in done.stdout.split(b"\0"):
                meta, _, path = record.partition(b"\t")
                fields = meta.split()
                if len(fields) >= 2:
                    entries[path.decode("utf-8", "surrogateescape")] = fields[1].decode()
        cache[index_key] = entries
    return top, cache[index_key]


def _is_pointer(top: Path, blob: str) -> bool:
    size = _git(top, "cat-file", "-s", blob)
    if size is None or size.returncode != 0 or int(size.stdout.strip() or 0) > 1024:
        return False
    content = _git(top, "cat-file", "blob", blob)
    return content is not None and content.stdout.startswith(POINTER_PREFIX)


def _lfs_attribute(top: Path, relative: str) -> bool:
    done = _git(top, "check-attr", "filter", "--", relative)
    return done is not None and done.stdout.decode("utf-8", "replace").rstrip().endswith(": filter: lfs")


def _candidates(item: Item) -> list[tuple[Path, tuple[str | int, ...]]]:
    # Runs for every post: only names are compared here; nothing is resolved or read.
    found: dict[str, tuple[str | int, ...]] = {}
    for i, media in enumerate(item.post.media):
        if media.file.lower().endswith(LARGE_SUFFIXES):
            found[media.file] = ("media", i, "file")
    # The loader listed the bundle while finding index.md; list it here only when it did not.
    names = item.doc.folder_names
    for name in os.listdir(item.folder) if names is None else names:
        if name.lower().endswith(LARGE_SUFFIXES):
            found.setdefault(name, ())
    if not found:
        return []
    folder = item.folder
    return [(folder / name, loc) for name, loc in sorted(found.items()) if (folder / name).is_file()]


def check(item: Item, ctx: RuleContext) -> Iterable[Problem]:
    """Report large videos and raw photos that are (or would be) committed outside Git LFS."""
    candidates = _candidates(item)
    return _report(item, ctx, candidates) if candidates else ()


def _report(
    item: Item, ctx: RuleContext, candidates: list[tuple[Path, tuple[str | int, ...]]]
) -> Iterator[Problem]:
    limit = ctx.options["max_mb"] * MB
    for path, loc in candidates:
        try:
            size = path.stat().st_size
        except OSError:
            continue
        if size <= limit:
            continue
        repo = _repo(item.folder.resolve(), ctx.cache)
        if repo is None:
            return
        top, index = repo
        try:
            relative = path.relative_to(top).as_posix()
        except ValueError:
            continue
        blob = index.get(relative)
        args = {"file": path.name, "size": Number(size / MB), "limit": ctx.options["max_mb"]}
        where = {"loc": loc} if loc else {"line": 1}
        if blob is not None:
            if not _is_pointer(top, blob):
                yield ctx.problem(item, "rules.large_media_lfs.committed", **where, **args)
        elif not _lfs_attribute(top, relative):
            yield ctx.problem(item, "rules.large_media_lfs.not_lfs", **where, **args)
