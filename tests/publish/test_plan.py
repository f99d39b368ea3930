"""The plan decides from the model, the ledger and the clock — never from a diff."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from sosmed.config import load_config
from sosmed.model.identity import content_hash
from sosmed.model.loader import load_items
from sosmed.publish.gate import RefusingGate, RehearsalGate
from sosmed.publish.plan import answer_hash, make_plan
from sosmed.publish.records import Index, new_record
from tests.instance import make_instance, write

NOW = datetime(2020, 6, 1, 12, 0, tzinfo=UTC)
POST = """---
title: "Pengumuman layanan"
date: 2020-05-12 09:00
platforms: [facebook, instagram, x, youtube]
strategy: talking
bidang: mutasi
{extra}---

Isi pengumuman.
"""
FORM = """---
id: QA-2020-05-0001
officer: Maria Goreti Nona
bidang: mutasi
received: 2020-05-14 10:00
questions:
  - text: "Kapan jadwal mutasi?"
    platform: facebook
    comment_id: "10_20"
    answer: "Bulan Juni."
  - text: "Lewat WhatsApp: bagaimana alih status?"
    platform: whatsapp
    answer: "Silakan datang ke kantor."
  - text: "Belum dijawab"
    platform: x
    comment_id: "99"
---
"""


def _items(tmp_path: Path, extra: str = "", form: bool = False):
    root = make_instance(tmp_path)
    write(root, "content/2020/05/2020-05-12-layanan/index.md", POST.format(extra=extra))
    if form:
        write(root, "qna/mutasi/2020/QA-2020-05-0001.md", FORM)
    result = load_items([root / "content", root / "qna"], load_config(root / "sosmed.yml"))
    assert not result.problems, [p.message("en") for p in result.problems]
    return result.items


def _success(item: str, platform: str, digest: str, op: str = "publish", post_id: str = "P1") -> dict:
    return new_record("success", item=item, platform=platform, op=op, hash=digest, attempt=1,
                      receipt={"id": post_id, "url": f"https://example/{post_id}"})


def test_new_item_is_due_everywhere_website_first(tmp_path: Path) -> None:
    [item] = _items(tmp_path)
    plan = make_plan([item], Index(), NOW, RehearsalGate())
    assert [(a.platform, a.op, a.attempt) for a in plan.actions] == [
        ("website", "publish", 1), ("facebook", "publish", 1), ("instagram", "publish", 1),
        ("x", "publish", 1), ("youtube", "publish", 1)]
    assert all(a.hash == content_hash(item) for a in plan.actions)


def test_future_date_is_scheduled_and_pending(tmp_path: Path) -> None:
    [item] = _items(tmp_path)
    plan = make_plan([item], Index(), datetime(2020, 5, 12, 0, 59, tzinfo=UTC), RehearsalGate())
    assert not plan.actions
    assert {s.reason for s in plan.skips} == {"plan.scheduled"} and all(s.pending for s in plan.skips)


def test_not_after_passed_is_expired(tmp_path: Path) -> None:
    [item] = _items(tmp_path, "not_after: 2020-05-20 00:00\n")
    plan = make_plan([item], Index(), NOW, RehearsalGate())
    assert not plan.actions and {s.reason for s in plan.skips} == {"plan.expired"}


def test_without_sign_off_nothing_is_due(tmp_path: Path) -> None:
    [item] = _items(tmp_path)
    plan = make_plan([item], Index(), NOW, RefusingGate())
    assert not plan.actions
    assert {s.reason for s in plan.skips} == {"plan.not_signed"}


def test_published_hash_is_not_planned_again(tmp_path: Path) -> None:
    [item] = _items(tmp_path)
    digest = content_hash(item)
    index = Index.build([_success(item.id, p, digest) for p in ("website", "facebook", "instagram", "x", "youtube")])
    plan = make_plan([item], index, NOW, RehearsalGate())
    assert plan.actions == [] and not plan.pending


def test_edit_updates_where_possible_and_says_so_elsewhere(tmp_path: Path) -> None:
    [item] = _items(tmp_path)
    platforms = ("website", "facebook", "instagram", "x", "youtube")
    index = Index.build([_success(item.id, p, "sha256:old") for p in platforms])
    plan = make_plan([item], index, NOW, RehearsalGate())
    assert [(a.platform, a.op, a.target) for a in plan.actions] == [
        ("website", "update", "P1"), ("facebook", "update", "P1"), ("youtube", "update", "P1")]
    assert {(s.platform, s.reason) for s in plan.skips} == {("instagram", "plan.cannot_edit"),
                                                            ("x", "plan.cannot_edit")}


def test_republish_publishes_again_where_editing_is_impossible(tmp_path: Path) -> None:
    [item] = _items(tmp_path, "republish: true\n")
    index = Index.build([_success(item.id, p, "sha256:old") for p in ("instagram", "x")])
    plan = make_plan([item], index, NOW, RehearsalGate(), only={"instagram", "x"})
    assert [(a.platform, a.op) for a in plan.actions] == [("website", "publish"), ("instagram", "publish"),
                                                         ("x", "publish")]


def test_retraction_deletes_only_where_published(tmp_path: Path) -> None:
    [item] = _items(tmp_path, "status: retracted\nretraction: {date: 2020-05-20 10:00, reason: Salah jadwal}\n")
    index = Index.build([_success(item.id, "x", "sha256:old", post_id="T9")])
    plan = make_plan([item], index, NOW, RehearsalGate())
    assert [(a.platform, a.op, a.target) for a in plan.actions] == [("x", "delete", "T9")]
    deleted = Index.build([*index.records, _success(item.id, "x", content_hash(item), op="delete")])
    assert make_plan([item], deleted, NOW, RehearsalGate()).actions == []


def test_failure_is_retried_with_the_next_attempt(tmp_path: Path) -> None:
    [item] = _items(tmp_path)
    digest = content_hash(item)
    records = [new_record("intent", item=item.id, platform="x", op="publish", hash=digest, attempt=1),
               new_record("failure", item=item.id, platform="x", op="publish", hash=digest, attempt=1)]
    plan = make_plan([item], Index.build(records), NOW, RehearsalGate(), only={"x"})
    assert [(a.platform, a.attempt) for a in plan.actions] == [("website", 1), ("x", 2)]


def test_open_intent_is_in_flight(tmp_path: Path) -> None:
    [item] = _items(tmp_path)
    digest = content_hash(item)
    records = [new_record("intent", item=item.id, platform="x", op="publish", hash=digest, attempt=1)]
    plan = make_plan([item], Index.build(records), NOW, RehearsalGate(), only={"x"})
    assert [a.platform for a in plan.actions] == ["website"]
    assert [(s.platform, s.reason) for s in plan.skips] == [("x", "plan.in_flight")]


def test_qna_replies_offline_answers_and_unanswered(tmp_path: Path) -> None:
    items = _items(tmp_path, form=True)
    form = next(i for i in items if i.kind == "qna")
    plan = make_plan([form], Index(), NOW, RehearsalGate())
    assert [(a.key, a.platform, a.op, a.target) for a in plan.actions] == [
        ("QA-2020-05-0001#q1", "facebook", "reply", "10_20"),
        ("QA-2020-05-0001#q2", "offline", "offline", None)]
    assert plan.actions[0].hash == answer_hash("Bulan Juni.")
    replied = Index.build([_success("QA-2020-05-0001#q1", "facebook", answer_hash("Bulan Juni."), op="reply"),
                           new_record("offline", item="QA-2020-05-0001#q2", platform="offline")])
    assert make_plan([form], replied, NOW, RehearsalGate()).actions == []
