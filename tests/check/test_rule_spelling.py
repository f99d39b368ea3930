"""spelling: hunspell id_ID with skip rules, allow-lists, suggestions, and one warning when off."""

from __future__ import annotations

from pathlib import Path

import pytest

from sosmed.check.speller import DEFAULT_DIR
from tests.check.helpers import (
    POST_HEAD,
    make_instance,
    of_rule,
    require_system_tool,
    run,
    write_form,
    write_post,
)

HEAD = POST_HEAD + "platforms: [facebook]\n"


@pytest.fixture(autouse=True)
def _dictionary() -> None:
    try:
        import hunspell  # noqa: F401
        engine = True
    except ImportError:
        engine = False
    require_system_tool(engine and (Path(DEFAULT_DIR) / "id_ID.dic").is_file(), "hunspell-id + chunspell")


def test_clean_text_with_skipped_tokens_passes(tmp_path: Path) -> None:
    root = make_instance(tmp_path)
    body = ("Kepala BKD Provinsi NTT, Henderina S. Laiskodat, membuka sosialisasi Juknis bagi PNS, ASN dan PPPK "
            "di Kupang, Sumba Barat Daya, Manggarai Timur dan Rote Ndao pukul 09.00 WITA. Anak-anak dan "
            "kata-kata diunggah ke https://bkd.nttprov.go.id/berita oleh @bkdprovinsintt #BKDNTT pada 12/05/2020. "
            "Pegawai bernama Yohanes Kenjam hadir.\n")
    write_post(root, HEAD, body)
    assert of_rule(run(root), "spelling") == []


def test_misspellings_with_suggestions_lines_and_both_languages(tmp_path: Path) -> None:
    root = make_instance(tmp_path)
    write_post(root, HEAD + 'summary: "Informasi kepegawain terbaru."\n',
               "Isi tulisan.\n\nPengumuan ini untuk kepegawain dipelosok.\n")
    found = of_rule(run(root), "spelling")
    assert [(p.line, p.column, p.args["word"], p.level) for p in found] == [
        (9, 1, "kepegawain", "warning"), (14, 1, "Pengumuan", "warning"), (14, 21, "kepegawain", "warning"),
        (14, 32, "dipelosok", "warning")]
    first = found[0]
    assert first.args["suggestions"].startswith("kepegawaian")
    assert first.message("id") == (f"Kata 'kepegawain' tidak dikenal kamus (1×); mungkin maksudnya: "
                                   f"{first.args['suggestions']}. Bila kata itu benar (nama diri, istilah), tambahkan "
                                   "ke check.allow_words di sosmed.yml.")
    assert first.message("en") == (f"The dictionary does not know 'kepegawain' (1×); did you mean: "
                                   f"{first.args['suggestions']}? If the word is right (a name, a term), add it to "
                                   "check.allow_words in sosmed.yml.")


def test_allow_words_from_config_and_answers_checked(tmp_path: Path) -> None:
    root = make_instance(tmp_path)
    config = root / "sosmed.yml"
    text = config.read_text(encoding="utf-8")
    assert "  allow_words: [kependidikan]\n" in text
    config.write_text(text.replace("  allow_words: [kependidikan]\n", "  allow_words: [kependidikan, kepegawain]\n"),
                      encoding="utf-8")
    write_post(root, HEAD, "Pengumuman kepegawain.\n")
    write_form(root, "pengadaan", "QA-2020-05-0001", """id: QA-2020-05-0001
officer: Maria Goreti Nona
bidang: pengadaan
received: 2020-05-12 10:00
questions:
  - text: "Kpn selksi dmulai?"
    platform: whatsapp
    answer: "Seleksi dimulai bsok."
""")
    found = of_rule(run(root), "spelling")
    # The citizen's question is quoted as asked; the agency's answer is checked.
    assert [(p.path.startswith("qna/"), p.line, p.args["word"]) for p in found] == [(True, 9, "bsok")]


