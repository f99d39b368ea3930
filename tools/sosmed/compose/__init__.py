"""The exact text each platform would receive for a post (or a Q&A reply), and how it measures up.

One function decides what is posted, so the FBS report's preview, the platform-limit
rules and the publisher all see the same text. It is pure: it reads nothing from disk
and calls no network.

How the text is chosen (per platform, for a post):

- **Facebook**: ``facebook.message`` if given, else the title, a blank line and the body as
  plain text (the body is the article; Facebook has room for it).
- **Instagram**: ``instagram.caption`` if given, else the title, a blank line, the summary
  (or, without a summary, the body as plain text) and the post's tags as hashtags.
  Instagram captions are short and do not make links clickable, so the summary comes first.
- **X**: ``x.text`` if given (with ``x.thread`` as the replies that follow), else the title
  and, when it still fits, the summary. A default that would not fit is shortened with "…";
  a text the editor wrote is never shortened (it is reported instead).
- **YouTube**: the video's title is ``youtube.title`` or the post title; the description is
  ``youtube.description`` or the summary (else the body as plain text); the tags are
  ``youtube.tags`` or the post's tags. ``text`` is the description.

Every social post carries the archive URL (``sosmed.urls.item_url``): it is appended after
a blank line (X: after a space) unless the text already contains it. X counts it as 23.

Which photos and videos each platform receives is decided in one place too
(:mod:`sosmed.compose.media`).

Markdown is turned into plain text from the same parser the site renders with
(:mod:`sosmed.compose.markdown`): platforms show text, not Markdown.

Lengths follow each platform's own unit: X's weighted length (``sosmed.textlimits``),
characters for Facebook, Instagram and YouTube titles and tags, UTF-8 bytes for YouTube
descriptions (:mod:`sosmed.compose.measure`). Limits come from
:data:`sosmed.specs.TEXT_LIMITS` and can be overridden per call (the numbers
change over time; the platform-limit rules pass their configured options).
"""

from sosmed.compose.markdown import markdown_to_plain
from sosmed.compose.measure import Composed, x_length, youtube_tags_length
from sosmed.compose.media import MAX_IMAGES, Chosen, media_for
from sosmed.compose.posts import compose, compose_all, compose_reply

__all__ = ["MAX_IMAGES", "Chosen", "Composed", "compose", "compose_all", "compose_reply", "markdown_to_plain",
           "media_for", "x_length", "youtube_tags_length"]
