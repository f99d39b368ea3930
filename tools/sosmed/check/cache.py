"""A cache of ``sosmed check`` results per file, in the manner of ruff's: safe to delete at any time.

One JSON file per *run key* under the cache folder (default ``.sosmed/cache/check/`` of the
instance; ``sosmed check --cache-dir``). The run key is a hash of everything that decides
what the rules conclude besides the file itself:

- the tool: its version, the size and modification time of every file of the ``sosmed``
  package (an editable install changes code without changing the version), the versions of
  Python, Pillow and pydantic;
- the settings: the resolved rule settings, and the whole validated ``sosmed.yml`` (rules
  read divisions, names, public contacts, allowed words and domains from it);
- the machine: where ffprobe is, and the hunspell dictionary files (size and time).

A cache made under another key is never read: its file has another name, and the key is
stored inside the file and compared too. Inside, each file of the instance has an entry keyed
by its repository path, valid while its *signature* is unchanged: a hash of the file's bytes
and, for a post, of the name, size, modification time and type of every other entry of its
bundle folder (the rules read the photos and videos there: their headers, EXIF, and sizes; the
folder listing decides which media exist). Size and time, not the media's bytes: hashing every
photo again on each run would cost what the check costs; a tool that rewrites a photo keeping
its size and time to the nanosecond is not a case worth that price.

Never stored (checked again on every run): a file whose findings carry sensitive text (a NIK, a
token: the cache must not become a second copy of it), whose messages take values JSON cannot
return exactly, a post with a video or raw photo larger than the ``large-media-lfs`` limit
(its finding depends on the git index, not on the folder), and a post with a video when
ffprobe is missing. With the spelling rule on and its dictionary missing, nothing is cached.
A cache file that cannot be read or does not have the expected shape is ignored and replaced.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sosmed.check.settings import CheckSettings
from sosmed.config.schema import Config
from sosmed.i18n import Message, Number
from sosmed.media.tools import ffprobe_path
from sosmed.model.fields import VIDEO_SUFFIXES
from sosmed.problem import Problem

FORMAT = 2
DEFAULT_FOLDER = Path(".sosmed") / "cache" / "check"
_SIMPLE = (str, int, float, bool, type(None))
_PACKAGE = Path(__file__).resolve().parent.parent


def default_folder(config: Config) -> Path:
    """``.sosmed/cache/check`` of the instance."""
    return config.root / DEFAULT_FOLDER


def _code_fingerprint() -> list[tuple[str, int, int]]:
    found = []
    for folder, dirs, files in os.walk(_PACKAGE):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(files):
            if name.endswith((".pyc", ".pyo")):
                continue
            stat = os.stat(os.path.join(folder, name))
            found.append((os.path.relpath(os.path.join(folder, name), _PACKAGE), stat.st_size, stat.st_mtime_ns))
    return found


def dictionary_state(settings: CheckSettings) -> Any:
    """None (spelling off), "missing", or the dictionary files' names, sizes and times."""
    rule = settings.rules.get("spelling")
    if rule is None or not rule.enabled:
        return None
    base = Path(str(rule.options.get("dictionary_dir", ""))) / str(rule.options.get("language", ""))
    if importlib.util.find_spec("hunspell") is None:  # chunspell's module
        return "missing"
    stats = []
    for suffix in (".dic", ".aff"):
        try:
            stat = base.with_suffix(suffix).stat()
        except OSError:
            return "missing"
        stats.append((suffix, stat.st_size, stat.st_mtime_ns))
    return stats


