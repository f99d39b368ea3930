"""Vocabularies of the guideline: platforms, the six strategies, statuses."""

from __future__ import annotations

from typing import Literal

PLATFORMS = ("website", "facebook", "instagram", "x", "youtube")
SOCIAL_PLATFORMS = ("facebook", "instagram", "x", "youtube")
Platform = Literal["website", "facebook", "instagram", "x", "youtube"]

# The guideline's six purposes of a post (BAB III C), English names canonical.
STRATEGIES = ("listening", "talking", "transparency", "energizing", "supporting", "embracing")
Strategy = Literal["listening", "talking", "transparency", "energizing", "supporting", "embracing"]
STRATEGY_ALIASES = {
    "menyimak": "listening",
    "berbicara": "talking",
    "transparansi": "transparency",
    "menyemangati": "energizing",
    "mendukung": "supporting",
    "merangkul": "embracing",
}

# Where a citizen's question came from: a platform comment, or outside the platforms.
QUESTION_SOURCES = ("facebook", "instagram", "x", "youtube", "whatsapp", "phone", "email", "in_person", "other")
QuestionSource = Literal["facebook", "instagram", "x", "youtube", "whatsapp", "phone", "email", "in_person", "other"]

IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp", ".gif")
VIDEO_SUFFIXES = (".mp4", ".mov", ".m4v", ".webm")
