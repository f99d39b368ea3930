"""Media and WhatsApp exports made for the tests: every name and number here is fictional.

Photos carry a GPS position in EXIF and/or in DJI-style XMP, an EXIF orientation and a
capture time; videos carry a container location tag, a DJI-style subtitle track with GPS
text and a GoPro-style ``gpmd`` telemetry data track. Chats exist in the Android and iOS
line formats, in Indonesian and English phone locales.
"""

from __future__ import annotations

import hashlib
import io
import shutil
import subprocess
import zipfile
from pathlib import Path

from PIL import ExifTags, Image

from tests import instance
from tests.check.helpers import require_system_tool

DJI_XMP = (
    b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
    b'<rdf:Description xmlns:drone-dji="http://www.dji.com/drone-dji/1.0/" drone-dji:GpsLatitude="-10.1772" '
    b'drone-dji:GpsLongitude="+123.6070" drone-dji:AbsoluteAltitude="+45.20"/></rdf:RDF></x:xmpmeta>'
)
SRT = "1\n00:00:00,000 --> 00:00:01,000\nF/2.8, ISO 100, GPS (123.6070, -10.1772, 19), H 30.0m\n\n"


def photo(size: tuple[int, int] = (64, 48), colour: tuple[int, int, int] = (30, 90, 160), *, fmt: str = "JPEG",
          gps: bool = False, xmp: bool = False, orientation: int | None = None,
          taken: str | None = None, offset: str | None = None) -> bytes:
    """A small photo with the metadata asked for."""
    image = Image.new("RGB", size, colour)
    image.paste((255, 0, 0), (0, 0, 8, 8))  # a marker: where the top-left corner ends up after rotation
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "DJI"
    if orientation:
        exif[ExifTags.Base.Orientation] = orientation
    if taken:
        detail = exif.get_ifd(ExifTags.IFD.Exif)
        detail[ExifTags.Base.DateTimeOriginal] = taken
        if offset:
            detail[ExifTags.Base.OffsetTimeOriginal] = offset
    if gps:
        info = exif.get_ifd(ExifTags.IFD.GPSInfo)
        info[ExifTags.GPS.GPSLatitudeRef] = "S"
        info[ExifTags.GPS.GPSLatitude] = (10.0, 10.0, 38.0)
        info[ExifTags.GPS.GPSLongitudeRef] = "E"
        info[ExifTags.GPS.GPSLongitude] = (123.0, 36.0, 25.0)
    buffer = io.BytesIO()
    extra: dict[str, object] = {"xmp": DJI_XMP} if xmp else {}
    image.save(buffer, fmt, exif=exif, **extra)
    return buffer.getvalue()


def need_ffmpeg() -> None:
    """Skip without ffmpeg/ffprobe — or fail under SOSMED_REQUIRE_SYSTEM_TOOLS=1."""
    require_system_tool(bool(shutil.which("ffmpeg") and shutil.which("ffprobe")), "ffmpeg/ffprobe")


def video(path: Path, *, location: bool = True, tracks: bool = True, seconds: float = 1.0,
          size: str = "64x48", rate: int = 25, codec: str = "libx264", created: str | None = None) -> Path:
    """A clip with sound; with a location tag, a GPS subtitle track and (MOV only) a gpmd data track."""
    need_ffmpeg()
    work = path.parent / f".work-{path.stem}"
    work.mkdir(exist_ok=True)
    (work / "gps.srt").write_text(SRT, encoding="utf-8")
    (work / "tele.bin").write_bytes(bytes(range(256)) * 8)
    base = work / f"base{path.suffix}"
    command = ["ffmpeg", "-nostdin", "-v", "error", "-y",
               "-f", "lavfi", "-i", f"testsrc=duration={seconds}:size={size}:rate={rate}",
               "-f", "lavfi", "-i", f"sine=duration={seconds}"]
    if tracks:
        command += ["-i", str(work / "gps.srt")]
    command += ["-map", "0:v", "-map", "1:a"]
    if tracks:
        command += ["-map", "2:s", "-c:s", "mov_text", "-metadata:s:s:0", "handler_name=DJI.Subtitle"]
    command += ["-c:v", codec, "-pix_fmt", "yuv420p", "-c:a", "aac"]
    if location:
        command += ["-metadata", "location=-10.1772+123.6070/"]
    if created:
        command += ["-metadata", f"creation_time={created}"]
    command.append(str(base))
    subprocess.run(command, check=True, timeout=120)
    if tracks and path.suffix.lower() == ".mov":  # ffmpeg's mp4 muxer refuses a gpmd data track
        subprocess.run(["ffmpeg", "-nostdin", "-v", "error", "-y", "-i", str(base), "-f", "data",
                        "-i", str(work / "tele.bin"), "-map", "0", "-map", "1", "-c", "copy", "-tag:d:0", "gpmd",
                        "-metadata:s:d:0", "handler_name=GoPro MET", str(path)], check=True, timeout=120)
    else:
        shutil.copy(base, path)
    shutil.rmtree(work)
    return path


