"""The photos a platform receives, in order, each shown from where the forge serves it.

Instagram shows a photo as sent only within 4:5 to 1.91:1. The bundle's file is what the
publisher uploads (``sosmed media prepare`` fits it in place before the pull request), so a
file that fits is shown as the Instagram version itself; one that does not is shown as it is,
with the padding or crop prepare will apply and the ratio that results
(:func:`sosmed.media.fit.instagram_fit`, the geometry prepare uses). In a carousel Instagram
crops every photo to the first one's ratio, which is said where it changes a photo.
"""

from __future__ import annotations

from collections.abc import Sequence

from sosmed.check.mockup.html import code, image, inline, number
from sosmed.check.mockup.view import View
from sosmed.compose import MAX_IMAGES, Chosen
from sosmed.i18n import t
from sosmed.media.fit import DEFAULT_MODE, IG_MAX, IG_MIN, fits_instagram, instagram_fit
from sosmed.media.images import ImageInfo, image_info
from sosmed.model.item import Item
from sosmed.model.post import Media
from sosmed.specs import label

CAROUSEL_SLACK = 0.01  # ratios this close look the same in a carousel


def _fit_mode(view: View) -> str:
    return "crop" if view.config.media.get("instagram_fit", DEFAULT_MODE) == "crop" else "pad"


def caption(media: Media, info: ImageInfo | None, view: View) -> tuple[str, str]:
    """(``foto.jpg`` · 1600×1200 · Kredit: … · Sumber: …, ``Teks alternatif: …``)."""
    shown, lang = view.shown, view.lang
    parts = [code(shown(media.file))]
    if info is not None and not info.error:
        parts.append(f"{info.width}×{info.height}")
    for key, value in (("credit", media.credit), ("source", media.source), ("licence", media.licence),
                       ("permission", media.permission)):
        if value:
            parts.append(f"{t(f'mockup.media.{key}', lang)}: {inline(shown(value))}")
    alt = inline(shown(media.alt)) if media.alt else t("mockup.media.no_alt", lang)
    return " · ".join(parts), f"{t('mockup.media.alt', lang)}: {alt}"


def _shown_image(item: Item, media: Media, view: View) -> str:
    url = view.image_url(item, media.file)
    return "" if url is None else "<br>" + image(url, view.shown(media.alt or media.file))


def instagram_notes(info: ImageInfo, first: float | None, view: View) -> tuple[list[str], float | None]:
    """What Instagram does with one photo, and the ratio it will have (None when unreadable)."""
    lang = view.lang
    if info.error or not info.height:
        return [t("mockup.instagram.unreadable", lang)], None
    if fits_instagram(info.width, info.height):
        ratio = info.ratio
        notes = [t("mockup.instagram.as_is", lang, ratio=number(ratio, lang), low=number(IG_MIN, lang),
                   high=number(IG_MAX, lang))]
    else:
        fit = instagram_fit(info.width, info.height, _fit_mode(view))
        ratio = fit.ratio
        notes = [t(f"mockup.instagram.{fit.mode}", lang, ratio=number(info.ratio, lang), low=number(IG_MIN, lang),
                   high=number(IG_MAX, lang), width=fit.size[0], height=fit.size[1], new=number(fit.ratio, lang))]
    if info.format != "JPEG":
        notes.append(t("mockup.instagram.jpeg", lang, format=info.format or "?"))
    if first is not None and abs(ratio - first) > CAROUSEL_SLACK:
        notes.append(t("mockup.instagram.carousel", lang, ratio=number(first, lang)))
    return notes, ratio


def photo_list(item: Item, sent: Sequence[Media], platform: str, view: View) -> list[str]:
    """The photos as a numbered list, in the order the platform shows them."""
    out: list[str] = []
    first: float | None = None
    for n, media in enumerate(sent, 1):
        path = item.folder / media.file
        info = image_info(path) if path.is_file() else None
        notes: list[str] = []
        if platform == "instagram" and info is not None:
            notes, ratio = instagram_notes(info, first, view)
            first = ratio if n == 1 else first
        line, alt = caption(media, info, view)
        shown = f"{n}. {line}{_shown_image(item, media, view)}<br>{alt}"
        out.append(shown + "".join(f"<br>{note}" for note in notes))
    return out


def left_out(chosen: Chosen, platform: str, view: View) -> list[str]:
    """A line naming the listed files the platform does not receive, and its rule."""
    missing = [m for m in chosen.left_out if platform != "youtube" or m.kind == "video"]
    if not missing:
        return []
    files = ", ".join(code(view.shown(m.file)) for m in missing)
    key = "mockup.left_out.youtube" if platform == "youtube" else "mockup.left_out.post"
    return [t(key, view.lang, platform=label(platform), files=files, limit=MAX_IMAGES.get(platform, 0)), ""]
