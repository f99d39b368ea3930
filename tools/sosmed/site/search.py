"""Search: Pagefind builds a chunked static index after the HTML is written.

A search downloads Pagefind's small runtime plus only the index chunks and result
fragments its words need, so it stays far under 1 MB at 10,000 posts (Material's own
search index is one 30 MB file there). Only elements marked ``data-pagefind-body``
(post and Q&A pages) are indexed.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

from sosmed.errors import SosmedError

OUTPUT_SUBDIR = "pagefind"


def available() -> bool:
    """Whether the Pagefind binary package is installed."""
    return importlib.util.find_spec("pagefind_bin") is not None or importlib.util.find_spec("pagefind") is not None


def build_index(site_dir: Path, content_lang: str) -> None:
    """Index the built site in ``site_dir`` with stemming for ``content_lang``; raise on failure."""
    if not available():
        raise SosmedError("site.error.pagefind_missing")
    command = [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--output-subdir", OUTPUT_SUBDIR,
               "--force-language", content_lang, "--quiet"]
    try:
        proc = subprocess.run(command, capture_output=True, text=True, timeout=1800)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise SosmedError("site.error.pagefind_failed", error=str(exc)) from None
    if proc.returncode != 0 or not (site_dir / OUTPUT_SUBDIR / "pagefind-ui.js").is_file():
        detail = (proc.stderr or proc.stdout).strip().splitlines()
        raise SosmedError("site.error.pagefind_failed", error=detail[-1] if detail else f"exit {proc.returncode}")
