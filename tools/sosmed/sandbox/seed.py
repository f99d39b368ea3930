"""Seed content: a few earlier posts of the agency with citizens' comments and mentions.

Names are clearly fictional ("Warga Contoh …"). A seed is a dict (or a YAML file)::

    facebook:  {posts: [{message, comments: [{author, text, replies: [{text}]}]}]}
    instagram: {posts: [{caption, comments: [...]}]}
    x:         {posts: [{text, mentions: [{author, text}]}], mentions: [{author, text}]}
    youtube:   {posts: [{title, description, comments: [...]}]}

It is applied once, when the state folder is new.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from sosmed.sandbox import facebook, instagram, x, youtube
from sosmed.sandbox.state import Store

DEFAULT_SEED: dict[str, Any] = {
    "facebook": {"posts": [{
        "message": "Sosialisasi petunjuk teknis pengadaan PPPK Tahun 2020 di Aula BKD Provinsi NTT, Kupang.",
        "comments": [
            {"author": "Warga Contoh Satu",
             "text": "Selamat siang, kapan jadwal pendaftaran PPPK untuk guru di Kabupaten Alor?"},
            {"author": "Warga Contoh Dua", "text": "Apakah berkas bisa dikirim lewat pos?"},
        ],
    }]},
    "instagram": {"posts": [{
        "caption": "Pelayanan kenaikan pangkat periode April 2020 #BKDNTT #ASNNTT",
        "comments": [{"author": "Warga Contoh Tiga", "text": "Syarat kenaikan pangkat pilihan apa saja, min?"}],
    }]},
    "x": {"posts": [{
        "text": "Informasi seleksi CPNS Provinsi NTT 2020 dapat dilihat di situs resmi BKD.",
        "mentions": [{"author": "Warga Contoh Empat", "text": "Apakah formasi untuk tenaga kesehatan sudah dibuka?"}],
    }]},
    "youtube": {"posts": [{
        "title": "Tutorial Pengisian Formulir Cuti ASN",
        "description": "Panduan langkah demi langkah pengisian formulir cuti bagi ASN Provinsi NTT.",
        "comments": [{"author": "Warga Contoh Lima", "text": "Apakah formulir cuti bisa diisi secara daring?"}],
    }]},
}


def load_seed(path: Path) -> dict[str, Any]:
    """Read a seed YAML file."""
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader) or {}
    if not isinstance(data, dict):
        raise ValueError("a seed file holds a mapping of platforms")
    return data


def apply_seed(store: Store, seed: dict[str, Any]) -> None:
    """Create the seed's posts, comments and mentions in ``store``."""
    with store.lock:
        now = store.now()
        acct = store.accounts
        for item in (seed.get("facebook") or {}).get("posts", []):
            post = {"id": f"{acct['facebook']['page_id']}_{1000000000000000 + store.next_number()}",
                    "message": item.get("message", ""), "link": item.get("link"), "media": [], "kind": "status",
                    "created_time": now - 86400, "updated_time": now - 86400, "is_published": True,
                    "scheduled_publish_time": None, "deleted": False, "seeded": True}
            store.data["facebook"]["posts"].append(post)
            for c in item.get("comments", []):
                author = {"id": str(9100000000000000 + store.next_number()), "name": c.get("author", "Warga Contoh")}
                made = facebook.add_comment(store, post["id"], c["text"], author, None)
                for r in c.get("replies", []):
                    facebook.add_comment(store, post["id"], r["text"], {"id": acct["facebook"]["page_id"],
                                         "name": acct["facebook"]["page_name"]}, made["id"], by_page=True)
        for item in (seed.get("instagram") or {}).get("posts", []):
            media_id = str(18000000000000000 + store.next_number())
            store.data["instagram"]["posts"].append({
                "id": media_id, "caption": item.get("caption", ""), "media_type": "IMAGE",
                "media_product_type": "FEED", "media": [], "container_id": None, "created_time": now - 86400,
                "deleted": False, "seeded": True})
            for c in item.get("comments", []):
                handle = c.get("author", "warga").lower().replace(" ", "_")
                made = instagram.add_comment(store, media_id, c["text"],
                                             {"id": str(9200000000000000 + store.next_number()), "username": handle},
                                             None)
                for r in c.get("replies", []):
                    instagram.add_comment(store, media_id, r["text"], {"id": acct["instagram"]["user_id"],
                                          "username": acct["instagram"]["username"]}, made["id"], by_owner=True)
        for item in (seed.get("x") or {}).get("posts", []):
            post_id = str(1880000000000000000 + store.next_number() * 4096)
            store.data["x"]["posts"].append({
                "id": post_id, "text": item.get("text", ""), "created_time": now - 86400, "deleted": False,
                "media": [], "in_reply_to": None, "conversation_id": post_id, "seeded": True})
            for m in item.get("mentions", []):
                x.add_mention(store, m["text"], _x_author(m), post_id)
        for m in (seed.get("x") or {}).get("mentions", []):
            x.add_mention(store, m["text"], _x_author(m), None)
        for item in (seed.get("youtube") or {}).get("posts", []):
            video = {"id": youtube.new_video_id(), "title": item.get("title", "Video"),
                     "description": item.get("description", ""), "tags": item.get("tags", []), "categoryId": "25",
                     "privacyStatus": "public", "publishAt": None, "madeForKids": False,
                     "created_time": now - 86400, "file": None, "size": 0, "deleted": False, "thumbnail": None,
                     "seeded": True}
            store.data["youtube"]["posts"].append(video)
            for c in item.get("comments", []):
                name = c.get("author", "Warga Contoh")
                author = {"name": name, "channel_id": "UC" + name.replace(" ", "").ljust(22, "x")[:22]}
                youtube.add_comment(store, video["id"], c["text"], author, None)
        store.save()


def _x_author(mention: dict[str, Any]) -> dict[str, str]:
    name = mention.get("author", "Warga Contoh")
    return {"name": name, "username": name.lower().replace(" ", "_")[:15]}
