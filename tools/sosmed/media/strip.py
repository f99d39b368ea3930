"""Copies without metadata: a photo decoded, turned upright and saved again; a video remuxed.

Stripping does not rely on detection: a photo keeps only what drawing its pixels needs (its
colour profile, transparency and resolution; no EXIF, XMP, comments or text chunks); a video
keeps only its video and audio streams (telemetry, subtitle and data tracks, attached cover
pictures, chapters and all tags are left behind) without re-encoding. Intake makes its
copies this way, and the archive site its published copies.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from PIL import Image, ImageOps, UnidentifiedImageError

_KEPT_INFO = ("transparency", "dpi")


class StripError(Exception):
    """A copy could not be made without its metadata (unreadable file, ffmpeg failure)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def save_clean(image: Image.Image, target: Path, fmt: str, *, quality: int, icc: bytes | None = None,
               web: bool = False) -> None:
    """Save ``image`` as ``fmt`` at ``target`` with no metadata but its colour profile.

    ``web`` makes a copy for readers' browsers (progressive JPEG in RGB, optimised PNG);
    otherwise the copy is an archive copy (optimised JPEG, CMYK kept).
    """
    image.info = {key: image.info[key] for key in _KEPT_INFO if key in image.info}
    options: dict[str, object] = {}
    if fmt == "JPEG":
        if image.mode not in (("RGB", "L") if web else ("RGB", "L", "CMYK")):
            image = image.convert("RGB")
        options = {"quality": quality, "progressive": True} if web else {"quality": quality, "optimize": True}
    elif fmt == "WEBP":
        options = {"quality": quality}
    elif fmt == "PNG" and web:
        options = {"optimize": True}
    if icc and fmt != "GIF":
        options["icc_profile"] = icc
    image.save(target, fmt, **options)


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
    try:
        save_clean(upright, target, fmt, quality=quality, icc=icc)
    except (OSError, ValueError) as exc:
        raise StripError(type(exc).__name__) from None


def _strip_animated(image: Image.Image, target: Path, fmt: str) -> None:
    frames, durations = [], []
    for index in range(getattr(image, "n_frames", 1)):
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
