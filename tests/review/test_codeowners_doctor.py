"""CODEOWNERS from sosmed.yml, its staleness warning in `sosmed check`, and `sosmed doctor`."""

from __future__ import annotations

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
LEDGER = {"require_pull_request": False}  # protected: no force push, no deletion (GitHub's defaults)
PLATFORM_SECRETS = ["SOSMED_FACEBOOK_PAGE_TOKEN", "SOSMED_INSTAGRAM_TOKEN", "SOSMED_X_BEARER_TOKEN",
                    "SOSMED_YOUTUBE_CLIENT_SECRET", "SOSMED_YOUTUBE_REFRESH_TOKEN"]
LIVE = {"deployment_branch_policy": {"protected_branches": False, "custom_branch_policies": True},
        "branch_policies": [{"name": "main", "type": "branch"}], "secrets": PLATFORM_SECRETS}


def _doctor(tmp_path: Path, sandbox, *, lang: str = "id", forge: str = "github", **repository) -> tuple[int, str]:
    forgery = make_forgery(tmp_path)
    seed = forgery.seed()
    seed["repositories"][0].update({"protection": {"main": PROTECTED, "sosmed-ledger": LEDGER},
                                    "environments": {"sosmed-live": LIVE}, **repository})
    seed_forge(sandbox, seed)
    config = forgery.root / "sosmed.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("forge: github", f"forge: {forge}"), encoding="utf-8")
    env = {**sandbox.env, "GITHUB_REPOSITORY": FULL_NAME}
    result = CliRunner().invoke(cli, ["--config", str(config), "--lang", lang, "doctor"], env=env)
    return result.exit_code, result.output


def test_doctor_all_safeguards_in_place(tmp_path: Path, sandbox) -> None:
    code, out = _doctor(tmp_path, sandbox)
    assert code == 0, out
    assert "main dan sosmed-ledger terlindungi dengan semua pengaman" in out and "environment sosmed-live" in out


@pytest.mark.parametrize(("repository", "expected"), [
    ({"protection": {"main": None, "sosmed-ledger": LEDGER}}, ["Cabang main sama sekali tidak dilindungi"]),
    ({"protection": {"main": {**PROTECTED, "dismiss_stale_reviews": False, "enforce_admins": False,
                              "required_status_checks": [], "allow_force_pushes": True},
                     "sosmed-ledger": LEDGER}},
     ["Dismiss stale pull request approvals", "Do not allow bypassing", "Require status checks",
      "Cabang main boleh di-force-push"]),
    ({"protection": {"main": PROTECTED}}, ["Cabang ledger sosmed-ledger tidak dilindungi"]),
    ({"protection": {"main": PROTECTED, "sosmed-ledger": {**LEDGER, "allow_force_pushes": True,
                                                         "allow_deletions": True}}},
     ["Cabang sosmed-ledger boleh di-force-push", "Cabang sosmed-ledger boleh dihapus"]),
    ({"protection": {"main": PROTECTED, "sosmed-ledger": {"required_approving_review_count": 1}}},
     ["mewajibkan pull request, sehingga penerbit tidak dapat mencatat"]),
    ({"environments": {}}, ["Environment sosmed-live belum ada"]),
    ({"environments": {"sosmed-live": {**LIVE, "deployment_branch_policy": None, "branch_policies": []}}},
     ["dapat dipakai dari cabang mana pun"]),
    ({"environments": {"sosmed-live": {**LIVE, "branch_policies": [],
                                       "deployment_branch_policy": {"protected_branches": True,
                                                                    "custom_branch_policies": False}}}},
     ["terbuka untuk semua cabang terlindungi, termasuk sosmed-ledger"]),
    ({"environments": {"sosmed-live": {**LIVE, "branch_policies": [{"name": "*", "type": "branch"},
                                                                   {"name": "v*", "type": "tag"}]}}},
     ["mengizinkan * (branch), v* (tag); seharusnya hanya cabang main"]),
    ({"environments": {"sosmed-live": {**LIVE, "secrets": PLATFORM_SECRETS[:2]}}},
     ["belum menyimpan rahasia: SOSMED_X_BEARER_TOKEN, SOSMED_YOUTUBE_CLIENT_SECRET, SOSMED_YOUTUBE_REFRESH_TOKEN"]),
    ({"secrets": ["SOSMED_FACEBOOK_PAGE_TOKEN", "LAIN"], "org_secrets": ["SOSMED_X_BEARER_TOKEN"]},
     ["SOSMED_FACEBOOK_PAGE_TOKEN, SOSMED_X_BEARER_TOKEN tersimpan sebagai rahasia repositori atau organisasi"]),
], ids=["main-unprotected", "main-settings", "ledger-unprotected", "ledger-force-delete", "ledger-pr",
        "env-missing", "env-any-branch", "env-protected-branches", "env-wide-policy", "env-secrets-missing",
        "repo-secrets"])
def test_doctor_lists_what_is_missing(tmp_path: Path, sandbox, repository, expected) -> None:
    code, out = _doctor(tmp_path, sandbox, **repository)
    assert code == 1, out
    for needle in expected:
        assert needle in out


def test_doctor_accepts_a_ledger_protected_by_a_ruleset_and_speaks_english(tmp_path: Path, sandbox) -> None:
    rules = [{"type": "non_fast_forward"}, {"type": "deletion"}]
    code, out = _doctor(tmp_path, sandbox, protection={"main": PROTECTED}, rulesets={"sosmed-ledger": rules})
    assert code == 0, out
    code, out = _doctor(tmp_path / "en", sandbox, lang="en", secrets=["SOSMED_INSTAGRAM_TOKEN"])
    assert code == 1 and "SOSMED_INSTAGRAM_TOKEN are repository or organisation secrets" in out


def test_doctor_on_forgejo(tmp_path: Path, sandbox) -> None:
    code, out = _doctor(tmp_path, sandbox, forge="forgejo")
    assert code == 0, out
    assert "Forgejo tidak punya environment" in out and "repositori penerbit terpisah" in out
    code, out = _doctor(tmp_path / "b", sandbox, forge="forgejo", protection={"main": PROTECTED})
    assert code == 1 and "Cabang ledger sosmed-ledger tidak dilindungi" in out
