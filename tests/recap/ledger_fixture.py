"""A small instance in a real git repository whose ledger holds a month of realistic records.

Times are chosen to sit on the edges the recap must get right: 23:30 UTC on the last day
of May is June in WITA, 16:30 UTC on 30 April is May; a question asked on a Friday
is answered on Monday (the weekend does not count); a failure in May is retried in June.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

from sosmed.config import load_config
from sosmed.config.schema import Config
from sosmed.publish.ledger import GitLedger
from sosmed.publish.records import new_record

FIXTURE = Path(__file__).resolve().parent / "fixture"
SITE = "https://bkd-ntt.example.org/arsip/"
PAGE = "100064512345678"

BURUH = "2020-05-01-selamat-hari-buruh"
JADWAL = "2020-05-04-jadwal-layanan-kepegawaian"
VIDEO = "2020-05-11-video-alih-status-guru"
CPNS = "2020-05-18-pengumuman-seleksi-cpns"
PELATIHAN = "2020-05-25-pelatihan-daring-pengelola"
PENUTUPAN = "2020-05-31-penutupan-layanan-mei"
PANCASILA = "2020-06-01-selamat-hari-lahir-pancasila"
GONE = "2020-05-15-tulisan-yang-sudah-dihapus"


def _url(platform: str, item: str, number: int) -> str | None:
    if platform == "website":
        return f"{SITE}{item[0:4]}/{item[5:7]}/{item}/"
    return {
        "facebook": f"https://www.facebook.com/{PAGE}_{number}",
        "instagram": f"https://www.instagram.com/p/C{number}/",
        "x": f"https://x.com/Bkdprovinsintt/status/{number}",
        "youtube": f"https://www.youtube.com/watch?v=vid{number}",
    }.get(platform)


def _receipt(platform: str, item: str, number: int, when: str, url: str | None = "auto") -> dict[str, Any]:
    link = _url(platform, item, number) if url == "auto" else url
    ident = item if platform == "website" else str(number)
    return {"platform": platform, "id": ident, "url": link, "time": when, "extra_ids": [], "raw": {}}


class _Records:
    """Builds records in order with explicit times (the ledger keeps them as given)."""

    def __init__(self) -> None:
        self.records: list[dict[str, Any]] = []
        self.number = 1000

    def add(self, kind: str, when: str, **fields: Any) -> None:
        self.records.append(new_record(kind, time=when, **fields))

    def publish(self, item: str, platform: str, when: str, *, attempt: int = 1, note: str | None = None,
                op: str = "publish", url: str | None = "auto") -> None:
        self.number += 1
        common = {"item": item, "platform": platform, "op": op, "hash": f"sha256:{item[-8:]}", "attempt": attempt}
        self.add("intent", when, **common, owner={"host": "ci", "pid": 1, "run": None})
        receipt = None if op == "delete" else _receipt(platform, item, self.number, when, url)
        self.add("success", when, **common, receipt=receipt, note=note)

    def fail(self, item: str, platform: str, when: str, error: dict[str, Any], *, attempt: int = 1) -> None:
        common = {"item": item, "platform": platform, "op": "publish", "hash": f"sha256:{item[-8:]}",
                  "attempt": attempt}
        self.add("intent", when, **common, owner={"host": "ci", "pid": 1, "run": None})
        self.add("failure", when, **common, error=error)

    def reply(self, key: str, platform: str, when: str, *, url: str | None = "auto") -> None:
        self.number += 1
        common = {"item": key, "platform": platform, "op": "reply", "hash": f"sha256:{key[-6:]}", "attempt": 1}
        self.add("intent", when, **common, target="c-x", owner={"host": "ci", "pid": 1, "run": None})
        link = f"https://www.facebook.com/{PAGE}_{self.number}" if url == "auto" else url
        receipt = {"platform": platform, "id": str(self.number), "url": link, "time": when, "extra_ids": [],
                   "raw": {}}
        self.add("success", when, **common, receipt=receipt)


def fixture_records() -> list[dict[str, Any]]:
    """The ledger of the fixture instance, oldest first."""
    r = _Records()
    for item in (BURUH, JADWAL, VIDEO, CPNS, PELATIHAN, PENUTUPAN, PANCASILA):
        r.add("signoff", "2020-04-30T00:00:00+00:00", item=item, hash=f"sha256:{item[-8:]}",
              signoff={"mode": "rehearsal", "hash": f"sha256:{item[-8:]}", "approvers": []})
    # 00:30 WITA on 1 May: a May item, though UTC still says April. Facebook's result was lost
    # in a crash and later reconciled.
    r.publish(BURUH, "website", "2020-04-30T16:30:00+00:00")
    burh = {"item": BURUH, "platform": "facebook", "op": "publish", "hash": f"sha256:{BURUH[-8:]}", "attempt": 1}
    r.add("intent", "2020-04-30T16:30:05+00:00", **burh, owner={"host": "ci", "pid": 1, "run": None})
    r.add("reconciled", "2020-04-30T16:50:00+00:00", **burh, outcome="found",
          receipt=_receipt("facebook", BURUH, 999, "2020-04-30T16:30:06+00:00"))
    for platform in ("website", "facebook", "x"):
        r.publish(JADWAL, platform, "2020-05-04T01:00:00+00:00")
    r.publish(JADWAL, "instagram", "2020-05-04T01:02:00+00:00", note="duplicate")
    r.reply("QA-2020-04-0001#q1", "facebook", "2020-05-04T02:00:00+00:00")
    r.publish(VIDEO, "website", "2020-05-11T02:00:00+00:00")
    r.publish(VIDEO, "facebook", "2020-05-11T02:00:30+00:00")
    r.fail(VIDEO, "youtube", "2020-05-11T02:01:00+00:00",
           {"class": "RetryableError", "status": 503, "request_id": "req-1",
            "message": "YouTube sedang tidak tersedia (HTTP 503)"})
    r.publish(VIDEO, "youtube", "2020-05-11T03:05:00+00:00", attempt=2)
    r.reply("QA-2020-05-0001#q1", "facebook", "2020-05-11T01:00:00+00:00")
    r.reply("QA-2020-05-0001#q2", "facebook", "2020-05-12T01:00:00+00:00")
    r.publish(GONE, "facebook", "2020-05-15T03:00:00+00:00")
    for platform in ("website", "facebook", "instagram", "x"):
        r.publish(CPNS, platform, "2020-05-18T01:00:00+00:00")
    for platform in ("website", "facebook", "x"):
        r.publish(CPNS, platform, "2020-05-20T02:30:00+00:00", op="delete")
    r.add("offline", "2020-05-22T02:00:00+00:00", item="QA-2020-05-0002#q2", platform="offline",
          hash="sha256:offline")
    r.publish(PELATIHAN, "website", "2020-05-25T01:00:00+00:00")
    r.publish(PELATIHAN, "facebook", "2020-05-25T01:00:00+00:00")
    r.publish(PELATIHAN, "website", "2020-05-26T00:00:00+00:00", op="update")
    r.publish(PELATIHAN, "facebook", "2020-05-26T00:00:10+00:00", op="update")
    # 23:30 WITA on 31 May: still May.
    r.publish(PENUTUPAN, "website", "2020-05-31T15:30:00+00:00")
    r.publish(PENUTUPAN, "facebook", "2020-05-31T15:30:00+00:00")
    r.fail(PENUTUPAN, "x", "2020-05-31T15:31:00+00:00",
           {"class": "QuotaError", "status": 429, "request_id": "req-2",
            "message": "Kuota X habis sampai 2020-06-01 08:00"})
    # 23:30 UTC on 31 May is 07:30 WITA on 1 June: a June item.
    r.publish(PANCASILA, "website", "2020-05-31T23:30:00+00:00")
    r.publish(PANCASILA, "facebook", "2020-05-31T23:30:00+00:00")
    r.publish(PENUTUPAN, "x", "2020-06-01T01:00:00+00:00", attempt=2)
    r.reply("QA-2020-05-0003#q1", "instagram", "2020-06-02T01:00:00+00:00", url=None)
    r.add("cursor", "2020-06-02T01:00:00+00:00", platform="facebook", cursor="c-123")
    _collections(r)
    return r.records


def _collections(r: _Records) -> None:
    """Four ``insights collect`` runs as the ledger keeps them (only changed numbers), on the month edges:
    19 May (Instagram's CPNS post too new), 31 May 20:00 WITA (before the closing post went out; a deleted
    post keeps its numbers; YouTube's quota spent), 30 June 20:00 WITA, and 1 July 14:00 WITA (after June
    ended: June's recap must not count it)."""
    ids = {(x["item"], x["platform"]): x["receipt"]["id"] for x in r.records
           if x["kind"] in ("success", "reconciled") and x.get("op") == "publish" and x.get("receipt")}

    def run(when: str, values: dict[tuple[str, str], dict[str, int]],
            missing: dict[tuple[str, str], dict[str, str]]) -> None:
        grouped: dict[str, dict[str, dict[str, Any]]] = {"values": {}, "missing": {}}
        for part, entries in (("values", values), ("missing", missing)):
            for (item, platform), numbers in entries.items():
                grouped[part].setdefault(platform, {})[ids[(item, platform)]] = numbers
        read = {p: len(set(grouped["values"].get(p, {})) | set(grouped["missing"].get(p, {})))
                for p in ("facebook", "instagram", "x", "youtube")}
        r.add("insights", when, days=31, read=read, values=grouped["values"] or None,
              missing=grouped["missing"] or None)

    run("2020-05-19T12:00:00+00:00", {
        (BURUH, "facebook"): {"reach": 2140, "views": 3310, "reactions": 164, "comments": 21, "shares": 37,
                              "clicks": 12},
        (JADWAL, "facebook"): {"reach": 1480, "views": 2010, "reactions": 41, "comments": 18, "shares": 9,
                               "clicks": 55},
        (VIDEO, "facebook"): {"reach": 960, "views": 1220, "reactions": 23, "comments": 6, "shares": 4,
                              "clicks": 30},
        (GONE, "facebook"): {"reach": 310, "views": 355, "reactions": 5, "comments": 2, "shares": 0, "clicks": 1},
        (CPNS, "facebook"): {"reach": 3900, "views": 5120, "reactions": 88, "comments": 64, "shares": 71,
                             "clicks": 240},
        (JADWAL, "instagram"): {"reach": 820, "views": 1150, "likes": 96, "comments": 7, "saves": 12, "shares": 5},
        (JADWAL, "x"): {"views": 1730, "likes": 14, "replies": 3, "reposts": 6, "quotes": 1, "bookmarks": 2},
        (CPNS, "x"): {"views": 2480, "likes": 31, "replies": 9, "reposts": 17, "quotes": 2, "bookmarks": 11},
        (VIDEO, "youtube"): {"views": 412, "likes": 19, "comments": 4},
    }, {(CPNS, "instagram"): {m: "too_new" for m in ("reach", "views", "likes", "comments", "saves", "shares")}})
    run("2020-05-31T12:00:00+00:00", {
        (BURUH, "facebook"): {"reach": 2205, "views": 3420, "reactions": 170},
        (JADWAL, "facebook"): {"reach": 1530, "comments": 20},
        (PELATIHAN, "facebook"): {"reach": 1190, "views": 1460, "reactions": 52, "comments": 11, "shares": 15,
                                  "clicks": 48},
        (CPNS, "instagram"): {"reach": 2650, "views": 3900, "likes": 212, "comments": 25, "saves": 61,
                              "shares": 33},
        (JADWAL, "x"): {"views": 1801, "likes": 15},
    }, {(GONE, "facebook"): {m: "deleted" for m in ("reach", "views", "reactions", "comments", "shares", "clicks")},
        (VIDEO, "youtube"): {"views": "quota", "likes": "quota", "comments": "quota"}})
    run("2020-06-30T12:00:00+00:00", {
        (PENUTUPAN, "facebook"): {"reach": 1750, "views": 2300, "reactions": 97, "comments": 12, "shares": 8,
                                  "clicks": 19},
        (PANCASILA, "facebook"): {"reach": 4020, "views": 5600, "reactions": 301, "comments": 44, "shares": 58,
                                  "clicks": 15},
        (PENUTUPAN, "x"): {"views": 940, "likes": 8, "replies": 1, "reposts": 3, "quotes": 0, "bookmarks": 1},
    }, {})
    run("2020-07-01T06:00:00+00:00", {
        (PANCASILA, "facebook"): {"reach": 9999, "reactions": 999},
    }, {})


def build_instance(dest: Path, records: list[dict[str, Any]] | None = None) -> Config:
    """Copy the fixture instance to ``dest``, make it a git repository, append the ledger; its config."""
    shutil.copytree(FIXTURE, dest)
    subprocess.run(["git", "init", "-q", "-b", "main", str(dest)], check=True)
    ledger = GitLedger(dest, "sosmed-ledger")
    ledger.sync()
    ledger.append(fixture_records() if records is None else records)
    return load_config(dest / "sosmed.yml")
