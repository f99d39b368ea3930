"""Instagram Graph API content publishing (reference §2): state in :mod:`.models`, HTTP in :mod:`.views`."""

from sosmed.sandbox.instagram.models import add_comment, new_id
from sosmed.sandbox.instagram.views import API

__all__ = ["API", "add_comment", "new_id"]
