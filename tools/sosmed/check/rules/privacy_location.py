"""FBS 8 (UU 27/2022): no GPS location in the metadata of photos and videos.

A phone photo or a drone shot usually records where it was taken; published as is, it
tells the world where a person lives or works. Looked at:

- photos: the EXIF GPS directory (JPEG, PNG, WebP) and XMP — DJI drones keep a second copy
  there (``drone-dji:GpsLatitude``), so stripping EXIF alone is not enough;
- videos (through ``ffprobe``): the container's location tags (``location``,
  ``com.apple.quicktime.location.ISO6709``) and telemetry tracks (GoPro ``gpmd``,
  drone metadata streams).

Without ``ffprobe`` videos cannot be checked: one warning per run says so.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections.abc import Iterable, Iterator
from pathlib import Path

from sosmed.check import mp4info
from sosmed.check.media_info import image_info
from sosmed.check.rule import RuleContext
from sosmed.model.item import Item
from sosmed.problem import Problem

ID = "privacy-location"
FBS = 8
LEVEL = "error"
APPLIES_TO = ("post",)
OPTIONS: dict[str, type] = {}
DEFAULTS: dict[str, object] = {}
DOC = {
    "id": (
        "Privasi (FBS 8, UU 27/2022): foto dan video tidak boleh menyimpan lokasi GPS (EXIF, XMP drone, tag "
        "lokasi dan jalur telemetri video). Hapus metadata lokasi sebelum mengunggah. Video diperiksa dengan "
        "ffprobe; bila ffprobe tidak ada, satu peringatan memberi tahu bahwa video tidak diperiksa."
    ),
    "en": (
        "Privacy (FBS 8, Indonesian Law 27/2022): photos and videos must not carry GPS location (EXIF, drone XMP, "
        "video location tags and telemetry tracks). Strip location metadata before uploading. Videos are read "
        "with ffprobe; without it, one warning says videos were not checked."
    ),
}

_TELEMETRY = re.compile(r"(?i)gps|gpmd|telemetry|djmd|dji|camm")


def image_location(path: Path) -> str | None:
    """Where a photo keeps a GPS position (``"EXIF"``, ``"XMP"``), or None."""
    try:
        # Read with the photo's header, in the one opening the image rules share.
        return image_info(path).location
    except (OSError, SyntaxError, ValueError):
        return None  # an unreadable file is the media-quality rule's finding, not a location


def video_location(path: Path, ffprobe: str) -> str | None:
    """The name of the tag or track holding a location in a video, or None."""
    quick = mp4info.read(path)  # a plain MP4/MOV is read in this process: no ffprobe start per video
    if quick is not None:
        return quick.location
    try:
        run = subprocess.run(
            [ffprobe, "-v", "error", "-show_entries",
             "format_tags:stream_tags:stream=codec_type,codec_tag_string", "-of", "json", str(path)],
            capture_output=True, text=True, timeout=60, check=False,
        )
        info = json.loads(run.stdout or "{}")
    except (OSError, subprocess.TimeoutExpired, json.JSONDecodeError):
        return None
    for key in (info.get("format") or {}).get("tags") or {}:
        lowered = key.lower()
        if lowered.startswith("location") or lowered.endswith(".location.iso6709") or "gps" in lowered:
            return key
    for stream in info.get("streams") or []:
        if stream.get("codec_type") in ("data", "subtitle"):
            handler = " ".join([stream.get("codec_tag_string", ""), *(stream.get("tags") or {}).values()])
            if _TELEMETRY.search(handler):
                return f"{stream.get('codec_type')}:{stream.get('codec_tag_string', '')}"
    return None


def check(item: Item, ctx: RuleContext) -> Iterable[Problem]:
    """Report media files that carry a location."""
    return _report(item, ctx) if item.post.media else ()


def _report(item: Item, ctx: RuleContext) -> Iterator[Problem]:
    for index, media in enumerate(item.post.media):
        path = item.folder / media.file
        if media.kind == "image":
            where = image_location(path)
        else:
            if "ffprobe" not in ctx.cache:
                ctx.cache["ffprobe"] = shutil.which("ffprobe")
            ffprobe = ctx.cache["ffprobe"]
            if ffprobe is None:
                if not ctx.cache.get("warned"):
                    ctx.cache["warned"] = True
                    yield ctx.problem(item, "rules.privacy_location.ffprobe_missing", loc=("media", index, "file"),
                                      level="warning", file=media.file)
                continue
            where = video_location(path, ffprobe)
        if where is not None:
            yield ctx.problem(item, "rules.privacy_location.message", loc=("media", index, "file"),
                              file=media.file, where=where)
