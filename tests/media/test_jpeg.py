"""Photo headers: the quick JPEG reader agrees with Pillow, and leaves Pillow everything unusual."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from PIL import ExifTags, Image

from sosmed.media import images, jpeg

REPO = Path(__file__).resolve().parents[2]
XMP_GPS = re.compile(rb"(?i)gps ?(?:latitude|longitude|position)|drone-dji:(?:latitude|longitude)")  # as before


def by_pillow(path: Path) -> images.ImageInfo:
    """What Pillow alone reads: the answer the rules had before the quick reader."""
    with Image.open(path) as image:
        gps = image.getexif().get_ifd(ExifTags.IFD.GPSInfo)
        location = None
        if gps.get(ExifTags.GPS.GPSLatitude) or gps.get(ExifTags.GPS.GPSLongitude):
            location = "EXIF"
        elif image.info.get("xmp") and XMP_GPS.search(image.info["xmp"]):
            location = "XMP"
        return images.ImageInfo(image.format, image.width, image.height, path.stat().st_size,
                                    bool(getattr(image, "is_animated", False)), location=location)


def quick_read(path: Path) -> images.ImageInfo | None:
    """What the quick reader answers, as the photo's facts (None: Pillow must read it)."""
    found = jpeg.read_header(path, Image.MAX_IMAGE_PIXELS or 0)
    if found is None:
        return None
    return images.ImageInfo("JPEG", found[0], found[1], path.stat().st_size, location=found[2])


def make_jpeg(**save: object) -> bytes:
    out = io.BytesIO()
    Image.effect_noise((640, 400), 30).convert("RGB").save(out, "JPEG", **save)
    return out.getvalue()


def exif(gps: bool) -> Image.Exif:
    data = Image.Exif()
    data[ExifTags.Base.Make] = "DJI"
    if gps:
        data.get_ifd(ExifTags.IFD.GPSInfo).update({ExifTags.GPS.GPSLatitudeRef: "S",
                                                   ExifTags.GPS.GPSLatitude: (10.0, 10.0, 1.0)})
    return data


DRONE_XMP = b'<x:xmpmeta><rdf:Description drone-dji:GpsLatitude="-10.17"/></x:xmpmeta>'
QUICK = {
    "plain.jpg": make_jpeg(quality=85),
    "progressive.jpg": make_jpeg(progressive=True),
    "exif-without-gps.jpg": make_jpeg(exif=exif(False)),
    "drone-xmp.jpg": make_jpeg(xmp=DRONE_XMP),
    "plain-xmp.jpg": make_jpeg(xmp=b"<x:xmpmeta>no position</x:xmpmeta>"),
    "long-headers.jpg": make_jpeg(xmp=b"<x:xmpmeta>" + b" " * 40_000 + b"</x:xmpmeta>"),
}
LEFT_TO_PILLOW = {
    "exif-with-gps.jpg": make_jpeg(exif=exif(True)),
    "not-a-jpeg.jpg": b"\x89PNG\r\n\x1a\n" + b"\x00" * 64,
    "truncated.jpg": make_jpeg()[:300],
}


@pytest.mark.parametrize("name", sorted(QUICK))
def test_plain_jpegs_are_read_without_pillow_as_pillow_reads_them(name: str, tmp_path: Path) -> None:
    path = tmp_path / name
    path.write_bytes(QUICK[name])
    quick = quick_read(path)
    assert quick is not None
    assert quick == by_pillow(path)
    images._images.clear()
    assert images.image_info(path) == quick


def test_the_sample_photos_are_read_without_pillow() -> None:
    photos = sorted((REPO / "content").rglob("*.jpg"))
    assert photos
    for path in photos:
        assert quick_read(path) == by_pillow(path), path.name


@pytest.mark.parametrize("name", sorted(LEFT_TO_PILLOW))
def test_unusual_files_are_left_to_pillow(name: str, tmp_path: Path) -> None:
    path = tmp_path / name
    path.write_bytes(LEFT_TO_PILLOW[name])
    assert quick_read(path) is None
    images._images.clear()
    found = images.image_info(path)
    if name == "exif-with-gps.jpg":
        assert found == by_pillow(path) and found.location == "EXIF"
    else:
        assert found.error is not None


def test_a_multi_picture_file_is_left_to_pillow(tmp_path: Path) -> None:
    path = tmp_path / "kamera.jpg"
    first, second = (Image.effect_noise((320, 200), n).convert("RGB") for n in (20, 40))
    first.save(path, "MPO", save_all=True, append_images=[second])
    assert quick_read(path) is None
    images._images.clear()
    assert images.image_info(path) == by_pillow(path)


def test_the_pixel_limit_without_pillow_is_pillows() -> None:
    # A plain JPEG is measured without importing Pillow: the same decompression-bomb limit either way.
    assert images.PIXEL_LIMIT == Image.MAX_IMAGE_PIXELS
