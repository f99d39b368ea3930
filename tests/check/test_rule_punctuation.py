"""punctuation: spaces after comma and full stop, none before a comma, no repeated ! or ?."""

from __future__ import annotations

from pathlib import Path

from tests.check.helpers import POST_HEAD, make_instance, of_rule, run, write_post

HEAD = POST_HEAD + "platforms: [facebook]\n"


def test_clean_text_passes(tmp_path: Path) -> None:
    root = make_instance(tmp_path)
    write_post(root, HEAD + 'summary: "Nilai naik 1,5 persen. Dibuka oleh Dr. Petrus Ratu, M.Pd."\n',
               "Lihat https://bkd.nttprov.go.id/a,b.Html dan kirim ke bkd@nttprov.go.id. Apa kabar?\n")
    assert of_rule(run(root), "punctuation") == []


def test_each_slip_is_reported_with_its_line(tmp_path: Path) -> None:
    root = make_instance(tmp_path)
    write_post(root, HEAD + 'summary: "Segera daftar!!!"\n',
               "Seleksi dibuka,tanpa biaya.\nPeserta hadir.Semua membawa berkas , lengkap??\n")
    found = of_rule(run(root), "punctuation")
    assert [(p.line, p.column, p.key.rsplit(".", 1)[1]) for p in found] == [
        (9, 1, "repeat"), (12, 15, "comma"), (13, 14, "period"), (13, 36, "before"), (13, 45, "repeat")]
    repeat, comma, period, before, _ = found
    assert repeat.message("id") == "Tanda '!!!' diulang: cukup satu tanda seru atau tanda tanya («Segera daftar!!!»)."
    assert repeat.message("en") == "'!!!' repeats punctuation: one exclamation or question mark is enough («Segera daftar!!!»)."
    assert comma.message("id") == "Sesudah koma perlu spasi: «Seleksi dibuka,tanpa»."
    assert comma.message("en") == "A comma needs a space after it: «Seleksi dibuka,tanpa»."
    assert period.message("id") == "Sesudah titik perlu spasi: «hadir.Semua membawa»."
    assert before.message("en") == "No space before a comma: «berkas , lengkap??»."
