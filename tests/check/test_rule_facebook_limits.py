"""facebook-limits: the composed Facebook text must fit the configured length."""

from __future__ import annotations

from pathlib import Path

from tests.check.helpers import POST_HEAD, make_instance, of_rule, run, write_post

HEAD = POST_HEAD + "platforms: [facebook]\n"


def _limit(root: Path, chars: int) -> None:
    config = root / "sosmed.yml"
    config.write_text(config.read_text() + f"  rules:\n    facebook-limits:\n      max_chars: {chars}\n", encoding="utf-8")


def test_normal_post_passes(tmp_path: Path) -> None:
    root = make_instance(tmp_path)
    write_post(root, HEAD, "Isi tulisan yang wajar panjangnya. " * 100)
    assert of_rule(run(root), "facebook-limits") == []


def test_default_text_over_limit_points_at_title(tmp_path: Path) -> None:
    root = make_instance(tmp_path)
    write_post(root, HEAD, "a" * 63_300, slug="uji-000")
    found = of_rule(run(root), "facebook-limits")
    assert [(p.line, p.level) for p in found] == [(2, "error")]
    length = len("Sosialisasi Juknis Media Sosial") + 2 + 63_300 + 2 + len(
        "https://bkd-ntt.example.org/arsip/2020/05/2020-05-12-uji-000/")
    assert found[0].args["length"] == length
    assert found[0].message("id") == (f"Teks Facebook sepanjang {length} karakter, melebihi batas 63206: tulis "
                                      "facebook.message yang lebih singkat.")
    assert found[0].message("en") == (f"The Facebook text has {length} characters, over the limit of 63206: write "
                                      "a shorter facebook.message.")


def test_own_message_over_configured_limit(tmp_path: Path) -> None:
    root = make_instance(tmp_path)
    _limit(root, 100)
    write_post(root, HEAD + 'facebook:\n  message: "Pesan singkat."\n', "Isi.")
    write_post(root, HEAD + 'facebook:\n  message: "' + "pesan " * 20 + '"\n', "Isi.")
    found = of_rule(run(root), "facebook-limits")
    assert [p.line for p in found] == [10]
