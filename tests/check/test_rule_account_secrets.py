"""account-secrets: token shapes are errors whose message shows only the public prefix.

Token-shaped strings are built at run time, so no secret-looking literal is in the source.
"""

from __future__ import annotations

from pathlib import Path

from tests.check.helpers import POST_HEAD, make_instance, of_rule, run, write_form, write_post

HEAD = POST_HEAD + "platforms: [facebook]\n"  # front matter lines 2–8; body starts at line 11

GITHUB = "gh" + "p_" + "x" * 36
GITHUB_PAT = "github" + "_pat_" + "11AB" + "c" * 40
FACEBOOK = "EA" + "AG" + "Zb7" * 20
X_BEARER = "A" * 22 + "%2F" + "q7" * 30
X_OAUTH1 = "1250000000000000001" + "-" + "k9" * 20
GOOGLE_OAUTH = "ya" + "29." + "a0AfH6" + "z" * 40
GOOGLE_KEY = "AI" + "za" + "S" * 35
PEM = "-----BEGIN " + "RSA PRIVATE" + " KEY-----"
BEARER = "Authorization: " + "Bear" + "er " + "abc.DEF-123_" * 3


def test_every_token_shape_is_found(tmp_path: Path) -> None:
    root = make_instance(tmp_path)
    tokens = [GITHUB, GITHUB_PAT, FACEBOOK, X_BEARER, X_OAUTH1, GOOGLE_OAUTH, GOOGLE_KEY, PEM, BEARER]
    body = "".join(f"Baris {i}: {value}\n" for i, value in enumerate(tokens))
    write_post(root, HEAD, body)
    found = of_rule(run(root), "account-secrets")
    assert [(p.line, p.key.rsplit(".", 1)[1]) for p in found] == [
        (11, "github"), (12, "github"), (13, "facebook"), (14, "x_bearer"), (15, "x_oauth1"),
        (16, "google_oauth"), (17, "google_key"), (18, "private_key"), (19, "bearer")]
    assert {p.level for p in found} == {"error"}
    assert [p.args["prefix"] for p in found] == [
        "ghp_…", "github_pat_…", "EAAG…", "AAAA…", "…", "ya29.…", "AIza…", "…", "Bearer…"]
    rendered = " ".join(p.message(lang) for p in found for lang in ("id", "en"))
    for value in tokens[:7]:
        assert value not in rendered and value[8:30] not in rendered


def test_messages_in_both_languages(tmp_path: Path) -> None:
    root = make_instance(tmp_path)
    write_post(root, HEAD + f'summary: "token {GITHUB}"\n', "Isi.\n")
    found = of_rule(run(root), "account-secrets")
    assert [(p.line, p.column) for p in found] == [(9, 1)]
    assert found[0].message("id") == (
        "Token GitHub (ghp_…, 40 karakter) tertulis di sini. Hapus dan cabut token itu di pengaturan GitHub."
    )
    assert found[0].message("en") == (
        "A GitHub token (ghp_…, 40 characters) is written here. Remove it and revoke the token in the GitHub settings."
    )


def test_ordinary_text_passes(tmp_path: Path) -> None:
    root = make_instance(tmp_path)
    body = (
        "Nomor surat 800/BKD-2020/05, kode ruang A-12, tautan https://bkd.nttprov.go.id/berita/2020-05-12.\n"
        "EAA adalah singkatan contoh; AIza juga; ghp_ pendek; Bearer tanpa token.\n"
        "Kata-kata panjang: pertanggungjawabannya, ketidakberdayaan.\n"
    )
    write_post(root, HEAD, body)
    assert of_rule(run(root), "account-secrets") == []


def test_token_in_qna_answer(tmp_path: Path) -> None:
    root = make_instance(tmp_path)
    write_form(root, "sekretariat", "QA-2020-05-0003", f"""id: QA-2020-05-0003
officer: Maria Goreti Nona
bidang: sekretariat
received: 2020-05-12 10:00
questions:
  - text: "Kenapa halaman tidak bisa dibuka?"
    platform: whatsapp
    answer: "Sudah diperbaiki (token {FACEBOOK})."
""")
    assert [p.line for p in of_rule(run(root), "account-secrets")] == [9]
