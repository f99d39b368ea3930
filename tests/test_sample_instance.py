"""The repository's own instance (BKD Provinsi NTT, May–June 2020) is complete, clean and safe to publish.

These tests read the real files under ``content/`` and ``qna/``: if a post, a form or a media file
is removed, broken or carries location data, they fail.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest
from PIL import ExifTags, Image

from sosmed.check.engine import CheckResult, default_paths, run_checks
from sosmed.config import load_config
from sosmed.model.fields import SOCIAL_PLATFORMS, STRATEGIES

REPO = Path(__file__).resolve().parent.parent
IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".webp"}
VIDEO_SUFFIXES = {".mp4", ".mov", ".m4v", ".webm"}


@pytest.fixture(scope="module")
def result() -> CheckResult:
    config = load_config(REPO / "sosmed.yml")
    return run_checks(default_paths(config), config)


@pytest.fixture(scope="module")
def posts(result: CheckResult) -> list:
    return [item for item in result.items if item.kind == "post"]


@pytest.fixture(scope="module")
def forms(result: CheckResult) -> list:
    return [item for item in result.items if item.kind == "qna"]


def _media_files() -> list[Path]:
    return sorted(p for p in (REPO / "content").rglob("*") if p.suffix.lower() in IMAGE_SUFFIXES | VIDEO_SUFFIXES)


def test_sample_instance_checks_clean(result: CheckResult) -> None:
    shown = [f"{p.path}:{p.line} {p.rule} {p.message('en')}" for p in result.errors]
    assert result.errors == [], shown
    assert result.exit_code() == 0
    # every post and form was loaded, none dropped by a model error
    files = [*(REPO / "content").rglob("index.md"), *(REPO / "qna").rglob("QA-*.md")]
    assert len(result.items) == len(files)


def test_posts_cover_may_and_june_2020(posts: list) -> None:
    months = Counter(f"{item.post.date:%Y-%m}" for item in posts)
    assert months["2020-05"] + months["2020-06"] >= 12
    assert months["2020-05"] > 0 and months["2020-06"] > 0
    for item in posts:
        assert item.post.date.utcoffset().total_seconds() == 8 * 3600, item.display  # WITA
        assert item.folder.name.startswith(f"{item.post.date:%Y-%m-%d}-"), item.display


def test_posts_cover_strategies_platforms_divisions(posts: list) -> None:
    assert {item.post.strategy for item in posts} == set(STRATEGIES)
    assert {p for item in posts for p in item.post.social_platforms} == set(SOCIAL_PLATFORMS)
    assert len({item.post.bidang for item in posts}) >= 3


def test_posts_have_editorial_fields(posts: list) -> None:
    team = {person.name for person in load_config(REPO / "sosmed.yml").team}
    for item in posts:
        post = item.post
        assert post.summary and post.tags and post.credits.author and post.media, item.display
        if post.strategy in ("talking", "transparency", "supporting"):
            assert post.sources and all(s.title for s in post.sources), item.display
        for media in post.media:
            assert media.alt and len(media.alt) >= 40, (item.display, media.file)
            assert media.credit in team, (item.display, media.credit)
            assert media.source, (item.display, media.file)
        if "x" in post.platforms:
            assert post.x and post.x.text and len(post.x.text) <= 240, item.display
        if "instagram" in post.platforms:
            assert any(m.file.lower().endswith((".jpg", ".jpeg")) for m in post.media), item.display
        if "youtube" in post.platforms:
            assert post.videos() and post.youtube and post.youtube.title and post.youtube.description
            assert len(post.youtube.title) <= 100
    assert any(item.post.corrections for item in posts)
    retracted = [item for item in posts if item.post.status == "retracted"]
    assert len(retracted) == 1 and retracted[0].post.retraction is not None


def test_forms_cover_divisions_and_states(forms: list) -> None:
    config = load_config(REPO / "sosmed.yml")
    admins = {person.name for person in config.team if "admin" in person.roles}
    assert len(forms) >= 4
    assert len({item.form.bidang for item in forms}) >= 2
    questions = [q for item in forms for q in item.form.questions]
    assert any(q.answered for q in questions)
    assert any(not q.answered for q in questions)
    assert any(item.form.public for item in forms)
    for item in forms:
        assert item.form.officer in admins, item.display
        assert item.path.parent.parent.name == item.form.bidang
    # form numbers run through the year across divisions: 1, 2, 3, … without gaps or repeats
    numbers = sorted(int(item.form.id.rsplit("-", 1)[1]) for item in forms)
    assert numbers == list(range(1, len(forms) + 1))


def test_media_have_no_location_data() -> None:
    files = _media_files()
    assert files
    for path in files:
        if path.suffix.lower() in IMAGE_SUFFIXES:
            with Image.open(path) as image:
                assert not image.getexif().get_ifd(ExifTags.IFD.GPSInfo), path
                assert "xmp" not in image.info and "XML:com.adobe.xmp" not in image.info, path
        else:
            data = path.read_bytes()
            # QuickTime/3GPP location boxes: ©xyz and loci, and Apple's ISO 6709 key
            assert b"\xa9xyz" not in data and b"loci" not in data and b"ISO6709" not in data, path


def test_images_fit_their_platforms(posts: list) -> None:
    for item in posts:
        for media in item.post.images():
            path = item.folder / media.file
            assert path.stat().st_size <= 150 * 1024, path
            with Image.open(path) as image:
                width, height = image.size
                assert image.format == "JPEG" and width >= 600, path
                if "instagram" in item.post.platforms:
                    assert 0.8 <= width / height <= 1.91, path


def test_one_small_video() -> None:
    videos = [p for p in _media_files() if p.suffix.lower() in VIDEO_SUFFIXES]
    assert len(videos) == 1
    assert videos[0].stat().st_size < 1024 * 1024


def test_video_streams() -> None:
    ffprobe = shutil.which("ffprobe")
    if ffprobe is None:
        if os.environ.get("SOSMED_REQUIRE_SYSTEM_TOOLS") == "1":
            pytest.fail("ffprobe is required (SOSMED_REQUIRE_SYSTEM_TOOLS=1)")
        pytest.skip("ffprobe is not installed")
    (video,) = [p for p in _media_files() if p.suffix.lower() in VIDEO_SUFFIXES]
    out = subprocess.run(
        [ffprobe, "-v", "error", "-show_entries",
         "format=duration:format_tags:stream=codec_type,codec_name,width,height:stream_tags",
         "-of", "json", str(video)],
        check=True, capture_output=True, text=True,
    ).stdout
    info = json.loads(out)
    codecs = {s["codec_type"]: s for s in info["streams"]}
    assert set(codecs) == {"video", "audio"}
    assert codecs["video"]["codec_name"] == "h264" and codecs["audio"]["codec_name"] == "aac"
    assert (codecs["video"]["width"], codecs["video"]["height"]) in {(1280, 720), (720, 1280)}
    assert 3.0 <= float(info["format"]["duration"]) <= 5.0
    tags = {k.lower() for k in info["format"].get("tags", {})}
    assert not tags & {"location", "location-eng", "com.apple.quicktime.location.iso6709", "creation_time"}


PERSONAL = [
    re.compile(r"(?<!\d)\d{16}(?!\d)"),  # NIK
    re.compile(r"(?<!\d)\d{8}\s?\d{6}\s?\d\s?\d{3}(?!\d)"),  # NIP
    re.compile(r"(?<![\d/=_])(\+62|62|0)8\d{1,3}[\s.-]?\d{3,4}[\s.-]?\d{3,5}(?!\d)"),  # mobile phone
    re.compile(r"\b[A-Z]{1,2}\s\d{1,4}\s[A-Z]{1,3}\b"),  # vehicle plate
]


def test_no_personal_data_in_text() -> None:
    files = [*(REPO / "content").rglob("*.md"), *(REPO / "qna").rglob("*.md")]
    for path in files:
        text = path.read_text(encoding="utf-8")
        for pattern in PERSONAL:
            assert not pattern.search(text), (path, pattern.pattern)
        for address in re.findall(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", text):
            assert address.endswith("@bkd.nttprov.go.id"), (path, address)


def test_markdown_under_content_is_only_posts() -> None:
    stray = [p for p in (REPO / "content").rglob("*.md") if p.name != "index.md"]
    assert stray == []
