"""FBS 7 (kualitas foto): each image must be readable and meet every target platform's requirements.

Per platform (reference ``platform-apis.md``): Instagram takes JPEG only, 8 MB, aspect 4:5
to 1.91:1, width 320–1440 (outside that range it rescales: a warning); X takes JPEG, PNG,
GIF and WebP up to 5 MB (animated GIF 15 MB); Facebook takes JPEG, PNG, GIF, BMP and TIFF
and recommends photos under 4 MB and PNGs under 1 MB (warnings). For every social
platform a photo whose short side is under ``min_short_side`` pixels looks poor (a warning).

Hard limits (the platform would refuse the file) take the rule's level; recommendations
are warnings.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from sosmed.check.rule import RuleContext
from sosmed.i18n import Number
from sosmed.media.images import image_info
from sosmed.model.item import Item
from sosmed.problem import Problem
from sosmed.specs import SPECS, ImageSpec

ID = "image-quality"
FBS = 7
LEVEL = "error"
APPLIES_TO = ("post",)
OPTIONS: dict[str, type] = {"min_short_side": int, "instagram_max_mb": int, "x_max_mb": int,
                            "facebook_recommended_mb": int}
_IMAGES: dict[str, ImageSpec] = {p: s.image for p, s in SPECS.items() if s.image is not None}
DEFAULTS = {"min_short_side": 600, "instagram_max_mb": _IMAGES["instagram"].max_mb,
            "x_max_mb": _IMAGES["x"].max_mb, "facebook_recommended_mb": _IMAGES["facebook"].recommended_mb}
DOC = {
    "id": "FBS 7 (kualitas foto): foto harus terbaca dan memenuhi syarat tiap platform tujuan — Instagram hanya "
          "JPEG, maks. 8 MB, rasio 4:5 sampai 1,91:1; X maks. 5 MB (GIF bergerak 15 MB); Facebook JPEG/PNG/GIF/"
          "BMP/TIFF, disarankan di bawah 4 MB (PNG 1 MB); sisi pendek minimal 600 piksel agar tidak buram.",
    "en": "FBS 7 (photo quality): images must be readable and meet each target platform's requirements — "
          "Instagram JPEG only, max 8 MB, aspect 4:5 to 1.91:1; X max 5 MB (animated GIF 15 MB); Facebook "
          "JPEG/PNG/GIF/BMP/TIFF, recommended under 4 MB (PNG 1 MB); short side at least 600 pixels.",
}

MB = 1024 * 1024


def _mb(size: int) -> Number:
    return Number(size / MB)


def check(item: Item, ctx: RuleContext) -> Iterable[Problem]:
    """Report unreadable images and every platform requirement an image misses."""
    post = item.post
    if post.status == "retracted" or not post.media:
        return ()
    return _report(item, ctx)


def _report(item: Item, ctx: RuleContext) -> Iterator[Problem]:
    post = item.post
    options = ctx.options
    targets = [p for p in post.social_platforms if p in _IMAGES]
    for index, media in enumerate(post.media):
        if media.kind != "image":
            continue
        path = item.folder / media.file
        if not path.is_file():
            continue  # the model already reports a missing file
        info = image_info(path)
        loc = ("media", index, "file")
        if info.error:
            yield ctx.problem(item, "rules.image_quality.unreadable", loc=loc, file=media.file)
            continue
        base: dict[str, Any] = {"file": media.file, "format": info.format or "?", "width": info.width, "height": info.height}
        if targets and min(info.width, info.height) < options["min_short_side"]:
            yield ctx.problem(item, "rules.image_quality.small", loc=loc, level="warning",
                              min=options["min_short_side"], **base)
        for platform in targets:
            name, spec = SPECS[platform].label, _IMAGES[platform]
            if info.format not in spec.formats:
                yield ctx.problem(item, "rules.image_quality.format", loc=loc, platform=name,
                                  allowed=", ".join(sorted(spec.formats)), **base)
            if platform == "instagram":
                if info.bytes > options["instagram_max_mb"] * MB:
                    yield ctx.problem(item, "rules.image_quality.too_large", loc=loc, platform=name,
                                      size=_mb(info.bytes), limit=options["instagram_max_mb"], **base)
                low, high = spec.ratio or (0.0, float("inf"))
                if not low - 1e-3 <= info.ratio <= high + 1e-3:
                    yield ctx.problem(item, "rules.image_quality.instagram_ratio", loc=loc, platform=name,
                                      ratio=Number(info.ratio, 2), **base)
                narrowest, widest = spec.width or (0, info.width)
                if not narrowest <= info.width <= widest:
                    yield ctx.problem(item, "rules.image_quality.instagram_width", loc=loc, level="warning",
                                      platform=name, **base)
            elif platform == "x":
                limit = (spec.animated_gif_max_mb if info.format == "GIF" and info.animated else None) or options["x_max_mb"]
                if info.bytes > limit * MB:
                    yield ctx.problem(item, "rules.image_quality.too_large", loc=loc, platform=name,
                                      size=_mb(info.bytes), limit=limit, **base)
            elif platform == "facebook":
                limit = (spec.png_recommended_mb if info.format == "PNG" else None) or options["facebook_recommended_mb"]
                if info.bytes > limit * MB:
                    yield ctx.problem(item, "rules.image_quality.facebook_size", loc=loc, level="warning",
                                      platform=name, size=_mb(info.bytes), limit=limit, **base)
