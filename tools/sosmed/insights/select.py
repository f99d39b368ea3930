"""Which posts the agency has on each platform, from the ledger's publishing records."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sosmed.specs import SOCIAL


@dataclass(frozen=True)
class Published:
    """One post on one platform: the item it shows, its id there and when it first went out."""

    item: str
    platform: str
    post_id: str
    time: datetime


def record_time(value: Any) -> datetime | None:
    """An ISO 8601 time from a record (UTC when it has no offset); None when absent or unreadable."""
    if not isinstance(value, str) or not value:
        return None
    try:
        parsed = datetime.fromisoformat(value[:-1] + "+00:00" if value.endswith("Z") else value)
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _went_out(record: dict[str, Any]) -> bool:
    kind = record.get("kind")
    return kind == "success" or (kind == "reconciled" and record.get("outcome") == "found")


def published_posts(records: Iterable[dict[str, Any]], since: datetime | None = None) -> list[Published]:
    """The posts that exist on the social platforms (not deleted since), first published at or after ``since``.

    Replies to citizens and recaps are not posts; a thread on X counts as its first post. Oldest first.
    """
    first: dict[tuple[str, str], Published] = {}
    live: dict[tuple[str, str], str] = {}
    deleted: set[tuple[str, str]] = set()
    for record in records:
        platform, item = str(record.get("platform", "")), str(record.get("item", ""))
        if platform not in SOCIAL or "#" in item or item.startswith("recap-") or not _went_out(record):
            continue
        op = record.get("op")
        if op == "delete":
            if (item, platform) in live:
                deleted.add((platform, live[(item, platform)]))
            continue
        receipt = record.get("receipt") or {}
        post_id = str(receipt.get("id") or "")
        if op != "publish" or not post_id:
            continue
        moment = record_time(receipt.get("time")) or record_time(record.get("time"))
        if moment is None:
            continue
        live[(item, platform)] = post_id
        key = (platform, post_id)
        if key not in first or moment < first[key].time:
            first[key] = Published(item, platform, post_id, moment)
    found = [p for key, p in first.items() if key not in deleted and (since is None or p.time >= since)]
    return sorted(found, key=lambda p: (p.time, p.platform, p.post_id))
