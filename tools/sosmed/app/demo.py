"""``sosmed demo``: May and June 2020 of the sample instance, replayed on the tool's clock.

Everything runs on this machine against the platform sandbox (which also emulates the forge):
a temporary git repository receives the month's pull requests at their times, ``SOSMED_NOW``
and the sandbox's own clock are set step by step (:mod:`sosmed.app.demo_script` says when),
the real sign-off gate reads the pull requests and approvals from the forge emulation, and
each run is the publish workflow's: sign-offs, the archive site (Instagram fetches the photos
from it), the platforms. Citizens' comments arrive under the posts they ask about,
``sosmed qna collect`` writes the forms, the divisions' answers are merged and replied to, and
each month's recap is made, approved, merged and signed. Nothing leaves 127.0.0.1.
"""

from __future__ import annotations

import functools
import logging
import os
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from sosmed.app.demo_replay import Replay, ReplayDone
from sosmed.app.demo_script import build_script
from sosmed.config import load_config
from sosmed.http.streams import ProgressFactory
from sosmed.publish.outcome import RunReport
from sosmed.sandbox import start_sandbox
from sosmed.sandbox.settings import SandboxSettings

# What the demo tells as it goes: a catalogue key and its arguments.
Tell = Callable[[str, dict[str, Any]], None]
# Variables the replay sets for its own runs; put back as they were when it ends.
REPLAY_VARIABLES = ("SOSMED_NOW", "SOSMED_MEDIA_URL", "SOSMED_LEDGER_SANDBOX_KEY",
                    "GIT_AUTHOR_DATE", "GIT_COMMITTER_DATE")


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        return


@contextmanager
def serve_folder(folder: Path, host: str = "127.0.0.1") -> Iterator[str]:
    """Serve ``folder`` over HTTP on a free loopback port; yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = ThreadingHTTPServer((host, 0), handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True)
    thread.start()
    try:
        yield f"http://{host}:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@dataclass
class DemoResult:
    """What the replay did, and where to look."""

    report: RunReport
    sandbox_url: str
    site_url: str
    workdir: Path
    repo: Path
    site_dir: Path
    sandbox_dir: Path
    recaps: dict[str, Any] = field(default_factory=dict)  # month → sosmed.recap.service.RecapOutput
    site_counts: tuple[int, int, int] = (0, 0, 0)  # posts, forms, recaps on the final site


@contextmanager
def _replay_environment() -> Iterator[None]:
    """The replay's variables and a quiet MkDocs, both put back as they were afterwards."""
    saved = {name: os.environ.get(name) for name in REPLAY_VARIABLES}
    mkdocs = logging.getLogger("mkdocs")
    quiet = logging.NullHandler()
    # MkDocs' INFO lines and warnings are for developers; a strict build still counts and fails on them.
    mkdocs.addHandler(quiet)
    propagate, mkdocs.propagate = mkdocs.propagate, False
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    try:
        yield
    finally:
        mkdocs.removeHandler(quiet)
        mkdocs.propagate = propagate
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


@contextmanager
def demo_session(source: Path, workdir: Path, *, tell: Tell | None = None,
                 progress: ProgressFactory | None = None) -> Iterator[DemoResult]:
    """Replay the sample's months in ``workdir``; yields while the sandbox and the site are served.

    ``workdir`` holds ``repo/`` (the demo repository, recaps included), ``origin.git``,
    ``sandbox/`` (the sandbox's state) and ``site/`` (the archive built ``--strict`` at the end).
    """
    say: Tell = tell or (lambda key, args: None)
    config = load_config(source / "sosmed.yml")
    script = build_script(source, config)
    site_dir = workdir / "site"
    site_dir.mkdir(parents=True)
    # Processing on the sandbox is "ready now": the replay waits for nothing but its own work.
    settings = SandboxSettings(ig_processing_seconds=0.0, x_processing_seconds=0.0)
    handle = start_sandbox(workdir / "sandbox", port=0, settings=settings)
    try:
        with _replay_environment(), serve_folder(site_dir) as site_url:
            replay = Replay(source, workdir, script, handle, site_url, say, progress)
            done: ReplayDone = replay.run()
            result = DemoResult(done.report, handle.base_url + "/", site_url, workdir, replay.repo.root, site_dir,
                                handle.state_dir, done.recaps, done.site_counts)
            yield result
    finally:
        handle.stop()
