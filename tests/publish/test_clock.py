"""One clock for the whole tool: ``SOSMED_NOW`` replays a moment, through the real CLI."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.publish.conftest import ledger_index
from tests.repos import serve_folder


def _sosmed(repo: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "sosmed", "--config", str(repo / "sosmed.yml"), *args], cwd=repo,
                          env=env, capture_output=True, text=True, timeout=300)


def test_publishing_follows_the_replayed_clock(sample_repo: Path, platform_sandbox) -> None:
    # The three sample posts are dated 5 May, 8 May and 12 June 2020 (WITA).
    with serve_folder(sample_repo / "content") as site:
        env = {**os.environ, **platform_sandbox.env, "SOSMED_MEDIA_URL": site,
               "SOSMED_NOW": "2020-05-08T12:00:00+08:00"}
        plan = _sosmed(sample_repo, env, "publish", "--dry-run", "--target", "sandbox")
        assert plan.returncode == 1, plan.stdout + plan.stderr
        lines = plan.stdout.splitlines()
        video = [line for line in lines if "2020-06-12-video" in line]
        # People read the instance's time (WITA), never ISO 8601 or UTC.
        assert video and all("dijadwalkan 12 Juni 2020 pukul 15.00 WITA" in line for line in video)
        assert any("2020-05-08-peluncuran" in line and "terbitkan" in line for line in lines)
        run = _sosmed(sample_repo, env, "publish", "--target", "sandbox")
        assert run.returncode == 0, run.stdout + run.stderr
        # One line per item and platform as it is done, before the summary table.
        assert "2020-05-08-peluncuran-juknis-media-sosial → Facebook: terbit http" in run.stderr
        receipt = _sosmed(sample_repo, env, "receipt", "2020-05-08-peluncuran-juknis-media-sosial", "--target",
                          "sandbox")
        assert receipt.returncode == 0, receipt.stderr
        assert "Facebook: terbitkan" in receipt.stdout and "pada 8 Mei 2020 pukul 12.0" in receipt.stdout
        assert "+00:00" not in receipt.stdout and "2020-05-08T" not in receipt.stdout
    index = ledger_index(sample_repo)
    published = {r["item"] for r in index.records if r["kind"] == "success"}
    assert "2020-06-12-video-mengenal-layanan-kepegawaian" not in published
    assert "2020-05-08-peluncuran-juknis-media-sosial" in published
    # Every record carries the replayed time, so a recap of May 2020 counts them.
    assert {r["time"][:10] for r in index.records} == {"2020-05-08"}


def test_a_clock_without_a_zone_or_unreadable_is_one_clear_error(sample_repo: Path) -> None:
    for value, expected in (("2020-05-08 10:00", "tidak menyebut zona waktunya"), ("kemarin", "bukan waktu ISO")):
        result = _sosmed(sample_repo, {**os.environ, "SOSMED_NOW": value}, "publish", "--dry-run", "--target",
                         "sandbox")
        assert result.returncode == 1 and expected in result.stderr, result.stderr
        assert "Traceback" not in result.stderr
