"""sosmed.yml: the sample is valid; every problem is reported at once with line and column."""

from __future__ import annotations

from pathlib import Path

import pytest

from sosmed.config import find_config, load_config, parse_config
from sosmed.errors import ConfigError

REPO = Path(__file__).resolve().parent.parent
SAMPLE = (REPO / "sosmed.yml").read_text(encoding="utf-8")


def test_sample_config_holds_the_guidelines_public_facts() -> None:
    config = load_config(REPO / "sosmed.yml")
    assert config.kepala.name.startswith("Henderina S. Laiskodat")
    assert config.kepala.nip == "19710707 199703 2 008"
    assert config.organisation.city == "Kupang"
    assert config.organisation.timezone == "Asia/Makassar"
    assert config.accounts.facebook.url == "https://facebook.com/BkdProvNtt"
    assert config.accounts.instagram.username == "bkdprovinsintt"
    assert config.accounts.x.username == "Bkdprovinsintt"
    assert config.accounts.youtube.url.endswith("/c/BadanKepegawaianDaerahProvinsiNTT")
    assert len(config.divisions) >= 3 and all(d.example for d in config.divisions)
    assert config.approval.qna == ["bidang_head", "kepala"]


def test_find_config_walks_up(tmp_path: Path) -> None:
    (tmp_path / "sosmed.yml").write_text(SAMPLE, encoding="utf-8")
    deep = tmp_path / "content" / "2020" / "05"
    deep.mkdir(parents=True)
    assert find_config(deep) == tmp_path / "sosmed.yml"


def test_missing_config_names_the_folder(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as info:
        find_config(tmp_path)
    assert str(tmp_path) in info.value.format_message()


def _problems(text: str) -> list:
    with pytest.raises(ConfigError) as info:
        parse_config(text, "sosmed.yml")
    return info.value.problems


def test_all_problems_at_once_with_lines() -> None:
    broken = (
        SAMPLE.replace("timezone: Asia/Makassar", "timezone: Mars/Olympus")
        .replace("nip: 19710707 199703 2 008", "nip: 12345")
        .replace("target: sandbox", "target: production")
    )
    problems = _problems(broken)
    keys = {p.key for p in problems}
    assert {"config.timezone_unknown", "config.nip_invalid", "schema.choice"} <= keys
    lines = broken.splitlines()
    for problem in problems:
        assert problem.path == "sosmed.yml"
        assert problem.line >= 1
    tz = next(p for p in problems if p.key == "config.timezone_unknown")
    assert "timezone" in lines[tz.line - 1]
    nip = next(p for p in problems if p.key == "config.nip_invalid")
    assert "nip: 12345" in lines[nip.line - 1]


@pytest.mark.parametrize(
    ("old", "new", "key"),
    [
        ("  short_name: BKD Provinsi NTT\n", "", "schema.missing"),
        ("forge: github", "forge: gitlab", "schema.choice"),
        ("      until: 2020-06-19", "      until: 2020-06-01", "config.deputy_range"),
        ("  - slug: pengadaan", "  - slug: sekretariat", "config.division_duplicate"),
        ("  - {name: Yosef Kolo, roles: [camera, drone]", "  - {name: Yosef Kolo, roles: [photographer]", "schema.choice"),
        ("  site_url: https://bkd-ntt.example.org/arsip/", "  site_url: bkd-ntt", "schema.pattern"),
        ("publish:\n", "publish:\n  colour: red\n", "schema.unknown_field"),
    ],
)
def test_field_problems(old: str, new: str, key: str) -> None:
    assert old in SAMPLE
    problems = _problems(SAMPLE.replace(old, new, 1))
    assert key in {p.key for p in problems}, [(p.key, p.message("en")) for p in problems]
    for problem in problems:
        assert problem.message("id") != problem.message("en")


def test_message_pinned_in_both_languages() -> None:
    [problem] = _problems(SAMPLE.replace("timezone: Asia/Makassar", "timezone: WITA"))
    assert problem.message("id") == (
        "Zona waktu 'WITA' tidak dikenal; untuk Kupang gunakan Asia/Makassar (WITA)."
    )
    assert problem.message("en") == "Unknown time zone 'WITA'; for Kupang use Asia/Makassar (WITA)."


def test_unsafe_yaml_in_config_is_refused() -> None:
    problems = _problems("organisation: !!python/object/apply:os.system ['true']\n")
    assert problems[0].key == "yaml.unsafe_tag" and problems[0].line == 1
