"""What ffprobe would say of a plain MP4/MOV file, read in this process from its ``moov`` box.

``sosmed check`` asks two questions of every video (quality and location) and ffprobe costs a
process start each time: 10,000 posts with a few hundred videos spent minutes there. Most
videos are the plain kind phones, cameras and editors write: an ISO base media file (MP4,
MOV) with one video and at most one audio track. For those this module reads the boxes that
hold the answers (``mvhd``, ``tkhd``, ``mdhd``, ``hdlr``, ``stsd``, ``stts``, ``udta``, ``meta``)
and answers as ffprobe does: codec names as ffmpeg names them, the frame size of the sample
entry, the frame rate of a constant-rate track, the movie's duration, and the location tags.

Anything it does not fully understand makes :func:`read` return ``None`` and the caller asks
ffprobe: another container, fragmented files, a third track of any kind (timecode,
telemetry such as GoPro ``gpmd`` or DJI ``djmd``, subtitles, still-image metadata), a codec or
a user-data box it does not know, a variable frame rate, a ``moov`` larger than 16 MiB.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from datetime import UTC, datetime
from fractions import Fraction
from pathlib import Path

# ffmpeg's name for its MOV/MP4 demuxer, as ffprobe prints it in ``format_name``.
FORMAT_NAME = "mov,mp4,m4a,3gp,3g2,mj2"
MAX_MOOV = 16 * 1024 * 1024
_TOP_LEVEL = {b"ftyp", b"moov", b"mdat", b"free", b"skip", b"wide", b"uuid", b"pdin"}
_VIDEO = {b"avc1": "h264", b"avc3": "h264", b"hvc1": "hevc", b"hev1": "hevc", b"av01": "av1", b"vp09": "vp9"}
_AUDIO = {b"Opus": "opus", b"ac-3": "ac3", b"ec-3": "eac3", b"fLaC": "flac", b"alac": "alac"}
# MPEG-4 objectTypeIndication of an ``mp4a`` entry: AAC (MPEG-4 and the three MPEG-2 profiles), MP3.
_MP4A = {0x40: "aac", 0x66: "aac", 0x67: "aac", 0x68: "aac", 0x69: "mp3", 0x6B: "mp3"}
_SOUND_VERSION_SIZE = {0: 28, 1: 44, 2: 64}
# QuickTime's and 3GPP's location boxes; ffprobe prints both as the tag "location".
_LOCATION = {b"\xa9xyz", b"loci"}
# User-data boxes that hold text tags ffprobe reports under other names, or nothing at all.
_PLAIN_UDTA = {b"\xa9too", b"\xa9nam", b"\xa9cmt", b"\xa9day", b"\xa9ART", b"\xa9alb", b"\xa9enc", b"\xa9swr",
               b"\xa9des", b"\xa9inf", b"\xa9fmt", b"\xa9mak", b"\xa9mod", b"name", b"hnti", b"meta"}


@dataclass(frozen=True)
class Mp4Info:
    """The ffprobe figures check, intake and prepare use, plus where a location tag sits (or None)."""

    format_name: str
    duration: float
    video_codec: str
    audio_codec: str | None
    width: int
    height: int
    fps: float
    location: str | None
    creation_time: str | None = None  # the movie header's time, formatted as ffprobe prints the tag
    video_tag: str = ""  # the sample entries' four-character codes (ffprobe's codec_tag_string)
    audio_tag: str = ""
    rate: str = ""  # the frame rate as a reduced fraction, ffprobe's r_frame_rate


class _Unknown(Exception):
    """Something this reader does not understand: ffprobe must answer."""


def _boxes(data: bytes, start: int = 0, end: int | None = None) -> list[tuple[bytes, int, int]]:
    """The boxes in ``data[start:end]`` as (type, payload start, payload end)."""
    end = len(data) if end is None else end
    found = []
    offset = start
    while offset + 8 <= end:
        size, kind = struct.unpack_from(">I4s", data, offset)
        header = 8
        if size == 1:
            if offset + 16 > end:
                raise _Unknown
            size = struct.unpack_from(">Q", data, offset + 8)[0]
            header = 16
        elif size == 0:
            size = end - offset
        if size < header or offset + size > end:
            raise _Unknown
        found.append((kind, offset + header, offset + size))
        offset += size
    return found


def _child(data: bytes, start: int, end: int, kind: bytes) -> tuple[int, int]:
    for found, a, b in _boxes(data, start, end):
        if found == kind:
            return a, b
    raise _Unknown


def _moov(path: Path) -> bytes:
    """The ``moov`` box's bytes, found by walking the top-level boxes (``mdat`` is skipped, not read).

    The top-level boxes must tile the file exactly: a truncated or padded file goes to ffprobe.
    """
    moov = None
    with open(path, "rb") as fh:
        offset, total = 0, fh.seek(0, 2)
        while offset + 8 <= total:
            fh.seek(offset)
            head = fh.read(16)
            size, kind = struct.unpack_from(">I4s", head)
            header = 8
            if size == 1:
                size, header = struct.unpack_from(">Q", head, 8)[0], 16
            elif size == 0:
                size = total - offset
            if (offset == 0) != (kind == b"ftyp") or kind not in _TOP_LEVEL or size < header:
                raise _Unknown  # moof (fragments), meta at the top, anything unexpected
            if kind == b"moov":
                if moov is not None or size > MAX_MOOV:
                    raise _Unknown
                moov = fh.read(size - header) if header == 16 else head[8:] + fh.read(size - 16)
            offset += size
    if moov is None or offset != total:
        raise _Unknown
    return moov


def _full_box_version(data: bytes, start: int) -> int:
    return data[start]


def _mvhd_duration(moov: bytes) -> float:
    a, _ = _child(moov, 0, len(moov), b"mvhd")
    if _full_box_version(moov, a) == 1:
        scale, duration = struct.unpack_from(">IQ", moov, a + 20)
    else:
        scale, duration = struct.unpack_from(">II", moov, a + 12)
    if not scale or not duration:
        raise _Unknown
    return duration / scale


_SECONDS_1904_TO_1970 = 2082844800


def _mvhd_creation_time(moov: bytes) -> str | None:
    """The ``creation_time`` tag ffmpeg makes of the movie header: none for 0, seconds since 1904 or 1970."""
    a, _ = _child(moov, 0, len(moov), b"mvhd")
    seconds = struct.unpack_from(">Q" if _full_box_version(moov, a) == 1 else ">I", moov, a + 4)[0]
    if not seconds:
        return None
    if seconds >= _SECONDS_1904_TO_1970:
        seconds -= _SECONDS_1904_TO_1970
    try:
        moment = datetime.fromtimestamp(seconds, UTC)
    except (OverflowError, OSError, ValueError):
        raise _Unknown from None
    return moment.strftime("%Y-%m-%dT%H:%M:%S.000000Z")


def _descriptor(data: bytes, offset: int) -> tuple[int, int, int]:
    """(tag, payload start, payload length) of an MPEG-4 descriptor."""
    tag = data[offset]
    length, offset = 0, offset + 1
    for _ in range(4):
        byte = data[offset]
        offset += 1
        length = (length << 7) | (byte & 0x7F)
        if not byte & 0x80:
            break
    return tag, offset, length


def _mp4a_codec(data: bytes, start: int, end: int) -> str:
    # AudioSampleEntry: 8 bytes of SampleEntry, then a version; QuickTime's versions 1 and 2 add fields.
    version = struct.unpack_from(">H", data, start + 8)[0]
    if version not in _SOUND_VERSION_SIZE:
        raise _Unknown
    children = {kind: (a, b) for kind, a, b in _boxes(data, start + _SOUND_VERSION_SIZE[version], end)}
    if b"wave" in children:  # QuickTime keeps the MPEG-4 descriptor inside a "wave" box
        children = {kind: (a, b) for kind, a, b in _boxes(data, *children[b"wave"])}
    if b"esds" not in children:
        raise _Unknown
    a, _ = children[b"esds"]
    tag, pos, _ = _descriptor(data, a + 4)
    if tag != 0x03:
        raise _Unknown
    flags = data[pos + 2]
    pos += 3 + (2 if flags & 0x80 else 0)
    if flags & 0x40:
        pos += 1 + data[pos]
    pos += 2 if flags & 0x20 else 0
    tag, pos, _ = _descriptor(data, pos)
    if tag != 0x04 or data[pos] not in _MP4A:
        raise _Unknown
    return _MP4A[data[pos]]


def _sample_entry(data: bytes, stbl: tuple[int, int]) -> tuple[bytes, int, int]:
    a, b = _child(data, *stbl, b"stsd")
    if struct.unpack_from(">I", data, a + 4)[0] != 1:
        raise _Unknown  # several sample descriptions: let ffprobe decide which one it reports
    [(kind, start, end)] = _boxes(data, a + 8, b)
    return kind, start, end


def _fps(data: bytes, stbl: tuple[int, int], scale: int) -> Fraction:
    a, _ = _child(data, *stbl, b"stts")
    if struct.unpack_from(">I", data, a + 4)[0] != 1:
        raise _Unknown  # a variable frame rate: ffprobe estimates it from the timestamps
    _count, delta = struct.unpack_from(">II", data, a + 8)
    if not delta:
        raise _Unknown
    return Fraction(scale, delta)


@dataclass(frozen=True)
class _Track:
    kind: str  # "video" or "audio"
    codec: str
    tag: str
    width: int = 0
    height: int = 0
    fps: Fraction = Fraction(0)


def _track(moov: bytes, start: int, end: int) -> _Track:
    """("video"|"audio", figures) of one ``trak``."""
    mdia = _child(moov, start, end, b"mdia")
    mdhd, _ = _child(moov, *mdia, b"mdhd")
    scale = struct.unpack_from(">I", moov, mdhd + (20 if _full_box_version(moov, mdhd) == 1 else 12))[0]
    hdlr, _ = _child(moov, *mdia, b"hdlr")
    handler = moov[hdlr + 8:hdlr + 12]
    stbl = _child(moov, *_child(moov, *mdia, b"minf"), b"stbl")
    kind, a, b = _sample_entry(moov, stbl)
    tag = kind.decode("latin-1")
    if handler == b"vide" and kind in _VIDEO:
        width, height = struct.unpack_from(">HH", moov, a + 24)
        return _Track("video", _VIDEO[kind], tag, width, height, _fps(moov, stbl, scale))
    if handler == b"soun":
        if kind == b"mp4a":
            return _Track("audio", _mp4a_codec(moov, a, b), tag)
        if kind in _AUDIO:
            return _Track("audio", _AUDIO[kind], tag)
    raise _Unknown


def _meta_location(moov: bytes, start: int, end: int) -> str | None:
    """A location tag in a ``meta`` box: named by its ``keys`` (QuickTime ``mdta``) or an ``ilst`` item."""
    # A QuickTime meta box has no version field before its children; an ISO one has.
    inner = start if moov[start + 4:start + 8] == b"hdlr" else start + 4
    a, _ = _child(moov, inner, end, b"hdlr")
    handler = moov[a + 8:a + 12]
    if handler == b"mdta":
        a, b = _child(moov, inner, end, b"keys")
        count, pos = struct.unpack_from(">I", moov, a + 4)[0], a + 8
        for _ in range(count):
            size = struct.unpack_from(">I", moov, pos)[0]
            if size < 8 or pos + size > b:
                raise _Unknown
            name = moov[pos + 8:pos + size].decode("utf-8", "replace")
            if "location" in name.lower() or "gps" in name.lower():
                return name
            pos += size
        return None
    if handler != b"mdir":
        raise _Unknown
    for item, _, _ in _boxes(moov, *_child(moov, inner, end, b"ilst")):
        if item in _LOCATION:
            return "location"
        if item not in _PLAIN_UDTA:
            raise _Unknown
    return None


def _loci_name(moov: bytes, start: int) -> str:
    """ffprobe names a 3GPP location by its language first: ``location-eng``."""
    packed = struct.unpack_from(">H", moov, start + 4)[0]
    if packed < 0x400:  # a Macintosh language code, as ffmpeg reads it; 0 is English
        if packed:
            raise _Unknown
        return "location-eng"
    lang = "".join(chr(((packed >> shift) & 0x1F) + 0x60) for shift in (10, 5, 0))
    return f"location-{lang}" if lang.isalpha() and lang.islower() else "location"


def _location(moov: bytes, boxes: list[tuple[bytes, int, int]]) -> str | None:
    """The name under which ffprobe would print a location tag, or None; unknown user data raises."""
    for kind, a, b in boxes:
        if kind == b"udta":
            for tag, c, d in _boxes(moov, a, b):
                if tag == b"loci":
                    return _loci_name(moov, c)
                if tag in _LOCATION:
                    return "location"
                if tag not in _PLAIN_UDTA:
                    raise _Unknown
                if tag == b"meta" and (found := _meta_location(moov, c, d)) is not None:
                    return found
        elif kind == b"meta" and (found := _meta_location(moov, a, b)) is not None:
            return found
    return None


def _parse(moov: bytes) -> Mp4Info:
    boxes = _boxes(moov)
    tracks = [_track(moov, a, b) for kind, a, b in boxes if kind == b"trak"]
    if any(kind == b"mvex" for kind, _, _ in boxes):
        raise _Unknown  # fragmented
    videos = [track for track in tracks if track.kind == "video"]
    audios = [track for track in tracks if track.kind == "audio"]
    if len(videos) != 1 or len(audios) > 1:
        raise _Unknown
    video, audio = videos[0], (audios[0] if audios else None)
    return Mp4Info(FORMAT_NAME, _mvhd_duration(moov), video.codec, audio.codec if audio else None,
                   video.width, video.height, float(video.fps), _location(moov, boxes), _mvhd_creation_time(moov),
                   video.tag, audio.tag if audio else "", f"{video.fps.numerator}/{video.fps.denominator}")


_cache: dict[tuple[str, int, int], Mp4Info | None] = {}


def read(path: Path) -> Mp4Info | None:
    """The figures of a plain MP4/MOV video, or None when ffprobe must be asked (cached per file version)."""
    try:
        stat = path.stat()
    except OSError:
        return None
    key = (str(path), stat.st_mtime_ns, stat.st_size)
    if key in _cache:
        return _cache[key]
    try:
        found: Mp4Info | None = _parse(_moov(path))
    except (_Unknown, OSError, struct.error, IndexError, ValueError):
        found = None
    _cache[key] = found
    return found
