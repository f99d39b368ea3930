"""Shaping one photo for the platforms: Instagram's aspect by padding or cropping, width, encoding.

The picture is never stretched: it is padded with bars (``pad``) or cropped around its
centre (``crop``), and scaled the same factor both ways.
"""

from __future__ import annotations

import io

from PIL import Image

from sosmed.media.fit import IG_MAX, IG_MIN, instagram_fit

__all__ = ["IG_MAX", "IG_MIN", "encode", "encode_within", "fit_ratio", "flatten", "scale_to_width"]


def fit_ratio(image: Image.Image, mode: str, colour: tuple[int, ...]) -> Image.Image:
    """The picture inside Instagram's 4:5–1.91:1 by padding or centred cropping (never stretched);
    the geometry is :func:`sosmed.media.fit.instagram_fit`, which the PR report states too."""
    fit = instagram_fit(image.width, image.height, mode)
    if fit.mode == "none":
        return image
    if fit.mode == "crop":
        return image.crop(fit.box)
    canvas = Image.new(image.mode, fit.size, colour if image.mode != "L" else colour[0])
    canvas.paste(image, fit.box[:2])
    return canvas


def scale_to_width(image: Image.Image, width: int) -> Image.Image:
    """The picture no wider than ``width`` (same factor both ways)."""
    if image.width <= width:
        return image
    height = max(1, round(image.height * width / image.width))
    return image.resize((width, height), Image.Resampling.LANCZOS)


def encode(image: Image.Image, fmt: str, quality: int) -> bytes:
    """The picture's bytes in ``fmt`` (JPEG progressive and optimised at ``quality``)."""
    buffer = io.BytesIO()
    options: dict[str, object] = {}
    if fmt == "JPEG":
        options = {"quality": quality, "optimize": True, "progressive": True}
    elif fmt == "WEBP":
        options = {"quality": quality}
    elif fmt == "PNG":
        options = {"optimize": True}
    image.save(buffer, fmt, **options)
    return buffer.getvalue()


def flatten(image: Image.Image, colour: tuple[int, ...]) -> Image.Image:
    """The picture without transparency, on ``colour``."""
    if image.mode in ("RGB", "L"):
        return image
    rgba = image.convert("RGBA")
    background = Image.new("RGB", rgba.size, colour[:3])
    background.paste(rgba, mask=rgba.getchannel("A"))
    return background




def encode_within(image: Image.Image, fmt: str, quality: int, limit: int | None,
                  colour: tuple[int, ...]) -> tuple[bytes, str]:
    """Encode under ``limit`` bytes: JPEG first, then lower quality down to 60, then a smaller picture.

    Returns the bytes and the format they are in.
    """
    data = encode(image, fmt, quality)
    while limit is not None and len(data) > limit:
        if fmt != "JPEG":
            fmt = "JPEG"
            image = flatten(image, colour)
        elif quality > 60:
            quality -= 10
        else:
            image = scale_to_width(image, max(64, int(image.width * 0.85)))
        data = encode(image, fmt, quality)
    return data, fmt
