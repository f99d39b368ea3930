"""`sosmed publish` with the real gate: forgeries refused, happy paths published, proof kept."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from sosmed.config import load_config
from sosmed.publish.ledger import open_ledger
from sosmed.sandbox.forge_state import seed_forge
from tests.repos import serve_folder
from tests.review.helpers import FORM, FULL_NAME, POST, make_forgery, review
from tests.sandbox.helpers import calls

OTHER = "content/2020/05/2020-05-05-penyesuaian-jam-layanan-kepegawaian"


def _cli(root: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "sosmed", *args], cwd=root, env=env, capture_output=True,
                          text=True, timeout=300)


def test_forged_post_is_refused_and_the_signed_one_published_with_its_proof(tmp_path: Path, sandbox) -> None:
    forgery = make_forgery(tmp_path)
    forgery.pull_request("juknis", [(POST, POST)], reviews=[review("kepala-bkd-ntt")])
    forgery.pull_request("layanan", [(OTHER, OTHER)], user="kepala-bkd-ntt", reviews=[review("kepala-bkd-ntt")])
    seed_forge(sandbox, forgery.seed())
    with serve_folder(forgery.root / "content") as media:
        env = {**os.environ, **sandbox.env, "GITHUB_REPOSITORY": FULL_NAME, "SOSMED_MEDIA_URL": media}
        result = _cli(forgery.root, env, "publish", "--target", "sandbox")
    assert result.returncode == 0, result.stdout + result.stderr
    signed, forged = Path(POST).name, Path(OTHER).name
    assert f"{forged}" in result.stdout and "tidak dihitung: ia penulis" in result.stdout
    index = open_ledger(forgery.root, load_config(forgery.root / "sosmed.yml"), "sandbox", env).read()  # the rehearsal's ledger
    assert (signed, "facebook") in index.live and (forged, "facebook") not in index.live
    assert not any(r.get("item") == forged and r["kind"] == "intent" for r in index.records)  # never attempted
    [signoff] = [r for r in index.records if r["kind"] == "signoff"]
    assert signoff["item"] == signed and signoff["signoff"]["mode"] == "forge"
    assert signoff["signoff"]["approvers"][0]["nip"] == "19710707 199703 2 008"
    receipt = _cli(forgery.root, env, "receipt", signed, "--target", "sandbox")
    assert "Disetujui oleh Henderina S. Laiskodat, SP, M.Si (NIP 19710707 199703 2 008)" in receipt.stdout
    assert "PR" in receipt.stdout or "/pull/1" in receipt.stdout


def test_live_target_without_a_forge_refuses_every_item(tmp_path: Path, sandbox) -> None:
    forgery = make_forgery(tmp_path)
    forgery.pull_request("juknis", [(POST, POST)], reviews=[review("kepala-bkd-ntt")])
    env = {k: v for k, v in {**os.environ, **sandbox.env}.items()
           if k not in ("GITHUB_REPOSITORY", "SOSMED_FORGE_TOKEN", "GITHUB_TOKEN")}
    result = _cli(forgery.root, env, "publish", "--dry-run", "--target", "live")
    assert result.returncode == 0  # nothing can be due without a verified sign-off
    assert "belum ada persetujuan yang sah" in result.stdout


def _live_dry_run(forgery, sandbox) -> subprocess.CompletedProcess:
    seed_forge(sandbox, forgery.seed())
    env = {**os.environ, **sandbox.env, "GITHUB_REPOSITORY": FULL_NAME}
    return _cli(forgery.root, env, "publish", "--target", "live", "--dry-run")


def _refusal(stdout: str, item: str) -> str:
    """The dry run's lines about ``item`` (its skips, with the reasons)."""
    return "\n".join(line for line in stdout.splitlines() if item in line)


def test_live_dry_run_refuses_triage_and_draft_forms(tmp_path: Path, sandbox) -> None:
    from tests.review.test_gate_policy import write_form

    forgery = make_forgery(tmp_path)
    draft = "QA-2020-05-0001"
    triage = "QA-2020-05-0009"
    forgery.pull_request("qna", [(FORM, str(write_form(tmp_path, draft=True)))],
                         reviews=[review("kabid-mutasi"), review("kepala-bkd-ntt")])
    triaged = write_form(tmp_path, draft=True, bidang="_triage")
    triaged.write_text(triaged.read_text(encoding="utf-8").replace(draft, triage), encoding="utf-8")
    forgery.pull_request("pilah", [(f"qna/_triage/2020/{triage}.md", str(triaged))],
                         reviews=[review("kepala-bkd-ntt")])
    result = _live_dry_run(forgery, sandbox)
    assert result.returncode == 0, result.stdout + result.stderr  # nothing is due
    assert "formulir masih draf (draft: true): tidak dibalas" in _refusal(result.stdout, f"{draft}#q1")
    assert "folder pemilahan _triage" in _refusal(result.stdout, f"{triage}#q1")
    plan = result.stdout.split("Tidak dikerjakan sekarang:")[0]
    assert "(tidak ada)" in plan and draft not in plan and triage not in plan  # no reply planned


def test_live_dry_run_refuses_a_deputy_overriding_the_kepalas_change_request(tmp_path: Path, sandbox) -> None:
    forgery = make_forgery(tmp_path)
    forgery.pull_request("juknis", [(POST, POST)], reviews=[
        review("kepala-bkd-ntt", "CHANGES_REQUESTED", when="2020-06-16T01:00:00Z"),
        review("sekban-bkd-ntt", when="2020-06-16T02:00:00Z")])
    result = _live_dry_run(forgery, sandbox)
    lines = _refusal(result.stdout, Path(POST).name)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "belum ada persetujuan yang sah: kepala-bkd-ntt meminta perubahan di PR #1" in lines
    assert "persetujuan orang lain tidak menggantikannya" in lines


def test_live_dry_run_on_forgejo_refuses_the_kepala_approving_their_own_last_push(tmp_path: Path, sandbox) -> None:
    forgery = make_forgery(tmp_path)
    config = forgery.root / "sosmed.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("forge: github", "forge: forgejo"), encoding="utf-8")
    forgery.commit("Forgejo")
    forgery.pull_request("juknis", [(POST, POST)], pushes=2, pushers=["editor-satu", "kepala-bkd-ntt"],
                         reviews=[review("kepala-bkd-ntt")])
    result = _live_dry_run(forgery, sandbox)
    assert result.returncode == 0, result.stdout + result.stderr
    lines = _refusal(result.stdout, Path(POST).name)
    assert "persetujuan kepala-bkd-ntt di PR #1 tidak dihitung: ia penulis atau pengirim perubahan terakhir" in lines
    assert any(c["platform"] == "forgejo" for c in calls(sandbox, "forgejo"))
