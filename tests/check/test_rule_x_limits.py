"""x-limits: the composed X text and each thread part must fit 280 weighted characters."""

from __future__ import annotations

from pathlib import Path

from tests.check.helpers import POST_HEAD, make_instance, of_rule, run, write_post

HEAD = POST_HEAD + "platforms: [x]\n"


def test_short_text_passes(tmp_path: Path) -> None:
    root = make_instance(tmp_path)
    write_post(root, HEAD + 'x:\n  text: "Seleksi PPPK guru dimulai 1 Juni."\n', "Isi tulisan.")
    assert of_rule(run(root), "x-limits") == []


def test_long_own_text_and_thread_part(tmp_path: Path) -> None:
    root = make_instance(tmp_path)
    long = "kata " * 60  # 299 after stripping + space + URL 23
    write_post(root, HEAD + f'x:\n  text: "{long}"\n  thread:\n    - "pendek"\n    - "{"ä" * 281}"\n', "Isi.")
    found = of_rule(run(root), "x-limits")
    assert [(p.line, p.level) for p in found] == [(10, "error"), (13, "error")]
    assert found[0].message("id") == ("Teks X (x.text) beserta tautan arsip sepanjang 323 berbobot, melebihi batas "
                                      "280: persingkat.")
    assert found[0].message("en") == "The X text (x.text) with the archive link weighs 323, over the limit of 280: shorten it."
    assert found[1].message("id") == ("Bagian ke-3 utas X sepanjang 281 berbobot, melebihi batas 280: persingkat "
                                      "atau pecah.")
    assert found[1].message("en") == "Part 3 of the X thread weighs 281, over the limit of 280: shorten or split it."


def test_limit_option_and_default_text(tmp_path: Path) -> None:
    root = make_instance(tmp_path)
    (root / "sosmed.yml").write_text((root / "sosmed.yml").read_text() + "  rules:\n    x-limits:\n"
                                     "      max_weighted: 30\n", encoding="utf-8")
    write_post(root, HEAD.replace("platforms", 'x:\n  text: "Sebuah teks yang cukup panjang"\nplatforms'), "Isi.")
    write_post(root, HEAD, "Isi.")
    found = of_rule(run(root), "x-limits")
    # Only the own text overflows: without x.text the default is shortened to fit the limit.
    assert [(p.line, p.key) for p in found] == [(9, "rules.x_limits.text")]
    assert found[0].message("en").startswith("The X text (x.text) with the archive link weighs 54, over the limit of 30")


def test_platform_not_targeted_or_retracted(tmp_path: Path) -> None:
    root = make_instance(tmp_path)
    long = "kata " * 70
    write_post(root, POST_HEAD + f'platforms: [facebook]\nx:\n  text: "{long}"\n', "Isi.")
    write_post(root, HEAD + f'x:\n  text: "{long}"\nstatus: retracted\nretraction:\n  date: 2020-05-13 09:00\n'
               '  reason: "Salah tanggal."\n', "Isi.")
    assert of_rule(run(root), "x-limits") == []
