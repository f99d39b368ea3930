"""The gate's fail-closed policy and forge-neutral meaning, on both emulated forges, with real git histories.

Q&A forms outside a real division or still drafts; a change request by any approver the
policy names; reviews without or outside the PR's commits; the last pusher on Forgejo
(newest-first commit lists); rebase merges; pagination on another ROOT_URL; the
verified commit as an explicit input and items loaded from outside the repository.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from sosmed.config import load_config
from sosmed.forge.factory import make_forge
from sosmed.model.identity import content_hash
from sosmed.model.loader import load_items
from sosmed.review.gate import ForgeGate
from sosmed.sandbox.forge_state import seed_forge
from tests.review.helpers import FORM, FULL_NAME, POST, REPO, make_forgery, review

POST_ID = Path(POST).name
FORM_ID = Path(FORM).stem
FORGES = ["github", "forgejo"]
IN_DEPUTY_DATES = "2020-06-16T02:00:00Z"  # sosmed.yml: Plh. sekban-bkd-ntt from 15 to 19 June 2020


def _gate(forgery, sandbox, forge: str, **args) -> tuple[ForgeGate, list]:
    seed_forge(sandbox, forgery.seed())
    config = load_config(forgery.root / "sosmed.yml")
    result = load_items([forgery.root / "content", forgery.root / "qna"], config)
    client = make_forge(forge, repository=FULL_NAME, env=sandbox.env)
    return ForgeGate(config, client, forgery.root, **args), result.items


def _verdict(forgery, sandbox, item_id: str, forge: str = "github", **args):
    gate, items = _gate(forgery, sandbox, forge, **args)
    [item] = [i for i in items if i.id == item_id]
    return gate.verdict(item, content_hash(item))


def _keys(verdict) -> list[str]:
    return [key for key, _ in verdict.reasons]


def write_form(tmp: Path, *, draft: bool = False, bidang: str = "mutasi") -> Path:
    """A copy of the sample form with another bidang and/or ``draft: true``, outside the repository."""
    text = (REPO / FORM).read_text(encoding="utf-8").replace("bidang: mutasi", f"bidang: {bidang}", 1)
    if draft:
        text = text.replace("\nquestions:", "\ndraft: true\nquestions:", 1)
    path = tmp / "src" / f"{bidang}-{draft}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# --- Q&A policy -------------------------------------------------------------------------------------


def test_a_triage_form_needs_a_division_not_only_the_kepala(tmp_path: Path, sandbox) -> None:
    forgery = make_forgery(tmp_path)
    triage = f"qna/_triage/2020/{FORM_ID}.md"
    forgery.pull_request("pilah", [(triage, str(write_form(tmp_path, draft=True, bidang="_triage")))],
                         reviews=[review("kepala-bkd-ntt")])
    verdict = _verdict(forgery, sandbox, FORM_ID)
    assert _keys(verdict) == ["gate.qna_folder_not_a_division", "gate.qna_draft"]
    assert verdict.reasons[0][1] == {"path": triage, "folder": "_triage"}


def test_a_draft_form_is_refused_even_with_both_approvals(tmp_path: Path, sandbox) -> None:
    forgery = make_forgery(tmp_path)
    forgery.pull_request("qna", [(FORM, str(write_form(tmp_path, draft=True)))],
                         reviews=[review("kabid-mutasi"), review("kepala-bkd-ntt")])
    assert _keys(_verdict(forgery, sandbox, FORM_ID)) == ["gate.qna_draft"]


def test_a_division_removed_from_sosmed_yml_is_not_a_kepala_only_form(tmp_path: Path, sandbox) -> None:
    # The form was valid when loaded; the gate's own configuration no longer has its division.
    forgery = make_forgery(tmp_path)
    forgery.pull_request("qna", [(FORM, FORM)], reviews=[review("kabid-mutasi"), review("kepala-bkd-ntt")])
    gate, items = _gate(forgery, sandbox, "github")
    gate.config = gate.config.model_copy(update={"divisions": [d for d in gate.config.divisions
                                                               if d.slug != "mutasi"]})
    [item] = [i for i in items if i.id == FORM_ID]
    verdict = gate.verdict(item, content_hash(item))
    assert _keys(verdict) == ["gate.qna_folder_not_a_division"]


# --- changes requested --------------------------------------------------------------------------------


@pytest.mark.parametrize("forge", FORGES)
def test_a_deputy_does_not_override_the_kepalas_change_request(tmp_path: Path, sandbox, forge: str) -> None:
    forgery = make_forgery(tmp_path)
    forgery.pull_request("juknis", [(POST, POST)], reviews=[
        review("kepala-bkd-ntt", "CHANGES_REQUESTED", when="2020-06-16T01:00:00Z"),
        review("sekban-bkd-ntt", when=IN_DEPUTY_DATES)])
    verdict = _verdict(forgery, sandbox, POST_ID, forge)
    assert _keys(verdict) == ["gate.changes_requested"]
    assert verdict.reasons[0][1]["login"] == "kepala-bkd-ntt" and verdict.reasons[0][1]["pr"] == 1


def test_the_kepala_does_not_override_a_deputys_change_request(tmp_path: Path, sandbox) -> None:
    forgery = make_forgery(tmp_path)
    forgery.pull_request("juknis", [(POST, POST)], reviews=[
        review("sekban-bkd-ntt", "CHANGES_REQUESTED", when=IN_DEPUTY_DATES), review("kepala-bkd-ntt")])
    verdict = _verdict(forgery, sandbox, POST_ID)
    assert _keys(verdict) == ["gate.changes_requested"] and verdict.reasons[0][1]["login"] == "sekban-bkd-ntt"


@pytest.mark.parametrize("forge", FORGES)
def test_a_division_heads_change_request_blocks_the_form(tmp_path: Path, sandbox, forge: str) -> None:
    forgery = make_forgery(tmp_path)
    forgery.pull_request("qna", [(FORM, FORM)], reviews=[
        review("kabid-mutasi", when="2020-05-08T01:00:00Z"),
        review("kabid-mutasi", "CHANGES_REQUESTED", when="2020-05-08T01:10:00Z"),
        review("kepala-bkd-ntt", when="2020-05-08T01:20:00Z")])
    verdict = _verdict(forgery, sandbox, FORM_ID, forge)
    assert _keys(verdict) == ["gate.changes_requested"] and "Kepala Bidang" in verdict.reasons[0][1]["role"]


@pytest.mark.parametrize("forge", FORGES)
def test_the_same_person_approving_a_later_commit_lifts_the_request(tmp_path: Path, sandbox, forge: str) -> None:
    forgery = make_forgery(tmp_path)
    forgery.pull_request("juknis", [(POST, POST)], pushes=2, reviews=[
        review("kepala-bkd-ntt", "CHANGES_REQUESTED", at=0, when="2020-05-08T01:00:00Z"),
        review("kepala-bkd-ntt", at=1, when="2020-05-08T01:30:00Z")])
    verdict = _verdict(forgery, sandbox, POST_ID, forge)
    assert verdict.approved, verdict.reasons


@pytest.mark.parametrize("forge", FORGES)
def test_a_dismissed_change_request_no_longer_blocks(tmp_path: Path, sandbox, forge: str) -> None:
    forgery = make_forgery(tmp_path)
    forgery.pull_request("juknis", [(POST, POST)], reviews=[
        dict(review("kepala-bkd-ntt", "CHANGES_REQUESTED", when="2020-06-16T01:00:00Z"), dismissed=True),
        review("sekban-bkd-ntt", when=IN_DEPUTY_DATES)])
    verdict = _verdict(forgery, sandbox, POST_ID, forge)
    assert verdict.approved, verdict.reasons
    assert verdict.record["approvers"][0]["login"] == "sekban-bkd-ntt"


def test_pending_reviews_and_non_approvers_requests_are_ignored(tmp_path: Path, sandbox) -> None:
    forgery = make_forgery(tmp_path)
    forgery.pull_request("juknis", [(POST, POST)], reviews=[
        review("kepala-bkd-ntt", when="2020-05-08T01:00:00Z"),
        review("kepala-bkd-ntt", "PENDING", when="2020-05-08T01:30:00Z"),
        review("editor-dua", "CHANGES_REQUESTED", when="2020-05-08T01:40:00Z")])
    assert _verdict(forgery, sandbox, POST_ID).approved


def test_a_change_request_without_a_commit_still_blocks(tmp_path: Path, sandbox) -> None:
    forgery = make_forgery(tmp_path)
    forgery.pull_request("juknis", [(POST, POST)], reviews=[
        dict(review("kepala-bkd-ntt", "CHANGES_REQUESTED", when="2020-06-16T01:00:00Z"), commit_id=None),
        review("sekban-bkd-ntt", when=IN_DEPUTY_DATES)])
    assert _keys(_verdict(forgery, sandbox, POST_ID)) == ["gate.changes_requested"]


@pytest.mark.parametrize("forge", FORGES)
@pytest.mark.parametrize("commit_id", [None, "9" * 40], ids=["null", "unknown"])
def test_an_approval_without_a_known_commit_does_not_count(tmp_path: Path, sandbox, forge: str,
                                                           commit_id: str | None) -> None:
    forgery = make_forgery(tmp_path)
    forgery.pull_request("juknis", [(POST, POST)], reviews=[dict(review("kepala-bkd-ntt"), commit_id=commit_id)])
    assert _keys(_verdict(forgery, sandbox, POST_ID, forge)) == ["gate.review_commit_missing"]


def test_an_approval_of_a_commit_outside_the_pull_request(tmp_path: Path, sandbox) -> None:
    forgery = make_forgery(tmp_path)
    # The same content on a branch that is not the PR's: the approval was not given in this PR.
    forgery.repo.git.checkout("-b", "salinan")
    shutil.copytree(REPO / POST, forgery.root / POST)
    elsewhere = forgery.commit("salinan")
    forgery.repo.git.checkout("main")
    forgery.pull_request("juknis", [(POST, POST)], reviews=[dict(review("kepala-bkd-ntt"), commit_id=elsewhere)])
    verdict = _verdict(forgery, sandbox, POST_ID)
    assert _keys(verdict) == ["gate.review_outside_pr"] and verdict.reasons[0][1]["commit"] == elsewhere[:7]


def test_logins_compare_without_case(tmp_path: Path, sandbox) -> None:
    approved = make_forgery(tmp_path / "a")
    approved.pull_request("juknis", [(POST, POST)], reviews=[review("Kepala-BKD-NTT")])
    assert _verdict(approved, sandbox, POST_ID).approved
    own = make_forgery(tmp_path / "b")
    own.pull_request("juknis", [(POST, POST)], user="KEPALA-bkd-ntt", reviews=[review("kepala-bkd-ntt")])
    assert _keys(_verdict(own, sandbox, POST_ID)) == ["gate.self_approval"]


# --- the last pusher, on both forges ---------------------------------------------------------------------


@pytest.mark.parametrize("forge", FORGES)
def test_the_kepala_pushed_the_final_commit_then_approved_it(tmp_path: Path, sandbox, forge: str) -> None:
    forgery = make_forgery(tmp_path)
    forgery.pull_request("juknis", [(POST, POST)], pushes=2, pushers=["editor-satu", "kepala-bkd-ntt"],
                         reviews=[review("kepala-bkd-ntt")])
    verdict = _verdict(forgery, sandbox, POST_ID, forge)
    assert _keys(verdict) == ["gate.self_approval"] and verdict.reasons[0][1]["login"] == "kepala-bkd-ntt"


@pytest.mark.parametrize("forge", FORGES)
def test_the_kepala_wrote_the_first_commit_and_approved_the_editors_push(tmp_path: Path, sandbox,
                                                                         forge: str) -> None:
    forgery = make_forgery(tmp_path)
    forgery.pull_request("juknis", [(POST, POST)], pushes=3,
                         pushers=["kepala-bkd-ntt", "editor-satu", "editor-satu"],
                         reviews=[review("kepala-bkd-ntt")])
    verdict = _verdict(forgery, sandbox, POST_ID, forge)
    assert verdict.approved, verdict.reasons


@pytest.mark.parametrize(("forge", "seen"), [("forgejo", True), ("github", False)])
def test_a_forged_commit_identity_is_seen_where_the_forge_records_the_pusher(tmp_path: Path, sandbox, forge: str,
                                                                            seen: bool) -> None:
    # The Kepala pushes the final commit under the editor's name, then approves it. Forgejo's
    # timeline records the real pusher; GitHub's REST API does not (doctor requires last-push approval).
    forgery = make_forgery(tmp_path)
    forgery.pull_request("juknis", [(POST, POST)], pushes=2, pushers=["editor-satu", "editor-satu"],
                         pushed_by=["editor-satu", "kepala-bkd-ntt"], reviews=[review("kepala-bkd-ntt")])
    verdict = _verdict(forgery, sandbox, POST_ID, forge)
    assert _keys(verdict) == (["gate.self_approval"] if seen else [])


def test_forgejo_pages_on_another_root_url(tmp_path: Path, sandbox) -> None:
    forgery = make_forgery(tmp_path)
    forgery.pull_request("panjang", [(POST, POST)], pushes=60,
                         pushers=["editor-satu"] * 59 + ["kepala-bkd-ntt"], reviews=[review("kepala-bkd-ntt")])
    seed_forge(sandbox, {"settings": {"forgejo_root_url": "https://git.bkd-ntt.example/"}})
    gate, items = _gate(forgery, sandbox, "forgejo")
    seed_forge(sandbox, {"settings": {"forgejo_root_url": "https://git.bkd-ntt.example/"}})
    [item] = [i for i in items if i.id == POST_ID]
    verdict = gate.verdict(item, content_hash(item))
    # All 60 commits were read (the last push is the Kepala's), never from git.bkd-ntt.example.
    assert _keys(verdict) == ["gate.self_approval"]
    assert len(gate.forge.list_commits(1)) == 60


# --- rebase merges and the commit that brought the item --------------------------------------------------


@pytest.mark.parametrize("forge", FORGES)
def test_a_rebase_merged_pull_request_is_found(tmp_path: Path, sandbox, forge: str) -> None:
    forgery = make_forgery(tmp_path)
    other = "content/2020/05/2020-05-05-penyesuaian-jam-layanan-kepegawaian"
    # The post changes in the first of two rebased commits; the last one touches another post.
    forgery.pull_request("juknis", [[(POST, POST)], [(other, other)]], merge="rebase",
                         reviews=[review("kepala-bkd-ntt")])
    verdict = _verdict(forgery, sandbox, POST_ID, forge)
    assert verdict.approved, verdict.reasons
    assert verdict.record["pr"] == 1 and verdict.record["commit"] != forgery.pulls[0]["merge_commit_sha"]


@pytest.mark.parametrize("forge", FORGES)
def test_a_direct_push_before_a_rebase_merge_is_not_taken_for_it(tmp_path: Path, sandbox, forge: str) -> None:
    forgery = make_forgery(tmp_path)
    other = "content/2020/05/2020-05-05-penyesuaian-jam-layanan-kepegawaian"
    forgery.pull_request("juknis", [(POST, POST)], reviews=[review("kepala-bkd-ntt")])
    pushed = forgery.direct_push(POST)
    forgery.pull_request("lain", [[(other, other)], [(other, None)]], merge="rebase",
                         reviews=[review("kepala-bkd-ntt")])
    verdict = _verdict(forgery, sandbox, POST_ID, forge)
    assert _keys(verdict) == ["gate.no_pull_request"] and verdict.reasons[0][1]["commit"] == pushed[:7]


# --- explicit inputs ------------------------------------------------------------------------------------------


def test_the_gate_verifies_the_commit_it_is_given(tmp_path: Path, sandbox) -> None:
    forgery = make_forgery(tmp_path)
    signed = forgery.pull_request("juknis", [(POST, POST)], reviews=[review("kepala-bkd-ntt")])
    forgery.pull_request("ubah", [(POST, None)])  # merged without any approval
    seed_forge(sandbox, forgery.seed())
    config = load_config(forgery.root / "sosmed.yml")
    client = make_forge("github", repository=FULL_NAME, env=sandbox.env)
    # The item as it was at the signed merge commit, checked at that commit.
    forgery.repo.git.checkout(signed["merge_commit_sha"])
    [item] = [i for i in load_items([forgery.root / "content"], config).items if i.id == POST_ID]
    forgery.repo.git.checkout("main")
    at_signed = ForgeGate(config, client, forgery.root, commit=signed["merge_commit_sha"])
    assert at_signed.verdict(item, content_hash(item)).approved
    assert _keys(ForgeGate(config, client, forgery.root).verdict(item, content_hash(item))) == [
        "gate.missing_approval"]
    missing = ForgeGate(config, client, forgery.root, commit="f" * 40).verdict(item, content_hash(item))
    assert _keys(missing) == ["gate.bad_commit"]


def test_items_loaded_outside_the_repository(tmp_path: Path, sandbox) -> None:
    forgery = make_forgery(tmp_path)
    forgery.pull_request("juknis", [(POST, POST)], reviews=[review("kepala-bkd-ntt")])
    seed_forge(sandbox, forgery.seed())
    cache = tmp_path / "cache"
    shutil.copytree(forgery.root / "content", cache / "content")
    shutil.copy(forgery.root / "sosmed.yml", cache / "sosmed.yml")
    config = load_config(cache / "sosmed.yml")
    [item] = [i for i in load_items([cache / "content"], config).items if i.id == POST_ID]
    assert not item.path.is_relative_to(forgery.root)
    client = make_forge("github", repository=FULL_NAME, env=sandbox.env)
    verdict = ForgeGate(config, client, forgery.root).verdict(item, content_hash(item))
    assert verdict.approved, verdict.reasons
