"""YouTube Data API v3 (reference §4): state in :mod:`.models`, HTTP in :mod:`.views`."""

from sosmed.sandbox.youtube.models import add_comment, new_video_id
from sosmed.sandbox.youtube.views import API

__all__ = ["API", "add_comment", "new_video_id"]
