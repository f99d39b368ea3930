"""political-terms: party names, campaign terms and slogans are warnings for review."""

from __future__ import annotations

from pathlib import Path

from tests.check.helpers import POST_HEAD, make_instance, of_rule, run, write_post

HEAD = POST_HEAD + "platforms: [facebook]\n"  # front matter lines 2–8; body starts at line 11


def _found(root: Path) -> list[tuple[int, str, str]]:
    return [(p.line, p.key.rsplit(".", 1)[1], p.args["found"]) for p in of_rule(run(root), "political-terms")]


def test_parties_campaign_terms_and_slogans(tmp_path: Path) -> None:
    root = make_instance(tmp_path)
    body = (
        "Ayo coblos Partai Demokrat dan dukung PDI-P!\n"
        "Relawan Gerindra membagikan kaus. #2019GantiPresiden\n"
        "Tim sukses paslon nomor urut 2 hadir.\n"
    )
    write_post(root, HEAD, body)
    found = of_rule(run(root), "political-terms")
    assert _found(root) == [
        (11, "campaign", "coblos"), (11, "party", "Partai Demokrat"), (11, "party", "PDI-P"),
        (12, "party", "Gerindra"), (12, "slogan", "2019GantiPresiden"),
        (13, "campaign", "Tim sukses"), (13, "campaign", "paslon"), (13, "campaign", "nomor urut")]
    assert {p.level for p in found} == {"warning"}
    assert found[1].message("id") == "Nama partai politik “Partai Demokrat”: perlu ditinjau demi netralitas ASN."
    assert found[1].message("en") == "Political party name “Partai Demokrat”: needs review for civil-servant neutrality."
    assert found[0].message("id") == "Istilah kampanye “coblos”: perlu ditinjau demi netralitas ASN."
    assert found[4].message("en") == "Political slogan “2019GantiPresiden”: needs review for civil-servant neutrality."


def test_abbreviations_need_capitals_and_ambiguous_ones_are_not_listed(tmp_path: Path) -> None:
    root = make_instance(tmp_path)
    body = (
        "Siapkan pan dan panci untuk dapur umum. Pembayaran PBB dan PKB kendaraan dinas.\n"
        "Guru PKn mengikuti pelatihan yang dibuka Wakil Gubernur NTT.\n"
    )
    write_post(root, HEAD, body)
    assert _found(root) == []  # PKB beside "kendaraan" is the motor vehicle tax


def test_pkb_is_the_party_without_its_vehicle_tax_context(tmp_path: Path) -> None:
    root = make_instance(tmp_path)
    write_post(root, HEAD, "Pilih PKB, partai yang membela guru honorer!\n")
    write_post(root, HEAD, "Daftar kendaraan dinas yang PKB-nya jatuh tempo bulan ini.\n\nSamsat membuka layanan PKB.\n")
    assert _found(root) == [(11, "party", "PKB")]


def test_neutrality_reminders_are_quiet_calls_to_vote_are_not(tmp_path: Path) -> None:
    root = make_instance(tmp_path)
    front = HEAD.replace('title: "Sosialisasi Juknis Media Sosial"', 'title: "Netralitas ASN menjelang kampanye"')
    write_post(root, front, (
        "ASN dilarang menghadiri deklarasi pasangan calon atau memasang alat peraga kampanye.\n\n"
        "ASN harus bebas dari pengaruh semua golongan dan partai politik.\n"
    ))
    assert _found(root) == []
    write_post(root, HEAD, (
        "ASN harus ikut kampanye akbar Partai Demokrat besok.\n\n"
        "Jangan dengar larangan itu, dukung paslon nomor urut 1!\n"
    ))
    assert _found(root) == [(11, "campaign", "kampanye"), (11, "party", "Partai Demokrat"),
                            (13, "campaign", "paslon"), (13, "campaign", "nomor urut")]


def test_candidates_from_config(tmp_path: Path) -> None:
    root = make_instance(tmp_path)
    write_post(root, HEAD, "Foto bersama Bapak Budi Santoso di acara sekolah.\n")
    assert _found(root) == []
    config = root / "sosmed.yml"
    config.write_text(config.read_text() + "  political_terms: [Budi Santoso]\n")
    found = of_rule(run(root), "political-terms")
    assert [(p.line, p.args["found"]) for p in found] == [(11, "Budi Santoso")]
    assert found[0].message("id") == (
        "Istilah politik “Budi Santoso” (daftar sosmed.yml): perlu ditinjau demi netralitas ASN.")
    assert found[0].message("en") == (
        "Political term “Budi Santoso” (sosmed.yml list): needs review for civil-servant neutrality.")
