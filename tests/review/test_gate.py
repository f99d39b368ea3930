"""The sign-off gate against the emulated forge over loopback, with real git histories.

Each forgery ends with the item refused and a precise reason; the happy paths approve
with a sign-off record naming the approvers (name and NIP from sosmed.yml).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from sosmed.config import load_config
from sosmed.forge.factory import make_forge
from sosmed.model.identity import content_hash
from sosmed.model.loader import load_items
from sosmed.review.gate import ForgeGate
from sosmed.sandbox.forge_state import seed_forge
from tests.review.helpers import FORM, FULL_NAME, POST, make_forgery, review


def _verdict(forgery, sandbox, item_id: str, forge: str = "github", **gate_args):
    seed_forge(sandbox, forgery.seed())
    config = load_config(forgery.root / "sosmed.yml")
    items = load_items([forgery.root / "content", forgery.root / "qna"], config).items
    [item] = [i for i in items if i.id == item_id]
    client = make_forge(forge, repository=FULL_NAME, env=sandbox.env)
    return ForgeGate(config, client, forgery.root, **gate_args).verdict(item, content_hash(item))


POST_ID = Path(POST).name
FORM_ID = Path(FORM).stem


def _keys(verdict) -> list[str]:
    return [key for key, _ in verdict.reasons]


def test_post_approved_by_the_kepala(tmp_path: Path, sandbox) -> None:
    forgery = make_forgery(tmp_path)
    pull = forgery.pull_request("juknis", [(POST, POST)], reviews=[review("kepala-bkd-ntt")])
    verdict = _verdict(forgery, sandbox, POST_ID)
    assert verdict.approved, verdict.reasons
    record = verdict.record
    assert record["pr"] == 1 and record["commit"] == pull["merge_commit_sha"]
    assert record["review_commit"] == pull["head_sha"]
    [approver] = record["approvers"]
    assert approver["name"].startswith("Henderina S. Laiskodat") and approver["nip"] == "19710707 199703 2 008"
    assert approver["login"] == "kepala-bkd-ntt" and approver["role"] == "kepala"


def test_no_review(tmp_path: Path, sandbox) -> None:
    forgery = make_forgery(tmp_path)
    forgery.pull_request("juknis", [(POST, POST)])
    verdict = _verdict(forgery, sandbox, POST_ID)
    assert not verdict.approved and _keys(verdict) == ["gate.missing_approval"]


def test_approval_by_someone_who_is_not_an_approver(tmp_path: Path, sandbox) -> None:
    forgery = make_forgery(tmp_path)
    forgery.pull_request("juknis", [(POST, POST)], reviews=[review("kabid-mutasi"), review("editor-dua")])
    assert _keys(_verdict(forgery, sandbox, POST_ID)) == ["gate.missing_approval"]


def test_self_approval(tmp_path: Path, sandbox) -> None:
    forgery = make_forgery(tmp_path)
    forgery.pull_request("juknis", [(POST, POST)], user="kepala-bkd-ntt", reviews=[review("kepala-bkd-ntt")])
    verdict = _verdict(forgery, sandbox, POST_ID)
    assert _keys(verdict) == ["gate.self_approval"]
    assert "kepala-bkd-ntt" in verdict.reasons[0][1]["login"]


def test_approval_on_an_earlier_commit_then_a_change(tmp_path: Path, sandbox) -> None:
    forgery = make_forgery(tmp_path)
    forgery.pull_request("base", [(POST, POST)], reviews=[review("kepala-bkd-ntt")])
    forgery.pull_request("ubah", [(POST, None)], pushes=2, reviews=[review("kepala-bkd-ntt", at=0)])
    verdict = _verdict(forgery, sandbox, POST_ID)
    assert _keys(verdict) == ["gate.stale_approval"]
    assert verdict.reasons[0][1]["path"] == POST


def test_dismissed_approval(tmp_path: Path, sandbox) -> None:
    forgery = make_forgery(tmp_path)
    forgery.pull_request("juknis", [(POST, POST)], reviews=[review("kepala-bkd-ntt", "DISMISSED")])
    verdict = _verdict(forgery, sandbox, POST_ID)
    assert _keys(verdict) == ["gate.not_approved"] and verdict.reasons[0][1]["state"] == "DISMISSED"


def test_changes_requested_after_an_approval(tmp_path: Path, sandbox) -> None:
    forgery = make_forgery(tmp_path)
    forgery.pull_request("juknis", [(POST, POST)], reviews=[
        review("kepala-bkd-ntt", when="2020-05-08T01:00:00Z"),
        review("kepala-bkd-ntt", "CHANGES_REQUESTED", when="2020-05-08T01:30:00Z")])
    assert _keys(_verdict(forgery, sandbox, POST_ID)) == ["gate.changes_requested"]


def test_a_later_comment_does_not_cancel_an_approval(tmp_path: Path, sandbox) -> None:
    forgery = make_forgery(tmp_path)
    forgery.pull_request("juknis", [(POST, POST)], reviews=[
        review("kepala-bkd-ntt", when="2020-05-08T01:00:00Z"),
        review("kepala-bkd-ntt", "COMMENTED", when="2020-05-08T01:30:00Z")])
    assert _verdict(forgery, sandbox, POST_ID).approved


def test_deputy_within_and_outside_the_delegation_dates(tmp_path: Path, sandbox) -> None:
    # sosmed.yml: Plh. sekban-bkd-ntt from 2020-06-15 until 2020-06-19 (WITA)
    inside = make_forgery(tmp_path / "in")
    inside.pull_request("juknis", [(POST, POST)], reviews=[review("sekban-bkd-ntt", when="2020-06-16T02:00:00Z")])
    verdict = _verdict(inside, sandbox, POST_ID)
    assert verdict.approved and verdict.record["approvers"][0]["role"] == "deputy"
    outside = make_forgery(tmp_path / "out")
    outside.pull_request("juknis", [(POST, POST)], reviews=[review("sekban-bkd-ntt", when="2020-06-19T16:30:00Z")])
    verdict = _verdict(outside, sandbox, POST_ID)  # 00:30 WITA on 20 June: one day too late
    assert _keys(verdict) == ["gate.deputy_out_of_range"] and verdict.reasons[0][1]["date"] == "2020-06-20"


def test_direct_push_to_main(tmp_path: Path, sandbox) -> None:
    forgery = make_forgery(tmp_path)
    forgery.pull_request("juknis", [(POST, POST)], reviews=[review("kepala-bkd-ntt")])
    sha = forgery.direct_push(POST)
    verdict = _verdict(forgery, sandbox, POST_ID)
    assert _keys(verdict) == ["gate.no_pull_request"] and verdict.reasons[0][1]["commit"] == sha[:7]


def test_qna_needs_the_division_head_and_the_kepala(tmp_path: Path, sandbox) -> None:
    kepala_only = make_forgery(tmp_path / "a")
    kepala_only.pull_request("qna", [(FORM, FORM)], reviews=[review("kepala-bkd-ntt")])
    verdict = _verdict(kepala_only, sandbox, FORM_ID)
    assert _keys(verdict) == ["gate.missing_approval"]
    assert "Kepala Bidang" in verdict.reasons[0][1]["role"]
    both = make_forgery(tmp_path / "b")
    both.pull_request("qna", [(FORM, FORM)], reviews=[review("kabid-mutasi"), review("kepala-bkd-ntt")])
    verdict = _verdict(both, sandbox, FORM_ID)
    assert verdict.approved, verdict.reasons
    assert {a["role"] for a in verdict.record["approvers"]} == {"bidang_head", "kepala"}
    assert {a["nip"] for a in verdict.record["approvers"]} == {"19690415 199403 2 005", "19710707 199703 2 008"}


@pytest.mark.parametrize("lang", ["id", "en"])
def test_refusal_messages_name_what_is_missing(tmp_path: Path, sandbox, lang: str) -> None:
    from sosmed.i18n import t

    forgery = make_forgery(tmp_path)
    forgery.pull_request("juknis", [(POST, POST)])
    [(key, args)] = _verdict(forgery, sandbox, POST_ID).reasons
    text = t(key, lang, **args)
    assert "#1" in text and "Henderina" in text
