"""``sosmed intake`` refuses hostile archives and folders: one message naming archive and member, exit 1,
nothing left behind (no new post, no partial file, no intake record, no scratch)."""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from sosmed.cli import cli
from tests.intake.fixtures import make_instance, photo, sha
from tests.intake.hostile import CHAT, MIB, build_zip, deflated, stored, zip_bomb

CHAT_NAME = "WhatsApp Chat with Tim Media BKD.txt"
NEW = ["--new", "Sosialisasi Juknis", "--platform", "facebook", "--strategy", "talking", "--bidang", "sekretariat",
       "--date", "2020-05-12T09:00"]


@pytest.fixture
def scratch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The system temporary folder for this test: where intake unpacks, watched for leftovers."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def _intake(root: Path, *args: str, lang: str = "id") -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["--config", str(root / "sosmed.yml"), "--lang", lang, "intake", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output


def _export(path: Path, *media: object) -> Path:
    return build_zip(path, [stored(CHAT_NAME, CHAT.encode()), *media])  # type: ignore[list-item]


def _tree(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): sha(p) for p in sorted(folder.rglob("*")) if p.is_file()}


def _assert_nothing_left(root: Path, scratch: Path) -> None:
    assert list((root / "content").iterdir()) == []  # no new post, not even an empty year folder
    assert list(scratch.iterdir()) == []  # the unpacked members are gone


@pytest.mark.parametrize(("lang", "words"), [("id", "bom zip"), ("en", "zip bomb")])
def test_zip_bomb_is_refused_before_it_unpacks(tmp_path: Path, scratch: Path, lang: str, words: str) -> None:
    root = make_instance(tmp_path)
    bomb = zip_bomb(tmp_path / "WhatsApp Chat - Tim Media BKD.zip", gib=3)
    assert bomb.stat().st_size < 4 * MIB
    code, output = _intake(root, str(bomb), *NEW, lang=lang)
    assert code == 1, output
    assert str(bomb) in output and "IMG-20200512-WA0003.jpg" in output and words in output
    assert "Traceback" not in output
    _assert_nothing_left(root, scratch)


HOSTILE_MEMBERS = {
    "parent": (stored("../../keluar.jpg", photo()), "../../keluar.jpg", ("'..'",)),
    "absolute": (stored("/etc/cron.d/foto.jpg", photo()), "/etc/cron.d/foto.jpg", ("absolute", "absolut")),
    "drive": (stored("C:\\Windows\\foto.jpg", photo()), "C:\\Windows\\foto.jpg", ("absolute", "absolut")),
    "symlink": (stored("IMG-20200512-WA0003.jpg", b"/etc/passwd", mode=stat.S_IFLNK | 0o777),
                "IMG-20200512-WA0003.jpg", ("symbolic", "simbolik")),
    "encrypted": (stored("IMG-20200512-WA0003.jpg", photo(), flags=0x1), "IMG-20200512-WA0003.jpg",
                  ("password", "kata sandi")),
    "says-small-is-large": (deflated("IMG-20200512-WA0003.jpg", photo() + bytes(200_000), size=1000),
                            "IMG-20200512-WA0003.jpg", ("1000",)),
    "says-large-is-small": (deflated("IMG-20200512-WA0003.jpg", photo(), size=900_000),
                            "IMG-20200512-WA0003.jpg", ("900000",)),
    "stored-says-small": (stored("IMG-20200512-WA0003.jpg", photo() + bytes(50_000), size=2000, packed=2000),
                          "IMG-20200512-WA0003.jpg", ("2000",)),
}


@pytest.mark.parametrize("lang", ["id", "en"])
@pytest.mark.parametrize("case", sorted(HOSTILE_MEMBERS))
def test_hostile_member_refuses_the_archive_and_names_it(tmp_path: Path, scratch: Path, case: str,
                                                         lang: str) -> None:
    member, shown, words = HOSTILE_MEMBERS[case]
    root = make_instance(tmp_path)
    archive = _export(tmp_path / "ekspor.zip", stored("IMG-20200512-WA0009.jpg", photo()), member)
    code, output = _intake(root, str(archive), *NEW, lang=lang)
    assert code == 1, output
    assert str(archive) in output and f"'{shown}'" in output, output
    assert any(word in output for word in words), output
    assert "Traceback" not in output
    _assert_nothing_left(root, scratch)
    assert not (tmp_path / "keluar.jpg").exists() and not (tmp_path.parent / "keluar.jpg").exists()


