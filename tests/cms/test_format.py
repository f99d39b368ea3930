"""The editor's file format, run in Node on the repository's own posts and forms.

Decap re-serialises a whole file on save; sosmed's format must give back the file's own
text for every value the editor did not touch, rewrite only what changed, and write text
that the model (PyYAML + pydantic) reads as exactly the values the editor holds.
"""

from __future__ import annotations

import difflib
import shutil
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from sosmed.cms.decap_config import POST_PATH
from sosmed.scaffold import slugify
from tests.cms.helpers import REPO, editor, run_module
from tests.instance import load, make_instance

RUNNER = (Path(__file__).parent / "runner.js").read_text(encoding="utf-8")
ALIH = "content/2020/05/2020-05-12-alih-status-guru-sma-smk-slb"
SAMPLES = sorted(p.relative_to(REPO).as_posix() for p in [*REPO.glob("content/*/*/*/index.md"),
                                                           *REPO.glob("qna/*/*/*.md")])


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return editor(tmp_path_factory.mktemp("cms") / "admin")


def run(folder: Path, *tasks: dict) -> list:
    from tests.cms.helpers import page_data

    return run_module(folder, RUNNER, {"data": page_data(folder), "tasks": list(tasks)})  # type: ignore[return-value]


def raw(path: str) -> str:
    return (REPO / path).read_text(encoding="utf-8")


def changes(before: str, after: str) -> tuple[list[str], list[str]]:
    """(lines removed, lines added) from ``before`` to ``after``."""
    removed: list[str] = []
    added: list[str] = []
    a, b = before.splitlines(), after.splitlines()
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if tag != "equal":
            removed.extend(a[i1:i2])
            added.extend(b[j1:j2])
    return removed, added


def model_reads(tmp_path: Path, bundle: str, text: str, media: dict[str, Path] | None = None):
    """The post the model reads from ``text`` written as ``bundle``/index.md (with the bundle's media)."""
    root = make_instance(tmp_path / "instance")
    source = REPO / bundle
    target = root / bundle
    if source.is_dir():
        shutil.copytree(source, target)
    target.mkdir(parents=True, exist_ok=True)
    for name, path in (media or {}).items():
        shutil.copy(path, target / name)
    (target / "index.md").write_text(text, encoding="utf-8")
    result = load(root)
    assert not result.errors, [p.message() for p in result.errors]
    (item,) = result.posts
    return item.post


def test_every_sample_post_and_form_is_written_back_byte_for_byte(folder: Path) -> None:
    tasks = [{"kind": "roundtrip", "format": "sosmed-qna" if p.startswith("qna/") else "sosmed-post", "raw": raw(p)}
             for p in SAMPLES]
    results = run(folder, *tasks)
    assert len(results) == len(SAMPLES) > 15
    different = [path for path, text in zip(SAMPLES, results, strict=True) if text != raw(path)]
    assert not different


EDITS = {
    "title": (
        [{"op": "set", "path": ["title"], "value": "Mengenal Alih Status Guru SMA, SMK dan SLB di Provinsi NTT"}],
        ['title: "Mengenal Alih Status Guru SMA, SMK dan SLB menjadi PNS Provinsi NTT"'],
        ['title: "Mengenal Alih Status Guru SMA, SMK dan SLB di Provinsi NTT"'],
    ),
    "one media alt": (
        [{"op": "set", "path": ["media", 0, "alt"], "value": "Ilustrasi gugusan pulau dengan sekolah di setiap pulau."}],
        ["      Ilustrasi gugusan pulau di tengah laut dengan sebuah gedung sekolah kecil di setiap pulau,",
         "      dengan tulisan Alih Status Guru SMA, SMK dan SLB, PNS Provinsi NTT di 535 sekolah negeri."],
        ["      Ilustrasi gugusan pulau dengan sekolah di setiap pulau."],
    ),
    "a tag added": (
        [{"op": "push", "path": ["tags"], "value": "PNS Provinsi"}],
        ["tags: [alih status, guru, tenaga kependidikan, SMA, SMK, SLB]"],
        ["tags: [alih status, guru, tenaga kependidikan, SMA, SMK, SLB, PNS Provinsi]"],
    ),
    "summary removed": (
        [{"op": "delete", "path": ["summary"]}],
        ["summary: >-",
         "  Sejak 2017, tenaga pendidik dan kependidikan SMA, SMK dan SLB negeri beralih status dari",
         "  PNS kabupaten/kota menjadi PNS Provinsi NTT."],
        [],
    ),
    "first source removed": (
        [{"op": "remove", "path": ["sources"], "index": 0}],
        ["  - title: Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah"],
        [],
    ),
    "a contributor added": (
        [{"op": "push", "path": ["credits", "contributor"], "value": "Yuliana Tefa"}],
        ["  contributor: Fransiskus Keraf"],
        ["  contributor: [Fransiskus Keraf, Yuliana Tefa]"],
    ),
    "a Facebook text added": (
        [{"op": "set", "path": ["facebook"], "value": {"message": "Simak penjelasan alih status di situs BKD."}}],
        [],
        ["facebook:", "  message: Simak penjelasan alih status di situs BKD."],
    ),
}


