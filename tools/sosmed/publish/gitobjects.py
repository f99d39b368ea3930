"""Git objects written and listed for the ledger without a git process per object.

An append used to spend five git processes (``read-tree``, ``cat-file``, ``hash-object``,
``update-index``, ``write-tree``) on a blob and two trees; each started git afresh. Here the
blob and the trees are written as loose objects directly, in git's own format (a header,
the body, zlib-compressed, named by the hash of both), into the object folder
``git rev-parse --git-path objects`` names, with the repository's hash algorithm.

An object is written to a temporary file in its folder and renamed into place, as git does:
a process killed at any instant leaves either no object or a whole one (and perhaps a
``tmp_obj_*`` file, which ``git gc`` removes). Objects are immutable and named by their
content, so writing one that exists already changes nothing.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import tempfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

TREE_MODE = "40000"
FILE_MODE = "100644"
SNAPSHOTS_KEPT = 8


@dataclass(frozen=True)
class TreeEntry:
    """One entry of a tree: its mode (as git stores it, ``40000`` for a tree) and its object id."""

    mode: str
    oid: str

    @property
    def is_tree(self) -> bool:
        """Whether the entry is a folder."""
        return self.mode == TREE_MODE


@dataclass
class Snapshot:
    """What the ledger needs of one commit's tree: the top folder, the ledger folder, the ledger files' text."""

    root: dict[str, TreeEntry] = field(default_factory=dict)
    ledger: dict[str, TreeEntry] = field(default_factory=dict)
    texts: dict[str, str] = field(default_factory=dict)


class ObjectStore:
    """The loose-object folder of one repository (``algorithm``: ``sha1`` or ``sha256``)."""

    def __init__(self, folder: Path, algorithm: str) -> None:
        self.folder = folder
        self.algorithm = algorithm

    def blob(self, data: bytes) -> str:
        """Write ``data`` as a blob; its object id."""
        return self._write("blob", data)

    def tree(self, entries: dict[str, TreeEntry]) -> str:
        """Write a tree of ``entries`` (name → entry), in git's order; its object id."""
        ordered = sorted(entries.items(), key=lambda item: _name(item[0]) + (b"/" if item[1].is_tree else b""))
        body = b"".join(f"{entry.mode} ".encode() + _name(name) + b"\0" + bytes.fromhex(entry.oid)
                        for name, entry in ordered)
        return self._write("tree", body)

    def snapshot(self, repo: Path, commit: str, folder: str) -> Snapshot:
        """:func:`read_snapshot` of ``commit``, read once per process: objects never change, so however many
        ledgers open the same commit (a run's reads, a demo's month of runs) it is listed and read once."""
        key = (str(self.folder), commit)
        if key not in _SNAPSHOTS:
            self.keep(commit, read_snapshot(repo, commit, folder))
        return _SNAPSHOTS[key]

    def keep(self, commit: str, snapshot: Snapshot) -> None:
        """Remember what ``commit`` (written here) holds; only the latest few commits are kept."""
        _SNAPSHOTS[(str(self.folder), commit)] = snapshot
        while len(_SNAPSHOTS) > SNAPSHOTS_KEPT:
            del _SNAPSHOTS[next(iter(_SNAPSHOTS))]

    def _write(self, kind: str, body: bytes) -> str:
        data = f"{kind} {len(body)}".encode() + b"\0" + body
        oid = hashlib.new(self.algorithm, data).hexdigest()
        target = self.folder / oid[:2] / oid[2:]
        if target.exists():
            return oid
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix="tmp_obj_", dir=target.parent)
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(zlib.compress(data))
            os.chmod(temporary, 0o444)
            os.replace(temporary, target)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        return oid


def _name(name: str) -> bytes:
    return name.encode("utf-8", errors="surrogateescape")


def parse_listing(listing: bytes, folder: str) -> tuple[Snapshot, list[str]]:
    """``git ls-tree -r -t -z`` output as a :class:`Snapshot` without texts, and the blobs under ``folder``.

    Mode strings are normalised to git's stored form (``040000`` → ``40000``).
    """
    snapshot = Snapshot()
    blobs: list[str] = []
    prefix = folder + "/"
    for raw in listing.split(b"\0"):
        if not raw:
            continue
        meta, _, path_bytes = raw.partition(b"\t")
        mode, kind, oid = meta.decode().split()
        path = path_bytes.decode("utf-8", errors="surrogateescape")
        entry = TreeEntry(f"{int(mode, 8):o}", oid)
        if "/" not in path:
            snapshot.root[path] = entry
        elif path.startswith(prefix) and "/" not in path[len(prefix):]:
            snapshot.ledger[path[len(prefix):]] = entry
        if kind == "blob" and path.startswith(prefix):
            blobs.append(path)
    return snapshot, sorted(blobs)


def read_snapshot(repo: Path, commit: str, folder: str) -> Snapshot:
    """The top folder and ``folder`` of ``commit``, with the text of every file under ``folder``
    (two git processes: ``ls-tree`` and one ``cat-file --batch``)."""
    listing = subprocess.run(["git", "ls-tree", "-r", "-t", "-z", commit], cwd=repo, capture_output=True,
                             check=True).stdout
    snapshot, names = parse_listing(listing, folder)
    if not names:
        return snapshot
    batch = "\n".join(f"{commit}:{name}" for name in names) + "\n"
    data = subprocess.run(["git", "cat-file", "--batch"], cwd=repo, input=batch.encode(), capture_output=True,
                          check=True).stdout
    pos = 0
    for name in names:
        header_end = data.index(b"\n", pos)
        size = int(data[pos:header_end].split()[2])
        snapshot.texts[name] = data[header_end + 1 : header_end + 1 + size].decode("utf-8", errors="replace")
        pos = header_end + 1 + size + 1
    return snapshot


def ref_commits(repo: Path, names: list[str]) -> dict[str, str]:
    """The commit each of the refs ``names`` points at (an annotated tag: its commit), in one git process;
    a missing ref, or one at something else, is left out."""
    listing = subprocess.run(["git", "for-each-ref", "--format=%(refname) %(objecttype) %(objectname) "
                              "%(*objecttype) %(*objectname)", *names], cwd=repo, capture_output=True, text=True,
                             check=True).stdout
    found: dict[str, str] = {}
    for line in listing.splitlines():
        name, kind, oid, *peeled = line.split()
        if name in names and kind == "commit":  # a pattern also matches the refs below it: exact names only
            found[name] = oid
        elif name in names and peeled[:1] == ["commit"]:
            found[name] = peeled[1]
    return found


_SNAPSHOTS: dict[tuple[str, str], Snapshot] = {}
