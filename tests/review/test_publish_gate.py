"""`sosmed publish` with the real gate: forgeries refused, happy paths published, proof kept."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from sosmed.demo import serve_folder
from sosmed.publish.ledger import GitLedger
from sosmed.sandbox.forge_state import seed_forge
from tests.review.helpers import FULL_NAME, POST, make_forgery, review

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
    index = GitLedger(forgery.root).read()
    assert (signed, "facebook") in index.live and (forged, "facebook") not in index.live
    assert not any(r.get("item") == forged and r["kind"] == "intent" for r in index.records)  # never attempted
    [signoff] = [r for r in index.records if r["kind"] == "signoff"]
    assert signoff["item"] == signed and signoff["signoff"]["mode"] == "forge"
    assert signoff["signoff"]["approvers"][0]["nip"] == "19710707 199703 2 008"
    receipt = _cli(forgery.root, env, "receipt", signed)
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