@pytest.mark.parametrize("name", list(EDITS))
def test_an_edit_changes_only_the_edited_lines(folder: Path, tmp_path: Path, name: str) -> None:
    edits, removed, added = EDITS[name]
    before = raw(f"{ALIH}/index.md")
    (after,) = run(folder, {"kind": "edit", "format": "sosmed-post", "raw": before, "edits": edits})
    assert changes(before, after) == (removed, added)
    post = model_reads(tmp_path, ALIH, after)
    assert post.title.startswith("Mengenal Alih Status")
    assert after.split("\n---\n", 1)[1] == before.split("\n---\n", 1)[1]  # the body is untouched


def test_a_new_key_goes_where_the_editor_lists_it(folder: Path) -> None:
    before = raw(f"{ALIH}/index.md")
    (after,) = run(folder, {"kind": "edit", "format": "sosmed-post", "raw": before,
                            "edits": EDITS["a Facebook text added"][0]})
    lines = after.splitlines()
    assert lines[lines.index("facebook:") + 2] == "x:"
    assert lines[lines.index("facebook:") - 1] == "  contributor: Fransiskus Keraf"


def test_an_edited_body_leaves_the_front_matter_alone(folder: Path) -> None:
    before = raw(f"{ALIH}/index.md")
    body = "Paragraf baru.\n"
    (after,) = run(folder, {"kind": "edit", "format": "sosmed-post", "raw": before,
                            "edits": [{"op": "set", "path": ["body"], "value": body}]})
    assert after.split("\n---\n", 1)[0] == before.split("\n---\n", 1)[0]
    assert after.endswith("---\n\nParagraf baru.\n")


SHORTHAND = """---
title: Uji singkatan
date: 2020-05-12 09:00   # WITA
platforms: facebook
strategy: berbicara
bidang: mutasi
sources: [Peraturan Gubernur NTT Nomor 28 Tahun 2019]
credits: {author: Maria Goreti Nona}
---

Isi tulisan uji coba.
"""


def test_shorthands_are_read_in_full_and_kept_as_written(folder: Path, tmp_path: Path) -> None:
    read, same, edited = run(
        folder,
        {"kind": "read", "format": "sosmed-post", "raw": SHORTHAND},
        {"kind": "roundtrip", "format": "sosmed-post", "raw": SHORTHAND},
        {"kind": "edit", "format": "sosmed-post", "raw": SHORTHAND,
         "edits": [{"op": "set", "path": ["title"], "value": "Uji singkatan kedua"}]},
    )
    # What the widgets see is what the model makes of it.
    post = model_reads(tmp_path, "content/2020/05/2020-05-12-uji-singkatan", SHORTHAND)
    assert read["strategy"] == post.strategy == "talking"
    assert read["platforms"] == ["facebook"]
    assert read["sources"] == [{"title": post.sources[0].title}]
    assert read["credits"] == {"author": post.credits.author}
    assert read["date"] == "2020-05-12 09:00"
    assert same == SHORTHAND
    assert changes(SHORTHAND, edited) == (["title: Uji singkatan"], ["title: Uji singkatan kedua"])


TRICKY = ["yes", "2020-05-12", "Catatan: penting", "#tagar", "10 Mei 2020", "on", "Kepala's \"Juknis\"",
          "- bukan daftar", "null", "0x1F", "a: b # c", "Rp 1.000.000,00", "12:30", "Selamat   pagi"]


