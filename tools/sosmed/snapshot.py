"""What a commit holds: its posts and Q&A forms, read from git objects, never from the working tree.

What the Kepala approved is a set of git blobs; what is published must be exactly those bytes.
Reading the working tree would publish an uncommitted edit under the sign-off of the committed
content, and would follow a symbolic link to a file the sign-off never covered (or to a private
file outside the repository). So the publisher and the public site read items from a commit:
each item's files are written from the object database into a folder named after the item's git
object id (an immutable name: the same id always holds the same bytes) and loaded from there.
A symbolic link or a submodule anywhere in an item refuses the item. Media kept in Git LFS are
read from the LFS object store and checked against the pointer's sha256 and size.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from sosmed.config.schema import Config
from sosmed.errors import SosmedError
from sosmed.model.loader import FORM_NAME, POST_FOLDER, LoadResult, load_files
from sosmed.problem import Problem

SYMLINK_MODE = "120000"
GITLINK_MODE = "160000"
LFS_POINTER = re.compile(rb"^version https://git-lfs\.github\.com/spec/v1\noid sha256:([0-9a-f]{64})\nsize (\d+)\n")
LFS_POINTER_MAX = 1024
DONE = "done"


@dataclass(frozen=True)
class Entry:
    """One post bundle or form in a commit: id, kind, repository path and git object id."""

    id: str
    kind: str  # "post" | "qna"
    path: str  # the bundle folder (posts) or the form file (forms), repository-relative
    oid: str  # tree id (posts) or blob id (forms): the item's fingerprint
    files: tuple[tuple[str, str], ...] = ()  # (path, blob id) of every file
    links: tuple[str, ...] = ()  # symbolic links and submodules found inside the item

    @property
    def display(self) -> str:
        """The path people see for the item's Markdown file."""
        return f"{self.path}/index.md" if self.kind == "post" else self.path


@dataclass
class Listing:
    """Every item of a commit, and the links that belong to none."""

    commit: str
    entries: dict[str, Entry] = field(default_factory=dict)
    stray_links: list[str] = field(default_factory=list)


def _git(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True)


def resolve_commit(repo: Path, rev: str = "HEAD") -> str | None:
    """The full commit id of ``rev`` in ``repo``; None outside git or for an unknown revision."""
    proc = _git(repo, "rev-parse", "-q", "--verify", f"{rev}^{{commit}}")
    return proc.stdout.strip() or None if proc.returncode == 0 else None


def _bundle_of(parts: tuple[str, ...]) -> int | None:
    """Index of the post folder among a content path's parts (content/YYYY/MM/<folder>/…)."""
    for index in range(1, len(parts) - 1):
        if POST_FOLDER.match(parts[index]):
            return index
    return None


def list_items(repo: Path, commit: str) -> Listing:
    """Every post bundle and form in ``commit`` with its object id, files and links (one ``ls-tree``)."""
    proc = subprocess.run(["git", "ls-tree", "-r", "-t", "-z", "--full-tree", commit, "--", "content", "qna"],
                          cwd=repo, capture_output=True)
    if proc.returncode != 0:
        raise SosmedError("snapshot.unreadable", commit=commit[:12],
                          detail=proc.stderr.decode("utf-8", "replace").strip()[:300])
    listing = Listing(commit)
    trees: dict[str, str] = {}
    files: dict[str, list[tuple[str, str]]] = {}
    links: dict[str, list[str]] = {}
    for raw in proc.stdout.split(b"\0"):
        if not raw:
            continue
        meta, path = raw.decode("utf-8", "surrogateescape").split("\t", 1)
        mode, kind, oid = meta.split()
        parts = tuple(path.split("/"))
        if kind == "tree":
            if parts[0] == "content" and POST_FOLDER.match(parts[-1]) and len(parts) >= 2:
                trees[path] = oid
            continue
        owner = _owner(parts)
        if mode in (SYMLINK_MODE, GITLINK_MODE):
            if owner is None:
                listing.stray_links.append(path)
            else:
                links.setdefault(owner, []).append(path)
            continue
        if owner is None:
            continue
        files.setdefault(owner, []).append((path, oid))
        if parts[0] == "qna":
            trees[path] = oid
    for path, oid in trees.items():
        name = path.rsplit("/", 1)[-1]
        kind, item_id = ("post", name) if path.startswith("content/") else ("qna", name[:-3])
        listing.entries.setdefault(item_id, Entry(item_id, kind, path, oid, tuple(files.get(path, ())),
                                                  tuple(links.get(path, ()))))
    for owner, found in links.items():
        if owner not in trees:  # a form that is itself a link: never loaded, always reported
            listing.stray_links.extend(found)
    return listing


