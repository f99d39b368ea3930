"""What the media rules need to know about a photo or video file, read once per file version.

Images are read with Pillow (header only: format and size). Videos are probed with
``ffprobe`` (Debian package ``ffmpeg``); when it is missing, :func:`probe_video` says so and
the video rule reports once that its check is off.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, UnidentifiedImageError

from sosmed.check import mp4info


@dataclass(frozen=True)
class ImageInfo:
    """Format (Pillow's name, e.g. ``JPEG``), pixel size, file size; ``error`` when unreadable."""

    format: str | None
    width: int
    height: int
    bytes: int
    animated: bool = False
    error: str | None = None

    @property
    def ratio(self) -> float:
        return self.width / self.height if self.height else 0.0


@dataclass(frozen=True)
class VideoInfo:
    """What ffprobe reports: container, duration, codecs, frame size and rate, file size."""

    format_name: str
    duration: float
    video_codec: str | None
    audio_codec: str | None
    width: int
    height: int
    fps: float
    bytes: int
    error: str | None = None

    @property
    def ratio(self) -> float:
        return self.width / self.height if self.height else 0.0


_images: dict[tuple[str, int, int], ImageInfo] = {}
_videos: dict[tuple[str, int, int], VideoInfo] = {}


def _key(path: Path) -> tuple[str, int, int]:
    stat = path.stat()
    return str(path), stat.st_mtime_ns, stat.st_size


def image_info(path: Path) -> ImageInfo:
    """Format and size of an image (cached by path, modification time and size)."""
    key = _key(path)
    found = _images.get(key)
    if found is None:
        try:
            with Image.open(path) as image:
                found = ImageInfo(image.format, image.width, image.height, key[2],
                                  bool(getattr(image, "is_animated", False)))
        except (UnidentifiedImageError, OSError) as exc:
            found = ImageInfo(None, 0, 0, key[2], error=type(exc).__name__)
        _images[key] = found
    return found


def ffprobe_path() -> str | None:
    """The ffprobe executable, or None when it is not installed."""
    return shutil.which("ffprobe")


def _rate(text: str | None) -> float:
    if not text or "/" not in text:
        return float(text or 0)
    num, den = text.split("/", 1)
    return float(num) / float(den) if float(den) else 0.0


def probe_video(path: Path, ffprobe: str) -> VideoInfo:
    """Probe a video with ffprobe (cached by path, modification time and size)."""
    key = _key(path)
    found = _videos.get(key)
    if found is not None:
        return found
    quick = mp4info.read(path)  # a plain MP4/MOV is read in this process: no ffprobe start per video
    if quick is not None:
        found = VideoInfo(quick.format_name, quick.duration, quick.video_codec, quick.audio_codec, quick.width,
                          quick.height, quick.fps, key[2])
        _videos[key] = found
        return found
    command = [ffprobe, "-v", "error", "-show_entries",
               "format=duration,format_name:stream=codec_name,codec_type,width,height,r_frame_rate",
               "-of", "json", str(path)]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)
        data = json.loads(done.stdout or "{}")
    except (OSError, subprocess.TimeoutExpired, ValueError) as exc:
        found = VideoInfo("", 0.0, None, None, 0, 0, 0.0, key[2], error=type(exc).__name__)
    else:
        streams = data.get("streams") or []
        video = next((s for s in streams if s.get("codec_type") == "video"), None)
        audio = next((s for s in streams if s.get("codec_type") == "audio"), None)
        fmt = data.get("format") or {}
        if done.returncode != 0 or video is None:
            found = VideoInfo(fmt.get("format_name", ""), 0.0, None, None, 0, 0, 0.0, key[2],
                              error=(done.stderr.strip().splitlines() or ["no video stream"])[-1][:200])
        else:
            found = VideoInfo(
                format_name=fmt.get("format_name", ""),
                duration=float(fmt.get("duration") or 0.0),
                video_codec=video.get("codec_name"),
                audio_codec=audio.get("codec_name") if audio else None,
                width=int(video.get("width") or 0),
                height=int(video.get("height") or 0),
                fps=_rate(video.get("r_frame_rate")),
                bytes=key[2],
            )
    _videos[key] = found
    return found
