"""`sosmed review` on real webhook payloads (from shared/conformance), one folder per scenario.

Each scenario folder says which payload to start from, how the PR differs, and what must
happen on the emulated forge: the one comment created, then updated in place, or none for a
fork; the job summary always; the exit code gating.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import requests
import yaml

from sosmed.check.checklist import render_checklist
from sosmed.sandbox.forge_state import seed_forge
from tests.review.helpers import FULL_NAME, POST, make_forgery

SCENARIOS = Path(__file__).parent / "scenarios"
EVENTS = Path(__file__).resolve().parents[3] / "shared" / "conformance" / "github-events"


def _event(name: str, number: int, head_sha: str, head_repo: str, body: str) -> dict:
    if not (EVENTS / name).is_file():
        pytest.skip(f"conformance payload {name} not available ({EVENTS})")
    event = json.loads((EVENTS / name).read_text(encoding="utf-8"))
    event["number"] = number
    event["repository"]["full_name"] = FULL_NAME
    pull = event["pull_request"]
    pull.update(number=number, body=body, title="Tulisan baru")
    pull["head"]["sha"] = head_sha
    pull["head"]["repo"]["full_name"] = head_repo
    pull["base"]["repo"]["full_name"] = FULL_NAME
    pull["base"]["ref"] = "main"
    return event


def _comments(sandbox) -> list[dict]:
    url = f"{sandbox.base_url}/github/repos/{FULL_NAME}/issues/1/comments"
    return requests.get(url, headers={"Authorization": f"Bearer {sandbox.env['SOSMED_FORGE_TOKEN']}"},
                        timeout=10).json()


def _review(root: Path, env: dict[str, str], event: dict, tmp: Path) -> tuple[subprocess.CompletedProcess, str]:
    event_path, summary = tmp / "event.json", tmp / "summary.md"
    event_path.write_text(json.dumps(event), encoding="utf-8")
    summary.write_text("", encoding="utf-8")
    run_env = {**os.environ, **env, "GITHUB_STEP_SUMMARY": str(summary), "GITHUB_REPOSITORY": FULL_NAME}
    proc = subprocess.run([sys.executable, "-m", "sosmed", "review", "--event", str(event_path)], cwd=root,
                          env=run_env, capture_output=True, text=True, timeout=300)
    return proc, summary.read_text(encoding="utf-8")


def _checklist(ticked: bool) -> str:
    body = render_checklist("id")
    return body.replace("- [ ] ", "- [x] ") if ticked else body


@pytest.mark.parametrize("name", sorted(p.name for p in SCENARIOS.iterdir() if p.is_dir()))
def test_scenario(tmp_path: Path, sandbox, name: str) -> None:
    spec = yaml.safe_load((SCENARIOS / name / "scenario.yml").read_text(encoding="utf-8"))
    forgery = make_forgery(tmp_path)
    pull = forgery.pull_request("tulisan", [(POST, POST)], merge=False)
    forgery.repo.git.checkout("tulisan")  # CI checks out the PR's head
    files = [{"filename": f"{POST}/{p.name}", "status": "added"} for p in (forgery.root / POST).iterdir()]
    seed = forgery.seed()
    seed["repositories"][0]["pulls"][0]["files"] = files
    seed_forge(sandbox, seed)
    body = _checklist(spec["checklist"] == "ticked")
    if name.startswith("synchronize"):  # the PR was opened and reviewed once before this push
        first = _event("pull_request.opened.json", 1, pull["head_sha"], spec["head_repo"], body)
        proc, _ = _review(forgery.root, sandbox.env, first, tmp_path)
        assert proc.returncode == 0, proc.stdout + proc.stderr
        first_comment = _comments(sandbox)[0]
    if spec["edit"]:
        index = forgery.root / POST / "index.md"
        index.write_text(index.read_text(encoding="utf-8") + "\n" + spec["edit"] + "\n", encoding="utf-8")
        forgery.commit("perubahan")
    head = forgery.repo.head.commit.hexsha
    event = _event(spec["payload"], 1, head, spec["head_repo"], body)
    proc, summary = _review(forgery.root, sandbox.env, event, tmp_path)
    expect = spec["expect"]
    assert proc.returncode == expect["exit"], proc.stdout + proc.stderr
    assert "Traceback" not in proc.stderr
    comments = _comments(sandbox)
    assert len(comments) == expect["comments"]
    for needle in expect["contains"]:
        assert needle in summary, needle
        if comments:
            assert needle in comments[0]["body"], needle
    if expect["comment"] == "updated":
        assert comments[0]["id"] == first_comment["id"] and comments[0]["body"] != first_comment["body"]
    assert "0812-3456-7890" not in summary + proc.stdout + json.dumps(comments)
    if proc.returncode:
        assert "::error" in proc.stdout or "belum dicentang" in summary
        # The log says why, not only the comment: the errors and each open box.
        assert "Pemeriksaan pull request gagal karena:" in proc.stderr
        if spec["checklist"] != "ticked":
            assert "belum dicentang oleh peninjau" in proc.stderr
    else:
        assert "gagal karena" not in proc.stderr
