"""A post: a bundle folder ``content/YYYY/MM/<date>-<slug>/index.md`` with its media beside it."""

from __future__ import annotations

import os
from pathlib import PurePosixPath
from stat import S_ISREG
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, ValidationInfo, WithJsonSchema, field_validator, model_validator
from pydantic_core import PydanticCustomError

from sosmed.model.common import AwareDatetime, NonEmpty, Strict
from sosmed.model.fields import (
    IMAGE_SUFFIXES,
    STRATEGIES,
    STRATEGY_ALIASES,
    VIDEO_SUFFIXES,
    Platform,
    Strategy,
)


def _strategy_alias(value: Any) -> Any:
    if isinstance(value, str):
        return STRATEGY_ALIASES.get(value.strip().lower(), value.strip().lower())
    return value


def _string_or_mapping(field: str) -> Any:
    def convert(value: Any) -> Any:
        return {field: value} if isinstance(value, str) else value

    return convert


def _as_list(value: Any) -> Any:
    return [value] if isinstance(value, str) else value


def bundle_file(value: str, info: ValidationInfo, suffixes: tuple[str, ...]) -> str:
    """A file named in front matter: inside the post's own folder, of an allowed kind, present.

    Whatever a post names is published under the Kepala's sign-off, which covers exactly the
    post's folder: an absolute path, a ``..`` or a drive letter could upload any other file.
    """
    pure = PurePosixPath(value.replace("\\", "/"))
    if pure.is_absolute() or ".." in pure.parts or ":" in pure.parts[0] or str(pure) in ("", "."):
        raise PydanticCustomError("post.media_outside", "outside", {"value": value})
    if pure.suffix.lower() not in suffixes:
        raise PydanticCustomError("post.media_kind", "kind", {"value": value})
    bundle = (info.context or {}).get("bundle")
    if bundle is not None:
        # One lstat: a symbolic link (to anything) or a missing file is refused alike.
        try:
            mode = os.lstat(os.path.join(bundle, pure)).st_mode
        except (OSError, ValueError):
            mode = 0
        if not S_ISREG(mode):
            raise PydanticCustomError("post.media_missing", "missing", {"value": value})
    return str(pure)


class Media(Strict):
    """A photo or video in the bundle, with what FBS 1 and accessibility need."""

    file: NonEmpty
    alt: str | None = None
    credit: str | None = None
    source: str | None = None
    licence: str | None = Field(default=None, alias="license")
    permission: str | None = None
    caption: str | None = None
    captured_at: AwareDatetime | None = None

    @field_validator("file")
    @classmethod
    def _inside_bundle(cls, value: str, info: ValidationInfo) -> str:
        return bundle_file(value, info, IMAGE_SUFFIXES + VIDEO_SUFFIXES)

    @property
    def kind(self) -> Literal["image", "video"]:
        # Asked by every media rule for every file: a string test, no path object (the validator
        # has already required one of the known suffixes).
        return "video" if self.file.lower().endswith(VIDEO_SUFFIXES) else "image"


class Source(Strict):
    """Where the information comes from (FBS 1)."""

    title: NonEmpty
    url: str | None = None
    note: str | None = None


class Credits(Strict):
    """Who made the content (the guideline's roles)."""

    author: Annotated[list[NonEmpty], BeforeValidator(_as_list)] = Field(default_factory=list)
    camera: Annotated[list[NonEmpty], BeforeValidator(_as_list)] = Field(default_factory=list)
    drone: Annotated[list[NonEmpty], BeforeValidator(_as_list)] = Field(default_factory=list)
    editor: Annotated[list[NonEmpty], BeforeValidator(_as_list)] = Field(default_factory=list)
    contributor: Annotated[list[NonEmpty], BeforeValidator(_as_list)] = Field(default_factory=list)


class FacebookOverride(Strict):
    message: str | None = None
    link: str | None = None


class InstagramOverride(Strict):
    caption: str | None = None


class XOverride(Strict):
    text: str | None = None
    thread: list[NonEmpty] = Field(default_factory=list)


