"""The one message catalogue: every sentence a person reads, in Indonesian and English.

Messages live in ``locale/<lang>/*.yml`` inside the package, one file per area so
that parts of the system can add theirs without touching each other's. All files
of one language are merged into one flat catalogue; a key may appear only once.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from functools import cache
from importlib import resources
from pathlib import Path
from string import Formatter
from typing import Any

import yaml

LANGUAGES = ("id", "en")
DEFAULT_LANGUAGE = "id"

_current = {"lang": os.environ.get("SOSMED_LANG", DEFAULT_LANGUAGE)}


class CatalogueError(RuntimeError):
    """The packaged catalogue itself is broken (a bug, not a user error)."""


@cache
def catalogue(lang: str) -> dict[str, str]:
    """Return the merged flat catalogue for ``lang``."""
    if lang not in LANGUAGES:
        raise CatalogueError(f"unknown language {lang!r}")
    folder = resources.files("sosmed") / "locale" / lang
    entries = sorted((e for e in folder.iterdir() if e.name.endswith(".yml")), key=lambda e: e.name)
    compiled = _compiled_path(lang, entries)
    if compiled is not None:
        try:
            found = json.loads(compiled.read_bytes())
        except (OSError, ValueError):
            found = None
        if isinstance(found, dict):
            return found
    merged: dict[str, str] = {}
    for entry in entries:
        data = yaml.load(entry.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader) or {}
        for key, text in _flatten(data):
            if key in merged:
                raise CatalogueError(f"duplicate message key {key!r} in {lang}/{entry.name}")
            merged[key] = text
    if compiled is not None:
        _write_compiled(compiled, merged)
    return merged


def _compiled_path(lang: str, entries: list[Any]) -> Path | None:
    """Where the merged catalogue is kept as JSON, named after the sources' names, sizes and times
    (as Python names its bytecode): every command reads the catalogue, and YAML is ten times slower."""
    if not all(isinstance(entry, Path) for entry in entries):
        return None  # a package inside a zip archive: nothing to stat, read the YAML
    digest = hashlib.sha256(lang.encode())
    try:
        # This module's own stamp too: how the YAML is merged may change while the YAML does not.
        for entry in (Path(__file__), *entries):
            info = entry.stat()
            digest.update(f"{entry}\0{info.st_size}\0{info.st_mtime_ns}\0".encode())
    except OSError:
        return None
    home = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(home) / "sosmed" / "catalogue" / f"{lang}-{digest.hexdigest()[:32]}.json"


def _write_compiled(path: Path, merged: dict[str, str]) -> None:
    # Written whole then renamed: a concurrent reader sees the old file or the new one, never half.
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=path.parent, delete=False,
                                         suffix=".tmp") as handle:
            json.dump(merged, handle, ensure_ascii=False)
    except OSError:
        return  # a read-only home: the YAML is read each time, as before
    try:
        os.replace(handle.name, path)
    except OSError:
        Path(handle.name).unlink(missing_ok=True)
        return
    _prune(path)


COPIES_KEPT = 8


def _prune(written: Path) -> None:
    """Keep the newest :data:`COPIES_KEPT` copies of this language: each checkout and each edit of the
    catalogue names a new one, and a home folder must not fill with them."""
    language = written.name.split("-", 1)[0]
    copies = []
    for copy in written.parent.glob(f"{language}-*.json"):
        try:
            copies.append((copy.stat().st_mtime_ns, copy))
        except OSError:
            continue
    for _mtime, old in sorted(copies, reverse=True)[COPIES_KEPT:]:
        if old != written:
            old.unlink(missing_ok=True)


def _flatten(data: dict[str, Any], prefix: str = "") -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for key, value in data.items():
        full = f"{prefix}{key}"
        if isinstance(value, dict):
            out.extend(_flatten(value, full + "."))
        else:
            out.append((full, str(value).rstrip("\n")))
    return out


def set_language(lang: str) -> None:
    """Choose the language for messages rendered without an explicit one."""
    if lang not in LANGUAGES:
        raise CatalogueError(f"unknown language {lang!r}")
    _current["lang"] = lang


def get_language() -> str:
    """The language currently in force (``id`` unless set otherwise)."""
    lang = _current["lang"]
    return lang if lang in LANGUAGES else DEFAULT_LANGUAGE


class Message:
    """A catalogue message kept as key and arguments, to be rendered inside another message in that one's
    language (a part of a sentence decided before the language is known)."""

    def __init__(self, key: str, /, **args: Any) -> None:
        self.key = key
        self.args = args

    def __str__(self) -> str:
        return t(self.key, **self.args)

    def __repr__(self) -> str:
        return f"Message({self.key!r}, **{self.args!r})"

    def __eq__(self, other: object) -> bool:
        # A value: the same message whether made here, read back from the check cache or from a worker.
        return isinstance(other, Message) and (self.key, self.args) == (other.key, other.args)


class Number:
    """A number with decimals, written with the separator of the language its message is rendered in
    (``1,5`` in Indonesian, ``1.5`` in English)."""

    def __init__(self, value: float, digits: int = 1) -> None:
        self.value = value
        self.digits = digits

    def text(self, lang: str | None = None) -> str:
        """The number in ``lang`` (default: the current language)."""
        return f"{self.value:.{self.digits}f}".replace(".", t("printing.decimal", lang))

    def __str__(self) -> str:
        return self.text()

    def __repr__(self) -> str:
        return f"Number({self.value!r}, {self.digits})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Number) and (self.value, self.digits) == (other.value, other.digits)

    def __hash__(self) -> int:
        return hash((self.value, self.digits))


def _argument(value: Any, lang: str | None) -> Any:
    if isinstance(value, Message):
        return t(value.key, lang, **value.args)
    if isinstance(value, Number):
        return value.text(lang)
    return value


def t(key: str, lang: str | None = None, /, **args: Any) -> str:
    """Render message ``key`` in ``lang`` (default: the current language); :class:`Message` and :class:`Number`
    arguments in that language too."""
    text = catalogue(lang or get_language()).get(key)
    if text is None:
        raise CatalogueError(f"message key {key!r} is not in the catalogue")
    if not args:
        return text
    return text.format(**{name: _argument(value, lang) for name, value in args.items()})


def count(key: str, n: int, lang: str | None = None) -> str:
    """``n`` things in words: message ``key.one`` for one, ``key.other`` otherwise (``{n}`` in it)."""
    return t(f"{key}.one" if n == 1 else f"{key}.other", lang, n=n)


def counted(key: str, n: int, /, **values: Any) -> Message:
    """:func:`count` kept as a :class:`Message` (``{n}`` and ``values`` in it), to be rendered in the
    language of the message it goes in."""
    return Message(f"{key}.one" if n == 1 else f"{key}.other", n=n, **values)


def has(key: str) -> bool:
    """Whether ``key`` exists in the catalogue."""
    return key in catalogue(DEFAULT_LANGUAGE)


def placeholders(text: str) -> set[str]:
    """The ``{name}`` placeholders used in a message text."""
    return {name.split(".")[0].split("[")[0] for _, name, _, _ in Formatter().parse(text) if name}