def _owner(parts: tuple[str, ...]) -> str | None:
    """The item a file belongs to: its post bundle folder, or the form file itself."""
    if parts[0] == "content":
        index = _bundle_of(parts)
        return "/".join(parts[: index + 1]) if index is not None else None
    if parts[0] == "qna" and FORM_NAME.match(parts[-1]):
        return "/".join(parts)
    return None


class Snapshot:
    """The items of one commit, materialised on demand from git objects into ``cache``.

    Without a ``cache`` a private temporary folder is used and removed by :meth:`close`
    (the publisher: nothing from an earlier run is trusted). With one (the site build), item
    folders are reused by object id; whatever is shown is then checked against the signed
    content hash, so a tampered cache can only hide an item, never change it.
    """

    def __init__(self, repo: Path, rev: str = "HEAD", cache: Path | None = None) -> None:
        commit = resolve_commit(repo, rev)
        if commit is None:
            raise SosmedError("snapshot.no_commit", rev=rev, path=str(repo))
        self.repo = repo
        self.commit = commit
        self._owned = cache is None
        self.cache = Path(tempfile.mkdtemp(prefix="sosmed-snapshot-")) if cache is None else cache
        self._listing: Listing | None = None
        self._lfs_dir: Path | None = None

    def __enter__(self) -> Snapshot:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Remove a private cache folder."""
        if self._owned:
            shutil.rmtree(self.cache, ignore_errors=True)

    @property
    def listing(self) -> Listing:
        """Every item of the commit (read once)."""
        if self._listing is None:
            self._listing = list_items(self.repo, self.commit)
        return self._listing

    def fingerprints(self) -> dict[str, str]:
        """item id → git object id of its committed files."""
        return {item_id: entry.oid for item_id, entry in self.listing.entries.items()}

    def load(self, config: Config, ids: Iterable[str] | None = None) -> LoadResult:
        """Load the items ``ids`` (all when None) from the commit; linked items are refused."""
        entries = self.listing.entries
        chosen = [entries[i] for i in ids if i in entries] if ids is not None else list(entries.values())
        return self.load_entries(config, chosen)

    def load_entries(self, config: Config, entries: Iterable[Entry]) -> LoadResult:
        """Load the given entries (of this or an earlier commit) from their objects."""
        problems: list[Problem] = []
        todo: list[Entry] = []
        for entry in entries:
            if entry.links:
                problems.extend(Problem(link, 1, 1, "layout", "error", "layout.symlink", {"path": link})
                                for link in entry.links)
                continue
            todo.append(entry)
        problems.extend(self._materialise(todo))
        ready = [(self._root_of(e) / e.display, e.display) for e in todo if (self._key(e) / DONE).is_file()]
        result = load_files(ready, config)
        result.problems[:0] = problems
        return result

    def entry_at(self, path: str, oid: str) -> Entry:
        """The entry of an item as it was at object ``oid`` (a version signed earlier)."""
        name = path.rsplit("/", 1)[-1]
        if not path.startswith("content/"):
            return Entry(name[:-3], "qna", path, oid, ((path, oid),))
        proc = subprocess.run(["git", "ls-tree", "-r", "-z", "--full-tree", oid], cwd=self.repo, capture_output=True)
        if proc.returncode != 0:
            raise SosmedError("snapshot.unreadable", commit=oid[:12],
                              detail=proc.stderr.decode("utf-8", "replace").strip()[:300])
        found: list[tuple[str, str]] = []
        links: list[str] = []
        for raw in proc.stdout.split(b"\0"):
            if not raw:
                continue
            meta, rel = raw.decode("utf-8", "surrogateescape").split("\t", 1)
            mode, _kind, blob = meta.split()
            if mode in (SYMLINK_MODE, GITLINK_MODE):
                links.append(f"{path}/{rel}")
            else:
                found.append((f"{path}/{rel}", blob))
        return Entry(name, "post", path, oid, tuple(found), tuple(links))

    # -- materialising --------------------------------------------------------
    def _key(self, entry: Entry) -> Path:
        where = hashlib.sha1(entry.path.encode("utf-8")).hexdigest()[:12]
        return self.cache / f"{entry.oid}-{where}"

    def _root_of(self, entry: Entry) -> Path:
        return self._key(entry) / "tree"

    def _materialise(self, entries: list[Entry]) -> list[Problem]:
        pending = [e for e in entries if not (self._key(e) / DONE).is_file()]
        if not pending:
            return []
        problems: list[Problem] = []
        staged: dict[str, Path] = {}
        targets: dict[str, list[tuple[Entry, Path, str]]] = {}
        for entry in pending:
            staging = Path(tempfile.mkdtemp(prefix=".staging-", dir=self._ensure_cache()))
            staged[entry.path] = staging
            for path, oid in entry.files:
                rel = PurePosixPath(path)
                if rel.is_absolute() or ".." in rel.parts:
                    problems.append(Problem(path, 1, 1, "layout", "error", "layout.path_outside", {"path": path}))
                    continue
                targets.setdefault(oid, []).append((entry, staging / "tree" / rel, path))
        failed: set[str] = {p.path for p in problems}
        try:
            for oid, data in self._stream_blobs(list(targets)):
                for entry, target, path in targets[oid]:
                    target.parent.mkdir(parents=True, exist_ok=True)
                    problem = self._write_blob(path, data, target)
                    if problem is not None:
                        problems.append(problem)
                        failed.add(entry.path)
            for entry in pending:
                if entry.path in failed or any(f.startswith(entry.path + "/") for f in failed):
                    continue
                staging = staged[entry.path]
                (staging / DONE).write_text(entry.oid + "\n", encoding="utf-8")
                key = self._key(entry)
                shutil.rmtree(key, ignore_errors=True)
                os.replace(staging, key)
        finally:
            for staging in staged.values():
                shutil.rmtree(staging, ignore_errors=True)
        return problems

    def _ensure_cache(self) -> Path:
        self.cache.mkdir(parents=True, exist_ok=True)
        return self.cache

    def _write_blob(self, path: str, data: bytes, target: Path) -> Problem | None:
        if len(data) <= LFS_POINTER_MAX and data.startswith(b"version https://git-lfs"):
            return self._write_lfs(path, data, target)
        target.write_bytes(data)
        return None

    def _stream_blobs(self, oids: list[str]) -> Iterator[tuple[str, bytes]]:
        """(object id, bytes) of each blob, one at a time (videos are not all held in memory)."""
        if not oids:
            return
        with tempfile.TemporaryFile() as request:
            request.write("\n".join(oids).encode() + b"\n")
            request.seek(0)
            proc = subprocess.Popen(["git", "cat-file", "--batch"], cwd=self.repo, stdin=request,
                                    stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
            assert proc.stdout is not None
            try:
                for oid in oids:
                    header = proc.stdout.readline().split()
                    if len(header) < 3 or header[1] != b"blob":
                        raise SosmedError("snapshot.unreadable", commit=self.commit[:12], detail=oid)
                    data = proc.stdout.read(int(header[2]))
                    proc.stdout.read(1)
                    yield oid, data
            finally:
                proc.stdout.close()
                proc.wait()

    def _lfs_objects(self) -> Path:
        if self._lfs_dir is None:
            proc = _git(self.repo, "rev-parse", "--git-common-dir")
            common = Path(proc.stdout.strip())
            self._lfs_dir = (common if common.is_absolute() else self.repo / common) / "lfs" / "objects"
        return self._lfs_dir

    def _write_lfs(self, path: str, pointer: bytes, target: Path) -> Problem | None:
        match = LFS_POINTER.match(pointer)
        if match is None:
            target.write_bytes(pointer)
            return None
        oid, size = match.group(1).decode(), int(match.group(2))
        stored = self._lfs_objects() / oid[:2] / oid[2:4] / oid
        if not stored.is_file():
            proc = subprocess.run(["git", "lfs", "smudge", "--", path], cwd=self.repo, input=pointer,
                                  capture_output=True)
            if proc.returncode != 0 or not proc.stdout or proc.stdout == pointer:
                return Problem(path, 1, 1, "layout", "error", "layout.lfs_missing", {"path": path})
            target.write_bytes(proc.stdout)
        else:
            shutil.copyfile(stored, target)
        digest = hashlib.sha256()
        with target.open("rb") as handle:
            while block := handle.read(1 << 20):
                digest.update(block)
        if digest.hexdigest() != oid or target.stat().st_size != size:
            target.unlink()
            return Problem(path, 1, 1, "layout", "error", "layout.lfs_mismatch", {"path": path})
        return None



RECAP_NAME = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])\.md$")
CHART_SUFFIXES = (".svg", ".png")


@dataclass(frozen=True)
class RecapFiles:
    """A monthly recap as committed: ``recaps/YYYY-MM.md`` and the charts in ``recaps/YYYY-MM/``."""

    month: str  # YYYY-MM
    text: bytes
    charts: tuple[tuple[str, bytes], ...] = ()

    @property
    def id(self) -> str:
        """The ledger key its sign-off is filed under."""
        return f"recap-{self.month}"

    @property
    def display(self) -> str:
        """The recap's path in the repository."""
        return f"recaps/{self.month}.md"

    @property
    def hash(self) -> str:
        """The content hash a sign-off binds to: the text and every chart."""
        digest = hashlib.sha256(self.text)
        for name, data in sorted(self.charts):
            digest.update(b"\0" + name.encode("utf-8") + b"\0" + hashlib.sha256(data).digest())
        return "sha256:" + digest.hexdigest()


