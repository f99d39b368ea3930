"""English in the Indonesian interface (and the other way round), found by driving every command: each test
here goes through the real CLI and fails when its leak comes back; one static test keeps literal sentences
out of the errors people read."""

from __future__ import annotations

import ast
import json
import os
import re
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import yaml
from click.testing import CliRunner

from sosmed.cli import cli
from tests.instance import instance_with_sample_forms
from tests.intake.fixtures import photo
from tests.qna.helpers import make_repo, write_form
from tests.site.helpers import commit_all

REPO = Path(__file__).resolve().parents[1]
PACKAGE = REPO / "tools" / "sosmed"
SENTENCE = re.compile(r"[A-Za-z]{2,}\s+[A-Za-z]{2,}\s+[A-Za-z]{2,}")
# Raised only for a bug of the program itself (never for something a user wrote), so read by developers.
# AttributeError: a module's lazy ``__getattr__`` answering Python's attribute protocol.
DEVELOPER_ERRORS = {"CatalogueError", "TypeError", "RuntimeError", "NotImplementedError", "AssertionError",
                    "AttributeError"}
# Literal ValueErrors that guard the program's own data: the packaged contexts.yml, composing a message for a
# platform the item has, a check-cache entry that does not decode (caught: the entry is ignored). None of them
# reaches a user's screen as a sentence.
DEVELOPER_VALUE_ERRORS = {"check/context.py", "compose/posts.py", "check/cache.py"}


def _sosmed(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": f"{REPO / 'tools'}{os.pathsep}{REPO}"}
    env.pop("SOSMED_LANG", None)
    return subprocess.run([sys.executable, "-m", "sosmed", *args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=120, stdin=subprocess.DEVNULL)


def _run(root: Path, *args: str, lang: str = "id"):
    return CliRunner().invoke(cli, ["--lang", lang, "--config", str(root / "sosmed.yml"), *args], prog_name="sosmed")


def _literal_sentences(call: ast.Call) -> list[str]:
    if not call.args:
        return []
    first = call.args[0]
    if isinstance(first, ast.Constant) and isinstance(first.value, str):
        texts = [first.value]
    elif isinstance(first, ast.JoinedStr):
        texts = [v.value for v in first.values if isinstance(v, ast.Constant) and isinstance(v.value, str)]
    else:
        return []
    return [text for text in texts if SENTENCE.search(text)]


def test_no_error_a_person_reads_is_a_literal_english_sentence() -> None:
    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE).as_posix()
        if relative.startswith("sandbox/") and relative != "sandbox/seed.py":
            continue  # the sandbox's HTTP bodies mimic the platforms' English APIs
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Raise) or not isinstance(node.exc, ast.Call):
                continue
            func = node.exc.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name in DEVELOPER_ERRORS or (name == "ValueError" and relative in DEVELOPER_VALUE_ERRORS):
                continue
            if _literal_sentences(node.exc):
                offenders.append(f"{relative}:{node.lineno} {name}")
    assert not offenders, offenders


def test_option_words_follow_the_language_not_the_moment_of_import(tmp_path: Path) -> None:
    english = _sosmed(tmp_path, "--lang", "en", "--help")
    assert "--config FILE" in english.stdout and "BERKAS" not in english.stdout
    refused = _sosmed(tmp_path, "--lang", "en", "--config", str(tmp_path), "check")
    assert refused.returncode == 2 and f"File '{tmp_path}' is a directory." in refused.stderr
    assert "Berkas" not in refused.stderr
    indonesian = _sosmed(tmp_path, "insights", "collect", "--help")
    assert "RANGE" not in indonesian.stdout and "--days BILANGAN" in indonesian.stdout
    assert "--interval ANGKA" in indonesian.stdout
    refused_id = _sosmed(tmp_path, "--config", str(tmp_path), "check")
    assert f"Berkas '{tmp_path}' adalah folder." in refused_id.stderr


def test_intake_accepts_the_guideline_strategy_names(tmp_path: Path) -> None:
    root = instance_with_sample_forms(tmp_path)
    card = tmp_path / "card"
    card.mkdir()
    (card / "foto.jpg").write_bytes(photo((640, 480)))
    made = _run(root, "intake", str(card), "--new", "Kunjungan Kerja", "--platform", "facebook", "--strategy",
                "Merangkul", "--bidang", "sekretariat", "--by", "Yosef Kolo", "--date", "2020-05-12T09:00")
    assert made.exit_code == 0, made.output
    [index] = (root / "content").rglob("index.md")
    front = yaml.safe_load(index.read_text(encoding="utf-8").split("---")[1])
    assert front["strategy"] == "merangkul"


