"""X weighted length against twitter-text's own conformance cases (read at test time, never copied)."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
import yaml

from sosmed.textlimits import CONFIG_V2, CONFIG_V3, TextConfig, is_valid_tweet, parse_tweet, weighted_length
from sosmed.textlimits.xweight import find_urls

CONFORMANCE = Path(__file__).resolve().parents[2].parent / "shared" / "conformance" / "twitter-text"

# twitter-text runs WeightedTweetsCounterTest with its v2 config (no emoji parsing); the other
# two sections with v3. The cases themselves prove it: a family emoji counts 11 in the first.
SECTIONS = {
    "WeightedTweetsCounterTest": CONFIG_V2,
    "WeightedTweetsWithDiscountedEmojiCounterTest": CONFIG_V3,
    "UnicodeDirectionalMarkerCounterTest": CONFIG_V3,
}


def _cases() -> list:
    path = CONFORMANCE / "validate.yml"
    if not path.is_file():
        return [pytest.param(None, None, None, marks=pytest.mark.skip(reason=f"{path} is absent"))]
    tests = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)["tests"]
    return [
        pytest.param(section, config, case, id=f"{section}:{case['description']}")
        for section, config in SECTIONS.items()
        for case in tests[section]
    ]


@pytest.mark.parametrize(("section", "config", "case"), _cases())
def test_conformance(section: str, config: TextConfig, case: dict) -> None:
    result = parse_tweet(case["text"], config)
    expected = case["expected"]
    assert result.weighted_length == expected["weightedLength"]
    assert result.valid is expected["valid"]
    assert result.permillage == expected["permillage"]
    assert result.display_range_end == expected["displayRangeEnd"]
    assert result.valid_range_end == expected["validRangeEnd"]


def test_builtin_config_is_the_published_v3() -> None:
    path = CONFORMANCE / "config-v3.json"
    if not path.is_file():
        pytest.skip(f"{path} is absent")
    assert TextConfig.from_json(json.loads(path.read_text(encoding="utf-8"))) == CONFIG_V3


def test_conformance_sections_are_all_there() -> None:
    path = CONFORMANCE / "validate.yml"
    if not path.is_file():
        pytest.skip(f"{path} is absent")
    tests = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)["tests"]
    assert all(len(tests[name]) >= 2 for name in SECTIONS)


@pytest.mark.parametrize(
    ("text", "length"),
    [
        ("Selamat pagi Kupang", 19),
        ("Info lengkap: https://bkd.nttprov.go.id/berita/2020/05/sosialisasi-juknis-pppk", 37),
        ("lihat bkd.nttprov.go.id.", 30),  # the full stop ends the sentence, not the URL
        ("kirim ke budi@bkd.go.id", 23),  # an e-mail address is not a URL
        ("berkas juknis.pdf", 17),  # .pdf is no top-level domain
        ("kunjungi example.id", 19),  # a bare name.cc counts as text
        ("kunjungi example.id/juknis", 32),  # ...but with a path it is a URL
        ("❤️", 2),  # emoji with presentation selector = one emoji
        ("🇮🇩", 2),  # a flag is one emoji
        ("NTT 🙏🏽", 6),
        ("", 0),
    ],
)
def test_indonesian_examples(text: str, length: int) -> None:
    assert weighted_length(text) == length


def test_limit_edges() -> None:
    assert is_valid_tweet("a" * 280)
    assert not is_valid_tweet("a" * 281)
    assert not is_valid_tweet("")
    assert not is_valid_tweet("halo\ufffe")
    # 23 for a URL whatever its length: 257 + 23 = 280
    assert is_valid_tweet("a" * 256 + " https://bkd.nttprov.go.id/" + "x" * 500)


def test_emoji_off_counts_code_points() -> None:
    family = "👨\u200d👩\u200d👧"
    assert weighted_length(family, CONFIG_V3) == 2
    assert weighted_length(family, CONFIG_V2) == 8


def test_find_urls_spans() -> None:
    text = "A (https://x.com/a_(b)). B http://example.com，teks"
    spans = [text[a:b] for a, b in find_urls(text)]
    assert spans == ["https://x.com/a_(b)", "http://example.com"]


def _walked(config: TextConfig) -> TextConfig:
    """The same weights, split so that the first range no longer covers U+0000–U+10FF (no shortcut)."""
    first, *rest = config.ranges
    return replace(config, ranges=((0, 0, first[2]), (1, first[1], first[2]), *rest))


@pytest.mark.parametrize("config", [CONFIG_V2, CONFIG_V3])
def test_plain_text_shortcut_counts_as_the_full_walk(config: TextConfig) -> None:
    sample = Path(__file__).resolve().parents[2] / "content"
    texts = [yaml.safe_load(p.read_text(encoding="utf-8").split("---")[1]).get("x", {}).get("text", "")
             for p in sorted(sample.rglob("index.md"))]
    texts += [
        "Simak https://bkd.nttprov.go.id/layanan dan bkd.nttprov.go.id, juga 14.668 PNS.",
        "Kupang" * 50, "Kupang" * 47, "é" * 280, "e\u0301" * 10, "x" * 281, "a © b", "½ ¼ ÿ ĉ ş",
        "www.example.com " * 12, "kata.kata titik.titik 1.2.3", "",
    ]
    walked = _walked(config)
    for text in filter(None, texts[:-1]):
        assert parse_tweet(text, config) == parse_tweet(text, walked), text
    assert parse_tweet("", config) == parse_tweet("", walked)
