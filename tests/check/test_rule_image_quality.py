"""image-quality: readable images meeting each target platform's format, size and ratio limits."""

from __future__ import annotations

from pathlib import Path

from tests.check.helpers import POST_HEAD, image_bytes, make_instance, of_rule, run, write_post


def _post(platforms: str, *files: str) -> str:
    media = "".join(f"  - file: {f}\n    alt: \"Foto kegiatan BKD\"\n    credit: Yosef Kolo\n"
                    "    source: Dokumentasi BKD\n" for f in files)
    return POST_HEAD + f"platforms: [{platforms}]\nmedia:\n{media}"


def test_good_jpeg_passes_everywhere(tmp_path: Path) -> None:
    root = make_instance(tmp_path)
    write_post(root, _post("facebook, instagram, x", "a.jpg"), "Isi.", {"a.jpg": image_bytes(1080, 1350)})
    assert of_rule(run(root), "image-quality") == []


def test_instagram_format_ratio_and_small_image(tmp_path: Path) -> None:
    root = make_instance(tmp_path)
    write_post(root, _post("instagram", "a.png"), "Isi.", {"a.png": image_bytes(400, 1000, "PNG")})
    found = of_rule(run(root), "image-quality")
    assert [(p.line, p.level, p.key.rsplit(".", 1)[1]) for p in found] == [
        (10, "error", "format"), (10, "error", "instagram_ratio"), (10, "warning", "small")]
    fmt, ratio, small = found
    assert fmt.message("id") == "Instagram tidak menerima foto 'a.png' berformat PNG; format yang diterima: JPEG."
    assert fmt.message("en") == "Instagram does not take image 'a.png' in PNG format; accepted formats: JPEG."
    assert ratio.message("id") == ("Rasio foto 'a.png' (400×1000, 0,40:1) di luar batas Instagram 4:5 sampai "
                                   "1,91:1: potong fotonya.")
    assert small.message("en") == ("Image 'a.png' is 400×1000 pixels; its short side is under 600 pixels, so it "
                                   "will look blurry.")


def test_website_only_has_no_platform_limits(tmp_path: Path) -> None:
    root = make_instance(tmp_path)
    front = _post("facebook", "a.png").replace("platforms: [facebook]", "platforms: [website]")
    write_post(root, front, "Isi.", {"a.png": image_bytes(100, 1000, "PNG")})
    assert of_rule(run(root), "image-quality") == []


def test_x_size_limit_and_facebook_recommendation(tmp_path: Path) -> None:
    root = make_instance(tmp_path)
    big = image_bytes(1600, 1200, "PNG", noise=1)  # random pixels do not compress: about 5.5 MB
    assert len(big) > 5 * 1024 * 1024
    write_post(root, _post("facebook, x", "a.png"), "Isi.", {"a.png": big})
    found = of_rule(run(root), "image-quality")
    assert [(p.level, p.key.rsplit(".", 1)[1]) for p in found] == [("warning", "facebook_size"), ("error", "too_large")]
    assert found[1].message("id").startswith("Foto 'a.png' berukuran 5,")
    assert found[1].message("id").endswith("MB, melebihi batas X 5 MB.")
    assert found[0].message("en").endswith("Facebook recommends under 1 MB (PNG) so it loads fast.")


def test_unreadable_image(tmp_path: Path) -> None:
    root = make_instance(tmp_path)
    write_post(root, _post("facebook", "a.jpg"), "Isi.", {"a.jpg": b"bukan gambar"})
    found = of_rule(run(root), "image-quality")
    assert [(p.line, p.level) for p in found] == [(10, "error")]
    assert found[0].message("id") == "Foto 'a.jpg' tidak dapat dibaca sebagai gambar (rusak atau bukan foto)."
    assert found[0].message("en") == "Image 'a.jpg' cannot be read as a picture (damaged or not an image)."
