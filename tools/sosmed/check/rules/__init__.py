"""The explicit registry of check rules. A rule exists only when it is listed here."""

from __future__ import annotations

from types import ModuleType

from sosmed.check.rules import (
    account_secrets,
    alt_text,
    body_empty,
    capitals,
    facebook_limits,
    image_quality,
    instagram_limits,
    large_media_lfs,
    link_domains,
    media_credit,
    offensive_terms,
    political_terms,
    privacy_address,
    privacy_email,
    privacy_location,
    privacy_nik,
    privacy_nip,
    privacy_phone,
    privacy_plate,
    punctuation,
    qna_triage,
    qna_unanswered,
    reply_limits,
    rupiah_format,
    sources_cited,
    spelling,
    template_text,
    time_format,
    unsafe_markup,
    video_quality,
    x_limits,
    youtube_limits,
)
from sosmed.errors import SosmedError

_MODULES: tuple[ModuleType, ...] = (
    account_secrets,
    alt_text,
    body_empty,
    capitals,
    facebook_limits,
    image_quality,
    instagram_limits,
    large_media_lfs,
    link_domains,
    media_credit,
    offensive_terms,
    political_terms,
    privacy_address,
    privacy_email,
    privacy_location,
    privacy_nik,
    privacy_nip,
    privacy_phone,
    privacy_plate,
    punctuation,
    qna_triage,
    qna_unanswered,
    reply_limits,
    rupiah_format,
    sources_cited,
    spelling,
    template_text,
    time_format,
    unsafe_markup,
    video_quality,
    x_limits,
    youtube_limits,
)

RULES: dict[str, ModuleType] = {module.ID: module for module in _MODULES}


def get(rule_id: str) -> ModuleType:
    """The rule module with this id; fails loudly for an unknown id."""
    try:
        return RULES[rule_id]
    except KeyError:
        raise SosmedError("check.unknown_rule", rule=rule_id, known=", ".join(sorted(RULES))) from None


def all_rules() -> list[ModuleType]:
    """Every registered rule, in id order."""
    return [RULES[key] for key in sorted(RULES)]