def recaps_in(root: Path) -> list[RecapFiles]:
    """The recaps of a working folder (the preview); symbolic links are never read."""
    folder = root / "recaps"
    if not folder.is_dir() or folder.is_symlink():
        return []
    found = []
    for path in sorted(folder.iterdir()):
        match = RECAP_NAME.match(path.name)
        if not match or path.is_symlink() or not path.is_file():
            continue
        month = path.name[:-3]
        charts_dir = folder / month
        charts = tuple((c.name, c.read_bytes()) for c in sorted(charts_dir.iterdir())
                       if c.suffix in CHART_SUFFIXES and c.is_file() and not c.is_symlink()) \
            if charts_dir.is_dir() and not charts_dir.is_symlink() else ()
        found.append(RecapFiles(month, path.read_bytes(), charts))
    return found


def recaps_at(repo: Path, commit: str) -> list[RecapFiles]:
    """The recaps of a commit, read from its objects (links and submodules ignored)."""
    proc = subprocess.run(["git", "ls-tree", "-r", "-z", "--full-tree", commit, "--", "recaps"], cwd=repo,
                          capture_output=True)
    texts: dict[str, str] = {}
    charts: dict[str, list[tuple[str, str]]] = {}
    for raw in proc.stdout.split(b"\0") if proc.returncode == 0 else ():
        if not raw:
            continue
        meta, path = raw.decode("utf-8", "surrogateescape").split("\t", 1)
        mode, kind, oid = meta.split()
        if kind != "blob" or mode == SYMLINK_MODE:
            continue
        parts = path.split("/")
        if len(parts) == 2 and RECAP_NAME.match(parts[1]):
            texts[parts[1][:-3]] = oid
        elif len(parts) == 3 and parts[2].endswith(CHART_SUFFIXES):
            charts.setdefault(parts[1], []).append((parts[2], oid))
    wanted = sorted(set(texts.values()) | {oid for found in charts.values() for _, oid in found})
    blobs = dict(_read_blobs(repo, wanted))
    return [RecapFiles(month, blobs[oid], tuple((name, blobs[c]) for name, c in charts.get(month, ())))
            for month, oid in sorted(texts.items())]


def _read_blobs(repo: Path, oids: list[str]) -> Iterator[tuple[str, bytes]]:
    """(object id, bytes) of small blobs, in one ``git cat-file --batch``."""
    if not oids:
        return
    proc = subprocess.run(["git", "cat-file", "--batch"], cwd=repo, input="\n".join(oids).encode() + b"\n",
                          capture_output=True, check=True)
    data, pos = proc.stdout, 0
    for oid in oids:
        end = data.index(b"\n", pos)
        size = int(data[pos:end].split()[2])
        yield oid, data[end + 1 : end + 1 + size]
        pos = end + 1 + size + 1
