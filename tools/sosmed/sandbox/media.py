"""Media bytes on disk: uploaded files, fetched URLs, what an image really is.

Nothing here holds a whole file in memory: bodies and downloads are copied in
1 MiB chunks. The sandbox fetches a "public" media URL only when it points at
this machine (127.0.0.1, localhost); other URLs are recorded but not fetched,
because the sandbox never reaches the internet.
"""

from __future__ import annotations

import ipaddress
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import IO
from urllib.parse import urlsplit

import requests
from PIL import Image

from sosmed.sandbox.settings import MIB

CHUNK = 1 * MIB


def copy_stream(src: IO[bytes], out: IO[bytes], limit: int | None = None) -> int:
    """Copy ``src`` into the open file ``out`` in chunks; return the bytes written (stops one past ``limit``)."""
    total = 0
    while True:
        want = CHUNK if limit is None else min(CHUNK, limit + 1 - total)
        if want <= 0:
            break
        chunk = src.read(want)
        if not chunk:
            break
        out.write(chunk)
        total += len(chunk)
    return total


def save_stream(src: IO[bytes], dest: Path, limit: int | None = None) -> int:
    """Copy ``src`` to ``dest`` in chunks; return the size (stops one byte past ``limit``)."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    with dest.open("wb") as out:
        return copy_stream(src, out, limit)


def is_loopback_url(url: str) -> bool:
    """Whether ``url`` is http(s) on this machine (the only URLs the sandbox may fetch)."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return False
    if parts.hostname == "localhost":
        return True
    try:
        return ipaddress.ip_address(parts.hostname).is_loopback
    except ValueError:
        return False


def is_http_url(url: str) -> bool:
    """Whether ``url`` looks like an absolute http(s) URL."""
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


class FetchError(Exception):
    """A media URL could not be fetched."""


def fetch_local(url: str, dest: Path, limit: int, timeout: float) -> int:
    """Download a loopback URL into ``dest``, streamed; raise FetchError on failure or if too large."""
    try:
        with requests.get(url, stream=True, timeout=timeout) as resp:
            if resp.status_code != 200:
                raise FetchError(f"HTTP {resp.status_code}")
            dest.parent.mkdir(parents=True, exist_ok=True)
            total = 0
            with dest.open("wb") as out:
                for chunk in resp.iter_content(CHUNK):
                    total += len(chunk)
                    if total > limit:
                        raise FetchError("too large")
                    out.write(chunk)
            return total
    except requests.RequestException as exc:
        raise FetchError(type(exc).__name__) from exc


@dataclass(frozen=True)
class ImageInfo:
    """Format and size of an image file (read from its header only)."""

    format: str
    width: int
    height: int


def image_info(path: Path) -> ImageInfo | None:
    """What Pillow reads from the file's header; None if it is not an image."""
    try:
        with Image.open(path) as img:
            return ImageInfo(str(img.format or ""), int(img.width), int(img.height))
    except (OSError, ValueError, Image.DecompressionBombError):
        return None


def looks_like_mp4(path: Path) -> bool:
    """Whether the file starts like an ISO media file (MP4/MOV: an ``ftyp`` box)."""
    try:
        with path.open("rb") as fh:
            head = fh.read(12)
    except OSError:
        return False
    return len(head) >= 8 and head[4:8] in (b"ftyp", b"moov", b"mdat", b"wide", b"free")


def copy_file(src: Path, dest: Path) -> None:
    """Copy a file (chunked by the standard library)."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(src, dest)


MIME_EXT = {
    "image/jpeg": ".jpg", "image/pjpeg": ".jpg", "image/png": ".png", "image/gif": ".gif",
    "image/webp": ".webp", "image/bmp": ".bmp", "image/tiff": ".tif", "video/mp4": ".mp4",
    "video/quicktime": ".mov", "video/webm": ".webm", "video/mp2t": ".ts", "application/pdf": ".pdf",
    "text/srt": ".srt", "text/vtt": ".vtt",
}
FORMAT_EXT = {"JPEG": ".jpg", "PNG": ".png", "GIF": ".gif", "BMP": ".bmp", "TIFF": ".tif", "WEBP": ".webp",
              "MPO": ".jpg"}
