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


INSTAGRAM = {
    "basic": "IG" + "QVJ" + "Xk9_fR2a-B" * 15,
    "basic_w": "IG" + "QWR" + "n3Pq_Z8" * 20,
    "login": "IG" + "AA" + "Tz7Lk2Qw" * 18,
}


def test_instagram_tokens_in_their_real_formats(tmp_path: Path) -> None:
    root = make_instance(tmp_path)
    body = "".join(f"Token {name}: {value}\n" for name, value in INSTAGRAM.items())
    body += "Siaran IGTV dan akun IGAA_kupang bukan token.\n"
    write_post(root, HEAD, body)
    found = of_rule(run(root), "account-secrets")
    assert [(p.line, p.key.rsplit(".", 1)[1], p.args["prefix"]) for p in found] == [
        (11, "instagram", "IGQV…"), (12, "instagram", "IGQW…"), (13, "instagram", "IGAA…")]
    assert [p.hide for p in found] == [(value,) for value in INSTAGRAM.values()]
    assert "Instagram" in found[0].message("id") and "Instagram" in found[0].message("en")


SECRET_SENTENCES = [
    ("Kata sandi akun Facebook kantor adalah {v}, tolong jangan disebar.", "Bkd" + "Ntt@2020", "Kata sandi"),
    ("Untuk login YouTube pakai username bkdprovntt dan password {v}.", "flobamora" + "88", "password"),
    ("PIN ATM untuk rekening TPP beta {v}, tolong bantu cek saldo.", "4829" + "15", "PIN"),
    ("Sandi WiFi ruang rapat: {v}", "rapatbkd" + "2020", "Sandi"),
    ("Kata sandinya \"{v}\" ya, jangan lupa.", "kupang" + "baru", "Kata sandi"),
    ("Password: {v}", "Kupang" + "Bisa#88", "Password"),
]


def test_passwords_and_pins_written_in_words_are_errors(tmp_path: Path) -> None:
    root = make_instance(tmp_path)
    body = "".join(sentence.format(v=value) + "\n" for sentence, value, _ in SECRET_SENTENCES)
    write_post(root, HEAD, body)
    result = run(root)
    found = of_rule(result, "account-secrets")
    assert [(p.line, p.key, p.args["keyword"], p.hide) for p in found] == [
        (11 + i, "rules.account_secrets.password", keyword, (value,))
        for i, (_, value, keyword) in enumerate(SECRET_SENTENCES)]
    assert {p.level for p in found} == {"error"}
    for problem in found:
        for lang in ("id", "en"):
            assert problem.hide[0] not in problem.message(lang)


def test_password_advice_is_not_a_password(tmp_path: Path) -> None:
    root = make_instance(tmp_path)
    body = (
        "Jangan bagikan kata sandi, PIN atau kode OTP akun perbankan Anda kepada siapa pun.\n\n"
        "Kata sandi akun SIMPEG wajib diganti setiap tiga bulan dan minimal terdiri dari 8 karakter.\n\n"
        "Lupa kata sandi e-Kinerja? Silakan ajukan reset melalui operator kepegawaian.\n\n"
        "Pengguna MySAPK yang terkunci dapat mengatur ulang password melalui menu Lupa Kata Sandi.\n\n"
        "Pekan Imunisasi Nasional (PIN) Polio 2020 digelar 12 Mei di puskesmas.\n\n"
        "Ganti password secara berkala (minimal setiap 90 hari); info di https://bkd.nttprov.go.id/sandi-2020.\n"
    )
    write_post(root, HEAD, body)
    assert of_rule(run(root), "account-secrets") == []


def test_a_token_after_password_is_reported_once(tmp_path: Path) -> None:
    root = make_instance(tmp_path)
    write_post(root, HEAD, f"password: {GITHUB}\n")
    found = of_rule(run(root), "account-secrets")
    assert [p.key for p in found] == ["rules.account_secrets.github"]
