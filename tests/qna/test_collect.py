"""``sosmed qna collect``: the command over the sandbox, cursors, own replies, missing credentials."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

from click.testing import CliRunner
from git import Repo

from sosmed.cli import cli
from sosmed.config import load_config
from sosmed.platforms.base import Comment, Message, PlatformAdapter, Receipt
from sosmed.publish.ledger import GitLedger
from sosmed.qna.collect import collect
from tests.qna.conftest import Published
from tests.qna.helpers import make_repo


def _run(pub: Published, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "sosmed", "--config", str(pub.root / "sosmed.yml"), "qna",
                           "collect", *args], cwd=pub.root, env=pub.env, capture_output=True, text=True, timeout=120)


def test_collect_command_dry_run_then_run(published: Published) -> None:
    pub = published
    pub.comment("facebook", "Bagaimana cara mengurus kartu pegawai (karpeg) yang hilang?", "Yuliana Tefa")
    dry = _run(pub, "--dry-run")
    assert dry.returncode == 1, dry.stderr
    assert "tidak ada yang ditulis" in dry.stdout and "qna/pengadaan/" in dry.stdout
    assert not (pub.root / "qna").exists()
    assert not [r for r in GitLedger(pub.root).read().records if r["kind"] == "cursor"]
    done = _run(pub)
    assert done.returncode == 0, done.stderr
    assert "Formulir draf dibuat:" in done.stdout and "(Bidang Pengadaan, Pemberhentian dan Informasi Kepegawaian): 1 pertanyaan" in done.stdout
    assert "Kursor disimpan di ledger untuk: Facebook." in done.stdout
    check = subprocess.run([sys.executable, "-m", "sosmed", "--config", str(pub.root / "sosmed.yml"), "check",
                            "qna"], cwd=pub.root, env=pub.env, capture_output=True, text=True, timeout=120)
    # A fresh draft passes the check: its unanswered question is a warning.
    assert check.returncode == 0, check.stdout
    assert "belum dijawab (formulir masih draf)" in check.stdout
    again = _run(pub)
    assert again.returncode == 0 and "Tidak ada pertanyaan baru." in again.stdout


def test_since_leaves_out_older_comments(published: Published) -> None:
    pub = published
    pub.comment("x", "@Bkdprovinsintt kapan jadwal ujian dinas?", "Warga Kupang")
    config = load_config(pub.root / "sosmed.yml")
    future = datetime(2100, 1, 1, tzinfo=UTC)
    report = collect(config, env=pub.env, since=future)
    assert report.forms == [] and report.old == 1


def test_platforms_without_credentials_are_skipped_by_name(tmp_path: Path) -> None:
    root = make_repo(tmp_path)
    result = CliRunner().invoke(cli, ["--config", str(root / "sosmed.yml"), "qna", "collect"], env={
        k: "" for k in ("SOSMED_FACEBOOK_PAGE_TOKEN", "SOSMED_INSTAGRAM_TOKEN", "SOSMED_X_API_KEY",
                        "SOSMED_X_BEARER_TOKEN", "SOSMED_YOUTUBE_REFRESH_TOKEN")})
    assert result.exit_code == 0, result.output
    assert "Facebook: dilewati (variabel lingkungan belum diatur: " in result.output
    assert "SOSMED_FACEBOOK_PAGE_TOKEN" in result.output
    assert "Tidak ada pertanyaan baru." in result.output


class SameSecondPlatform(PlatformAdapter):
    """A platform (the external system) whose comments arrive within one second of each other.

    Like Facebook's API, ``comments(since)`` returns comments strictly after the ``since`` time.
    """

    name = "facebook"
    page_id = "100064512345678"

    def __init__(self, comments: list[Comment]) -> None:
        super().__init__()
        self.stored = comments

    def comments(self, since: str | None) -> tuple[list[Comment], str | None]:
        after = datetime.fromisoformat(since) if since else None
        found = [c for c in self.stored if after is None or c.created_time > after]
        return found, (found[-1].created_time.isoformat() if found else since)

    def publish(self, message: Message) -> Receipt:
        raise NotImplementedError

    def reply(self, comment_id: str, text: str) -> Receipt:
        raise NotImplementedError

    def recent_posts(self, limit: int = 50) -> list[dict]:
        return []


def _comment(cid: str, text: str) -> Comment:
    return Comment(platform="facebook", id=cid, text=text, author="Warga", author_id="42",
                   created_time=datetime(2020, 5, 12, 1, 2, 3, tzinfo=UTC), post_id="p1",
                   permalink=f"https://facebook.com/c/{cid}", parent_id=None)


def test_two_comments_in_the_same_second_are_neither_lost_nor_read_twice(tmp_path: Path) -> None:
    root = make_repo(tmp_path)
    config = load_config(root / "sosmed.yml")
    # The cursors are signed into the live ledger: the key comes with the environment.
    env = {"SOSMED_FACEBOOK_PAGE_ID": "1", "SOSMED_FACEBOOK_PAGE_TOKEN": "t",
           "SOSMED_LEDGER_KEY": os.environ["SOSMED_LEDGER_KEY"]}
    platform = SameSecondPlatform([_comment("c1", "Bagaimana syarat mutasi?")])
    first = collect(config, env=env, adapter_factory=lambda _name: platform,
                    now=datetime(2020, 5, 12, 10, tzinfo=UTC))
    assert [q.comment.id for q in first.questions] == ["c1"]
    platform.stored.append(_comment("c2", "Bagaimana syarat pensiun?"))
    second = collect(config, env=env, adapter_factory=lambda _name: platform,
                     now=datetime(2020, 5, 12, 11, tzinfo=UTC))
    assert [q.comment.id for q in second.questions] == ["c2"]
    third = collect(config, env=env, adapter_factory=lambda _name: platform)
    assert third.questions == [] and third.cursors == {}
    cursor = [r for r in GitLedger(root).read().records if r["kind"] == "cursor"][-1]
    assert cursor["seen"] == ["c1", "c2"]
    assert not Repo(root).is_dirty(untracked_files=False)
