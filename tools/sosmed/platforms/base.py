"""The platform-neutral types and the interface every platform adapter implements.

Adapters know nothing of Markdown files or the content model: the publisher turns an
item into a :class:`Message`, an adapter turns it into HTTP calls and returns a
:class:`Receipt`.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from sosmed import clock
from sosmed.platforms.errors import QuotaError, UnsupportedOperation

if TYPE_CHECKING:
    from sosmed.platforms.metrics import PostMetrics, PostRef

MediaKind = Literal["image", "video"]


@dataclass(frozen=True)
class MediaFile:
    """One photo or video: where it is on disk and, for Instagram, where Meta can fetch it."""

    path: Path
    kind: MediaKind
    mime: str
    public_url: str | None = None
    alt: str | None = None


@dataclass(frozen=True)
class Message:
    """What to publish, independent of any platform."""

    text: str
    link: str | None = None
    media: tuple[MediaFile, ...] = ()
    reply_to: str | None = None
    schedule_at: datetime | None = None
    title: str | None = None
    tags: tuple[str, ...] = ()
    privacy: str | None = None
    thread: tuple[str, ...] = ()
    thumbnail: Path | None = None


@dataclass(frozen=True)
class Receipt:
    """What a platform answered when something was created: enough to find it again."""

    platform: str
    id: str
    url: str | None
    time: datetime
    raw: dict[str, Any] = field(default_factory=dict[str, Any])
    extra_ids: tuple[str, ...] = ()


@dataclass(frozen=True)
class Comment:
    """A citizen's comment or mention, as read back from a platform."""

    platform: str
    id: str
    text: str
    author: str | None
    author_id: str | None
    created_time: datetime
    post_id: str | None
    permalink: str | None
    parent_id: str | None


@dataclass(frozen=True)
class Quota:
    """How much of a platform's publishing allowance is used."""

    platform: str
    used: int
    limit: int
    resets_at: datetime | None


def utcnow() -> datetime:
    """The current time, timezone-aware (UTC)."""
    return clock.now(UTC)


def parse_time(value: Any) -> datetime:
    """Parse the timestamps the platforms return (ISO 8601 with ``Z``, ``+0000`` or epoch seconds)."""
    if value is None or value == "":
        return utcnow()
    if isinstance(value, int | float):
        return datetime.fromtimestamp(value, UTC)
    text = str(value).strip()
    if text.isdigit():
        return datetime.fromtimestamp(int(text), UTC)
    if text.endswith("Z"):
        text = text[:-1] + "+00:00"
    # Graph API writes offsets without a colon (+0000), which fromisoformat reads since 3.11.
    parsed = datetime.fromisoformat(text)
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


class PlatformAdapter(ABC):
    """One social-media platform behind one small interface.

    After a :class:`QuotaError` the adapter refuses further publishing without
    calling the platform again: a quota is spent for the rest of the run.
    """

    name: str = ""

    def __init__(self) -> None:
        self._quota_error: QuotaError | None = None

    # -- operations -------------------------------------------------------
    @abstractmethod
    def publish(self, message: Message) -> Receipt:
        """Create a post (or a thread, or a video) and return its receipt."""

    def update(self, post_id: str, message: Message) -> Receipt:
        """Change a published post; platforms that cannot raise :class:`UnsupportedOperation`."""
        raise UnsupportedOperation(platform=self.name, operation="update")

    def delete(self, post_id: str) -> None:
        """Remove a published post."""
        raise UnsupportedOperation(platform=self.name, operation="delete")

    @abstractmethod
    def reply(self, comment_id: str, text: str) -> Receipt:
        """Answer a citizen's comment (or mention) as the account."""

    @abstractmethod
    def comments(self, since: str | None) -> tuple[list[Comment], str | None]:
        """Comments/mentions newer than the cursor ``since``; returns them and the next cursor."""

    @abstractmethod
    def recent_posts(self, limit: int = 50, since: datetime | None = None) -> list[dict[str, Any]]:
        """The account's own latest posts (``id``, ``text``, ``created_time``, ``url``), newest first.

        At most ``limit`` of them, and none older than ``since``. Used to reconcile the
        ledger after a crash between a call and its recorded result, and to check, before
        publishing, that the account does not already show the post.
        """

    def own_replies(self, comment_id: str) -> list[Comment]:
        """The account's own replies to a comment (used to reconcile a reply whose answer was lost)."""
        raise UnsupportedOperation(platform=self.name, operation="read_replies")

    def post_exists(self, post_id: str) -> bool:
        """Whether a post still exists (used to reconcile a delete whose answer was lost)."""
        return any(str(p.get("id")) == post_id for p in self.recent_posts(100))

    def quota(self) -> Quota | None:
        """The publishing quota, where the platform exposes one."""
        return None

    def insights(self, posts: Sequence[PostRef]) -> list[PostMetrics]:
        """The numbers of the account's own ``posts`` (:mod:`sosmed.platforms.metrics`), one result per post.

        A number the platform does not give for a post is missing with its reason; only an
        authentication error (the platform as a whole cannot be read) is raised.
        """
        raise UnsupportedOperation(platform=self.name, operation="insights")

    # -- helpers shared by the adapters -------------------------------------
    def _guard_quota(self) -> None:
        if self._quota_error is not None:
            raise self._quota_error

    def _remember_quota(self, error: QuotaError) -> QuotaError:
        self._quota_error = error
        return error
