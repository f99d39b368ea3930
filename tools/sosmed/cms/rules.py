"""What ``sosmed check`` rejects that the editor can refuse itself, from the instance's rule settings.

Only rules at level ``error`` (the ones that fail a pull request) tighten fields, and only
where Decap can say it: a required field or a length. Everything else (sources for
informational strategies, licences of outside material, spelling, …) is reported on the
pull request by the review workflow, as for a file written by hand.
"""

from __future__ import annotations

from typing import Any

from sosmed.check.settings import resolve
from sosmed.config.schema import Config

# rule id → (kind, field path, what it asks: "required", or a length bound named by a rule option)
RULE_FIELDS: dict[str, tuple[tuple[str, str, str, str | None], ...]] = {
    "body-empty": (("post", "body", "required", None),),
    "alt-text": (("post", "media.alt", "required", None), ("post", "media.alt", "min", "min_chars")),
    "media-credit": (("post", "media.credit", "required", None), ("post", "media.source", "required", None)),
    "facebook-limits": (("post", "facebook.message", "max", "max_chars"),),
    "instagram-limits": (("post", "instagram.caption", "max", "max_chars"),),
    "youtube-limits": (("post", "youtube.title", "max", "max_title_chars"),),
}


def field_rules(config: Config, kind: str) -> dict[str, dict[str, Any]]:
    """``{path: {"required": True, "min": n, "max": n, "rules": [ids]}}`` for the fields of ``kind``."""
    settings = resolve(config)
    out: dict[str, dict[str, Any]] = {}
    for rule_id, asks in RULE_FIELDS.items():
        rule = settings.rules[rule_id]
        if rule.level != "error":
            continue
        for rule_kind, path, what, option in asks:
            if rule_kind != kind:
                continue
            entry = out.setdefault(path, {"rules": []})
            entry[what] = True if option is None else rule.options[option]
            if rule_id not in entry["rules"]:
                entry["rules"].append(rule_id)
    return out
