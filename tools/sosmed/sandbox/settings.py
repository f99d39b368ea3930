"""The sandbox's numeric limits: the reference's values by default, all of them changeable.

The reference asks for configurable limits because several changed over time
(Instagram publish quota 25 → 50 → 100, YouTube upload quota 1,600 units → a
separate bucket, X video 512 MB → 8 GB).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any

KIB = 1024
MIB = 1024 * KIB
GIB = 1024 * MIB


@dataclass
class SandboxSettings:
    """Every limit the sandbox enforces, and the delays it simulates."""

    # Facebook (§1)
    graph_default_version: str = "v26.0"
    fb_schedule_min_seconds: int = 10 * 60
    fb_schedule_max_seconds: int = 30 * 86400
    fb_attached_media_max: int = 10
    fb_video_chunk_bytes: int = 1 * MIB
    fb_app_calls_per_hour: int = 200
    fb_page_calls_per_day: int = 4800
    # Instagram (§2)
    ig_processing_seconds: float = 1.0
    ig_container_ttl_seconds: int = 86400
    ig_quota_total: int = 50
    ig_quota_duration: int = 86400
    ig_containers_per_day: int = 400
    ig_caption_max: int = 2200
    ig_hashtags_max: int = 30
    ig_mentions_max: int = 20
    ig_carousel_min: int = 2
    ig_carousel_max: int = 10
    ig_image_max_bytes: int = 8 * MIB
    ig_reel_max_bytes: int = 300 * MIB
    ig_fetch_timeout: float = 10.0
    # X (§3)
    x_image_max_bytes: int = 5 * MIB
    x_gif_max_bytes: int = 15 * MIB
    x_video_max_bytes: int = 8 * GIB
    x_total_bytes_max: int = 16 * GIB
    x_segment_index_max: int = 999
    x_processing_seconds: float = 1.0
    x_media_expires_seconds: int = 86400
    x_rate_window_seconds: int = 15 * 60
    x_rate_limits: dict[str, int] = field(default_factory=lambda: {
        "tweets_create": 100,
        "tweets_delete": 50,
        "mentions": 300,
        "media_upload": 500,
        "media_status": 1000,
        "media_chunked": 1875,
        "users_me": 75,
        "tweets_read": 900,
        "tweets_lookup": 900,
    })
    x_app_tweets_per_day: int = 10000
    # YouTube (§4)
    yt_token_lifetime_seconds: int = 3600
    yt_session_lifetime_seconds: int = 7 * 86400
    yt_quota_model: str = "buckets"  # "buckets" (current doc) or "units" (older doc: insert = 1600 units)
    yt_daily_units: int = 10000
    yt_daily_inserts: int = 100
    yt_insert_units: int = 1600
    yt_chunk_granularity: int = 256 * KIB
    yt_thumbnail_max_bytes: int = 2 * MIB
    yt_channel_verified: bool = True
    yt_unverified_project: bool = False
    # Insights (§1.7; metric names change between Graph versions, so they are settings)
    insights_delay_seconds: int = 3600  # Facebook and Instagram answer no numbers for a younger post
    fb_insights_metrics: list[str] = field(default_factory=lambda: [
        "post_media_view", "post_total_media_view_unique", "post_reactions_by_type_total", "post_clicks",
        "post_clicks_by_type", "post_video_views"])  # 2025 retired post_impressions*: they answer #100
    fb_page_followers: int = 12480
    fb_insights_min_followers: int = 100
    ig_media_metrics: list[str] = field(default_factory=lambda: [
        "reach", "views", "likes", "comments", "saved", "shares", "total_interactions", "follows",
        "profile_visits"])  # impressions (v22) and plays (2025) are retired
    ig_reel_metrics: list[str] = field(default_factory=lambda: [
        "reach", "views", "likes", "comments", "saved", "shares", "total_interactions",
        "ig_reels_avg_watch_time", "ig_reels_video_view_total_time"])
    ig_business_since: float = 0.0  # media created before this moment (epoch) has no insights
    x_monthly_post_reads: int = 15000  # posts a project may read per month (the usage cap)
    yt_hidden_statistics: list[str] = field(default_factory=list)  # e.g. likeCount (hidden), commentCount (off)

    def update(self, values: dict[str, Any]) -> list[str]:
        """Change the named settings; return the names that do not exist."""
        known = {f.name: f for f in fields(self)}
        unknown = [name for name in values if name not in known]
        for name, value in values.items():
            if name in known:
                current = getattr(self, name)
                if isinstance(current, bool):
                    value = bool(value)
                elif isinstance(current, int):
                    value = int(value)
                elif isinstance(current, float):
                    value = float(value)
                setattr(self, name, value)
        return unknown

    def as_dict(self) -> dict[str, Any]:
        """All settings as plain JSON-able values."""
        return asdict(self)