@pytest.mark.parametrize("text", TRICKY)
def test_text_that_looks_like_something_else_is_read_back_as_text(folder: Path, tmp_path: Path, text: str) -> None:
    values = {"title": text, "date": "2020-06-25 07:30", "platforms": ["facebook"], "strategy": "talking",
              "bidang": "mutasi", "tags": [text], "sources": [{"title": text}], "body": "Isi.\n"}
    new, edited = run(
        folder,
        {"kind": "new", "format": "sosmed-post", "values": values},
        {"kind": "edit", "format": "sosmed-post", "raw": raw(f"{ALIH}/index.md"),
         "edits": [{"op": "set", "path": ["summary"], "value": text}]},
    )
    post = model_reads(tmp_path / "new", "content/2020/06/2020-06-25-uji", new)
    assert (post.title, post.tags, post.sources[0].title) == (text.strip(), [text.strip()], text.strip())
    assert model_reads(tmp_path / "edited", ALIH, edited).summary == text


def test_a_new_post_is_written_in_the_editor_s_order_without_empty_keys(folder: Path, tmp_path: Path) -> None:
    values = {
        "body": "Isi tulisan uji coba.\n", "title": "Uji Editor Web", "date": "2020-06-25 07:30",
        "platforms": ["facebook", "instagram"], "strategy": "talking", "bidang": "mutasi", "tags": [], "summary": "",
        "media": [{"file": "foto.jpg", "alt": "Petugas melayani PNS di loket", "credit": "Yosef Kolo",
                   "source": "Dokumentasi BKD Provinsi NTT", "licence": ""}],
        "sources": [{"title": "Peraturan Gubernur NTT Nomor 28 Tahun 2019", "url": ""}],
        "credits": {"author": [], "camera": ["Yosef Kolo"]},
        "sosmed_year": "2020", "sosmed_month": "06", "sosmed_day": "25", "sosmed_slug": "uji-editor-web",
    }
    (text,) = run(folder, {"kind": "new", "format": "sosmed-post", "values": values})
    assert text.startswith("---\ntitle: Uji Editor Web\ndate: 2020-06-25 07:30\nplatforms: [facebook, instagram]\n")
    assert "sosmed_" not in text and "tags" not in text and "summary" not in text and "licence" not in text
    assert text.endswith("---\n\nIsi tulisan uji coba.\n")
    post = model_reads(tmp_path, "content/2020/06/2020-06-25-uji-editor-web", text,
                       {"foto.jpg": REPO / ALIH / "alih-status.jpg"})
    assert post.credits.camera == ["Yosef Kolo"] and post.media[0].credit == "Yosef Kolo"


def test_a_file_that_is_not_yaml_is_never_overwritten(folder: Path) -> None:
    # Decap opens an unreadable file as an empty form: saving it must not replace the file.
    (outcome,) = run(folder, {"kind": "refused", "format": "sosmed-post", "raw": "---\ntitle: [tanpa akhir\n---\n\nIsi\n"})
    assert outcome.startswith("refused: Front matter berkas ini bukan YAML yang sah (")
    assert "Perbaiki berkasnya lewat git" in outcome


def test_folder_names_are_those_of_sosmed_new_post(folder: Path) -> None:
    titles = ["Sosialisasi Juknis Media Sosial!", "Pelatihan Daring: Pengelola Kepegawaian — SMA/SMK",
              "Café Ñusa Tenggara", "", "!!!", "kata " * 20, "Selamat Hari Raya Idulfitri 1441 H"]
    (slugs,) = run(folder, {"kind": "slug", "titles": titles})
    assert slugs == [slugify(title) for title in titles]


def test_the_post_folder_follows_the_date_in_the_instance_zone(folder: Path) -> None:
    zone = ZoneInfo("Asia/Makassar")
    values = ["2020-06-01 07:00", "2020-05-31T23:30:00Z", "2020-06-01T07:00:00+08:00", "2020-06-01"]
    (parts, folder_parts) = run(
        folder,
        {"kind": "local", "values": values, "zone": "Asia/Makassar"},
        {"kind": "folder", "values": {"date": "2020-06-01 07:00", "title": "Selamat Hari Lahir Pancasila"}},
    )
    for value, got in zip(values, parts, strict=True):
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
        local = moment.astimezone(zone) if moment.tzinfo else moment
        assert got == {"year": f"{local:%Y}", "month": f"{local:%m}", "day": f"{local:%d}",
                       "hour": f"{local:%H}", "minute": f"{local:%M}"}
    # 07:00 WITA is still 31 May in UTC: Decap's own {{day}} would pick the wrong folder.
    path = POST_PATH
    for key, value in folder_parts.items():
        path = path.replace(f"{{{{{key}}}}}", value)
    assert (REPO / "content" / f"{path}.md").is_file()
