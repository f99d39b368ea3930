"""Capture time and location of a photo or video, and copies stripped of every metadata block.

Location is detected by the FBS 8 rule's own functions (:mod:`sosmed.check.rules.privacy_location`),
so intake and ``sosmed check`` agree on what counts as a location. Stripping does not rely on
detection: a photo is decoded, turned upright by its EXIF orientation and saved again with only
its colour profile (no EXIF, XMP, comments or text chunks); a video is remuxed by ffmpeg keeping
only its video and audio streams (telemetry, subtitle and data tracks, attached cover pictures,
chapters and all tags are left behind) without re-encoding.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from pathlib import Path

from PIL import ExifTags, Image, ImageOps, UnidentifiedImageError

from sosmed.check.rules.privacy_location import image_location, video_location
from sosmed.model.fields import VIDEO_SUFFIXES

_OFFSET = re.compile(r"^([+-])(\d{2}):?(\d{2})$")


class StripError(Exception):
    """A copy could not be made without its metadata (unreadable file, ffmpeg failure)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class VideoTracks:
    """What a probe of a video found that intake leaves behind."""

    location: str | None
    extra_streams: tuple[str, ...]  # "subtitle:tx3g", "data:gpmd", …
    creation_time: datetime | None


def is_video(path: Path) -> bool:
    """Whether a file is a video by its suffix."""
    return path.suffix.lower() in VIDEO_SUFFIXES


def ffmpeg_tools() -> tuple[str | None, str | None]:
    """Paths of ``ffmpeg`` and ``ffprobe`` (None when missing)."""
    return shutil.which("ffmpeg"), shutil.which("ffprobe")


def _exif_time(value: str, offset: str | None, zone: tzinfo) -> datetime | None:
    try:
        naive = datetime.strptime(value.strip().rstrip("\x00")[:19], "%Y:%m:%d %H:%M:%S")
    except ValueError:
        return None
    match = _OFFSET.match((offset or "").strip().rstrip("\x00"))
    if match:
        sign = 1 if match[1] == "+" else -1
        return naive.replace(tzinfo=timezone(sign * timedelta(hours=int(match[2]), minutes=int(match[3]))))
    return naive.replace(tzinfo=zone)


def image_capture_time(path: Path, zone: tzinfo) -> datetime | None:
    """EXIF ``DateTimeOriginal`` (with ``OffsetTimeOriginal`` when present, else ``zone``)."""
    try:
        with Image.open(path) as image:
            exif = image.getexif()
            detail = exif.get_ifd(ExifTags.IFD.Exif)
            value = detail.get(ExifTags.Base.DateTimeOriginal) or exif.get(ExifTags.Base.DateTime)
            offset = detail.get(ExifTags.Base.OffsetTimeOriginal) or detail.get(ExifTags.Base.OffsetTime)
    except (OSError, UnidentifiedImageError, SyntaxError, ValueError):
        return None
    if not isinstance(value, str):
        return None
    return _exif_time(value, offset if isinstance(offset, str) else None, zone)


def probe_tracks(path: Path, ffprobe: str) -> VideoTracks:
    """Location tag or track (FBS 8 rule's detection), non-audio/video streams, ``creation_time``."""
    location = video_location(path, ffprobe)
    try:
        run = subprocess.run(
            [ffprobe, "-v", "error", "-show_entries",
             "format_tags=creation_time:stream=codec_type,codec_tag_string,disposition", "-of", "json", str(path)],
            capture_output=True, text=True, timeout=60, check=False,
        )
        info = json.loads(run.stdout or "{}")
    except (OSError, subprocess.TimeoutExpired, json.JSONDecodeError):
        info = {}
    extra: list[str] = []
    for stream in info.get("streams") or []:
        kind = stream.get("codec_type")
        cover = (stream.get("disposition") or {}).get("attached_pic") == 1
        if kind not in ("video", "audio") or cover:
            extra.append(f"{'cover' if cover else kind}:{stream.get('codec_tag_string', '')}")
    created = None
    raw = ((info.get("format") or {}).get("tags") or {}).get("creation_time")
    if isinstance(raw, str):
        try:
            created = datetime.fromisoformat(raw.replace("Z", "+00:00"))
        except ValueError:
            created = None
        if created is not None and created.tzinfo is None:
            created = created.replace(tzinfo=UTC)
        if created is not None and created.year < 1971:
            created = None  # cameras without a clock write the epoch
    return VideoTracks(location, tuple(extra), created)


def photo_location(path: Path) -> str | None:
    """Where a photo keeps a GPS position (``EXIF``/``XMP``), per the FBS 8 rule."""
    return image_location(path)


def strip_image(source: Path, target: Path, *, quality: int = 95) -> None:
    """Write ``target``: ``source`` upright, in the same format, with no metadata but its colour profile."""
    try:
        with Image.open(source) as image:
            fmt = image.format or "JPEG"
            icc = image.info.get("icc_profile")
            if getattr(image, "n_frames", 1) > 1:
                _strip_animated(image, target, fmt)
                return
            upright = ImageOps.exif_transpose(image)
            upright.load()
    except (OSError, UnidentifiedImageError, SyntaxError, ValueError, Image.DecompressionBombError) as exc:
        raise StripError(type(exc).__name__) from None
    # Only what drawing the pixels needs survives; EXIF, XMP, comments and text chunks do not.
    upright.info = {key: upright.info[key] for key in ("transparency", "dpi") if key in upright.info}
    clean = upright
    options: dict[str, object] = {}
    if icc:
        options["icc_profile"] = icc
    if fmt == "JPEG":
        options.update(quality=quality, optimize=True)
        if clean.mode not in ("RGB", "L", "CMYK"):
            clean = clean.convert("RGB")
    elif fmt == "WEBP":
        options.update(quality=quality)
    try:
        clean.save(target, fmt, **options)
    except (OSError, ValueError) as exc:
        raise StripError(type(exc).__name__) from None


def _strip_animated(image: Image.Image, target: Path, fmt: str) -> None:
    frames, durations = [], []
    for index in range(image.n_frames):
        image.seek(index)
        frames.append(image.copy())
        durations.append(image.info.get("duration", 100))
    options: dict[str, object] = {"save_all": True, "append_images": frames[1:], "duration": durations,
                                  "loop": image.info.get("loop", 0)}
    try:
        frames[0].save(target, fmt, **options)
    except (OSError, ValueError) as exc:
        raise StripError(type(exc).__name__) from None


def strip_video(source: Path, target: Path, ffmpeg: str) -> None:
    """Remux ``source`` into ``target`` with only its video and audio streams and no metadata."""
    command = [
        ffmpeg, "-nostdin", "-v", "error", "-n", "-i", str(source),
        # 0:V excludes attached pictures (cover art can carry its own EXIF).
        "-map", "0:V?", "-map", "0:a?", "-c", "copy",
        "-map_metadata", "-1", "-map_chapters", "-1",
        # bitexact: no encoder tags, identical bytes for identical input (re-intake is a no-op).
        "-fflags", "+bitexact", "-flags:v", "+bitexact", "-flags:a", "+bitexact",
    ]
    if target.suffix.lower() in (".mp4", ".mov", ".m4v"):
        command += ["-movflags", "+faststart"]
    command.append(str(target))
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=3600, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise StripError(type(exc).__name__) from None
    if done.returncode != 0 or not target.is_file():
        lines = done.stderr.strip().splitlines()
        raise StripError(lines[-1][:200] if lines else f"ffmpeg exit {done.returncode}")
