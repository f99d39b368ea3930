"""What the media rules need to know about a photo or video file, read once per file version.

Images are read with Pillow (header only: format and size). Videos are probed with
``ffprobe`` (Debian package ``ffmpeg``); when it is missing, :func:`probe_video` says so and
the video rule reports once that its check is off.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from PIL import ExifTags, Image, UnidentifiedImageError

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
    # Where the photo keeps a GPS position ("EXIF", "XMP"), read in the same opening of the file.
    location: str | None = None

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


_XMP_GPS = re.compile(rb"(?i)gps ?(?:latitude|longitude|position)|drone-dji:(?:latitude|longitude)")
_XMP_KEYS = ("xmp", "XML:com.adobe.xmp")


def _location(image: Image.Image) -> str | None:
    """Where an opened photo keeps a GPS position: its EXIF GPS directory, or XMP (DJI drones)."""
    try:
        gps = image.getexif().get_ifd(ExifTags.IFD.GPSInfo)
        if gps.get(ExifTags.GPS.GPSLatitude) or gps.get(ExifTags.GPS.GPSLongitude):
            return "EXIF"
        for key in _XMP_KEYS:
            xmp = image.info.get(key)
            if isinstance(xmp, str):
                xmp = xmp.encode("utf-8", "replace")
            if xmp and _XMP_GPS.search(xmp):
                return "XMP"
    except (OSError, UnidentifiedImageError, SyntaxError, ValueError):
        return None  # an unreadable file is the media-quality rule's finding, not a location
    return None


_SOF = frozenset({0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF})
_XMP_APP1 = b"http://ns.adobe.com/xap/1.0/\x00"
_FIRST_BYTES = 16 * 1024
_HEAD_BYTES = 256 * 1024


def _jpeg_segments(data: bytes) -> tuple[int, int, bytes | None, bytes | None] | None:
    """(width, height, EXIF, XMP) from a JPEG's markers up to the scan; None when anything is unusual."""
    if data[:2] != b"\xff\xd8":
        return None
    pos, size, exif, xmp = 2, None, None, None
    while pos + 4 <= len(data):
        if data[pos] != 0xFF:
            return None
        marker = data[pos + 1]
        if marker == 0xFF:
            pos += 1
            continue
        if marker == 0xDA:  # start of scan: every header is behind us
            break
        length = int.from_bytes(data[pos + 2:pos + 4], "big")
        segment = data[pos + 4:pos + 2 + length]
        if length < 2 or len(segment) != length - 2:
            return None
        if marker in _SOF:
            if size is not None or len(segment) < 5:
                return None
            size = (int.from_bytes(segment[3:5], "big"), int.from_bytes(segment[1:3], "big"))
        elif marker == 0xE1 and segment.startswith(b"Exif\x00\x00"):
            if exif is not None:
                return None
            exif = segment[6:]
        elif marker == 0xE1 and segment.startswith(_XMP_APP1):
            if xmp is not None:
                return None
            xmp = segment[len(_XMP_APP1):]
        elif marker == 0xE2 and segment.startswith(b"MPF\x00"):
            return None  # a multi-picture file: Pillow reads it as MPO
        pos += 2 + length
    else:
        return None
    return None if size is None else (*size, exif, xmp)


def _has_gps_directory(exif: bytes) -> bool | None:
    """Whether the EXIF's first directory points at a GPS directory; None when it cannot be read."""
    order = {b"II": "little", b"MM": "big"}.get(exif[:2])
    if order is None or len(exif) < 8:
        return None
    offset = int.from_bytes(exif[4:8], order)  # type: ignore[arg-type]
    if offset + 2 > len(exif):
        return None
    count = int.from_bytes(exif[offset:offset + 2], order)  # type: ignore[arg-type]
    if offset + 2 + 12 * count > len(exif):
        return None
    return any(exif[offset + 2 + 12 * i:offset + 4 + 12 * i] == (0x8825).to_bytes(2, order)  # type: ignore[arg-type]
               for i in range(count))


def _quick_jpeg(path: Path, size: int) -> ImageInfo | None:
    """A JPEG's header read without Pillow (several times faster), or None to let Pillow read it.

    Pillow is left every file that is not a plain JPEG, holds a GPS directory (Pillow decides
    what its coordinates amount to), is larger than Pillow's decompression-bomb limit, or
    has anything unusual in its markers.
    """
    with open(path, "rb") as fh:
        head = fh.read(_FIRST_BYTES)
        found = _jpeg_segments(head)
        if found is None and len(head) == _FIRST_BYTES:  # headers longer than the first read
            found = _jpeg_segments(head + fh.read(_HEAD_BYTES - _FIRST_BYTES))
    if found is None:
        return None
    width, height, exif, xmp = found
    if width * height > (Image.MAX_IMAGE_PIXELS or 0) or not width or not height:
        return None
    if exif is not None and _has_gps_directory(exif) is not False:
        return None
    location = "XMP" if xmp and _XMP_GPS.search(xmp) else None
    return ImageInfo("JPEG", width, height, size, False, location=location)


def image_info(path: Path) -> ImageInfo:
    """Format, size and GPS location of an image, from one opening (cached by path, time and size)."""
    key = _key(path)
    found = _images.get(key)
    if found is not None:
        return found
    if path.suffix.lower() in (".jpg", ".jpeg"):
        try:
            found = _quick_jpeg(path, key[2])
        except OSError:
            found = None
    if found is None:
        try:
            with Image.open(path) as image:
                found = ImageInfo(image.format, image.width, image.height, key[2],
                                  bool(getattr(image, "is_animated", False)), location=_location(image))
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
