"""Copies without metadata: what intake keeps and what the site publishes carry no location."""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image, ImageCms

from sosmed.media.location import image_location
from sosmed.media.strip import save_clean, strip_image
from tests.intake.fixtures import photo


def test_strip_image_removes_exif_and_xmp_location(tmp_path: Path) -> None:
    source = tmp_path / "drone.jpg"
    source.write_bytes(photo(gps=True, xmp=True))
    assert image_location(source) == "EXIF"
    target = tmp_path / "bersih.jpg"
    strip_image(source, target)
    assert image_location(target) is None
    with Image.open(target) as clean:
        assert not clean.getexif() and "xmp" not in clean.info


def test_web_copy_keeps_the_colour_profile_only(tmp_path: Path) -> None:
    profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    with Image.open(io.BytesIO(photo((80, 60), gps=True, xmp=True))) as opened:
        opened.load()
        image = opened.copy()
    image.info["exif"] = opened.info.get("exif", b"")
    target = tmp_path / "salinan.jpg"
    save_clean(image, target, "JPEG", quality=80, icc=profile, web=True)
    with Image.open(target) as copy:
        assert copy.info.get("icc_profile") == profile
        assert not copy.getexif() and "xmp" not in copy.info
        assert copy.info.get("progressive") == 1
    assert image_location(target) is None
