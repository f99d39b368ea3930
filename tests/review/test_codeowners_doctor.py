"""CODEOWNERS from sosmed.yml, its staleness warning in `sosmed check`, and `sosmed doctor`."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from sosmed.cli import cli
from sosmed.config import load_config
from sosmed.review.codeowners import render_codeowners
from sosmed.sandbox.forge_state import seed_forge
from tests.instance import make_instance
from tests.review.helpers import FULL_NAME, make_forgery

REPO = Path(__file__).resolve().parents[2]


def test_codeowners_routes_each_folder_to_its_approvers() -> None:
    text = render_codeowners(load_config(REPO / "sosmed.yml"))
    lines = dict(line.split(" ", 1) for line in text.splitlines() if line.startswith("/"))
    assert lines["/content/"] == "@kepala-bkd-ntt @sekban-bkd-ntt"
    assert lines["/qna/mutasi/"] == "@kabid-mutasi @kepala-bkd-ntt @sekban-bkd-ntt"
    assert lines["/sosmed.yml"] == "@admin-medsos-ntt" and lines["/.github/"] == "@admin-medsos-ntt"


def test_committed_codeowners_is_current() -> None:
    assert (REPO / ".github" / "CODEOWNERS").read_text(encoding="utf-8") == render_codeowners(
        load_config(REPO / "sosmed.yml"))


def test_check_warns_when_codeowners_is_out_of_date(tmp_path: Path) -> None:
    root = make_instance(tmp_path)
    runner = CliRunner()
    assert runner.invoke(cli, ["--config", str(root / "sosmed.yml"), "codeowners"]).exit_code == 0
    clean = runner.invoke(cli, ["--config", str(root / "sosmed.yml"), "check"])
    assert "CODEOWNERS" not in clean.output
    (root / ".github" / "CODEOWNERS").write_text("* @someone\n", encoding="utf-8")
    stale = runner.invoke(cli, ["--config", str(root / "sosmed.yml"), "check", "--strict"])
    assert stale.exit_code == 1 and "tidak sesuai dengan sosmed.yml" in stale.output


PROTECTED = {"required_approving_review_count": 1, "require_code_owner_reviews": True, "dismiss_stale_reviews": True,
             "require_last_push_approval": True, "enforce_admins": True, "required_status_checks": ["sosmed review"]}


@pytest.mark.parametrize(("protection", "expected", "code"), [
    (PROTECTED, ["terlindungi dengan semua pengaman"], 0),
    (None, ["sama sekali tidak dilindungi"], 1),
    ({**PROTECTED, "dismiss_stale_reviews": False, "enforce_admins": False, "required_status_checks": []},
     ["Dismiss stale pull request approvals", "Do not allow bypassing", "Require status checks"], 1),
])
def test_doctor_lists_missing_safeguards(tmp_path: Path, sandbox, protection, expected, code) -> None:
    forgery = make_forgery(tmp_path)
    seed_forge(sandbox, forgery.seed(protection))
    env = {**os.environ, **sandbox.env, "GITHUB_REPOSITORY": FULL_NAME}
    proc = subprocess.run([sys.executable, "-m", "sosmed", "doctor"], cwd=forgery.root, env=env,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == code, proc.stdout + proc.stderr
    for needle in expected:
        assert needle in proc.stdout
