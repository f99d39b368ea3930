"""FBS 8 (UU 27/2022): no GPS location in the metadata of photos and videos.

A phone photo or a drone shot usually records where it was taken; published as is, it
tells the world where a person lives or works. Looked at:

- photos: the EXIF GPS directory (JPEG, PNG, WebP) and XMP (drones keep a second copy there);
- videos (through ``ffprobe``): the container's location tags and telemetry tracks.

What counts as a location is decided in :mod:`sosmed.media.location`, which intake asks too.

Without ``ffprobe`` videos cannot be checked: one warning per run says so.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from sosmed.check.rule import RuleContext
from sosmed.media.location import image_location, video_location
from sosmed.media.probe import probe_video
from sosmed.media.tools import ffprobe_path
from sosmed.model.item import Item
from sosmed.problem import Problem

ID = "privacy-location"
FBS = 8
LEVEL = "error"
APPLIES_TO = ("post",)
OPTIONS: dict[str, type] = {}
DEFAULTS: dict[str, object] = {}
DOC = {
    "id": (
        "Privasi (FBS 8, UU 27/2022): foto dan video tidak boleh menyimpan lokasi GPS (EXIF, XMP drone, tag "
        "lokasi dan jalur telemetri video). Hapus metadata lokasi sebelum mengunggah. Video diperiksa dengan "
        "ffprobe; bila ffprobe tidak ada, satu peringatan memberi tahu bahwa video tidak diperiksa."
    ),
    "en": (
        "Privacy (FBS 8, Indonesian Law 27/2022): photos and videos must not carry GPS location (EXIF, drone XMP, "
        "video location tags and telemetry tracks). Strip location metadata before uploading. Videos are read "
        "with ffprobe; without it, one warning says videos were not checked."
    ),
}


def check(item: Item, ctx: RuleContext) -> Iterable[Problem]:
    """Report media files that carry a location."""
    return _report(item, ctx) if item.post.media else ()


def _report(item: Item, ctx: RuleContext) -> Iterator[Problem]:
    for index, media in enumerate(item.post.media):
        path = item.folder / media.file
        if media.kind == "image":
            where = image_location(path)
        else:
            if "ffprobe" not in ctx.cache:
                ctx.cache["ffprobe"] = ffprobe_path()
            ffprobe = ctx.cache["ffprobe"]
            if ffprobe is None:
                if not ctx.cache.get("warned"):
                    ctx.cache["warned"] = True
                    yield ctx.problem(item, "rules.privacy_location.ffprobe_missing", loc=("media", index, "file"),
                                      level="warning", file=media.file)
                continue
            where = video_location(probe_video(path, ffprobe)) if path.is_file() else None
        if where is not None:
            yield ctx.problem(item, "rules.privacy_location.message", loc=("media", index, "file"),
                              file=media.file, where=where)
