"""The sandbox's memory: accounts, tokens, posts, comments, uploads; one lock, one JSON file.

Everything lives in ``STATE/state.json`` (rewritten atomically after each change)
and media bytes in files under ``STATE/media`` and ``STATE/uploads``. The call log
and the armed faults are kept in memory only: they belong to one run.

The state holds every token of the fake accounts and the admin token of ``/_sandbox/``:
the folder is made readable by its owner only (mode 700) and ``state.json`` and
``credentials.env`` are created mode 600, never readable by other users even for a moment.
"""

from __future__ import annotations

import json
import os
import secrets
import string
import threading
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sosmed.errors import SosmedError
from sosmed.sandbox.settings import SandboxSettings

STATE_FILE = "state.json"
FORMAT_VERSION = 1
PLATFORMS = ("facebook", "instagram", "x", "youtube")


def _digits(n: int) -> str:
    return str(secrets.randbelow(9) + 1) + "".join(secrets.choice(string.digits) for _ in range(n - 1))


def _token(prefix: str, n: int = 40) -> str:
    alphabet = string.ascii_letters + string.digits
    return prefix + "".join(secrets.choice(alphabet) for _ in range(n))


def new_accounts() -> dict[str, Any]:
    """Fresh account ids and random tokens, unique to one state folder."""
    x_user = _digits(19)
    return {
        "facebook": {
            "page_id": _digits(15),
            "page_name": "BKD Provinsi NTT",
            "page_username": "BkdProvNtt",
            "app_id": _digits(16),
            "page_token": _token("EAASPAGE"),
            "user_token": _token("EAASUSER"),
            "user_id": _digits(16),
            "user_name": "Admin Sandbox BKD",
        },
        "instagram": {
            "user_id": "1784" + _digits(13),
            "username": "bkdprovinsintt",
            "token": _token("IGAAS"),
        },
        "x": {
            "user_id": x_user,
            "username": "Bkdprovinsintt",
            "name": "BKD Provinsi NTT",
            "api_key": _token("", 25),
            "api_secret": _token("", 50),
            "access_token": f"{x_user}-{_token('', 30)}",
            "access_secret": _token("", 45),
            "bearer_token": _token("sbxU"),
            "app_bearer_token": "AAAAAAAAAAAAAAAAAAAAA" + _token("", 40),
        },
        "youtube": {
            "channel_id": "UC" + _token("", 22),
            "channel_title": "Badan Kepegawaian Daerah Provinsi NTT",
            "client_id": f"{_digits(12)}-sandbox.apps.googleusercontent.com",
            "client_secret": _token("GOCSPX-", 28),
            "refresh_token": "1//" + _token("", 60),
        },
    }


def new_admin_token() -> str:
    """A random credential for the ``/_sandbox/`` admin endpoints (``SOSMED_SANDBOX_ADMIN_TOKEN``)."""
    return _token("sbxadmin-", 40)