def run_key(config: Config, settings: CheckSettings) -> str:
    """The hash of tool, settings and machine that every entry of one cache file depends on."""
    import PIL
    import pydantic

    from sosmed import __version__

    material = {
        "format": FORMAT,
        "version": __version__,
        "python": sys.version,
        "libraries": [PIL.__version__, pydantic.VERSION],
        "code": _code_fingerprint(),
        "rules": {k: [v.level, v.options, list(v.ignore)] for k, v in sorted(settings.rules.items())},
        "ignore": list(settings.ignore),
        "config": config.model_dump(mode="json"),
        "ffprobe": ffprobe_path(),
        "dictionary": dictionary_state(settings),
    }
    text = json.dumps(material, sort_keys=True, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass
class Entry:
    """What one file produced: its item id (None: no item), load problems, rule problems, suppressions."""

    item_id: str | None
    load: list[Problem]
    rules: list[Problem]
    suppressions: list[tuple[str, int, str, str, int]]


class _NotStorable(Exception):
    """An argument the cache cannot write as JSON and read back as the same value."""


def _encode_arg(value: Any) -> Any:
    # A number or a part of a sentence is rendered in the language of the run that prints it:
    # kept as what it is (tagged objects; plain arguments are never dicts), never as text.
    if isinstance(value, _SIMPLE):
        return value
    if isinstance(value, Number):
        return {"number": [value.value, value.digits]}
    if isinstance(value, Message):
        return {"message": [value.key, {k: _encode_arg(v) for k, v in value.args.items()}]}
    raise _NotStorable


def _decode_arg(value: Any) -> Any:
    if not isinstance(value, dict):
        return value
    if set(value) == {"number"}:
        number, digits = value["number"]
        return Number(float(number), int(digits))
    if set(value) == {"message"}:
        key, args = value["message"]
        if isinstance(key, str) and isinstance(args, dict):
            return Message(key, **{str(k): _decode_arg(v) for k, v in args.items()})
    raise ValueError("not an argument")


def _encode_problem(problem: Problem) -> list[Any] | None:
    if problem.hide:
        return None
    try:
        args = {key: _encode_arg(value) for key, value in problem.args.items()}
    except _NotStorable:
        return None
    return [problem.path, problem.line, problem.column, problem.rule, problem.level, problem.key, args, problem.fbs]


def _decode_problem(row: list[Any]) -> Problem:
    path, line, column, rule, level, key, args, fbs = row
    if not (isinstance(path, str) and isinstance(line, int) and isinstance(column, int) and isinstance(rule, str)
            and level in ("error", "warning") and isinstance(key, str) and isinstance(args, dict)
            and (fbs is None or isinstance(fbs, int))):
        raise ValueError("not a problem")
    return Problem(path, line, column, rule, level, key, {k: _decode_arg(v) for k, v in args.items()}, fbs)


def encode_entry(entry: Entry) -> list[Any] | None:
    """The JSON form of an entry, or None when it must not be stored (see the module's doc)."""
    load = [_encode_problem(p) for p in entry.load]
    rules = [_encode_problem(p) for p in entry.rules]
    if any(row is None for row in load) or any(row is None for row in rules):
        return None
    return [entry.item_id, load, rules, [list(s) for s in entry.suppressions]]


def decode_entry(row: Any) -> Entry:
    """An entry from its JSON form; raises ValueError (or TypeError) on anything else."""
    item_id, load, rules, suppressions = row
    if item_id is not None and not isinstance(item_id, str):
        raise ValueError("not an id")
    supp = []
    for path, line, rule, reason, hits in suppressions:
        if not (isinstance(path, str) and isinstance(line, int) and isinstance(rule, str) and isinstance(hits, int)):
            raise ValueError("not a suppression")
        supp.append((path, line, rule, str(reason), hits))
    return Entry(item_id, [_decode_problem(p) for p in load], [_decode_problem(p) for p in rules], supp)


def signature(path: Path, raw: bytes, kind: str | None, names: tuple[str, ...] | None,
              large_bytes: int | None, large_suffixes: tuple[str, ...], videos_volatile: bool) -> str | None:
    """The file's signature (its bytes, and for a post its bundle's other entries), or None when
    the file must be checked on every run (a large file or, without ffprobe, a video in its bundle)."""
    digest = hashlib.blake2b(raw, digest_size=20)
    if kind == "post":
        folder = path.parent
        listing = sorted(names) if names is not None else sorted(os.listdir(folder))
        for name in listing:
            if name == path.name:
                continue
            try:
                stat = os.stat(folder / name, follow_symlinks=False)
            except OSError:
                digest.update(f"{name}\0gone\n".encode("utf-8", "surrogateescape"))
                continue
            lowered = name.lower()
            if large_bytes is not None and stat.st_size > large_bytes and lowered.endswith(large_suffixes):
                return None
            if videos_volatile and lowered.endswith(VIDEO_SUFFIXES):
                return None
            digest.update(f"{name}\0{stat.st_size}\0{stat.st_mtime_ns}\0{stat.st_mode}\n"
                          .encode("utf-8", "surrogateescape"))
            if os.path.isdir(folder / name):
                for sub, _dirs, files in sorted(os.walk(folder / name)):
                    for file in sorted(files):
                        inner = os.stat(os.path.join(sub, file), follow_symlinks=False)
                        digest.update(f"{os.path.relpath(os.path.join(sub, file), folder)}\0{inner.st_size}\0"
                                      f"{inner.st_mtime_ns}\n".encode("utf-8", "surrogateescape"))
    return digest.hexdigest()


@dataclass
class CheckCache:
    """The entries of one run key, read from and written back to ``folder/<key>.json``."""

    folder: Path
    key: str
    stored: dict[str, list[Any]] = field(default_factory=dict)
    seen: dict[str, list[Any]] = field(default_factory=dict)
    changed: bool = False

    @property
    def path(self) -> Path:
        return self.folder / f"{self.key}.json"

    @classmethod
    def open(cls, folder: Path, config: Config, settings: CheckSettings) -> CheckCache | None:
        """The cache for this run, or None when nothing may be cached (see the module's doc)."""
        key = run_key(config, settings)
        if dictionary_state(settings) == "missing":
            return None
        cache = cls(folder, key)
        try:
            data = json.loads(cache.path.read_bytes())
            if isinstance(data, dict) and data.get("format") == FORMAT and data.get("key") == key \
                    and isinstance(data.get("entries"), dict):
                cache.stored = data["entries"]
        except (OSError, ValueError, UnicodeDecodeError):
            pass  # no cache yet, or one that cannot be read: checked from scratch and written anew
        return cache

    def get(self, display: str, sig: str) -> Entry | None:
        """The entry of ``display`` when its signature is ``sig``; a damaged entry counts as none."""
        row = self.stored.get(display)
        if not isinstance(row, list) or len(row) != 2 or row[0] != sig:
            return None
        try:
            entry = decode_entry(row[1])
        except (ValueError, TypeError):
            return None
        self.seen[display] = row
        return entry

    def put(self, display: str, sig: str, entry: Entry) -> None:
        """Remember what ``display`` produced (unless it must not be stored)."""
        row = encode_entry(entry)
        if row is not None:
            self.seen[display] = [sig, row]
            self.changed = True

    def save(self, *, whole_tree: bool) -> None:
        """Write the cache file atomically. After a check of the whole tree, entries of files not
        seen are dropped; after a partial check they are kept for the next whole one."""
        if not self.changed and (not whole_tree or len(self.seen) == len(self.stored)):
            return
        entries = dict(self.seen) if whole_tree else {**self.stored, **self.seen}
        tmp = None
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=self.folder)
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump({"format": FORMAT, "key": self.key, "entries": entries}, fh, separators=(",", ":"))
            os.replace(tmp, self.path)
        except OSError:
            # A cache that cannot be written only costs time on the next run.
            if tmp is not None:
                Path(tmp).unlink(missing_ok=True)
