"""Media files for seeded posts: a small generated photo, a small MP4-shaped video file."""

from __future__ import annotations

import hashlib

from PIL import Image, ImageDraw

from sosmed.sandbox.state import Store

# The start of an ISO media file (an ``ftyp`` box): enough for every check the sandbox makes.
MP4_HEAD = bytes.fromhex("0000001c667479706d703432000000006d7034316d70343269736f6d")


def seed_photo(store: Store, platform: str, name: str) -> str:
    """A 1080×1080 JPEG for a seeded post, its colours drawn from ``name``; the path in the state folder."""
    digest = hashlib.sha256(name.encode()).digest()
    image = Image.new("RGB", (1080, 1080), (20 + digest[0] % 60, 50 + digest[1] % 80, 79 + digest[2] % 100))
    draw = ImageDraw.Draw(image)
    draw.rectangle((140, 140, 940, 940), outline=(240, 240, 240), width=24)
    draw.ellipse((340, 340, 740, 740), fill=(230, 180 + digest[3] % 60, 60))
    dest = store.folder("media", platform) / f"{name}.jpg"
    image.save(dest, "JPEG", quality=80)
    return str(dest.relative_to(store.dir))


def seed_video(store: Store, video_id: str) -> tuple[str, int]:
    """A small MP4-shaped file for a seeded video; its path in the state folder and its size."""
    dest = store.folder("media", "youtube") / f"{video_id}.mp4"
    data = MP4_HEAD + bytes(range(256)) * 64
    dest.write_bytes(data)
    return str(dest.relative_to(store.dir)), len(data)
