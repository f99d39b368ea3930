"""rupiah-format: amounts as Rp1.500.000 or Rp1.500.000,00."""

from __future__ import annotations

from pathlib import Path

from tests.check.helpers import POST_HEAD, make_instance, of_rule, run, write_post

HEAD = POST_HEAD + "platforms: [facebook]\n"


def test_good_amounts_pass(tmp_path: Path) -> None:
    root = make_instance(tmp_path)
    write_post(root, HEAD, "Biaya Rp1.500.000, Rp 250.000,00, Rp500 dan Rp1,5 juta. Terpadu 2020.\n")
    assert of_rule(run(root), "rupiah-format") == []


def test_bad_amounts(tmp_path: Path) -> None:
    root = make_instance(tmp_path)
    write_post(root, HEAD, "Biaya Rp. 50.000 dan RP 1500000.\nJuga Rp 1,500,000 dan IDR 20.000.\n")
    found = of_rule(run(root), "rupiah-format")
    assert [(p.line, p.column, p.key.rsplit(".", 1)[1], p.args["fixed"]) for p in found] == [
        (11, 7, "currency", "Rp 50.000"), (11, 22, "currency", "Rp 1.500.000"),
        (12, 6, "number", "Rp 1.500.000"), (12, 23, "currency", "Rp 20.000")]
    assert found[0].message("id") == "Penulisan mata uang 'Rp. 50.000' keliru: tulis 'Rp' tanpa titik, misalnya 'Rp 50.000'."
    assert found[0].message("en") == "The currency in 'Rp. 50.000' is wrong: write 'Rp' without a full stop, e.g. 'Rp 50.000'."
    assert found[2].message("id") == ("Angka rupiah 'Rp 1,500,000' keliru: pisahkan ribuan dengan titik dan sen dengan "
                                      "koma, misalnya 'Rp 1.500.000'.")


def test_space_never_option(tmp_path: Path) -> None:
    root = make_instance(tmp_path)
    config = root / "sosmed.yml"
    config.write_text(config.read_text() + "  rules:\n    rupiah-format:\n      space: never\n", encoding="utf-8")
    write_post(root, HEAD, "Biaya Rp 50.000.\n")
    found = of_rule(run(root), "rupiah-format")
    assert [(p.key, p.args["fixed"]) for p in found] == [("rules.rupiah_format.space", "Rp50.000")]
    assert found[0].message("en") == "Write 'Rp 50.000' without a space after Rp: 'Rp50.000'."
