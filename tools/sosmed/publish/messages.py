"""Turn a planned action into the platform-neutral message an adapter takes."""

from __future__ import annotations

import hashlib
import mimetypes
import re

from sosmed.compose import compose, compose_reply, media_for
from sosmed.config.schema import Config
from sosmed.platforms.base import MediaFile, Message
from sosmed.publish.plan import Action
from sosmed.urls import item_url, media_url

_URL = re.compile(r"https?://\S+")
_SPACE = re.compile(r"\s+")


def _media(config: Config, action: Action) -> tuple[MediaFile, ...]:
    """The files the platform receives (:func:`sosmed.compose.media_for`: the same the PR report shows)."""
    item = action.item
    return tuple(
        MediaFile(path=item.folder / media.file, kind=media.kind,
                  mime=mimetypes.guess_type(media.file)[0] or ("video/mp4" if media.kind == "video" else "image/jpeg"),
                  public_url=media_url(config, item, media.file), alt=media.alt)
        for media in media_for(item.post, action.platform).sent)


def build_message(config: Config, action: Action) -> Message:
    """The message for ``action`` (a post on a platform, or a reply to a citizen's comment)."""
    if action.op == "reply":
        assert action.question is not None
        composed = compose_reply(action.item, action.question - 1, config)
        return Message(text=composed.text, reply_to=action.target)
    composed = compose(action.item, action.platform, config)
    post = action.item.post
    thumbnail = None
    if action.platform == "youtube" and post.youtube and post.youtube.thumbnail:
        thumbnail = action.item.folder / post.youtube.thumbnail
    return Message(
        text=composed.text,
        link=item_url(config, action.item),
        media=_media(config, action),
        title=composed.title,
        tags=composed.tags,
        privacy=post.youtube.privacy if post.youtube else None,
        thread=composed.thread,
        thumbnail=thumbnail,
    )


def text_fingerprint(text: str) -> str:
    """A digest of a text that survives what platforms do to it (link shortening, spacing)."""
    normal = _SPACE.sub(" ", _URL.sub("", text)).strip().lower()
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()[:32]
