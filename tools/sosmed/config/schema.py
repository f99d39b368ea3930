"""Typed schema of ``sosmed.yml``: the organisation, its people, accounts and policies."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Annotated, Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PrivateAttr,
    StringConstraints,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from sosmed.nip import format_nip, nip_is_plausible, normalise_nip

Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=40)]
NonEmpty = Annotated[str, StringConstraints(min_length=1, strip_whitespace=True)]
ROLES = ("admin", "camera", "drone", "video_editor", "contributor")
Role = Literal["admin", "camera", "drone", "video_editor", "contributor"]
ApproverKind = Literal["kepala", "bidang_head"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


def _check_nip(value: object) -> str:
    if not isinstance(value, str):
        raise PydanticCustomError("config.nip_invalid", "invalid NIP", {"value": value})
    digits = normalise_nip(value)
    if digits is None or not nip_is_plausible(digits):
        raise PydanticCustomError("config.nip_invalid", "invalid NIP", {"value": value})
    return format_nip(digits)


def _check_phone(value: object) -> str:
    import phonenumbers

    text = str(value) if isinstance(value, int) else value
    if not isinstance(text, str):
        raise PydanticCustomError("config.public_phone_invalid", "invalid phone", {"value": value})
    try:
        number = phonenumbers.parse(text, "ID")
    except phonenumbers.NumberParseException:
        number = None
    if number is None or not phonenumbers.is_valid_number(number):
        raise PydanticCustomError("config.public_phone_invalid", "invalid phone", {"value": value})
    return text


PublicPhone = Annotated[str, BeforeValidator(_check_phone)]
def _check_email(value: object) -> str:
    if not isinstance(value, str) or not _EMAIL.fullmatch(value.strip()):
        raise PydanticCustomError("config.public_email_invalid", "invalid e-mail", {"value": value})
    return value.strip()


_EMAIL = re.compile(r"[A-Za-z0-9][A-Za-z0-9._%+-]*@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
PublicEmail = Annotated[str, BeforeValidator(_check_email)]


class PublicContacts(_Strict):
    """The office's own published contacts: never masked, never reported as personal data."""

    phones: list[PublicPhone] = Field(default_factory=list)
    whatsapp: list[PublicPhone] = Field(default_factory=list)
    emails: list[PublicEmail] = Field(default_factory=list)
    addresses: list[NonEmpty] = Field(default_factory=list)
    handles: list[Annotated[str, StringConstraints(pattern=r"^@?[A-Za-z0-9_.]{1,30}$")]] = Field(
        default_factory=list)


class Organisation(_Strict):
    """Who publishes: the agency."""

    name: NonEmpty
    short_name: NonEmpty
    city: NonEmpty = "Kupang"
    timezone: str = "Asia/Makassar"
    locale: Literal["id", "en"] = "id"
    site_url: Annotated[str, StringConstraints(pattern=r"^https?://\S+$")]
    email_domains: list[str] = Field(default_factory=list)
    public_contacts: PublicContacts = Field(default_factory=PublicContacts)

    @field_validator("timezone")
    @classmethod
    def _zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise PydanticCustomError("config.timezone_unknown", "unknown zone", {"value": value}) from None
        return value


class Person(_Strict):
    """A named official with a NIP and the forge accounts that act for them."""

    name: NonEmpty
    nip: str
    title: str | None = None
    forge_users: list[NonEmpty] = Field(default_factory=list)

    @field_validator("nip", mode="before")
    @classmethod
    def _nip(cls, value: object) -> str:
        # An unquoted NIP is read by YAML as an integer.
        return _check_nip(str(value) if isinstance(value, int) else value)


class Deputy(Person):
    """Acting head (Plt./Plh.) for a date range: may sign off in the Kepala's place then."""

    kind: Literal["plt", "plh"] = "plh"
    start: date = Field(alias="from")
    end: date = Field(alias="until")

    @model_validator(mode="after")
    def _range(self) -> Deputy:
        if self.end < self.start:
            raise PydanticCustomError("config.deputy_range", "bad range", {"start": self.start, "end": self.end})
        return self


class Kepala(Person):
    """The head of the agency, whose approval is the sign-off."""

    deputies: list[Deputy] = Field(default_factory=list)


class Division(_Strict):
    """A bidang: Q&A forms live under ``qna/<slug>/`` and need its head's approval."""

    slug: Slug
    name: NonEmpty
    head: Person
    members: list[NonEmpty] = Field(default_factory=list)
    keywords: list[NonEmpty] = Field(default_factory=list)
    example: bool = False


