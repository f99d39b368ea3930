"""Text limits of the platforms that count characters in their own way (X's weighted length)."""

from sosmed.textlimits.xweight import (
    CONFIG_V2,
    CONFIG_V3,
    TextConfig,
    TweetCount,
    is_valid_tweet,
    parse_tweet,
    weighted_length,
)

__all__ = [
    "CONFIG_V2",
    "CONFIG_V3",
    "TextConfig",
    "TweetCount",
    "is_valid_tweet",
    "parse_tweet",
    "weighted_length",
]