def test_control_characters_in_names_and_captions_are_shown_not_obeyed(tmp_path: Path, scratch: Path) -> None:
    root = make_instance(tmp_path)
    chat = "12/05/20 09.15 - Yosef\x1b[31m Kolo: IMG\x1b[2J-\u202egpj.jpg (file terlampir)\nFoto\x7f \u2028kegiatan\x85\n"
    archive = build_zip(tmp_path / "ekspor.zip", [stored(CHAT_NAME, chat.encode()),
                                                  stored("IMG\x1b[2J-\u202egpj.jpg", photo())])
    code, output = _intake(root, str(archive), *NEW)
    assert code == 0, output
    assert "IMG[U+001B][2J-[U+202E]gpj.jpg" in output and "\x1b" not in output and "\u202e" not in output
    index = next((root / "content").rglob("index.md"))
    text = index.read_text(encoding="utf-8")
    assert 'caption: "Foto[U+007F]' in text and 'credit: "Yosef[U+001B][31m Kolo"' in text
    assert not any(char in text for char in "\x1b\x7f\x85\u2028\u202e")
    code, output = _intake(root, str(archive), "--post", str(index.parent), lang="en")
    assert code == 0 and "duplicate" in output, output  # the post's front matter still parses


def test_duplicate_names_are_refused(tmp_path: Path, scratch: Path) -> None:
    root = make_instance(tmp_path)
    archive = _export(tmp_path / "ekspor.zip", stored("a/IMG-20200512-WA0003.jpg", photo()),
                      stored("b/img-20200512-wa0003.JPG", photo(colour=(200, 0, 0))))
    code, output = _intake(root, str(archive), *NEW, lang="en")
    assert code == 1 and "b/img-20200512-wa0003.JPG" in output and "a/IMG-20200512-WA0003.jpg" in output, output
    _assert_nothing_left(root, scratch)


def test_refusal_leaves_an_existing_post_byte_for_byte(tmp_path: Path, scratch: Path) -> None:
    root = make_instance(tmp_path)
    good = _export(tmp_path / "baik.zip", stored("IMG-20200512-WA0003.jpg", photo()))
    code, output = _intake(root, str(good), *NEW)
    assert code == 0, output
    bundle = next((root / "content").rglob("index.md")).parent
    before = _tree(bundle)
    assert ".sosmed-intake.json" in before
    lying = _export(tmp_path / "bohong.zip", stored("IMG-20200512-WA0005.jpg", photo(colour=(9, 9, 9))),
                    deflated("IMG-20200512-WA0007.jpg", photo() + bytes(100_000), size=500))
    code, output = _intake(root, str(lying), "--post", str(bundle))
    assert code == 1 and "IMG-20200512-WA0007.jpg" in output, output
    assert _tree(bundle) == before  # no partial copy, index.md and the intake record untouched
    assert list(scratch.iterdir()) == []


def _limits(root: Path, text: str) -> None:
    config = root / "sosmed.yml"
    config.write_text(config.read_text(encoding="utf-8") + f"\nmedia:\n  intake: {text}\n", encoding="utf-8")


def test_member_count_and_total_size_limits_come_from_sosmed_yml(tmp_path: Path, scratch: Path) -> None:
    root = make_instance(tmp_path)
    _limits(root, "{max_files: 4, max_total_mb: 1}")
    many = _export(tmp_path / "banyak.zip", *(stored(f"IMG-20200512-WA00{i:02d}.jpg", photo()) for i in range(4)))
    code, output = _intake(root, str(many), *NEW, lang="en")
    assert code == 1 and "more than 4 files" in output and "IMG-20200512-WA0003.jpg" in output, output
    big = _export(tmp_path / "besar.zip", stored("VID-20200512-WA0001.mp4", os.urandom(MIB + 1)))
    code, output = _intake(root, str(big), *NEW, lang="en")
    assert code == 1 and "exceed 1 MB" in output and "VID-20200512-WA0001.mp4" in output, output
    _assert_nothing_left(root, scratch)


@pytest.mark.parametrize("value", ["{max_ratio: .nan}", "{max_files: -1}", "{max_total_mb: 1e400}", "{ratio: 2}"])
def test_bad_limits_are_one_clear_error(tmp_path: Path, value: str) -> None:
    root = make_instance(tmp_path)
    _limits(root, value)
    archive = _export(tmp_path / "ekspor.zip", stored("IMG-20200512-WA0003.jpg", photo()))
    code, output = _intake(root, str(archive), *NEW, lang="en")
    assert code == 1 and "Media setting 'intake." in output and "Traceback" not in output, output
    assert list((root / "content").iterdir()) == []


def test_folder_with_a_symbolic_link_or_too_many_files_is_refused(tmp_path: Path, scratch: Path) -> None:
    root = make_instance(tmp_path)
    folder = tmp_path / "kartu"
    folder.mkdir()
    (folder / "DSC0001.JPG").write_bytes(photo())
    (folder / "DSC0002.JPG").symlink_to(root / "sosmed.yml")
    code, output = _intake(root, str(folder), *NEW, lang="en")
    assert code == 1 and "symbolic link" in output and "DSC0002.JPG" in output, output
    _assert_nothing_left(root, scratch)
    (folder / "DSC0002.JPG").unlink()
    for i in range(3, 8):
        (folder / f"DSC000{i}.JPG").write_bytes(photo())
    _limits(root, "{max_files: 5}")
    code, output = _intake(root, str(folder), *NEW, lang="en")
    assert code == 1 and "more than 5 files" in output, output
    _assert_nothing_left(root, scratch)
