"""Signed ledger records: a chain of HMACs that a repository writer can neither forge nor reorder.

Anyone who can push to the repository can push the ledger branch, so a record on it is
only a claim until it is verified. Every record the publisher writes carries ``seq``
(1, 2, 3 … over the whole branch) and ``mac``::

    mac(n) = HMAC-SHA256(key, "sosmed-ledger/<scope>\\n" + mac(n-1) + "\\n" + body(n))

where ``body(n)`` is the record's canonical JSON line without ``mac`` and ``scope`` is
the target (``live`` or ``sandbox``), so a rehearsal record never verifies on the live
ledger even under the same key. The line stored is the body with ``"mac"`` appended as
its last member, so verifying needs no re-serialisation. Reading sorts the records by
``seq`` and checks every link: a forged, altered, unsigned, inserted, removed or reordered
record breaks the chain at that record. Only truncation (a force-push back to an older
commit) keeps a valid chain; :mod:`sosmed.publish.ledger` and the publisher's platform
anchor catch that.

The live key is ``SOSMED_LEDGER_KEY``, a secret only the main-only publishing environment
holds. The sandbox uses ``SOSMED_LEDGER_SANDBOX_KEY`` (written by ``sosmed sandbox`` into
its ``credentials.env``), remembered in the clone's ``.git/sosmed/``, or a key generated
there on first use.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import re
import secrets
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sosmed.errors import SosmedError
from sosmed.i18n import t
from sosmed.redaction import register

LEDGER_KEY_VAR = "SOSMED_LEDGER_KEY"
SANDBOX_KEY_VAR = "SOSMED_LEDGER_SANDBOX_KEY"
MIN_KEY_LENGTH = 32
SANDBOX_KEY_FILE = Path("sosmed") / "ledger-sandbox.key"
_MAC_TAIL = re.compile(r',"mac":"([0-9a-f]{64})"\}\Z')


@dataclass(frozen=True)
class LedgerKey:
    """The secret that signs one target's ledger, and that target's name (the MAC's scope)."""

    secret: bytes = field(repr=False)
    scope: str


@dataclass
class Chain:
    """Where a verified chain ends: the next record continues from here."""

    seq: int = 0
    mac: str = ""


@dataclass(frozen=True)
class Entry:
    """One line of the ledger as stored: where it is, its text and its parsed record."""

    path: str
    line: int
    text: str
    record: dict[str, Any]


class LedgerTampered(SosmedError):
    """A record on the ledger branch is unsigned, forged, altered or out of sequence."""

    def __init__(self, entry: Entry, reason: str) -> None:
        record = entry.record
        super().__init__("ledger.tampered", path=entry.path, line=entry.line, kind=record.get("kind", "?"),
                         item=record.get("item") or record.get("platform") or "-")
        self.entry = entry
        self.reason = reason

    def format_message(self) -> str:
        return t(self.key, reason=t(f"ledger.reason.{self.reason}"), **self.args_)

    def at_commit(self, branch: str, commit: str, restore: str) -> LedgerTampered:
        """Name the branch, the commit that brought the record, and the last commit before it."""
        self.args_.update(branch=branch, commit=commit, restore=restore)
        self.key = "ledger.tampered_at"
        return self


def _check_length(value: str, name: str) -> bytes:
    if len(value) < MIN_KEY_LENGTH:
        raise SosmedError("ledger.key_short", name=name, length=MIN_KEY_LENGTH)
    register(value)
    return value.encode("utf-8")


def live_key(env: Mapping[str, str]) -> LedgerKey | None:
    """The live ledger's key from ``SOSMED_LEDGER_KEY``; None when it is not set."""
    value = env.get(LEDGER_KEY_VAR) or ""
    if not value:
        return None
    return LedgerKey(_check_length(value, LEDGER_KEY_VAR), "live")


def sandbox_key(git_dir: Path, env: Mapping[str, str]) -> LedgerKey:
    """The rehearsal ledger's key: ``SOSMED_LEDGER_SANDBOX_KEY`` (the sandbox's ``credentials.env`` sets
    it, so clones rehearsing against one sandbox share it), remembered in ``.git`` for later reads;
    without it, the one remembered there, generated on first use."""
    path = git_dir / SANDBOX_KEY_FILE
    value = env.get(SANDBOX_KEY_VAR) or ""
    if value:
        secret = _check_length(value, SANDBOX_KEY_VAR)
        if _read_key(path) != value:
            _write_key(path, value)
        return LedgerKey(secret, "sandbox")
    value = _read_key(path) or ""
    if len(value) < MIN_KEY_LENGTH:
        value = _create_key(path)
    return LedgerKey(_check_length(value, str(path)), "sandbox")


def _create_key(path: Path) -> str:
    """A new random key at ``path``, unless another run made one first (then that one)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f"{path.name}.{os.getpid()}.new")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as handle:
        handle.write(secrets.token_hex(32) + "\n")
    try:
        # A hard link appears whole or not at all, and never replaces a key another run just made.
        os.link(tmp, path)
    except FileExistsError:
        if len(_read_key(path) or "") < MIN_KEY_LENGTH:
            os.replace(tmp, path)  # an empty file left by an older, interrupted version
    finally:
        tmp.unlink(missing_ok=True)
    return _read_key(path) or ""


def _read_key(path: Path) -> str | None:
    try:
        return path.read_text(encoding="ascii").strip() or None
    except (OSError, UnicodeDecodeError):
        return None


def _write_key(path: Path, value: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as handle:
        handle.write(value + "\n")
    os.replace(tmp, path)


def _mac(key: LedgerKey, previous: str, body: str) -> str:
    message = f"sosmed-ledger/{key.scope}\n{previous}\n{body}".encode()
    return hmac.new(key.secret, message, hashlib.sha256).hexdigest()


def seal(key: LedgerKey, chain: Chain, body: str) -> str:
    """The stored line for ``body`` (a canonical JSON object carrying ``seq``); advance ``chain``."""
    mac = _mac(key, chain.mac, body)
    chain.seq += 1
    chain.mac = mac
    return f'{body[:-1]},"mac":"{mac}"}}'


def _seq(record: dict[str, Any], missing: int) -> int:
    """A record's sequence number (``missing`` when it has none)."""
    seq = record.get("seq")
    return seq if isinstance(seq, int) else missing


def verify(key: LedgerKey, entries: Iterable[Entry]) -> Chain:
    """Check every link of the chain in ``seq`` order; raise :class:`LedgerTampered` at the first bad one."""
    chain = Chain()
    ordered = sorted(entries, key=lambda e: _seq(e.record, -1))
    for entry in ordered:
        match = _MAC_TAIL.search(entry.text)
        if match is None:
            raise LedgerTampered(entry, "unsigned")
        if entry.record.get("seq") != chain.seq + 1:
            raise LedgerTampered(entry, "sequence")
        body = entry.text[: match.start()] + "}"
        if not hmac.compare_digest(_mac(key, chain.mac, body), match.group(1)):
            raise LedgerTampered(entry, "signature")
        chain.seq += 1
        chain.mac = match.group(1)
    return chain