def write_private(path: Path, text: str) -> None:
    """Write ``path`` atomically with mode 600 from its first byte (a crash leaves the old file)."""
    tmp = path.with_name(path.name + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.fchmod(fd, 0o600)  # an older temporary file keeps its mode otherwise
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            fd = -1
            out.write(text)
    finally:
        if fd != -1:
            os.close(fd)
    os.replace(tmp, path)


def private_folder(folder: Path) -> None:
    """Create ``folder`` (mode 700), or make an existing sandbox folder 700.

    A folder that exists, holds other files and no sandbox state is refused: the sandbox
    would otherwise tighten and fill a folder such as ``/tmp`` or a project's root.
    """
    if not folder.exists():
        folder.mkdir(parents=True, mode=0o700)
    elif any(folder.iterdir()) and not (folder / STATE_FILE).is_file():
        raise SosmedError("sandbox.error.state_foreign", path=str(folder))
    os.chmod(folder, 0o700)


def empty_state() -> dict[str, Any]:
    """A new state with accounts and empty collections."""
    return {
        "format": FORMAT_VERSION,
        "created": time.time(),
        "counter": 0,
        "admin_token": new_admin_token(),
        "accounts": new_accounts(),
        "facebook": {"posts": [], "photos": {}, "videos": {}, "comments": [], "legacy_sessions": {},
                     "upload_sessions": {}},
        "instagram": {"posts": [], "containers": {}, "comments": [], "publish_times": [], "container_times": []},
        "x": {"posts": [], "mentions": [], "media": {}, "users": {}},
        "youtube": {"posts": [], "sessions": {}, "comments": [], "access_tokens": {},
                    "quota": {"day": "", "units": 0, "inserts": 0}},
        "files": {},
    }


class Store:
    """Thread-safe holder of the state, with persistence and the simulated clock."""

    def __init__(self, state_dir: Path, settings: SandboxSettings | None = None) -> None:
        self.dir = Path(state_dir)
        private_folder(self.dir)
        self.settings = settings or SandboxSettings()
        self.lock = threading.RLock()
        self.calls: list[dict[str, Any]] = []
        self.faults: list[dict[str, Any]] = []
        # Counters that belong to one run only (rate windows, OAuth nonces).
        self.memory: dict[Any, Any] = {}
        path = self.dir / STATE_FILE
        if path.is_file():
            self.data = json.loads(path.read_text(encoding="utf-8"))
            self.loaded = True
        else:
            self.data = empty_state()
            self.loaded = False
        self.data.setdefault("clock_offset", 0.0)
        self.data.setdefault("admin_token", new_admin_token())  # a state from before admin tokens
        self.save()

    # --- time ---------------------------------------------------------------------------------

    def now(self) -> float:
        """Current time in epoch seconds, moved by the admin clock offset."""
        return time.time() + float(self.data.get("clock_offset", 0.0))

    def advance(self, seconds: float) -> None:
        """Move the simulated clock forward (token expiry, container expiry, quota windows)."""
        with self.lock:
            self.data["clock_offset"] = float(self.data.get("clock_offset", 0.0)) + seconds
            self.save()

    def set_time(self, moment: float) -> None:
        """Set the simulated clock to ``moment`` (epoch seconds); it runs on from there.

        A replayed month (``sosmed demo``) sets it with the tool's own clock (``SOSMED_NOW``), so
        what the platforms record as created matches the replayed day; it may go back in time.
        """
        with self.lock:
            self.data["clock_offset"] = moment - time.time()
            self.save()

    # --- ids and files ------------------------------------------------------------------------

    def next_number(self) -> int:
        """A counter unique within this state folder."""
        with self.lock:
            self.data["counter"] += 1
            return self.data["counter"]

    def folder(self, *parts: str) -> Path:
        """A folder under the state folder, created on demand."""
        path = self.dir.joinpath(*parts)
        path.mkdir(parents=True, exist_ok=True)
        return path

    def save(self) -> None:
        """Write the state atomically (a crash leaves the previous file intact)."""
        with self.lock:
            write_private(self.dir / STATE_FILE, json.dumps(self.data, ensure_ascii=False, indent=1))

    @property
    def accounts(self) -> dict[str, Any]:
        """Account ids and tokens per platform."""
        return self.data["accounts"]

    @property
    def admin_token(self) -> str:
        """The credential the ``/_sandbox/`` admin endpoints require."""
        return self.data["admin_token"]


def iso_graph(ts: float) -> str:
    """Graph API timestamp: ``2026-01-01T10:00:00+0000``."""
    return datetime.fromtimestamp(ts, UTC).strftime("%Y-%m-%dT%H:%M:%S+0000")


def iso_z(ts: float, millis: bool = True) -> str:
    """X / Google timestamp: ``2026-01-01T10:00:00.000Z``."""
    dt = datetime.fromtimestamp(ts, UTC)
    if millis:
        return dt.strftime("%Y-%m-%dT%H:%M:%S.") + f"{dt.microsecond // 1000:03d}Z"
    return dt.strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_iso(value: str) -> float | None:
    """Parse an ISO 8601 datetime (``Z``, ``+0000`` or ``+00:00``); None if it is not one."""
    text = value.strip()
    if text.endswith("Z"):
        text = text[:-1] + "+00:00"
    if len(text) > 5 and text[-5] in "+-" and text[-4:].isdigit() and ":" not in text[-5:]:
        text = text[:-2] + ":" + text[-2:]
    try:
        dt = datetime.fromisoformat(text)
    except ValueError:
        return None
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=UTC)
    return dt.timestamp()
