"""time-format: times as 'pukul 09.00 WITA'."""

from __future__ import annotations

from pathlib import Path

from tests.check.helpers import POST_HEAD, make_instance, of_rule, run, write_post

HEAD = POST_HEAD + "platforms: [facebook]\n"


def test_correct_times_and_ratios_pass(tmp_path: Path) -> None:
    root = make_instance(tmp_path)
    write_post(root, HEAD, "Acara pukul 09.00 WITA, sesi dua pukul 10.00–12.00 WITA. Rasio 1:2 dan ayat 3:16.\n")
    assert of_rule(run(root), "time-format") == []


def test_colon_zoneless_and_lowercase_zone(tmp_path: Path) -> None:
    root = make_instance(tmp_path)
    write_post(root, HEAD + 'summary: "Mulai jam 08.00 wita."\n', "Isi.\n\nDibuka pukul 09:00 WITA.\nLalu pukul 13.30 di aula.\n")
    found = of_rule(run(root), "time-format")
    assert [(p.line, p.key.rsplit(".", 1)[1]) for p in found] == [(9, "zone_case"), (14, "colon"), (15, "zoneless")]
    case, colon, zoneless = found
    assert case.message("id") == "Zona waktu 'wita' ditulis dengan huruf kapital: WITA."
    assert case.message("en") == "The time zone 'wita' is written in capitals: WITA."
    assert colon.message("id") == "Penulisan waktu '09:00' memakai titik dua; tulis '09.00' (contoh: pukul 09.00 WITA)."
    assert colon.message("en") == "The time '09:00' uses a colon; write '09.00' (e.g. pukul 09.00 WITA)."
    assert zoneless.message("id") == ("Waktu 'pukul 13.30' belum menyebut zona waktu; tambahkan WITA (contoh: pukul "
                                      "09.00 WITA).")
