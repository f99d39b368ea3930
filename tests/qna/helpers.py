"""A small git instance with forms, and a ledger the tests write sign-offs and replies into."""

from __future__ import annotations

import re
from pathlib import Path

from git import Repo

from sosmed.config import load_config
from sosmed.model.identity import content_hash
from sosmed.model.loader import load_items
from sosmed.publish.ledger import GitLedger
from sosmed.publish.records import new_record

REPO = Path(__file__).resolve().parents[2]


def make_repo(tmp_path: Path, *, extra_config: str = "") -> Path:
    """A git repository with the repository's sosmed.yml and empty qna/; ``extra_config`` replaces its ``qna:`` block."""
    root = tmp_path / "instance"
    (root / "qna").mkdir(parents=True)
    text = (REPO / "sosmed.yml").read_text(encoding="utf-8")
    if extra_config:
        text, replaced = re.subn(r"(?m)^qna:\n(?:[ #].*\n)*", lambda _: extra_config, text, count=1)
        assert replaced == 1, "sosmed.yml has no qna: block"
    (root / "sosmed.yml").write_text(text, encoding="utf-8")
    repo = Repo.init(root, initial_branch="main")
    repo.index.add(["sosmed.yml"])
    repo.index.commit("init")
    return root


def write_form(root: Path, bidang: str, form_id: str, front_matter: str, body: str = "") -> Path:
    """Write ``qna/<bidang>/<year>/<form_id>.md``; return its path."""
    folder = root / "qna" / bidang / form_id[3:7]
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{form_id}.md"
    path.write_text(f"---\n{front_matter.strip(chr(10))}\n---\n\n{body}", encoding="utf-8")
    return path


def form_item(root: Path, form_id: str):
    """The loaded form item with this id."""
    config = load_config(root / "sosmed.yml")
    return next(i for i in load_items([root / "qna"], config).forms if i.id == form_id)


def sign(root: Path, form_id: str, approvers: list[dict], pr_url: str = "https://github.com/bkd-ntt/sosmed/pull/42"
         ) -> str:
    """Record the gate's sign-off of the form's current content; return the content hash."""
    digest = content_hash(form_item(root, form_id))
    ledger = GitLedger(root)
    ledger.sync()
    ledger.append([new_record("signoff", item=form_id, hash=digest, signoff={
        "mode": "forge", "hash": digest, "pr": 42, "pr_url": pr_url, "commit": "a" * 40,
        "review_commit": "a" * 40, "approvers": approvers})])
    return digest


def record_reply(root: Path, key: str, platform: str) -> None:
    """Record a successful reply (or the offline answer) of question ``key`` (``QA-…#q<n>``)."""
    ledger = GitLedger(root)
    ledger.sync()
    if platform == "offline":
        ledger.append([new_record("offline", item=key, platform="offline", hash="sha256:x")])
        return
    ledger.append([new_record("success", item=key, platform=platform, op="reply", hash="sha256:x", attempt=1,
                              receipt={"platform": platform, "id": "r-" + key, "url": None,
                                       "time": "2020-05-20T01:00:00+00:00"})])