def sha(path: Path) -> str:
    """sha256 of a file."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def make_instance(tmp_path: Path) -> Path:
    """A sosmed instance in ``tmp_path/instance`` (beside it the sources intake reads)."""
    return instance.make_instance(tmp_path / "instance")


# Chats: fictional office group "Tim Media BKD"; senders Yosef Kolo, Maria Goreti Nona (team members of the
# sample sosmed.yml) and Dominggus Fiktif; one sender known only by a fictional number (+62 812-0000-0000).
ANDROID_ID = """\
12/05/20 08.55 - Pesan dan panggilan terenkripsi secara end-to-end. Tidak seorang pun di luar chat ini dapat membacanya.
12/05/20 08.56 - Yosef Kolo membuat grup "Tim Media BKD"
12/05/20 09.15 - Yosef Kolo: IMG-20200512-WA0003.jpg (file terlampir)
Peserta sosialisasi juknis di aula BKD
12/05/20 09.16 - Yosef Kolo: Ini foto dari drone, lokasi aula:
sudah saya cek
12/05/20 09.17 - Maria Goreti Nona: VID-20200512-WA0004.mp4 (file terlampir)
12/05/20 09.20 - +62 812-0000-0000: IMG-20200512-WA0005.jpg (file terlampir)
12/05/20 09.21 - Dominggus Fiktif: <Media tidak disertakan>
12/05/20 09.22 - Dominggus Fiktif: DOC-20200512-WA0006.pdf (file terlampir)
13/05/20 14.05 - Yosef Kolo: IMG-20200512-WA0003.jpg (file terlampir)
Dikirim ulang
"""

ANDROID_EN = """\
5/12/20, 9:15 AM - Yosef Kolo: IMG-20200512-WA0003.jpg (file attached)
Participants at the BKD hall
5/12/20, 9:17 AM - Maria Goreti Nona: VID-20200512-WA0004.mp4 (file attached)
5/12/20, 1:20 PM - +62 812-0000-0000: IMG-20200512-WA0005.jpg (file attached)
5/12/20, 1:21 PM - Dominggus Fiktif: <Media omitted>
"""

IOS_ID = """\
[12/05/20 09.15.23] Tim Media BKD: \u200ePesan dan panggilan terenkripsi secara end-to-end.
[12/05/20 09.15.23] Yosef Kolo: \u200e<terlampir: 00000003-PHOTO-2020-05-12-09-15-23.jpg>
[12/05/20 09.15.40] Yosef Kolo: Peserta sosialisasi juknis di aula BKD
[12/05/20 09.17.02] Maria Goreti Nona: \u200e<terlampir: 00000004-VIDEO-2020-05-12-09-17-02.mp4>
Rekaman pembukaan
[12/05/20 09.20.11] \u202a+62\u00a0812\u20110000\u20110000\u202c: \u200e<terlampir: 00000005-PHOTO-2020-05-12-09-20-11.jpg>
[12/05/20 09.21.00] Dominggus Fiktif: \u200egambar tidak disertakan
"""

IOS_EN = """\
[5/12/20, 9:15:23\u202fAM] Yosef Kolo: \u200e<attached: 00000003-PHOTO-2020-05-12-09-15-23.jpg>
[5/12/20, 9:17:02\u202fAM] Maria Goreti Nona: \u200e<attached: 00000004-VIDEO-2020-05-12-09-17-02.mp4>
Opening footage
[5/12/20, 1:20:11\u202fPM] Dominggus Fiktif: \u200e<attached: 00000005-PHOTO-2020-05-12-13-20-11.jpg>
"""


def write_export(folder: Path, chat_name: str, chat: str, media: dict[str, bytes]) -> Path:
    """An export folder: the chat text file and the media beside it."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / chat_name).write_text(chat, encoding="utf-8")
    for name, data in media.items():
        (folder / name).write_bytes(data)
    return folder


def zip_export(folder: Path, target: Path) -> Path:
    """Zip an export folder the way WhatsApp shares it (flat)."""
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.iterdir()):
            archive.write(path, path.name)
    return target
