"""offensive-terms: profanity/slurs are errors, insults by context, SARA only when hostile; greetings are benign."""

from __future__ import annotations

from pathlib import Path

import pytest

from sosmed.errors import ConfigError
from tests.check.helpers import POST_HEAD, make_instance, of_rule, run, write_form, write_post

HEAD = POST_HEAD + "platforms: [facebook]\n"  # front matter lines 2–8; body starts at line 11


def _found(root: Path) -> list[tuple[int, str, str]]:
    return [(p.line, p.level, p.args["found"]) for p in of_rule(run(root), "offensive-terms")]


def test_profanity_with_substitutions_repeats_and_affixes(tmp_path: Path) -> None:
    root = make_instance(tmp_path)
    body = "Pengumuman hasil seleksi.\nKomentar: B4NGS4T, dasar toloooool, bangsatnya!\nDasar anjing lu.\n"
    write_post(root, HEAD, body)
    found = of_rule(run(root), "offensive-terms")
    assert [(p.line, p.column, p.level, p.args["found"]) for p in found] == [
        (12, 11, "error", "B4NGS4T"), (12, 26, "error", "toloooool"), (12, 37, "error", "bangsatnya"),
        (13, 7, "error", "anjing")]  # aimed at someone ("dasar … lu"): an error
    assert found[0].message("id") == "Kata kasar “B4NGS4T”: hapus atau ganti dengan bahasa yang santun."
    assert found[0].message("en") == "Profanity “B4NGS4T”: remove it or use polite language."


def test_animal_words_alone_are_not_profanity(tmp_path: Path) -> None:
    root = make_instance(tmp_path)
    body = "Vaksinasi rabies untuk anjing peliharaan dan pencegahan demam babi Afrika di Kabupaten Kupang.\n"
    write_post(root, HEAD, body)
    assert _found(root) == []


def test_slur_is_an_error_and_sara_a_warning(tmp_path: Path) -> None:
    root = make_instance(tmp_path)
    write_post(root, HEAD + 'summary: "Dasar kadrun!"\n',
               "Pegawai Tionghoa tidak usah diberi jabatan, pegawai Tionghoa lain juga.\n")
    found = of_rule(run(root), "offensive-terms")
    assert [(p.line, p.level, p.key.rsplit(".", 1)[1]) for p in found] == [
        (9, "error", "slur"), (12, "warning", "sara_ethnicity")]  # a warning is reported once per text
    assert found[0].message("id") == "Sebutan merendahkan “kadrun”: konten tidak boleh menghina golongan mana pun."
    assert found[0].message("en") == "Slur “kadrun”: content must not demean any group."
    assert found[1].message("id") == (
        "Istilah SARA (suku) “Tionghoa”: perlu ditinjau agar tidak menyinggung atau memecah belah.")
    assert found[1].message("en") == (
        "SARA term (ethnicity) “Tionghoa”: needs review so that it neither offends nor divides.")


def test_divisive_framing_is_a_warning(tmp_path: Path) -> None:
    root = make_instance(tmp_path)
    write_post(root, HEAD, "Jangan percaya antek asing yang suka mengkafirkan orang.\n")
    found = of_rule(run(root), "offensive-terms")
    assert [(p.level, p.args["found"]) for p in found] == [("warning", "antek asing"), ("warning", "mengkafirkan")]
    assert found[0].message("id") == "Ungkapan yang dapat memecah belah “antek asing”: perlu ditinjau."
    assert found[0].message("en") == "Divisive expression “antek asing”: needs review."


def test_holiday_greetings_and_institution_names_are_benign(tmp_path: Path) -> None:
    root = make_instance(tmp_path)
    body = (
        "Selamat Hari Raya Idul Fitri 1441 H bagi umat Islam. Mohon maaf lahir dan batin.\n"
        "Selamat Natal bagi umat Kristiani, dan selamat merayakan Nyepi bagi umat Hindu.\n"
        "Kerja sama dengan Universitas Katolik Widya Mandira dan Universitas Kristen Artha Wacana.\n"
    )
    write_post(root, HEAD, body)
    assert _found(root) == []


