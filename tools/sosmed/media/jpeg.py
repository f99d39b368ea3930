"""A plain JPEG's header read without Pillow: pixel size and whether XMP holds a GPS position.

``sosmed check`` asks every photo of every post its size and its location; Pillow's opening
costs several times more than walking a JPEG's markers up to the scan. Anything unusual
(not a JPEG, a multi-picture file, a GPS directory in EXIF, odd markers, headers over 256 KiB)
makes :func:`read_header` return ``None`` and the caller asks Pillow.
"""

from __future__ import annotations

import re
from pathlib import Path

# What counts as a GPS position in XMP (DJI drones keep a second copy there).
XMP_GPS = re.compile(rb"(?i)gps ?(?:latitude|longitude|position)|drone-dji:(?:latitude|longitude)")

_SOF = frozenset({0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF})
_XMP_APP1 = b"http://ns.adobe.com/xap/1.0/\x00"
_FIRST_BYTES = 16 * 1024
_HEAD_BYTES = 256 * 1024


def _segment(data: bytes, pos: int, found: dict[str, object]) -> bool:
    """Record what the segment at ``pos`` says in ``found``; False when it is anything unusual."""
    marker = data[pos + 1]
    length = int.from_bytes(data[pos + 2:pos + 4], "big")
    segment = data[pos + 4:pos + 2 + length]
    if length < 2 or len(segment) != length - 2:
        return False
    if marker in _SOF:
        if "size" in found or len(segment) < 5:
            return False
        found["size"] = (int.from_bytes(segment[3:5], "big"), int.from_bytes(segment[1:3], "big"))
    elif marker == 0xE1 and segment.startswith(b"Exif\x00\x00"):
        if "exif" in found:
            return False
        found["exif"] = segment[6:]
    elif marker == 0xE1 and segment.startswith(_XMP_APP1):
        if "xmp" in found:
            return False
        found["xmp"] = segment[len(_XMP_APP1):]
    elif marker == 0xE2 and segment.startswith(b"MPF\x00"):
        return False  # a multi-picture file: Pillow reads it as MPO
    return True


def jpeg_segments(data: bytes) -> tuple[int, int, bytes | None, bytes | None] | None:
    """(width, height, EXIF, XMP) from a JPEG's markers up to the scan; None when anything is unusual."""
    if data[:2] != b"\xff\xd8":
        return None
    found: dict[str, object] = {}
    pos = 2
    while pos + 4 <= len(data):
        if data[pos] != 0xFF:
            return None
        marker = data[pos + 1]
        if marker == 0xFF:
            pos += 1
            continue
        if marker == 0xDA:  # start of scan: every header is behind us
            break
        if not _segment(data, pos, found):
            return None
        pos += 2 + int.from_bytes(data[pos + 2:pos + 4], "big")
    else:
        return None
    size = found.get("size")
    if not isinstance(size, tuple):
        return None
    exif, xmp = found.get("exif"), found.get("xmp")
    return (size[0], size[1], exif if isinstance(exif, bytes) else None, xmp if isinstance(xmp, bytes) else None)


def has_gps_directory(exif: bytes) -> bool | None:
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
    gps = (0x8825).to_bytes(2, order)  # type: ignore[arg-type]
    return any(exif[offset + 2 + 12 * i:offset + 4 + 12 * i] == gps for i in range(count))


def read_header(path: Path, max_pixels: int) -> tuple[int, int, str | None] | None:
    """(width, height, location) of a plain JPEG, or None to let Pillow read it.

    Pillow is left every file that is not a plain JPEG, holds a GPS directory (Pillow decides
    what its coordinates amount to), has more than ``max_pixels`` (Pillow's decompression-bomb
    limit), or has anything unusual in its markers.
    """
    with open(path, "rb") as fh:
        head = fh.read(_FIRST_BYTES)
        found = jpeg_segments(head)
        if found is None and len(head) == _FIRST_BYTES:  # headers longer than the first read
            found = jpeg_segments(head + fh.read(_HEAD_BYTES - _FIRST_BYTES))
    if found is None:
        return None
    width, height, exif, xmp = found
    if not width or not height or width * height > max_pixels:
        return None
    if exif is not None and has_gps_directory(exif) is not False:
        return None
    return width, height, "XMP" if xmp and XMP_GPS.search(xmp) else None