def test_overdue_names_divisions_and_platforms_and_counts_in_english(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("SOSMED_NOW", "2020-06-26T10:00:00+08:00")
    root = make_repo(tmp_path)
    write_form(root, "mutasi", "QA-2020-05-0001", FORM)
    indonesian = _run(root, "qna", "overdue")
    assert indonesian.exit_code == 1
    assert "Bidang Mutasi dan Promosi" in indonesian.output and " Facebook " in indonesian.output
    assert " WhatsApp " in indonesian.output and "whatsapp" not in indonesian.output
    english = _run(root, "qna", "overdue", "--format", "markdown", lang="en")
    assert "**2 questions waiting more than 3 working days for a reply:**" in english.output
    assert "| Facebook |" in english.output and "| mutasi |" not in english.output
    single = _run(root, "qna", "overdue", "--days", "20", lang="en")
    assert "1 question waiting more than 20 working days" in single.output


FORM = """\
id: QA-2020-05-0001
officer: Maria Goreti Nona
bidang: mutasi
received: 2020-05-12T19:42:00+08:00
questions:
  - text: "Bagaimana cara mengurus mutasi?"
    platform: facebook
    comment_id: "1_2"
    received_at: 2020-05-12T19:42:00+08:00
    answer: "Ajukan lewat sekolah."
  - text: "Apakah ada berkas tambahan?"
    platform: whatsapp
    received_at: 2020-06-15T08:00:00+08:00
    answer: ""
draft: true
"""


def test_a_broken_front_matter_is_explained_in_the_users_language(tmp_path: Path) -> None:
    root = instance_with_sample_forms(tmp_path)
    folder = root / "content" / "2020" / "05" / "2020-05-12-rusak"
    folder.mkdir(parents=True)
    (folder / "index.md").write_text('---\ntitle: "Rusak\ndate: 2020-05-12T09:00\n---\nIsi.\n', encoding="utf-8")
    indonesian = _run(root, "check", str(folder))
    assert indonesian.exit_code == 1
    assert "YAML tidak valid: tanda kutip dibuka tetapi tidak ditutup." in indonesian.output
    assert "unexpected end of stream" not in indonesian.output
    english = _run(root, "check", str(folder), "--format", "json", lang="en")
    [problem] = json.loads(english.output)
    assert problem["message"].startswith("Invalid YAML: a quote is opened but not closed.")
    assert problem["path"].endswith("2020-05-12-rusak/index.md") and problem["line"] > 1
    bad_config = tmp_path / "bad.yml"
    bad_config.write_text("organisation:\n\tname: x\n", encoding="utf-8")
    refused = CliRunner().invoke(cli, ["--config", str(bad_config), "check"])
    assert refused.exit_code == 1, refused.output
    assert f"{bad_config}:2:1: YAML tidak valid: ada karakter yang tidak boleh mengawali nilai" in refused.output


def test_unreadable_files_are_explained_without_the_systems_english(tmp_path: Path) -> None:
    root = instance_with_sample_forms(tmp_path)
    missing = _run(root, "review", "--event", str(tmp_path / "tidak-ada.json"))
    assert missing.exit_code == 1 and "tidak dapat dibaca: berkas atau folder itu tidak ada" in missing.output
    assert "No such file" not in missing.output and "Errno" not in missing.output
    broken = tmp_path / "event.json"
    broken.write_text("{x", encoding="utf-8")
    english = _run(root, "review", "--event", str(broken), lang="en")
    assert english.exit_code == 1 and "cannot be read: not valid JSON (line 1, column 2)" in english.output


def test_sandbox_seed_and_port_problems_are_one_clear_message(tmp_path: Path) -> None:
    listing = tmp_path / "daftar.yml"
    listing.write_text("- facebook\n", encoding="utf-8")
    shape = _run(tmp_path, "sandbox", "--seed", str(listing), "--state", str(tmp_path / "s1"))
    assert shape.exit_code == 1 and "harus berisi pemetaan platform" in shape.output
    broken = tmp_path / "rusak.yml"
    broken.write_text("facebook: [\n", encoding="utf-8")
    english = _run(tmp_path, "sandbox", "--seed", str(broken), "--state", str(tmp_path / "s2"), lang="en")
    assert english.exit_code == 1, english.output
    assert f"The seed file {broken} cannot be read: not valid YAML (line 2" in english.output
    missing = _run(tmp_path, "sandbox", "--seed", str(tmp_path / "nope.yml"), "--state", str(tmp_path / "s3"))
    assert missing.exit_code == 1 and "tidak dapat dibaca: berkas atau folder itu tidak ada" in missing.output
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        busy = _run(tmp_path, "sandbox", "--port", str(port), "--state", str(tmp_path / "s4"))
    assert busy.exit_code == 1 and "sudah dipakai" in busy.output and "Address" not in busy.output


def test_insights_times_as_people_read_them(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("SOSMED_NOW", "2020-05-20T10:00:00+08:00")
    root = make_repo(tmp_path)
    result = _run(root, "insights", "collect", "--dry-run")
    english = _run(root, "insights", "collect", "--dry-run", lang="en")
    assert "19 April 2020 pukul 10.00 WITA" in result.output, result.output
    assert "19 April 2020 at 10:00 WITA" in english.output and "2020-04-19" not in english.output


def test_media_prepare_counts_one_post_in_the_singular(tmp_path: Path) -> None:
    root = instance_with_sample_forms(tmp_path)
    made = _run(root, "new", "post", "Satu", "--date", "2020-05-12T09:00", "--platform", "facebook",
                "--strategy", "talking", "--bidang", "sekretariat")
    assert made.exit_code == 0, made.output
    [index] = (root / "content").rglob("index.md")
    english = _run(root, "media", "prepare", str(index.parent), "--dry-run", lang="en")
    assert "1 post looked at:" in english.output, english.output
    indonesian = _run(root, "media", "prepare", str(index.parent), "--dry-run")
    assert "1 tulisan diperiksa:" in indonesian.output


def test_publishing_names_the_archive_website(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("SOSMED_NOW", "2020-05-06T10:00:00+08:00")
    root = instance_with_sample_forms(tmp_path)
    shutil.copytree(REPO / "content" / "2020" / "05" / "2020-05-05-penyesuaian-jam-layanan-kepegawaian",
                    root / "content" / "2020" / "05" / "2020-05-05-penyesuaian-jam-layanan-kepegawaian")
    commit_all(root)
    indonesian = _run(root, "publish", "--dry-run", "--target", "sandbox")
    english = _run(root, "publish", "--dry-run", "--target", "sandbox", lang="en")
    assert re.search(r"2020-05-05-penyesuaian-jam-layanan-kepegawaian\s+Situs arsip\s+terbitkan", indonesian.output)
    assert re.search(r"2020-05-05-penyesuaian-jam-layanan-kepegawaian\s+Archive website\s+publish", english.output)
    assert not re.search(r"\s{2}website\s{2}", indonesian.output + english.output)


def _descriptions(node: object) -> list[str]:
    if isinstance(node, list):
        return [d for value in node for d in _descriptions(value)]
    if not isinstance(node, dict):
        return []
    found = [node["description"]] if isinstance(node.get("description"), str) else []
    return found + [d for key, value in node.items() if key != "description" for d in _descriptions(value)]


def test_the_json_schema_speaks_the_users_language(tmp_path: Path) -> None:
    from sosmed.i18n import catalogue

    for lang in ("id", "en"):
        texts = {text for key, text in catalogue(lang).items() if key.startswith("schema.describe.")}
        for kind in ("post", "qna", "config"):
            result = _run(tmp_path, "schema", kind, lang=lang)
            schema = json.loads(result.output)
            described = _descriptions(schema)
            assert described and set(described) <= texts, (lang, kind, set(described) - texts)
            assert '"title": "' not in json.dumps(schema["$defs"] if "$defs" in schema else {})
    indonesian = json.loads(_run(tmp_path, "schema", "post").output)
    assert indonesian["description"].startswith("Front matter sebuah tulisan")


def test_decimals_in_check_messages_follow_the_language(tmp_path: Path) -> None:
    from tests.check.helpers import POST_HEAD, image_bytes, make_instance, write_post

    root = make_instance(tmp_path)
    media = '  - file: a.png\n    alt: "Foto kegiatan BKD"\n    credit: Yosef Kolo\n    source: Dokumentasi BKD\n'
    write_post(root, POST_HEAD + f"platforms: [instagram]\nmedia:\n{media}", "Isi.",
               {"a.png": image_bytes(400, 1000, "PNG")})
    indonesian = CliRunner().invoke(cli, ["--config", str(root / "sosmed.yml"), "check"])
    english = CliRunner().invoke(cli, ["--lang", "en", "--config", str(root / "sosmed.yml"), "check"])
    assert "(400×1000, 0,40:1)" in indonesian.output
    assert "(400×1000, 0.40:1)" in english.output and "0,40" not in english.output
