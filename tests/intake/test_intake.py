"""sosmed intake: credits, times, captions, no location in any copy, dedup, never overwrite, sources untouched."""

from __future__ import annotations

import json
import os
import subprocess
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from PIL import ExifTags, Image

from sosmed.cli import cli
from sosmed.config import load_config
from sosmed.intake.run import IntakeOptions, run_intake
from sosmed.media.location import image_location, video_location
from sosmed.media.probe import probe_video
from sosmed.scaffold import new_post
from tests.intake.fixtures import (
    ANDROID_ID,
    IOS_EN,
    make_instance,
    need_ffmpeg,
    photo,
    sha,
    video,
    write_export,
    zip_export,
)

WITA = timezone(timedelta(hours=8))


def _invoke(root: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["--config", str(root / "sosmed.yml"), *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output


def _post(root: Path, title: str = "Sosialisasi Juknis") -> Path:
    config = load_config(root / "sosmed.yml")
    return new_post(config, title, when=datetime(2020, 5, 12, 9, tzinfo=WITA), platforms=["facebook"],
                    strategy="talking", bidang="sekretariat")


def _media(index: Path) -> list[dict]:
    text = index.read_text(encoding="utf-8")
    return yaml.safe_load(text.split("---")[1])["media"]


def _snapshot(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): sha(p) for p in sorted(folder.rglob("*")) if p.is_file()}


def _streams(path: Path) -> tuple[list[str], dict]:
    out = subprocess.run(["ffprobe", "-v", "error", "-show_entries", "format_tags:stream=codec_type", "-of", "json",
                          str(path)], capture_output=True, text=True, check=True).stdout
    data = json.loads(out)
    return [s["codec_type"] for s in data["streams"]], (data.get("format") or {}).get("tags") or {}


def _assert_no_location_photo(path: Path) -> None:
    with Image.open(path) as image:
        assert not image.getexif().get_ifd(ExifTags.IFD.GPSInfo)
        assert not dict(image.getexif())
        assert "xmp" not in image.info and "XML:com.adobe.xmp" not in image.info and "exif" not in image.info
    assert image_location(path) is None
    assert b"GpsLatitude" not in path.read_bytes()


def test_folder_of_photos_credited_upright_and_without_location(tmp_path: Path) -> None:
    root = make_instance(tmp_path)
    index = _post(root)
    card = tmp_path / "DCIM"
    (card / "100MEDIA").mkdir(parents=True)
    (card / "100MEDIA" / "DJI_0042.JPG").write_bytes(
        photo((80, 60), gps=True, xmp=True, orientation=6, taken="2020:05:12 08:30:05", offset="+08:00"))
    (card / "100MEDIA" / "peta.png").write_bytes(photo(fmt="PNG", gps=True, taken="2020:05:12 08:31:00"))
    (card / "udara.webp").write_bytes(photo(fmt="WEBP", xmp=True))
    (card / ".hidden.jpg").write_bytes(photo())
    (card / "catatan.txt").write_text("bukan media", encoding="utf-8")
    before = {p: (sha(p), p.stat().st_mtime_ns) for p in card.rglob("*") if p.is_file()}
    assert image_location(card / "100MEDIA" / "DJI_0042.JPG") == "EXIF"
    assert image_location(card / "udara.webp") == "XMP"

    code, output = _invoke(root, "intake", str(card), "--post", str(index.parent), "--by", "Yosef Kolo")
    assert code == 0, output
    media = _media(index)
    assert [(m["file"], m["credit"], m["source"]) for m in media] == [
        ("dji-0042.jpg", "Yosef Kolo", "Dokumentasi BKD Provinsi NTT"),
        ("peta.png", "Yosef Kolo", "Dokumentasi BKD Provinsi NTT"),
        ("udara.webp", "Yosef Kolo", "Dokumentasi BKD Provinsi NTT"),
    ]
    assert media[0]["captured_at"] == datetime(2020, 5, 12, 8, 30, 5, tzinfo=WITA)
    assert media[1]["captured_at"] == datetime(2020, 5, 12, 8, 31, tzinfo=WITA)  # no offset: the instance's zone
    assert "caption" not in media[0] and media[0]["alt"] == ""
    for entry in media:
        _assert_no_location_photo(index.parent / entry["file"])
    with Image.open(index.parent / "dji-0042.jpg") as upright:
        assert upright.size == (60, 80)  # orientation 6 applied: turned 90° clockwise
        red, green, blue = upright.getpixel((56, 3))[:3]  # the red top-left marker is now top-right
        assert red > 200 and green < 80 and blue < 80
    assert {p: (sha(p), p.stat().st_mtime_ns) for p in card.rglob("*") if p.is_file()} == before
    assert "+ dji-0042.jpg" in output and "EXIF" in output
    assert "Selesai di content/2020/05/2020-05-12-sosialisasi-juknis: 3 ditambahkan, 0 duplikat, 1 dilewati" in output


def test_whatsapp_zip_android_indonesian(tmp_path: Path) -> None:
    need_ffmpeg()
    root = make_instance(tmp_path)
    export = write_export(tmp_path / "ekspor", "WhatsApp Chat with Tim Media BKD.txt", ANDROID_ID, {
        "IMG-20200512-WA0003.jpg": photo(gps=True, xmp=True),
        "IMG-20200512-WA0005.jpg": photo((64, 64), gps=True),
        "DOC-20200512-WA0006.pdf": b"%PDF-1.4 fiktif",
    })
    video(export / "VID-20200512-WA0004.mp4", created="2020-05-12T01:10:00.000000Z")
    assert video_location(probe_video(export / "VID-20200512-WA0004.mp4", "ffprobe"))
    archive = zip_export(export, tmp_path / "WhatsApp Chat - Tim Media BKD.zip")
    archive_sha = sha(archive)

    code, output = _invoke(root, "intake", str(archive), "--new", "Sosialisasi Juknis", "--platform", "facebook",
                           "--strategy", "talking", "--bidang", "sekretariat", "--date", "2020-05-13T09:00")
    assert code == 0, output
    index = root / "content" / "2020" / "05" / "2020-05-13-sosialisasi-juknis" / "index.md"
    media = _media(index)
    group = 'Dokumentasi BKD Provinsi NTT (grup WhatsApp "Tim Media BKD")'
    assert [(m["file"], m["credit"], m["source"], m["captured_at"], m.get("caption")) for m in media] == [
        ("img-20200512-wa0003.jpg", "Yosef Kolo", group, datetime(2020, 5, 12, 9, 15, tzinfo=WITA),
         "Peserta sosialisasi juknis di aula BKD"),
        # the video's own creation_time (UTC) wins over the send time
        ("vid-20200512-wa0004.mp4", "Maria Goreti Nona", group, datetime(2020, 5, 12, 9, 10, tzinfo=WITA), None),
        # a sender known only by number is never written down: no credit until the editor or --by gives one
        ("img-20200512-wa0005.jpg", "", group, datetime(2020, 5, 12, 9, 20, tzinfo=WITA), None),
    ]
    assert "0000" not in index.read_text(encoding="utf-8")
    for entry in media:
        path = index.parent / entry["file"]
        if path.suffix == ".mp4":
            streams, tags = _streams(path)
            assert streams == ["video", "audio"]
            assert not [k for k in tags if "location" in k.lower()]
            assert video_location(probe_video(path, "ffprobe")) is None
        else:
            _assert_no_location_photo(path)
    assert "Media tidak disertakan" not in output  # summary only; details with -v
    assert "3 ditambahkan, 1 duplikat, 2 dilewati, 0 gagal; lokasi dibuang dari 3 salinan" in output
    assert sha(archive) == archive_sha

    before = _snapshot(index.parent)
    code, output = _invoke(root, "-v", "intake", str(archive), str(export), "--post", str(index.parent))
    assert code == 0, output
    assert _snapshot(index.parent) == before  # a second intake of the same export changes nothing
    assert "0 ditambahkan, 8 duplikat, 4 dilewati" in output
    assert "= WhatsApp Chat - Tim Media BKD.zip: IMG-20200512-WA0003.jpg: duplikat, sudah ada sebagai " \
           "img-20200512-wa0003.jpg" in output
    assert "- WhatsApp Chat - Tim Media BKD.zip: DOC-20200512-WA0006.pdf: dilewati, bukan foto/video" in output


def test_ios_export_folder_english_with_by_for_unnamed(tmp_path: Path) -> None:
    need_ffmpeg()
    root = make_instance(tmp_path)
    index = _post(root)
    export = write_export(tmp_path / "WhatsApp Chat - Tim Media BKD", "_chat.txt", IOS_EN, {
        "00000003-PHOTO-2020-05-12-09-15-23.jpg": photo(gps=True),
        "00000005-PHOTO-2020-05-12-13-20-11.jpg": photo((50, 50), xmp=True),
        "foto-tambahan.jpg": photo((40, 40)),
    })
    video(export / "00000004-VIDEO-2020-05-12-09-17-02.mov")
    (export / "_chat.txt").write_text(IOS_EN.replace("VIDEO-2020-05-12-09-17-02.mp4", "VIDEO-2020-05-12-09-17-02.mov"),
                                      encoding="utf-8")
    code, output = _invoke(root, "--lang", "en", "intake", str(export / "_chat.txt"), "--post", str(index),
                           "--by", "Tim Media BKD")
    assert code == 0, output
    media = _media(index)
    assert [(m["file"], m["credit"], m.get("caption")) for m in media] == [
        ("00000003-photo-2020-05-12-09-15-23.jpg", "Yosef Kolo", None),
        ("00000004-video-2020-05-12-09-17-02.mov", "Maria Goreti Nona", "Opening footage"),
        ("00000005-photo-2020-05-12-13-20-11.jpg", "Dominggus Fiktif", None),
        ("foto-tambahan.jpg", "Tim Media BKD", None),  # in the export, not in the chat: --by
    ]
    streams, tags = _streams(index.parent / media[1]["file"])
    assert streams == ["video", "audio"]  # subtitle (GPS text) and gpmd telemetry tracks are gone
    assert not [k for k in tags if "location" in k.lower()]
    assert "location, subtitle:text track, data:gpmd track" in output
    assert "Done in content/2020/05/2020-05-12-sosialisasi-juknis: 4 added" in output


def test_never_overwrites_and_same_pixels_are_one_copy(tmp_path: Path) -> None:
    root = make_instance(tmp_path)
    index = _post(root)
    occupied = index.parent / "foto.jpg"
    occupied.write_bytes(b"not the same picture")
    first, second = tmp_path / "a" / "foto.jpg", tmp_path / "b" / "foto.jpg"
    first.parent.mkdir()
    second.parent.mkdir()
    first.write_bytes(photo(gps=True))
    second.write_bytes(photo(gps=False, taken="2020:05:12 10:00:00"))  # same pixels, other metadata
    config = load_config(root / "sosmed.yml")
    report = run_intake(config, [first, second], index, IntakeOptions(by="Yosef Kolo"))
    assert [(o.status, o.reason, o.file) for o in report.outcomes] == [
        ("added", None, "foto-2.jpg"), ("duplicate", "same_copy", "foto-2.jpg")]
    assert occupied.read_bytes() == b"not the same picture"
    assert [m["file"] for m in _media(index)] == ["foto-2.jpg"]


def test_since_and_interrupted_intake_resumes(tmp_path: Path) -> None:
    root = make_instance(tmp_path)
    index = _post(root)
    export = write_export(tmp_path / "ekspor", "WhatsApp Chat with Tim Media BKD.txt", ANDROID_ID, {
        "IMG-20200512-WA0003.jpg": photo(gps=True),
        "IMG-20200512-WA0005.jpg": photo((64, 64)),
    })
    config = load_config(root / "sosmed.yml")
    since = datetime(2020, 5, 13, tzinfo=WITA)
    report = run_intake(config, [export], index, IntakeOptions(since=since))
    assert [(o.status, o.reason) for o in report.outcomes] == [("skipped", "before_since")] * 5 + [("added", None)]
    assert [(m["file"], m["caption"], m["captured_at"]) for m in _media(index)] == [
        ("img-20200512-wa0003.jpg", "Dikirim ulang", datetime(2020, 5, 13, 14, 5, tzinfo=WITA))]
    # A crash after the copy but before index.md and the intake record were written:
    text = index.read_text(encoding="utf-8")
    index.write_text(text[: text.index("media:")] + "media: []\n" + text[text.index("credits:"):], encoding="utf-8")
    (index.parent / ".sosmed-intake.json").unlink()
    report = run_intake(config, [export], index, IntakeOptions())
    assert [o.file for o in report.outcomes if o.status == "added"] == ["img-20200512-wa0003.jpg",
                                                                        "img-20200512-wa0005.jpg"]
    assert sorted(p.name for p in index.parent.iterdir()) == [
        ".sosmed-intake.json", "img-20200512-wa0003.jpg", "img-20200512-wa0005.jpg", "index.md"]


def test_progress_and_dry_run(tmp_path: Path) -> None:
    root = make_instance(tmp_path)
    index = _post(root)
    folder = tmp_path / "foto"
    folder.mkdir()
    for name in ("a.jpg", "b.jpg"):
        (folder / name).write_bytes(photo(gps=True, colour=(len(name), 0, 0) if name == "a.jpg" else (0, 90, 0)))
    calls: list[tuple[int, str]] = []
    config = load_config(root / "sosmed.yml")
    report = run_intake(config, [folder], index, IntakeOptions(dry_run=True), progress=lambda n, o: calls.append((n, o)))
    assert calls == [(2, ""), (2, str(folder / "a.jpg")), (2, str(folder / "b.jpg"))]
    assert report.count("added") == 2 and report.located == 2
    assert sorted(p.name for p in index.parent.iterdir()) == ["index.md"]
    code, output = _invoke(root, "intake", str(folder), "--post", str(index), "--dry-run")
    assert code == 1
    assert "Uji coba (tidak ada yang diubah)" in output and "2 akan ditambahkan" in output
    assert sorted(p.name for p in index.parent.iterdir()) == ["index.md"]


@pytest.mark.parametrize(("args", "code", "message"), [
    (["x.jpg"], 2, "Pilih salah satu: --post FOLDER"),
    (["{missing}", "--post", "{post}"], 2, "tidak ada"),
    (["{zip}", "--post", "{post}"], 2, "bukan ekspor obrolan WhatsApp"),
    (["{folder}", "--new", "Judul"], 2, "Dengan --new, opsi berikut wajib diisi: --platform, --strategy, --bidang"),
    (["{folder}", "--post", "{post}", "--since", "kemarin"], 2, "untuk --since tidak dikenali"),
])
def test_usage_errors(tmp_path: Path, args: list[str], code: int, message: str) -> None:
    import zipfile

    root = make_instance(tmp_path)
    index = _post(root)
    folder = tmp_path / "foto"
    folder.mkdir()
    archive = tmp_path / "bukan.zip"
    with zipfile.ZipFile(archive, "w") as handle:
        handle.writestr("foto.jpg", photo())
    values = {"{missing}": str(tmp_path / "tidak-ada"), "{post}": str(index.parent), "{zip}": str(archive),
              "{folder}": str(folder)}
    exit_code, output = _invoke(root, "intake", *[values.get(a, a) for a in args])
    assert exit_code == code
    assert message in output
    assert "Traceback" not in output


def test_whatsapp_intake_then_editor_then_check_passes(tmp_path: Path) -> None:
    """The issue's 'done when': an export becomes a post bundle that passes sosmed check once the text is written."""
    need_ffmpeg()
    root = make_instance(tmp_path)
    export = write_export(tmp_path / "ekspor", "WhatsApp Chat with Tim Media BKD.txt", ANDROID_ID, {
        "IMG-20200512-WA0003.jpg": photo((1080, 1350), gps=True, xmp=True, taken="2020:05:12 09:14:00"),
        "IMG-20200512-WA0005.jpg": photo((1200, 900), (120, 60, 20), gps=True),
    })
    video(export / "VID-20200512-WA0004.mp4", seconds=4, size="640x360")
    archive = zip_export(export, tmp_path / "WhatsApp Chat - Tim Media BKD.zip")
    code, output = _invoke(root, "intake", str(archive), "--new", "Sosialisasi Juknis Media Sosial",
                           "--platform", "facebook", "--platform", "instagram", "--platform", "x",
                           "--strategy", "talking", "--bidang", "sekretariat", "--date", "2020-05-13T09:00",
                           "--by", "Tim Media BKD")
    assert code == 0, output
    index = next((root / "content").rglob("index.md"))
    code, output = _invoke(root, "check", "--format", "json")
    assert code == 1
    assert {p["rule"] for p in json.loads(output)} >= {"alt-text", "sources-cited"}
    assert "privacy-location" not in {p["rule"] for p in json.loads(output)}
    # The editor writes the text: alt for each photo, the source, a summary and the body.
    text = index.read_text(encoding="utf-8")
    text = text.replace('    alt: ""', '    alt: "Peserta sosialisasi juknis di aula BKD Provinsi NTT"', 3)
    text = text.replace("sources: []", "sources:\n  - title: Petunjuk Teknis Pemanfaatan Media Sosial BKD Provinsi NTT")
    text = text.replace('summary: ""', 'summary: "Sosialisasi petunjuk teknis media sosial bagi pegawai BKD."')
    text = text.replace("Tulis isi lengkap di sini.", "BKD Provinsi NTT menyelenggarakan sosialisasi petunjuk teknis "
                        "pemanfaatan media sosial bagi seluruh pegawai di aula kantor.")
    index.write_text(text, encoding="utf-8")
    code, output = _invoke(root, "check")
    assert code == 0, output
    media = _media(index)
    assert [m["credit"] for m in media] == ["Yosef Kolo", "Maria Goreti Nona", "Tim Media BKD"]
    umask = os.umask(0)
    os.umask(umask)
    assert index.stat().st_mode & 0o777 == 0o666 & ~umask  # rewritten files keep ordinary permissions


def test_without_ffmpeg_videos_fail_and_photos_still_go_in(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = make_instance(tmp_path)
    index = _post(root)
    folder = tmp_path / "kiriman"
    folder.mkdir()
    (folder / "foto.jpg").write_bytes(photo(gps=True))
    (folder / "klip.mp4").write_bytes(b"\x00\x00\x00\x18ftypmp42 bukan video sungguhan")
    empty = tmp_path / "no-tools"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    code, output = _invoke(root, "intake", str(folder), "--post", str(index), "--by", "Yosef Kolo")
    assert code == 1
    assert f"! {folder / 'klip.mp4'}: gagal, video memerlukan ffmpeg dan ffprobe (paket ffmpeg)" in output
    assert [m["file"] for m in _media(index)] == ["foto.jpg"]
