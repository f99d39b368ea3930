"""Which of a post's photos and videos each platform receives, in order.

One answer for the publisher's messages and the PR report's mock-ups, so the Kepala sees the
photos that will be sent and no others. YouTube takes the post's one video (``youtube.video``
when several are listed); Facebook, Instagram and X take the photos in front-matter order up
to their limit, or the first video when the post has no photo.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePosixPath

from sosmed.model.post import Media, Post

# X takes 4 photos per post; an Instagram carousel and a Facebook multi-photo post 10.
MAX_IMAGES = {"x": 4, "instagram": 10, "facebook": 10}


@dataclass(frozen=True)
class Chosen:
    """What one platform receives (``sent``, in order) and which listed files it does not (``left_out``)."""

    sent: tuple[Media, ...]
    left_out: tuple[Media, ...]

    @property
    def kind(self) -> str | None:
        """``image``, ``video`` or None when nothing is sent."""
        return self.sent[0].kind if self.sent else None


def _same(a: str, b: str) -> bool:
    return PurePosixPath(a) == PurePosixPath(b)


def media_for(post: Post, platform: str) -> Chosen:
    """The media ``platform`` receives for ``post`` (``facebook``, ``instagram``, ``x`` or ``youtube``)."""
    images = [m for m in post.media if m.kind == "image"]
    videos = [m for m in post.media if m.kind == "video"]
    if platform == "youtube":
        wanted = post.youtube.video if post.youtube and post.youtube.video else None
        chosen = [v for v in videos if wanted is None or _same(v.file, wanted)][:1]
    elif videos and not images:
        chosen = videos[:1]
    else:
        chosen = images[: MAX_IMAGES.get(platform, 10)]
    return Chosen(tuple(chosen), tuple(m for m in post.media if not any(m is c for c in chosen)))
