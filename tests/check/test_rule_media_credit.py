"""media-credit: media need credit and source; external media a licence or permission."""

from __future__ import annotations

from pathlib import Path

from tests.check.helpers import POST_HEAD, image_bytes, make_instance, of_rule, run, write_post

HEAD = POST_HEAD + "platforms: [facebook]\nmedia:\n"  # the first media item is at file line 10


def _item(file: str, **fields: str) -> str:
    lines = [f"  - file: {file}", "    alt: Suasana kegiatan sosialisasi"]
    lines += [f"    {key}: {value}" for key, value in fields.items()]
    return "\n".join(lines) + "\n"


def test_own_and_licensed_media_pass(tmp_path: Path) -> None:
    root = make_instance(tmp_path)
    front = HEAD + _item("a.jpg", credit="Yosef Kolo", source="Dokumentasi BKD Provinsi NTT") + _item(
        "b.jpg", credit="Yosef Kolo", source="Yosef Kolo") + _item(
        "c.jpg", credit="Humas Pemprov NTT", source="Biro Humas Setda NTT", permission='"Izin tertulis 10 Mei 2020"'
    ) + _item("d.jpg", credit="Wikimedia", source="commons.wikimedia.org", licence="CC BY-SA 4.0")
    write_post(root, front, "Isi.\n", {n: image_bytes(64, 64) for n in ("a.jpg", "b.jpg", "c.jpg", "d.jpg")})
    assert of_rule(run(root), "media-credit") == []


def test_missing_credit_source_and_licence(tmp_path: Path) -> None:
    root = make_instance(tmp_path)
    front = HEAD + _item("a.jpg") + _item("b.jpg", credit="Yosef Kolo") + _item(
        "c.jpg", credit="Fotografer lepas", source="Pos Kupang")
    write_post(root, front, "Isi.\n", {n: image_bytes(64, 64) for n in ("a.jpg", "b.jpg", "c.jpg")})
    found = of_rule(run(root), "media-credit")
    assert [(p.line, p.level, p.key.rsplit(".", 1)[1]) for p in found] == [
        (10, "error", "credit_missing"), (10, "error", "source_missing"), (12, "error", "source_missing"),
        (18, "error", "external_unlicensed")]
    assert found[0].message("id") == (
        "Media 'a.jpg' belum mencantumkan pembuatnya ('credit'), misalnya nama juru kamera atau kontributor.")
    assert found[0].message("en") == (
        "Media 'a.jpg' does not say who made it ('credit'), e.g. the camera operator or contributor.")
    assert found[1].message("id") == (
        "Media 'a.jpg' belum mencantumkan sumbernya ('source'), misalnya 'Dokumentasi BKD Provinsi NTT'.")
    assert found[3].message("id") == (
        "Media 'c.jpg' berasal dari luar instansi (Pos Kupang): cantumkan lisensinya ('licence') atau izin "
        "penggunaannya ('permission') untuk menghargai hak cipta.")
    assert found[3].message("en") == (
        "Media 'c.jpg' comes from outside the agency (Pos Kupang): give its 'licence' or a 'permission' note to "
        "respect the copyright.")


def test_own_sources_option(tmp_path: Path) -> None:
    root = make_instance(tmp_path)
    front = HEAD + _item("a.jpg", credit="Tim", source="Humas BKD")
    write_post(root, front, "Isi.\n", {"a.jpg": image_bytes(64, 64)})
    config = root / "sosmed.yml"
    # "Humas BKD" names neither the organisation nor a team member: external until configured.
    assert [p.key for p in of_rule(run(root), "media-credit")] == ["rules.media_credit.external_unlicensed"]
    config.write_text(config.read_text() + "  rules:\n    media-credit:\n      own_sources: [Humas BKD]\n")
    assert of_rule(run(root), "media-credit") == []