class TeamMember(_Strict):
    """Someone of the social-media team and what they do."""

    name: NonEmpty
    roles: list[Role] = Field(min_length=1)
    forge_users: list[NonEmpty] = Field(default_factory=list)


class FacebookAccount(_Strict):
    page_id: NonEmpty
    name: NonEmpty
    url: str


class InstagramAccount(_Strict):
    user_id: NonEmpty
    username: NonEmpty
    url: str


class XAccount(_Strict):
    username: NonEmpty
    user_id: NonEmpty
    url: str


class YouTubeAccount(_Strict):
    channel_id: NonEmpty
    name: NonEmpty
    url: str


class Accounts(_Strict):
    """The agency's four accounts (the website is ``organisation.site_url``)."""

    facebook: FacebookAccount | None = None
    instagram: InstagramAccount | None = None
    x: XAccount | None = None
    youtube: YouTubeAccount | None = None


def _kepala() -> list[ApproverKind]:
    return ["kepala"]


def _division_and_kepala() -> list[ApproverKind]:
    return ["bidang_head", "kepala"]


class Approval(_Strict):
    """Who must approve each kind of file."""

    posts: list[ApproverKind] = Field(default_factory=_kepala, min_length=1)
    qna: list[ApproverKind] = Field(default_factory=_division_and_kepala, min_length=1)
    recaps: list[ApproverKind] = Field(default_factory=_kepala, min_length=1)


class Publish(_Strict):
    """Where publishing goes and how the ledger is kept."""

    target: Literal["sandbox", "live"] = "sandbox"
    ledger_branch: NonEmpty = "sosmed-ledger"
    archive_link: dict[str, bool] = Field(default_factory=dict)


class CmsSettings(_Strict):
    """The web editor (Decap CMS at the site's ``/admin/``): the repository it writes to and the login.

    ``repo`` falls back to ``GITHUB_REPOSITORY``; ``base_url`` is the OAuth proxy (GitHub) or
    the Forgejo server; ``app_id`` the client id of Forgejo's OAuth2 application (public, not a secret).
    """

    repo: Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$")] | None = None
    branch: NonEmpty = "main"
    base_url: Annotated[str, StringConstraints(pattern=r"^https?://\S+$")] | None = None
    auth_endpoint: NonEmpty | None = None
    app_id: NonEmpty | None = None


class Limits(_Strict):
    """Safety limits for reading files."""

    max_file_bytes: int = Field(default=1_048_576, gt=0)
    max_qna_bytes: int = Field(default=1_048_576, gt=0)
    max_yaml_nodes: int = Field(default=20_000, gt=0)


class Config(_Strict):
    """The whole of ``sosmed.yml``."""

    organisation: Organisation
    kepala: Kepala
    divisions: list[Division] = Field(min_length=1)
    team: list[TeamMember] = Field(default_factory=list)
    accounts: Accounts = Field(default_factory=Accounts)
    approval: Approval = Field(default_factory=Approval)
    publish: Publish = Field(default_factory=Publish)
    forge: Literal["github", "forgejo"] = "github"
    limits: Limits = Field(default_factory=Limits)
    cms: CmsSettings = Field(default_factory=CmsSettings)
    qna: dict[str, Any] = Field(default_factory=dict[str, Any])
    check: dict[str, Any] = Field(default_factory=dict[str, Any])
    media: dict[str, Any] = Field(default_factory=dict[str, Any])

    _root: Path | None = PrivateAttr(default=None)
    _source: str = PrivateAttr(default="sosmed.yml")
    _node: Any = PrivateAttr(default=None)

    @property
    def root(self) -> Path:
        """The instance folder: where ``sosmed.yml`` lives (current folder when parsed from text)."""
        return self._root or Path.cwd()

    def position(self, *loc: str | int) -> tuple[int, int]:
        """(line, column) in sosmed.yml of a key path, for problems found after loading."""
        from sosmed.yamlsafe import position

        return position(self._node, loc)

    @property
    def source(self) -> str:
        return self._source

    @model_validator(mode="after")
    def _unique_divisions(self) -> Config:
        seen: set[str] = set()
        for division in self.divisions:
            if division.slug in seen:
                raise PydanticCustomError("config.division_duplicate", "dup", {"value": division.slug})
            seen.add(division.slug)
        return self

    def division(self, slug: str) -> Division | None:
        """The division with this slug, if configured."""
        return next((d for d in self.divisions if d.slug == slug), None)

    @property
    def division_slugs(self) -> list[str]:
        return [d.slug for d in self.divisions]

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.organisation.timezone)
