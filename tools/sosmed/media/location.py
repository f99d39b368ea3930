"""Whether a photo or a video tells where it was taken (FBS 8, UU 27/2022).

- photos: the EXIF GPS directory (JPEG, PNG, WebP) and XMP — DJI drones keep a second copy
  there (``drone-dji:GpsLatitude``), so stripping EXIF alone is not enough;
- videos (from the one probe): the container's location tags (``location``,
  ``com.apple.quicktime.location.ISO6709``) and telemetry tracks (GoPro ``gpmd``, drone
  metadata streams).

The ``privacy-location`` rule and intake ask the same functions, so what ``sosmed check``
calls a location is what intake removes and then proves gone.
"""

from __future__ import annotations

import re
from pathlib import Path

from sosmed.media.images import image_info
from sosmed.media.probe import VideoInfo

_TELEMETRY = re.compile(r"(?i)gps|gpmd|telemetry|djmd|dji|camm")


def image_location(path: Path) -> str | None:
    """Where a photo keeps a GPS position (``"EXIF"``, ``"XMP"``), or None.

    Read with the photo's size in one opening (:func:`sosmed.media.images.image_info`), so the
    image rules and this one share it.
    """
    try:
        return image_info(path).location
    except (OSError, SyntaxError, ValueError):
        return None  # an unreadable file is the media-quality rule's finding, not a location


def video_location(info: VideoInfo) -> str | None:
    """The name of the tag or track holding a location in a probed video, or None."""
    for key in info.format_tags:
        lowered = key.lower()
        if lowered.startswith("location") or lowered.endswith(".location.iso6709") or "gps" in lowered:
            return key
    for stream in info.streams:
        if stream.codec_type in ("data", "subtitle"):
            handler = " ".join([stream.codec_tag, *stream.tags.values()])
            if _TELEMETRY.search(handler):
                return f"{stream.codec_type}:{stream.codec_tag}"
    return None
