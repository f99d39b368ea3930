"""One table of platform specifications: the rules' defaults, default.yml and every label follow it."""

from __future__ import annotations

import ast
from pathlib import Path

import yaml

from sosmed.check.rules import RULES
from sosmed.specs import SPECS, TEXT_LIMITS, label, long_label

PACKAGE = Path(__file__).resolve().parents[1] / "tools" / "sosmed"
DEFAULTS_YML = yaml.safe_load((PACKAGE / "check" / "default.yml").read_text(encoding="utf-8"))["rules"]

# rule → option → the number of the table it must equal
EXPECTED = {
    "facebook-limits": {"max_chars": TEXT_LIMITS["facebook_chars"]},
    "instagram-limits": {"max_chars": TEXT_LIMITS["instagram_chars"], "max_hashtags": TEXT_LIMITS["instagram_hashtags"],
                         "max_mentions": TEXT_LIMITS["instagram_mentions"]},
    "x-limits": {"max_weighted": TEXT_LIMITS["x_weighted"]},
    "youtube-limits": {"max_title_chars": TEXT_LIMITS["youtube_title_chars"],
                       "max_description_bytes": TEXT_LIMITS["youtube_description_bytes"],
                       "max_tags_chars": TEXT_LIMITS["youtube_tags_chars"]},
    "reply-limits": {"x_weighted": TEXT_LIMITS["x_weighted"], "facebook_chars": TEXT_LIMITS["facebook_comment_chars"],
                     "instagram_chars": TEXT_LIMITS["instagram_comment_chars"],
                     "youtube_chars": TEXT_LIMITS["youtube_comment_chars"]},
    "image-quality": {"instagram_max_mb": SPECS["instagram"].image.max_mb,  # type: ignore[union-attr]
                      "x_max_mb": SPECS["x"].image.max_mb,  # type: ignore[union-attr]
                      "facebook_recommended_mb": SPECS["facebook"].image.recommended_mb},  # type: ignore[union-attr]
    "video-quality": {"instagram_max_seconds": 900, "instagram_max_mb": SPECS["instagram"].video.max_mb,  # type: ignore[union-attr]
                      "x_max_seconds": 1200, "x_max_mb": SPECS["x"].video.max_mb,  # type: ignore[union-attr]
                      "youtube_max_gb": SPECS["youtube"].video.max_mb // 1024},  # type: ignore[union-attr,operator]
}


def test_rule_defaults_and_default_yml_are_the_table() -> None:
    for rule, options in EXPECTED.items():
        for option, number in options.items():
            assert RULES[rule].DEFAULTS[option] == number, (rule, option)
            assert DEFAULTS_YML[rule][option] == number, (rule, option)
    assert SPECS["instagram"].video.seconds[1] == 900 and SPECS["x"].video.seconds[1] == 1200  # type: ignore[union-attr,index]


def test_labels() -> None:
    assert [label(p) for p in SPECS] == ["Facebook", "Instagram", "X", "YouTube"]
    assert long_label("x") == "X (Twitter)" and label("whatsapp") == "whatsapp"


def test_no_module_spells_a_platform_name_of_its_own() -> None:
    """A display name written as a string literal outside the table would drift from it."""
    names = {spec.label for spec in SPECS.values()} | {spec.long_label for spec in SPECS.values()}
    found = []
    for path in PACKAGE.rglob("*.py"):
        if path.name == "specs.py" or "sandbox" in path.parts:  # the sandbox imitates the platforms themselves
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and node.value in names - {"X"}:
                found.append(f"{path.relative_to(PACKAGE)}:{node.lineno}: {node.value!r}")
    assert found == []
