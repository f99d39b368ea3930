"""link-domains: links outside the allow-list are warnings, once per domain and text."""

from __future__ import annotations

from pathlib import Path

from tests.check.helpers import POST_HEAD, make_instance, of_rule, run, write_post

HEAD = POST_HEAD + "platforms: [facebook]\n"  # front matter lines 2–8; body starts at line 11


def _found(root: Path) -> list[tuple[int, int, str]]:
    return [(p.line, p.column, p.args["domain"]) for p in of_rule(run(root), "link-domains")]


def test_allowed_domains_pass(tmp_path: Path) -> None:
    root = make_instance(tmp_path)
    body = (
        "Lihat https://bkd.nttprov.go.id/berita, https://www.bkn.go.id/ dan arsip https://bkd-ntt.example.org/arsip/.\n"
        "Ikuti https://facebook.com/BkdProvNtt, http://www.instagram.com/bkdprovinsintt/, https://x.com/Bkdprovinsintt,\n"
        "https://www.youtube.com/c/BadanKepegawaianDaerahProvinsiNTT dan https://youtu.be/abc.\n"
    )
    write_post(root, HEAD, body)
    assert _found(root) == []


def test_other_domains_warn_once_per_text(tmp_path: Path) -> None:
    root = make_instance(tmp_path)
    front = HEAD.replace(
        "  - title: Petunjuk Teknis Pemanfaatan Media Sosial BKD Provinsi NTT\n",
        "  - title: Berita daring\n    url: https://kompas.com/read/2020/05/12\n",
    )
    body = "Baca [berita](https://Berita.Contoh.com/a) dan https://berita.contoh.com/b, juga www.blogku.net.\n"
    write_post(root, front, body)
    found = of_rule(run(root), "link-domains")
    assert [(p.line, p.column, p.args["domain"]) for p in found] == [
        (8, 5, "kompas.com"), (12, 15, "berita.contoh.com"), (12, 82, "blogku.net")]
    assert {p.level for p in found} == {"warning"}
    assert found[0].message("id") == (
        "Tautan ke situs kompas.com di luar daftar yang diizinkan: perlu ditinjau apakah situs itu resmi dan "
        "terpercaya (tambahkan ke check.allowed_domains bila ya)."
    )
    assert found[0].message("en") == (
        "Link to kompas.com, outside the allow-list: needs review whether the site is official and trustworthy "
        "(add it to check.allowed_domains if so)."
    )


def test_allowed_domains_from_config(tmp_path: Path) -> None:
    root = make_instance(tmp_path)
    write_post(root, HEAD, "Info: https://ntt.kemenag.example.id/ dan https://kompas.com/x\n")
    config = root / "sosmed.yml"
    config.write_text(config.read_text() + "  allowed_domains: [kemenag.example.id]\n")
    assert _found(root) == [(11, 43, "kompas.com")]
