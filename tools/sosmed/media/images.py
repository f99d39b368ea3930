"""What a photo is: format and pixel size (read from its header once per file version), and when it was taken."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone, tzinfo
from pathlib import Path

from PIL import ExifTags, Image, UnidentifiedImageError

_OFFSET = re.compile(r"^([+-])(\d{2}):?(\d{2})$")


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
        """Width divided by height (0 when unknown)."""
        return self.width / self.height if self.height else 0.0


_images: dict[tuple[str, int, int], ImageInfo] = {}


def image_info(path: Path) -> ImageInfo:
    """Format and size of an image (cached by path, modification time and size)."""
    stat = path.stat()
    key = (str(path), stat.st_mtime_ns, stat.st_size)
    found = _images.get(key)
    if found is None:
        try:
            with Image.open(path) as image:
                found = ImageInfo(image.format, image.width, image.height, stat.st_size,
                                  bool(getattr(image, "is_animated", False)))
        except (UnidentifiedImageError, OSError) as exc:
            found = ImageInfo(None, 0, 0, stat.st_size, error=type(exc).__name__)
        _images[key] = found
    return found


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