class YouTubeOverride(Strict):
    title: str | None = None
    description: str | None = None
    privacy: Literal["public", "unlisted", "private"] = "public"
    tags: list[NonEmpty] = Field(default_factory=list)
    thumbnail: str | None = None
    video: str | None = None

    @field_validator("thumbnail")
    @classmethod
    def _thumbnail_in_bundle(cls, value: str | None, info: ValidationInfo) -> str | None:
        return None if value is None else bundle_file(value, info, IMAGE_SUFFIXES)

    @field_validator("video")
    @classmethod
    def _video_in_bundle(cls, value: str | None, info: ValidationInfo) -> str | None:
        return None if value is None else bundle_file(value, info, VIDEO_SUFFIXES)


class Correction(Strict):
    """A ralat: what was corrected and when; shown on the site."""

    date: AwareDatetime
    text: NonEmpty


class Retraction(Strict):
    """Why and when a post was taken down."""

    date: AwareDatetime
    reason: NonEmpty


class Suppression(Strict):
    """A reasoned exception to one FBS rule, visible to the reviewer."""

    rule: NonEmpty
    reason: str = Field(default="", validate_default=True)

    @field_validator("reason")
    @classmethod
    def _reason(cls, value: str) -> str:
        if not value.strip():
            raise PydanticCustomError("post.suppression_reason", "no reason", {})
        return value.strip()


class Post(Strict):
    """The front matter of a post, validated; the body is kept beside it on :class:`Item`."""

    title: Annotated[str, Field(min_length=1, max_length=200)]
    date: AwareDatetime
    platforms: Annotated[list[Platform], BeforeValidator(_as_list)] = Field(min_length=1)
    # The guideline's Indonesian names are as valid as the English keys (editors' schema lists both).
    strategy: Annotated[Strategy, BeforeValidator(_strategy_alias),
                        WithJsonSchema({"type": "string", "enum": [*STRATEGIES, *STRATEGY_ALIASES]})]
    bidang: NonEmpty
    tags: list[NonEmpty] = Field(default_factory=list)
    summary: str | None = None
    link: str | None = None
    media: list[Media] = Field(default_factory=list)
    sources: list[Annotated[Source, BeforeValidator(_string_or_mapping("title"))]] = Field(default_factory=list)
    credits: Credits = Field(default_factory=Credits)
    facebook: FacebookOverride | None = None
    instagram: InstagramOverride | None = None
    x: XOverride | None = None
    youtube: YouTubeOverride | None = None
    status: Literal["active", "retracted"] = "active"
    retraction: Retraction | None = None
    not_after: AwareDatetime | None = None
    corrections: list[Correction] = Field(default_factory=list)
    republish: bool = False
    fbs_ignore: list[Suppression] = Field(default_factory=list)

    @field_validator("platforms")
    @classmethod
    def _website_implied(cls, value: list[str]) -> list[str]:
        ordered = ["website"] + [p for p in ("facebook", "instagram", "x", "youtube") if p in value]
        return ordered

    @field_validator("bidang")
    @classmethod
    def _known_bidang(cls, value: str, info: ValidationInfo) -> str:
        divisions = (info.context or {}).get("divisions")
        if divisions is not None and value not in divisions:
            raise PydanticCustomError(
                "model.bidang_unknown", "unknown", {"value": value, "expected": ", ".join(sorted(divisions))}
            )
        return value

    @model_validator(mode="after")
    def _consistency(self) -> Post:
        if self.status == "retracted" and self.retraction is None:
            raise PydanticCustomError("post.retraction_missing", "missing", {})
        if self.not_after is not None and self.not_after <= self.date:
            raise PydanticCustomError("post.not_after_before_date", "order", {})
        return self

    @property
    def social_platforms(self) -> list[str]:
        return [p for p in self.platforms if p != "website"]

    def images(self) -> list[Media]:
        return [m for m in self.media if m.kind == "image"]

    def videos(self) -> list[Media]:
        return [m for m in self.media if m.kind == "video"]
