"""Rehearsal never touches live: the sandbox target has its own ledger branch and key (issue #13, hole 6)."""

from __future__ import annotations

import re
from pathlib import Path

from git import Repo

from sosmed.config import load_config
from sosmed.publish.ledger import read_index
from sosmed.specs import label as platform_label
from tests.publish.conftest import cli, expected_posts, forge_env, live_posts
from tests.repos import serve_folder


def _branches(path: Path) -> set[str]:
    return {line.split()[-1].removeprefix("refs/heads/")
            for line in Repo(path).git.for_each_ref("refs/heads/").splitlines()}


def test_rehearse_then_a_live_dry_run_plans_every_item(sample_repo: Path, platform_sandbox) -> None:
    origin = sample_repo.parent / "origin.git"
    with serve_folder(sample_repo / "content") as site:
        env = forge_env(sample_repo, platform_sandbox, site)
        rehearsal = cli(sample_repo, env, "publish", "--target", "sandbox")
        assert rehearsal.returncode == 0, rehearsal.stdout + rehearsal.stderr
        assert all(len(posts) > 0 for posts in live_posts(platform_sandbox).values())
        # The command line draws the uploads' progress (the HTTP core only reports positions).
        assert re.search(r"Mengunggah \S+\.mp4 ke YouTube: 100% ", rehearsal.stderr), rehearsal.stderr

        # Only the rehearsal's own branch was written and pushed; the live ledger does not exist anywhere.
        assert "sosmed-ledger-sandbox" in _branches(sample_repo) and "sosmed-ledger" not in _branches(sample_repo)
        assert "sosmed-ledger" not in _branches(origin) and "sosmed-ledger-sandbox" in _branches(origin)

        live = cli(sample_repo, env, "publish", "--target", "live", "--dry-run")
        assert live.returncode == 1, live.stdout + live.stderr  # work pending: everything
        planned = live.stdout.split("Tidak dikerjakan sekarang:")[0]
        rows = {tuple(re.split(r"\s{2,}", line.strip())) for line in planned.splitlines()[1:]}
        for platform, items in expected_posts(sample_repo).items():
            for item in items:
                assert (item, platform_label(platform), "terbitkan") in rows, (item, platform, live.stdout)
                assert (item, "Situs arsip", "terbitkan") in rows
        assert "sudah terbit" not in live.stdout

        # Readers take the live ledger unless told otherwise.
        item = sorted(expected_posts(sample_repo)["youtube"])[0]
        receipt = cli(sample_repo, env, "receipt", item)
        assert receipt.returncode == 0 and "Belum ada catatan di ledger." in receipt.stdout
        rehearsed = cli(sample_repo, env, "receipt", item, "--target", "sandbox")
        assert "YouTube: terbitkan" in rehearsed.stdout and "/web/youtube/watch?v=" in rehearsed.stdout
        config = load_config(sample_repo / "sosmed.yml")
        assert read_index(config) is None  # what the public site reads: nothing from the rehearsal
        sandbox = read_index(config, "sandbox", env=env)
        assert sandbox is not None and sandbox.verified and sandbox.signoffs