def test_one_warning_when_the_dictionary_is_missing(tmp_path: Path) -> None:
    root = make_instance(tmp_path)
    config = root / "sosmed.yml"
    config.write_text(config.read_text() + f"  rules:\n    spelling:\n      dictionary_dir: {tmp_path / 'kosong'}\n",
                      encoding="utf-8")
    write_post(root, HEAD, "Kepegawain.\n")
    write_post(root, HEAD, "Pengumuan.\n")
    found = of_rule(run(root), "spelling")
    assert [(p.line, p.level) for p in found] == [(1, "warning")]
    assert found[0].message("id").startswith("Pemeriksaan ejaan MATI: kamus hunspell id_ID tidak tersedia (")
    assert found[0].message("en").endswith("Install hunspell-id (apt-get install hunspell-id) and chunspell "
                                           "(pip install chunspell).")


def test_words_outside_latin1_do_not_stop_the_check(tmp_path: Path) -> None:
    root = make_instance(tmp_path)
    write_post(root, HEAD, "Kepala Badan\u2019s arahan: İstanbul dan suhu 300\u212a tidak menghentikan pemeriksaan.\n")
    result = run(root)
    assert result.items  # no traceback; the words hunspell cannot encode are left alone
    assert not [p for p in result.problems if p.rule == "spelling" and "\u212a" in p.message()]


def test_standard_indonesian_morphology_passes(tmp_path: Path) -> None:
    root = make_instance(tmp_path)
    body = ("Diimbau kepada pegawai yang terdampak banjir agar berkas diproses lewat rapat antarinstansi. "
            "Surel dan laman resmi memuat jadwal masing-masing bidang; kupu-kupu dan sayur-mayur dipamerkan, "
            "data dimutakhirkan, dan kesemuanya ditindaklanjuti se-Kabupaten Kupang oleh pegawai non-ASN. "
            "Hubungi narahubung; swafoto bersama warganet diunggah kemudian.\n")
    write_post(root, HEAD, body)
    assert of_rule(run(root), "spelling") == []


def test_regional_words_office_vocabulary_and_italics_pass(tmp_path: Path) -> None:
    root = make_instance(tmp_path)
    body = ("Beta pu pesan untuk basodara dong: jang lupa pake masker, katong sonde mau sakit. "
            "Proficiat untuk tim dari Oebufu, Liliba dan Waikabubak. "
            "Layanan karpeg dan satyalancana dibuka; para *stakeholder* dan _user interface_ baru diperkenalkan.\n")
    write_post(root, HEAD, body)
    assert of_rule(run(root), "spelling") == []


def test_joined_prepositions_typos_and_nonstandard_words_are_reported(tmp_path: Path) -> None:
    root = make_instance(tmp_path)
    write_post(root, HEAD, "Berkas dikumpulkan dipelosok, dikantor dan dimana saja; pengumuan merubah jadwal.\n")
    found = of_rule(run(root), "spelling")
    assert [p.args["word"] for p in found] == ["dipelosok", "dikantor", "dimana", "pengumuan", "merubah"]
    suggestions = {p.args["word"]: p.args.get("suggestions") for p in found}
    assert suggestions["dimana"] == "di mana" and suggestions["merubah"] == "mengubah"


def test_root_sources_option(tmp_path: Path) -> None:
    from sosmed.errors import ConfigError

    root = make_instance(tmp_path)
    write_post(root, HEAD, "Pengumuman.\n")
    config = root / "sosmed.yml"
    base = config.read_text()
    config.write_text(base + "  rules:\n    spelling:\n      roots: [hunspell, kbbi]\n")
    with pytest.raises(ConfigError) as caught:
        run(root)
    assert "kbbi" in caught.value.format_message()
    config.write_text(base + "  rules:\n    spelling:\n      roots: [hunspell, sastrawi]\n")
    assert of_rule(run(root), "spelling") == []


def test_office_vocabulary_comes_from_sosmed_yml(tmp_path: Path) -> None:
    from sosmed.check.speller import config_allow_words
    from sosmed.config import load_config

    root = make_instance(tmp_path)
    config = root / "sosmed.yml"
    config.write_text(config.read_text().replace("keywords: [diklat,", "keywords: [diklatpimda, diklat,"))
    words = config_allow_words(load_config(config))
    assert {"diklatpimda", "karpeg", "magdalena", "ndun", "mutasi", "bkdprovinsintt", "kependidikan"} <= words
