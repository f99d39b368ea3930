"""A repository writer against the live ledger, through the real CLI (issue #13, hole 7).

The live target publishes to the sandbox platforms with the real sign-off gate (the
sandbox forge holds the approved pull requests) and a bare repository as ``origin``.
The writer works in a clone of their own: force-pushes the ledger back, pushes forged
records. Every check counts the posts in the sandbox's own state.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Iterator
from pathlib import Path

import pytest

from sosmed.config import load_config
from sosmed.publish.records import dumps, new_record
from sosmed.site.archive import gather, read_ledger
from tests.publish.attacker import clone, force_push, forged_commit, git, merge_post
from tests.publish.conftest import cli, expected_posts, forge_env, live_posts
from tests.repos import serve_folder

NEW_POST = "2020/05/2020-05-12-alih-status-guru-sma-smk-slb"
VIDEO = "2020-06-12-video-mengenal-layanan-kepegawaian"


@pytest.fixture
def published(sample_repo: Path, platform_sandbox) -> Iterator[tuple[Path, dict[str, str]]]:
    """The three sample posts published live (sandbox platforms, real gate, pushed ledger)."""
    with serve_folder(sample_repo / "content") as site:
        env = forge_env(sample_repo, platform_sandbox, site)
        first = cli(sample_repo, env, "publish", "--target", "live")
        assert first.returncode == 0, first.stdout + first.stderr
        yield sample_repo, env


def _counts(handle) -> dict[str, int]:
    return {platform: len(posts) for platform, posts in live_posts(handle).items()}


def _exactly_once(repo: Path, handle) -> None:
    expected = expected_posts(repo)
    assert _counts(handle) == {platform: len(items) for platform, items in expected.items()}


def test_a_rewound_ledger_stops_publishing_in_the_same_clone_and_in_a_fresh_one(
        published, platform_sandbox, tmp_path: Path) -> None:
    repo, env = published
    origin = repo.parent / "origin.git"
    writer = clone(origin, tmp_path / "writer")
    root_commit = git(writer, "rev-list", "--max-parents=0", "origin/sosmed-ledger")
    force_push(writer, root_commit)  # back to the very first record: a sign-off, nothing published

    again = cli(repo, env, "publish", "--target", "live")
    assert again.returncode == 1
    assert "telah ditulis ulang" in again.stderr and root_commit[:12] in again.stderr
    _exactly_once(repo, platform_sandbox)

    fresh = clone(origin, tmp_path / "fresh")  # as CI does on every run: no memory of earlier tips
    rerun = cli(fresh, env, "publish", "--target", "live")
    assert rerun.returncode == 1, rerun.stdout + rerun.stderr
    print("FRESH:", rerun.stdout, rerun.stderr, "SAME:", again.stderr)
    assert "kehilangan catatan" in rerun.stderr and "sudah menampilkan" in rerun.stderr
    _exactly_once(repo, platform_sandbox)  # nothing was posted twice


def test_a_forged_complete_record_cannot_suppress_a_new_approved_post(
        published, platform_sandbox, tmp_path: Path) -> None:
    repo, env = published
    before = _counts(platform_sandbox)
    name = merge_post(repo, NEW_POST, 90)
    with serve_folder(repo / "content") as site:
        env = forge_env(repo, platform_sandbox, site)
        writer = clone(repo.parent / "origin.git", tmp_path / "writer")
        fingerprint = git(writer, "rev-parse", f"origin/main:content/{NEW_POST}")
        seq = 1 + max(json.loads(line)["seq"] for line in git(writer, "show", "origin/sosmed-ledger:" + git(
            writer, "ls-tree", "--name-only", "origin/sosmed-ledger", "ledger/").splitlines()[-1]).splitlines())
        record = dict(new_record("complete", item=name, fingerprint=fingerprint), seq=seq)
        forged = forged_commit(writer, dumps(record)[:-1] + f',"mac":"{secrets.token_hex(32)}"}}')

        refused = cli(repo, env, "publish", "--target", "live")
        assert refused.returncode == 1
        print("FORGED:", refused.stderr)
        assert "tidak dapat dipercaya" in refused.stderr and forged[:12] in refused.stderr
        assert _counts(platform_sandbox) == before  # refused, not silently "complete"
        dry = cli(repo, env, "publish", "--target", "live", "--dry-run")
        assert dry.returncode == 1 and "tidak dapat dipercaya" in dry.stderr

        # The message says how to restore the branch; after that the new post goes out once.
        restore = refused.stderr.split("git push --force origin ")[1].split(":")[0]
        force_push(writer, restore)
        fixed = cli(repo, env, "publish", "--target", "live")
        assert fixed.returncode == 0, fixed.stdout + fixed.stderr
    _exactly_once(repo, platform_sandbox)
    assert _counts(platform_sandbox)["x"] == before["x"] + 1


def test_a_forged_sign_off_never_reaches_the_receipt_or_the_site(published, tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    repo, env = published
    honest = cli(repo, env, "receipt", VIDEO)
    assert "Disetujui oleh Henderina S. Laiskodat" in honest.stdout

    writer = clone(repo.parent / "origin.git", tmp_path / "writer")
    record = new_record("signoff", item=VIDEO, hash="sha256:" + "0" * 64, signoff={
        "mode": "forge", "pr": 999, "pr_url": "https://github.com/bkd-ntt/sosmed/pull/999",
        "approvers": [{"role": "kepala", "name": "Kepala Palsu", "nip": "1" * 18, "login": "kepala-bkd-ntt"}]})
    forged = forged_commit(writer, dumps(dict(record, seq=10_000)))

    receipt = cli(repo, env, "receipt", VIDEO)
    assert receipt.returncode == 1
    assert "pull/999" not in receipt.stdout + receipt.stderr and "Kepala Palsu" not in receipt.stdout
    assert "tidak dapat dipercaya" in receipt.stderr and forged[:12] in receipt.stderr

    monkeypatch.chdir(repo)
    config = load_config(repo / "sosmed.yml")
    assert read_ledger(config) is None  # the public site states nothing from a ledger that fails
    archive = gather(config, ledger=read_ledger(config))
    assert all(entry.signoff is None and not entry.published for entry in archive.posts)

    # Without the key (a laptop, a fork): the receipt says it cannot verify and states no sign-off.
    force_push(writer, git(writer, "rev-parse", f"{forged}^"))
    unkeyed = {k: v for k, v in env.items() if k != "SOSMED_LEDGER_KEY"}
    plain = cli(repo, unkeyed, "receipt", VIDEO)
    assert plain.returncode == 0
    assert "tidak dapat diverifikasi" in plain.stdout and "Disetujui oleh" not in plain.stdout
    assert "YouTube: terbitkan" in plain.stdout
    plan = cli(repo, unkeyed, "publish", "--target", "live", "--dry-run")
    assert plan.returncode == 0 and "tanda tangan ledger tidak diperiksa" in plan.stdout
    refused = cli(repo, unkeyed, "publish", "--target", "live")
    assert refused.returncode == 1 and "SOSMED_LEDGER_KEY" in refused.stderr  # listed among the missing secrets
