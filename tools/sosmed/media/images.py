"""What a photo is: format, pixel size and GPS location (read from its header once per file version),
and when it was taken.

A plain JPEG's header is read by :mod:`.jpeg` (several times faster than opening it with
Pillow); Pillow reads every other photo, once, for its size and its location together.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING

from sosmed.media.jpeg import XMP_GPS, read_header

if TYPE_CHECKING:
    from PIL import Image

# Pillow's default decompression-bomb limit (``PIL.Image.MAX_IMAGE_PIXELS``), held here so that a
# plain JPEG is measured without importing Pillow (a one-post check runs on every save); a test
# keeps it equal to Pillow's.
PIXEL_LIMIT = 89_478_485

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
    # Where the photo keeps a GPS position ("EXIF", "XMP"), read in the same opening of the file.
    location: str | None = None

    @property
    def ratio(self) -> float:
        """Width divided by height (0 when unknown)."""
        return self.width / self.height if self.height else 0.0


_images: dict[tuple[str, int, int], ImageInfo] = {}
_XMP_KEYS = ("xmp", "XML:com.adobe.xmp")


def opened_image_location(image: Image.Image) -> str | None:
    """Where an opened photo keeps a GPS position: its EXIF GPS directory, or XMP (DJI drones)."""
    from PIL import ExifTags, UnidentifiedImageError

    try:
        gps = image.getexif().get_ifd(ExifTags.IFD.GPSInfo)
        if gps.get(ExifTags.GPS.GPSLatitude) or gps.get(ExifTags.GPS.GPSLongitude):
            return "EXIF"
        for key in _XMP_KEYS:
            xmp = image.info.get(key)
            if isinstance(xmp, str):
                xmp = xmp.encode("utf-8", "replace")
            if xmp and XMP_GPS.search(xmp):
                return "XMP"
    except (OSError, UnidentifiedImageError, SyntaxError, ValueError):
        return None  # an unreadable file is the media-quality rule's finding, not a location
    return None


def _read(path: Path, size: int) -> ImageInfo:
    if path.suffix.lower() in (".jpg", ".jpeg"):
        try:
            quick = read_header(path, PIXEL_LIMIT)
        except OSError:
            quick = None
        if quick is not None:
            return ImageInfo("JPEG", quick[0], quick[1], size, location=quick[2])
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(path) as image:
            return ImageInfo(image.format, image.width, image.height, size,
                             bool(getattr(image, "is_animated", False)), location=opened_image_location(image))
    except (UnidentifiedImageError, OSError) as exc:
        return ImageInfo(None, 0, 0, size, error=type(exc).__name__)


def image_info(path: Path) -> ImageInfo:
    """Format, size and GPS location of a photo, from one opening (cached by path, modification time, size)."""
    stat = path.stat()
    key = (str(path), stat.st_mtime_ns, stat.st_size)
    found = _images.get(key)
    if found is None:
        found = _images[key] = _read(path, stat.st_size)
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
    from PIL import ExifTags, Image, UnidentifiedImageError

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
