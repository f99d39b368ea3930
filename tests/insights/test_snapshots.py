"""The ledger's ``insights`` records folded into snapshots, the changes a run records, the posts it reads."""

from __future__ import annotations

from datetime import UTC, datetime

from sosmed.insights.select import published_posts
from sosmed.insights.snapshots import changes, fold, last_collection
from sosmed.platforms.metrics import PostMetrics


def _insights(time: str, values=None, missing=None) -> dict:
    return {"kind": "insights", "time": time, "values": values or {}, "missing": missing or {}}


def _receipt(kind: str, time: str, item: str, platform: str, post_id: str | None, op: str = "publish", **extra) -> dict:
    receipt = {"id": post_id, "time": time} if post_id else None
    return {"kind": kind, "time": time, "item": item, "platform": platform, "op": op, "receipt": receipt, **extra}


def test_fold_merges_numbers_in_order_and_a_number_once_known_is_kept() -> None:
    records = [
        _insights("2020-05-02T00:00:00+00:00", {"facebook": {"p1": {"shares": 1}}},
                  {"facebook": {"p1": {"reach": "too_new"}}}),
        _insights("2020-05-04T00:00:00+00:00", {"facebook": {"p1": {"reach": 900, "shares": 3}}}),
        # The platform later stops giving reach: the number known stays, the reason is not taken.
        _insights("2020-06-10T00:00:00+00:00", {"facebook": {"p1": {"shares": 5}}},
                  {"facebook": {"p1": {"reach": "deprecated"}}}),
    ]
    may = fold(records, until=datetime(2020, 6, 1, tzinfo=UTC))
    assert may.of("facebook", "p1") == ({"shares": 3, "reach": 900}, {})
    assert may.as_of == datetime(2020, 5, 4, tzinfo=UTC)
    assert fold(records).of("facebook", "p1") == ({"shares": 5, "reach": 900}, {})
    assert fold(records[:1]).of("facebook", "p1") == ({"shares": 1}, {"reach": "too_new"})
    assert last_collection(records) == datetime(2020, 6, 10, tzinfo=UTC)


def test_changes_hold_only_what_differs_from_the_snapshot() -> None:
    snapshot = fold([_insights("2020-05-02T00:00:00+00:00", {"x": {"p": {"views": 10, "likes": 1}}},
                               {"x": {"p": {"quotes": "not_given"}}})])
    values, missing = changes(snapshot, [
        PostMetrics("x", "p", {"views": 12, "likes": 1}, {"quotes": "not_given", "bookmarks": "quota"}),
        PostMetrics("x", "q", {"views": 3}, {}),
    ])
    assert values == {"x": {"p": {"views": 12}, "q": {"views": 3}}}
    assert missing == {"x": {"p": {"bookmarks": "quota"}}}
    assert changes(snapshot, [PostMetrics("x", "p", {"views": 10, "likes": 1}, {"quotes": "not_given"})]) == ({}, {})


def test_published_posts_are_the_social_posts_that_still_exist() -> None:
    t = "2020-05-{:02d}T01:00:00+00:00".format
    records = [
        _receipt("success", t(1), "2020-05-01-a", "facebook", "fb1"),
        _receipt("success", t(1), "2020-05-01-a", "website", "2020-05-01-a"),
        _receipt("success", t(2), "QA-2020-05-0001#q1", "facebook", "reply1", op="reply"),
        _receipt("failure", t(2), "2020-05-02-b", "x", None),
        _receipt("reconciled", t(3), "2020-05-02-b", "x", "x1", outcome="found"),
        _receipt("reconciled", t(3), "2020-05-02-c", "x", "x9", outcome="absent"),
        _receipt("success", t(4), "2020-05-04-d", "instagram", "ig1"),
        _receipt("success", t(6), "2020-05-04-d", "instagram", None, op="delete"),
        _receipt("success", t(7), "2020-05-01-a", "facebook", "fb1", op="update"),
    ]
    found = published_posts(records)
    assert [(p.platform, p.post_id, p.time.day) for p in found] == [("facebook", "fb1", 1), ("x", "x1", 3)]
    assert [p.post_id for p in published_posts(records, since=datetime(2020, 5, 2, tzinfo=UTC))] == ["x1"]
