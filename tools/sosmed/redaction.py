"""Central redaction: no configured secret may reach a log, an exception or the screen.

Secrets are registered from the environment (the variables a caller names, such as the
platforms' ``credentials.SECRET_VARS``, and any variable whose name says it holds a secret)
and at run time (a freshly refreshed access token, the ledger key, a forge token). :func:`redact` masks them in any text; :class:`RedactingFilter`
does it for log records, and :func:`install` applies it to every record the process
creates, so that handlers added later (pytest's caplog, CI log capture) never see one.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Collection, Mapping
from urllib.parse import quote, quote_plus

MASK = "[REDACTED]"
# Shorter values (ids like "1", "true") would mask innocent text; real tokens are long.
MIN_SECRET_LENGTH = 6
_SECRET_NAME = re.compile(r"(TOKEN|SECRET|PASSWORD|API_KEY|PRIVATE_KEY)$")

_lock = threading.Lock()
_secrets: set[str] = set()
_pattern: re.Pattern[str] | None = None


def register(*values: str | None) -> None:
    """Add secret values to mask from now on (their URL-encoded forms too)."""
    global _pattern
    added = False
    with _lock:
        for value in values:
            if not value or len(value) < MIN_SECRET_LENGTH:
                continue
            for form in {value, quote(value, safe=""), quote_plus(value)}:
                if form not in _secrets:
                    _secrets.add(form)
                    added = True
        if added:
            ordered = sorted(_secrets, key=len, reverse=True)
            _pattern = re.compile("|".join(re.escape(s) for s in ordered))


def register_env(env: Mapping[str, str], names: Collection[str] = ()) -> None:
    """Register every secret found in ``env``: the variables in ``names`` and any ``SOSMED_…`` one whose
    name says it holds a secret (``…_TOKEN``, ``…_SECRET``, ``…_PASSWORD``, ``…_API_KEY``, ``…_PRIVATE_KEY``)."""
    register(*(value for name, value in env.items()
               if name in names or (name.startswith("SOSMED_") and _SECRET_NAME.search(name))))


def clear() -> None:
    """Forget all registered secrets (tests use separate sandboxes with fresh tokens)."""
    global _pattern
    with _lock:
        _secrets.clear()
        _pattern = None


def redact(text: str) -> str:
    """``text`` with every registered secret replaced by a mask."""
    pattern = _pattern
    if pattern is None or not text:
        return text
    return pattern.sub(MASK, text)


class RedactingFilter(logging.Filter):
    """A logging filter that renders the message, masks secrets in it, and lets the record through."""

    def filter(self, record: logging.LogRecord) -> bool:
        scrub(record)
        return True


def scrub(record: logging.LogRecord) -> logging.LogRecord:
    """Mask secrets in a log record's message, arguments and traceback text, in place."""
    if _pattern is None:
        return record
    try:
        message = record.getMessage()
    except Exception:  # a malformed log call must not hide the record
        message = f"{record.msg!r} {record.args!r}"
    record.msg = redact(message)
    record.args = None
    if record.exc_info and not record.exc_text:
        record.exc_text = logging.Formatter().formatException(record.exc_info)
    if record.exc_text:
        record.exc_text = redact(record.exc_text)
    if record.stack_info:
        record.stack_info = redact(record.stack_info)
    return record


_installed = False


def install() -> None:
    """Scrub every log record the process creates, from any library, before any handler sees it."""
    global _installed
    with _lock:
        if _installed:
            return
        previous = logging.getLogRecordFactory()

        def factory(*args: object, **kwargs: object) -> logging.LogRecord:
            return scrub(previous(*args, **kwargs))

        logging.setLogRecordFactory(factory)
        _installed = True
