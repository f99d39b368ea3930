"""A post's video as the reviewer needs it: length and size from the one probe, a still, and YouTube's settings.

The duration comes from :func:`sosmed.media.probe.probe_video` (the same ffprobe run the video
rule reads). The still shown is what YouTube receives as thumbnail (``youtube.thumbnail``); without
one, the frame ``sosmed media prepare`` saved under ``thumbs/`` when the bundle has it, marked as a
frame the platform may not choose; otherwise the report says there is none.
"""

from __future__ import annotations

from pathlib import PurePosixPath

from sosmed.check.mockup.facts import field
from sosmed.check.mockup.html import code, duration, image, inline
from sosmed.check.mockup.view import View
from sosmed.i18n import t
from sosmed.media.probe import probe_video
from sosmed.media.tools import ffprobe_path
from sosmed.model.item import Item
from sosmed.model.post import Media

THUMBS = "thumbs"  # where prepare saves a frame of each video, inside the bundle


def facts(item: Item, media: Media, view: View) -> str:
    """``mengenal.mp4`` (linked) · duration 1:05 · 1280×720, or why the length is unknown."""
    path, lang = item.folder / media.file, view.lang
    name = code(view.shown(media.file))
    url = view.image_url(item, media.file)
    shown = f"[{name}](<{url}>)" if url else name
    probe = ffprobe_path()
    if probe is None:
        return f"{shown} · {t('mockup.video.no_ffprobe', lang)}"
    info = probe_video(path, probe)
    if info.error:
        return f"{shown} · {t('mockup.video.unreadable', lang)}"
    return f"{shown} · {t('mockup.video.duration', lang, duration=duration(info.duration))} · {info.width}×{info.height}"


def still(item: Item, media: Media, view: View, thumbnail: str | None = None) -> str:
    """The image a viewer sees before playing: the given thumbnail, else prepare's frame, else a note."""
    lang = view.lang
    if thumbnail is not None:
        url = view.image_url(item, thumbnail)
        note = t("mockup.video.thumbnail", lang, file=code(view.shown(thumbnail)))
    else:
        frame = f"{THUMBS}/{PurePosixPath(media.file).stem}.jpg"
        if not (item.folder / frame).is_file():
            return t("mockup.video.no_still", lang)
        url = view.image_url(item, frame)
        note = t("mockup.video.frame", lang, file=code(view.shown(frame)))
    return (image(url, view.shown(media.alt or media.file)) + "<br>" if url else "") + note


def video_item(item: Item, media: Media, view: View) -> list[str]:
    """A video sent to Facebook, Instagram or X: its still, facts and alternative text."""
    alt = inline(view.shown(media.alt)) if media.alt else t("mockup.media.no_alt", view.lang)
    return [f"1. 🎬 {facts(item, media, view)}<br>{still(item, media, view)}<br>"
            f"{t('mockup.media.alt', view.lang)}: {alt}"]


def youtube_fields(item: Item, media: Media | None, title: str, tags: tuple[str, ...], view: View) -> list[str]:
    """YouTube's title, privacy, video, thumbnail and tags."""
    lang, post = view.lang, item.post
    privacy = post.youtube.privacy if post.youtube else "public"
    out = [field(t("mockup.youtube.title", lang), inline(view.shown(title))),
           field(t("mockup.youtube.privacy", lang), t(f"mockup.privacy.{privacy}", lang))]
    if media is None:
        return out + [field(t("mockup.youtube.video", lang), t("mockup.youtube.no_video", lang))]
    thumbnail = post.youtube.thumbnail if post.youtube else None
    out += [field(t("mockup.youtube.video", lang), facts(item, media, view)),
            field(t("mockup.youtube.still", lang), still(item, media, view, thumbnail))]
    if tags:
        out.append(field(t("mockup.youtube.tags", lang), inline(view.shown(", ".join(tags)))))
    return out
