"""privacy-location: GPS in photo EXIF/XMP and in video tags is an error; ffprobe missing is one warning."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import ExifTags, Image

from tests.check.helpers import POST_HEAD, make_instance, of_rule, require_system_tool, run, write_post

HEAD = POST_HEAD + "platforms: [facebook]\n"  # front matter is file lines 2–8
DJI_XMP = (
    b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
    b'<rdf:Description xmlns:drone-dji="http://www.dji.com/drone-dji/1.0/" drone-dji:GpsLatitude="-10.1772" '
    b'drone-dji:GpsLongitude="+123.6070"/></rdf:RDF></x:xmpmeta>'
)


def _photo(fmt: str = "JPEG", *, gps: bool = False, xmp: bytes | None = None) -> bytes:
    image = Image.new("RGB", (64, 48), (30, 90, 160))
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "DJI"
    if gps:
        info = exif.get_ifd(ExifTags.IFD.GPSInfo)
        info[ExifTags.GPS.GPSLatitudeRef] = "S"
        info[ExifTags.GPS.GPSLatitude] = (10.0, 10.0, 38.0)
        info[ExifTags.GPS.GPSLongitudeRef] = "E"
        info[ExifTags.GPS.GPSLongitude] = (123.0, 36.0, 25.0)
    buffer = io.BytesIO()
    extra = {"xmp": xmp} if xmp else {}
    image.save(buffer, fmt, exif=exif, **extra)
    return buffer.getvalue()


def _media(*files: str) -> str:
    return "media:\n" + "".join(
        f"  - file: {f}\n    alt: Foto kegiatan sosialisasi\n    credit: Yosef Kolo\n    source: Dokumentasi BKD Provinsi NTT\n"
        for f in files
    )


def test_photos_with_gps_in_exif_and_drone_xmp(tmp_path: Path) -> None:
    root = make_instance(tmp_path)
    media = {
        "bersih.jpg": _photo(),
        "exif.jpg": _photo(gps=True),
        "drone.jpg": _photo(xmp=DJI_XMP),
        "exif.png": _photo("PNG", gps=True),
        "drone.webp": _photo("WEBP", xmp=DJI_XMP),
    }
    write_post(root, HEAD + _media(*media), "Isi.\n", media)
    found = of_rule(run(root), "privacy-location")
    assert [(p.line, p.args["file"], p.args["where"]) for p in found] == [
        (14, "exif.jpg", "EXIF"), (18, "drone.jpg", "XMP"), (22, "exif.png", "EXIF"), (26, "drone.webp", "XMP")]
    assert {p.level for p in found} == {"error"}
    assert found[0].message("id") == (
        "Media 'exif.jpg' menyimpan lokasi GPS (EXIF). Hapus metadata lokasinya sebelum diunggah, misalnya dengan "
        "exiftool untuk foto atau ffmpeg -map_metadata -1 untuk video."
    )
    assert found[0].message("en") == (
        "Media 'exif.jpg' carries a GPS location (EXIF). Strip the location metadata before uploading, e.g. with "
        "exiftool for photos or ffmpeg -map_metadata -1 for videos."
    )


def _video(path: Path, *metadata: str, inputs: tuple[str, ...] = ()) -> bytes:
    args = ["ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", "testsrc=duration=0.4:size=64x48:rate=5", *inputs,
            "-c:v", "libx264", "-pix_fmt", "yuv420p", *metadata, str(path)]
    subprocess.run(args, check=True, timeout=120)
    return path.read_bytes()


def test_videos_with_location_tags(tmp_path: Path) -> None:
    require_system_tool(bool(shutil.which("ffmpeg") and shutil.which("ffprobe")), "ffmpeg/ffprobe")
    work = tmp_path / "work"
    work.mkdir()
    srt = work / "telemetri.srt"  # a drone's caption track: position written into the video as text
    srt.write_text("1\n00:00:00,000 --> 00:00:00,400\nlatitude: -10.1772 longitude: 123.6070\n", encoding="utf-8")
    media = {
        "bersih.mp4": _video(work / "bersih.mp4"),
        "lokasi.mp4": _video(work / "lokasi.mp4", "-metadata", "location=-10.1772+123.6070/"),
        "iphone.mov": _video(work / "iphone.mov", "-movflags", "use_metadata_tags",
                             "-metadata", "com.apple.quicktime.location.ISO6709=-10.1772+123.6070/"),
        "drone.mp4": _video(work / "drone.mp4", "-map", "0:v", "-map", "1:s", "-c:s", "mov_text",
                            "-metadata:s:s:0", "handler_name=DJI GPS telemetry", inputs=("-i", str(srt))),
    }
    (tmp_path / "instance").mkdir()
    root = make_instance(tmp_path / "instance")
    write_post(root, HEAD + _media(*media), "Isi.\n", media)
    found = of_rule(run(root), "privacy-location")
    assert [(p.line, p.args["file"]) for p in found] == [(14, "lokasi.mp4"), (18, "iphone.mov"), (22, "drone.mp4")]
    assert found[0].args["where"].startswith("location")
    assert found[1].args["where"] == "com.apple.quicktime.location.ISO6709"
    assert found[2].args["where"] == "subtitle:tx3g"


def test_missing_ffprobe_is_one_warning(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = make_instance(tmp_path)
    media = {"a.mp4": b"\x00\x00\x00\x18ftypmp42", "b.mp4": b"\x00\x00\x00\x18ftypmp42", "c.jpg": _photo(gps=True)}
    write_post(root, HEAD + _media(*media), "Isi.\n", media)
    empty = tmp_path / "no-tools"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    found = of_rule(run(root), "privacy-location")
    assert [(p.line, p.level, p.key.rsplit(".", 1)[1]) for p in found] == [
        (10, "warning", "ffprobe_missing"), (18, "error", "message")]
    assert found[0].message("id") == (
        "ffprobe (paket ffmpeg) tidak ditemukan: lokasi GPS di video ('a.mp4' dan video lain) tidak diperiksa."
    )
    assert found[0].message("en") == (
        "ffprobe (package ffmpeg) was not found: GPS locations in videos ('a.mp4' and any other) are not checked."
    )
