"""Posts: fields normalised and validated; id from the path; hash covers what a reviewer sees."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from sosmed.model.identity import content_hash
from tests.instance import GOOD_POST, load, make_instance, write

POST = "content/2020/05/2020-05-12-uji/index.md"


def _load(tmp_path: Path, text: str, media: dict[str, bytes] | None = None):
    root = make_instance(tmp_path)
    write(root, POST, text)
    for name, data in (media or {}).items():
        write(root, f"content/2020/05/2020-05-12-uji/{name}", data)
    return load(root)


def test_good_post_loads_with_defaults(tmp_path: Path) -> None:
    result = _load(tmp_path, GOOD_POST)
    assert not result.problems, [p.message("en") for p in result.problems]
    [item] = result.items
    post = item.post
    assert item.id == "2020-05-12-uji" and item.kind == "post"
    assert post.platforms == ["website", "facebook"]  # the website is always implied
    assert post.date.utcoffset() == timedelta(hours=8)  # naive → WITA
    assert post.status == "active" and post.media == []
    assert item.body.strip() == "Isi tulisan uji coba."


def test_indonesian_strategy_name_is_accepted(tmp_path: Path) -> None:
    result = _load(tmp_path, GOOD_POST.replace("strategy: talking", "strategy: Berbicara"))
    assert result.items[0].post.strategy == "talking"


def test_explicit_offset_is_kept(tmp_path: Path) -> None:
    result = _load(tmp_path, GOOD_POST.replace("date: 2020-05-12 09:00", "date: 2020-05-12T09:00:00+07:00"))
    assert result.items[0].post.date.utcoffset() == timedelta(hours=7)
    assert not result.warnings


def test_folder_date_mismatch_is_a_warning_at_the_date_line(tmp_path: Path) -> None:
    result = _load(tmp_path, GOOD_POST.replace("date: 2020-05-12 09:00", "date: 2020-05-20 09:00"))
    [warning] = result.warnings
    assert warning.key == "layout.post_date_folder" and warning.line == 3
    assert not result.errors


def test_media_sources_credits_and_overrides(tmp_path: Path) -> None:
    text = GOOD_POST.replace(
        "bidang: mutasi\n",
        "bidang: mutasi\nmedia:\n  - file: foto.jpg\n    alt: Foto kegiatan\n    credit: Yosef Kolo\n"
        "    source: Dokumentasi BKD\n"
        "credits:\n  author: Maria Goreti Nona\nx:\n  text: Teks khusus X\n",
    )
    result = _load(tmp_path, text, {"foto.jpg": b"\xff\xd8\xff\xe0 not really a jpeg"})
    assert not result.problems, [p.message("en") for p in result.problems]
    post = result.items[0].post
    assert post.media[0].kind == "image" and post.media[0].credit == "Yosef Kolo"
    assert post.sources[0].title.startswith("Peraturan Gubernur")
    assert post.credits.author == ["Maria Goreti Nona"]
    assert post.x.text == "Teks khusus X"


@pytest.mark.parametrize(
    ("old", "new", "key", "line"),
    [
        ('title: "Uji coba"', "title: ''", "schema.too_short_or_empty", 2),
        ("platforms: [facebook]", "platforms: []", "schema.too_few", 4),
        ("strategy: talking", "strategy: 7", "schema.choice", 5),
        ("bidang: mutasi", "bidang: ''", "schema.empty", 6),
    ],
)
def test_bad_field_values(tmp_path: Path, old: str, new: str, key: str, line: int) -> None:
    result = _load(tmp_path, GOOD_POST.replace(old, new))
    [error] = result.errors
    assert error.line == line
    if key != "schema.too_short_or_empty":
        assert error.key == key
    else:
        assert error.key in {"schema.too_few", "schema.empty"}


def test_messages_pinned_in_both_languages(tmp_path: Path) -> None:
    result = _load(tmp_path, GOOD_POST.replace("bidang: mutasi", "bidang: keuangan"))
    [error] = result.errors
    assert error.message("id") == (
        "Bidang 'keuangan' tidak terdaftar di sosmed.yml. "
        "Bidang yang ada: kinerja, mutasi, pengadaan, pengembangan, sekretariat."
    )
    assert error.message("en") == (
        "Division 'keuangan' is not configured in sosmed.yml. "
        "Configured divisions: kinerja, mutasi, pengadaan, pengembangan, sekretariat."
    )


def test_all_problems_of_a_file_are_collected(tmp_path: Path) -> None:
    text = GOOD_POST.replace("strategy: talking", "strategy: promosi").replace("bidang: mutasi", "bidang: x\nwarna: merah")
    result = _load(tmp_path, text)
    assert {e.key for e in result.errors} == {"schema.choice", "model.bidang_unknown", "schema.unknown_field"}
    assert sorted(e.line for e in result.errors) == [5, 6, 7]


def test_content_hash_is_stable_and_covers_front_matter_body_and_media(tmp_path: Path) -> None:
    text = GOOD_POST.replace("bidang: mutasi\n", "bidang: mutasi\nmedia:\n  - file: foto.jpg\n")
    base = content_hash(_load(tmp_path / "a", text, {"foto.jpg": b"one"}).items[0])
    assert base.startswith("sha256:") and len(base) == 7 + 64
    same = content_hash(_load(tmp_path / "b", text.replace("\n", "\r\n"), {"foto.jpg": b"one"}).items[0])
    assert same == base  # line endings do not change meaning
    changed_media = content_hash(_load(tmp_path / "c", text, {"foto.jpg": b"two"}).items[0])
    changed_body = content_hash(_load(tmp_path / "d", text + "Tambahan.\n", {"foto.jpg": b"one"}).items[0])
    changed_title = content_hash(_load(tmp_path / "e", text.replace("Uji coba", "Uji"), {"foto.jpg": b"one"}).items[0])
    assert len({base, changed_media, changed_body, changed_title}) == 4


def test_key_order_does_not_change_the_hash(tmp_path: Path) -> None:
    lines = GOOD_POST.split("\n")
    swapped = "\n".join([lines[0], lines[2], lines[1], *lines[3:]])
    first = content_hash(_load(tmp_path / "a", GOOD_POST).items[0])
    second = content_hash(_load(tmp_path / "b", swapped).items[0])
    assert first == second


def test_duplicate_ids_are_refused(tmp_path: Path) -> None:
    root = make_instance(tmp_path)
    write(root, POST, GOOD_POST)
    write(root, "content/2020/06/2020-05-12-uji/index.md", GOOD_POST)
    result = load(root)
    assert [p.key for p in result.problems] == ["layout.duplicate_id"]


def test_a_named_media_file_must_be_a_regular_file_inside_the_bundle(tmp_path: Path) -> None:
    from types import SimpleNamespace

    from pydantic_core import PydanticCustomError

    from sosmed.model.post import IMAGE_SUFFIXES, bundle_file

    bundle = tmp_path / "2020-05-12-uji"
    bundle.mkdir()
    (bundle / "foto.jpg").write_bytes(b"\xff\xd8")
    (bundle / "tautan.jpg").symlink_to(bundle / "foto.jpg")  # a link, even to a file of the bundle
    (bundle / "putus.jpg").symlink_to(tmp_path / "tidak-ada.jpg")
    (bundle / "folder.jpg").mkdir()
    info = SimpleNamespace(context={"bundle": bundle})
    assert bundle_file("foto.jpg", info, IMAGE_SUFFIXES) == "foto.jpg"  # type: ignore[arg-type]
    for name in ("tautan.jpg", "putus.jpg", "folder.jpg", "hilang.jpg", "nul\x00.jpg"):
        with pytest.raises(PydanticCustomError) as refused:
            bundle_file(name, info, IMAGE_SUFFIXES)  # type: ignore[arg-type]
        assert refused.value.type == "post.media_missing", name
