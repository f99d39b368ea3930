"""Facebook Graph API for one Page (reference §1): state in :mod:`.models`, HTTP in :mod:`.views`."""

from sosmed.sandbox.facebook.models import add_comment
from sosmed.sandbox.facebook.views import API

__all__ = ["API", "add_comment"]
