"""X API v2 (reference §3): state in :mod:`.models`, HTTP in :mod:`.views`."""

from sosmed.sandbox.x.models import add_mention
from sosmed.sandbox.x.views import API

__all__ = ["API", "add_mention"]
