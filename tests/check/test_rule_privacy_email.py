"""privacy-email: addresses outside organisation.email_domains are warnings, masked."""

from __future__ import annotations

from pathlib import Path

from tests.check.helpers import POST_HEAD, make_instance, of_rule, run, write_post

HEAD = POST_HEAD + "platforms: [facebook]\n"  # body starts at file line 11


def test_agency_domains_pass_personal_addresses_warn(tmp_path: Path) -> None:
    root = make_instance(tmp_path)
    body = (
        "Kirim berkas ke bkd@nttprov.go.id atau kepegawaian@bkd.nttprov.go.id.\n"
        "Pertanyaan dari maria.nona@gmail.com sudah dijawab.\n"
    )
    write_post(root, HEAD, body)
    found = of_rule(run(root), "privacy-email")
    assert [(p.line, p.column, p.level) for p in found] == [(12, 17, "warning")]
    assert found[0].message("id") == (
        "Ada alamat e-mail di luar domain instansi (m***@gmail.com): pastikan bukan alamat pribadi seseorang."
    )
    assert found[0].message("en") == (
        "An e-mail address outside the agency's domains (m***@gmail.com): make sure it is not someone's personal "
        "address."
    )


def test_allow_domains_option_and_summary_field(tmp_path: Path) -> None:
    root = make_instance(tmp_path)
    write_post(root, HEAD + 'summary: "Kontak: humas@bkn.go.id, yosef@yahoo.co.id"\n', "Isi.\n")
    assert [(p.line, p.args["masked"]) for p in of_rule(run(root), "privacy-email")] == [
        (9, "h***@bkn.go.id"), (9, "y***@yahoo.co.id")]
    config = root / "sosmed.yml"
    config.write_text(config.read_text() + "  rules:\n    privacy-email:\n      allow_domains: [bkn.go.id]\n")
    assert [p.args["masked"] for p in of_rule(run(root), "privacy-email")] == ["y***@yahoo.co.id"]


def test_handles_are_not_addresses(tmp_path: Path) -> None:
    root = make_instance(tmp_path)
    write_post(root, HEAD, "Ikuti @bkdprovinsintt di Instagram dan @Bkdprovinsintt di X.\n")
    assert of_rule(run(root), "privacy-email") == []