def test_groups_mentioned_neutrally_pass_hostile_sentences_need_review(tmp_path: Path) -> None:
    root = make_instance(tmp_path)
    write_post(root, HEAD, (
        "Pegawai beragama Islam mendapat jam kerja khusus selama Ramadan.\n\n"
        "Verifikasi data guru di Kabupaten Sabu Raijua; lomba busana Suku Dawan dan orang Rote.\n\n"
        "ASN tidak boleh membeda-bedakan pelayanan berdasarkan suku, agama dan ras.\n\n"
        "Orang Sabu memang tidak bisa dipercaya jadi pejabat.\n\n"
        "Yang Islam minggir dulu, jabatan ini untuk kita saja.\n\n"
        "Kaum pendatang bikin rusak kantor.\n"
    ))
    found = of_rule(run(root), "offensive-terms")
    assert [(p.line, p.level, p.key.rsplit(".", 1)[1], p.args["found"]) for p in found] == [
        (17, "warning", "sara_ethnicity", "Orang Sabu"), (19, "warning", "sara_religion", "Islam"),
        (21, "warning", "sara_intergroup", "pendatang")]
    assert found[0].message("en") == (
        "SARA term (ethnicity) “Orang Sabu”: needs review so that it neither offends nor divides.")


def test_sara_mentions_option_reports_every_mention(tmp_path: Path) -> None:
    root = make_instance(tmp_path)
    write_post(root, HEAD, "Pegawai beragama Islam mendapat jam kerja khusus.\n")
    config = root / "sosmed.yml"
    config.write_text(config.read_text() + "  rules:\n    offensive-terms:\n      sara_mentions: warning\n")
    assert _found(root) == [(11, "warning", "Islam")]


def test_insult_words_by_context(tmp_path: Path) -> None:
    root = make_instance(tmp_path)
    write_post(root, HEAD, (
        "Petugas memberikan vaksin rabies kepada 120 ekor anjing; korban gigitan anjing segera ke puskesmas.\n\n"
        "Semoga kita terhindar dari godaan setan. Jangan mau dibodohi hoaks.\n"
    ))
    assert _found(root) == []
    write_post(root, HEAD, (
        "Anjing, sudah antre dari pagi loket belum buka.\n\n"
        "Pegawai bodoh, kerja begitu saja sonde bisa!\n\n"
        "Ko bodo ka? Kurang ajar, berkas dihapus.\n\n"
        "Dasar a.n.j.i.n.g, cuki mai!\n"
    ))
    assert _found(root) == [
        (11, "warning", "Anjing"), (13, "error", "bodoh"), (15, "error", "bodo"), (15, "warning", "Kurang ajar"),
        (17, "error", "a.n.j.i.n.g"), (17, "error", "cuki mai")]
def test_config_extends_and_trims_the_lexicon_and_levels(tmp_path: Path) -> None:
    root = make_instance(tmp_path)
    write_post(root, HEAD, "Dasar kurang ajar! Pegawai Tionghoa. Jangan sialan.\n")
    config = root / "sosmed.yml"
    config.write_text(config.read_text() + (
        "  lexicon:\n    profanity: [kurang ajar]\n    allow: [sialan]\n"
        "  rules:\n    offensive-terms:\n      sara: 'off'\n"
    ))
    assert _found(root) == [(11, "error", "kurang ajar")]


def test_rule_level_caps_the_categories(tmp_path: Path) -> None:
    root = make_instance(tmp_path)
    write_post(root, HEAD, "Dasar goblok.\n")
    config = root / "sosmed.yml"
    config.write_text(config.read_text() + "  rules:\n    offensive-terms:\n      level: warning\n")
    assert _found(root) == [(11, "warning", "goblok")]


def test_bad_lexicon_config_is_a_config_error(tmp_path: Path) -> None:
    root = make_instance(tmp_path)
    write_post(root, HEAD, "Isi.\n")
    config = root / "sosmed.yml"
    config.write_text(config.read_text() + "  lexicon:\n    kasar: [x]\n")
    with pytest.raises(ConfigError) as caught:
        run(root)
    assert "check.lexicon.kasar" in caught.value.format_message()


def test_qna_question_is_checked(tmp_path: Path) -> None:
    root = make_instance(tmp_path)
    write_form(root, "kinerja", "QA-2020-05-0004", """id: QA-2020-05-0004
officer: Maria Goreti Nona
bidang: kinerja
received: 2020-05-12 10:00
questions:
  - text: "Kapan TPP cair, bangsat?"
    platform: whatsapp
""")
    assert _found(root) == [(7, "error", "bangsat")]
