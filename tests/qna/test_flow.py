"""The whole Q&A flow over the sandbox and a real git repository:
seeded comments → collect → draft forms → answers → publish → replies under the right comments;
a second collect and a second publish change nothing."""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from git import Repo

from sosmed.app.wiring import publish
from sosmed.config import load_config
from sosmed.publish.ledger import GitLedger
from sosmed.qna.collect import collect
from tests.qna.conftest import Published

ANSWERS = {
    "mutasi": "Usul mutasi guru diajukan melalui kepala sekolah dan Dinas Pendidikan dan Kebudayaan Provinsi NTT.",
    "pengadaan": "Jadwal seleksi CPNS diumumkan oleh BKN; pantau akun resmi BKD Provinsi NTT.",
}


def _front(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---")[1])


def _answer(path: Path, text: str) -> None:
    """What the division does in the pull request: answer every question and drop the draft marker."""
    body = path.read_text(encoding="utf-8").replace('answer: ""', f'answer: "{text}"')
    body = re.sub(r"(?m)^draft: true\n", "", body)
    path.write_text(body, encoding="utf-8")


def _replies(pub: Published) -> dict[str, dict[str, list[str]]]:
    """Per platform: comment id → texts of the agency's replies under it, from the sandbox's own state."""
    out: dict[str, dict[str, list[str]]] = {}
    for platform, own in (("facebook", "by_page"), ("instagram", "by_owner"), ("youtube", "by_channel")):
        state = pub.state(platform)
        found: dict[str, list[str]] = {}
        for comment in state["comments"]:
            parent = comment.get("parent_id")
            if parent and comment.get(own):
                found.setdefault(str(parent), []).append(comment.get("message") or comment.get("text") or "")
        out[platform] = found
    x_state = pub.state("x")
    found = {}
    for post in x_state["posts"]:
        if post.get("in_reply_to"):
            found.setdefault(str(post["in_reply_to"]), []).append(post["text"])
    out["x"] = found
    return out


def test_comments_become_forms_and_answers_become_replies(published: Published) -> None:
    pub = published
    config = load_config(pub.root / "sosmed.yml")
    asked = {
        "facebook": pub.comment("facebook", "Bagaimana prosedur mutasi guru SMA ke Kabupaten Sikka?", "Maria Bria"),
        "instagram": pub.comment("instagram", "Mutasi guru antar kabupaten diurus di mana?", "Yosef Nahak"),
        "youtube": pub.comment("youtube", "Kapan seleksi CPNS tahun ini dibuka?", "Penonton Lembata"),
        "x": pub.comment("x", "@Bkdprovinsintt syarat pindah jabatan guru apa saja? WA saya 0812 3456 7890",
                         "Warga Rote"),
        "triage": pub.comment("facebook", "Selamat pagi, semoga sehat selalu", "Warga Ende"),
    }
    report = collect(config, env=pub.env)
    assert report.errors == {} and report.own == 0
    forms = {form.bidang: form for form in report.forms}
    assert set(forms) == {"mutasi", "pengadaan", "_triage"}
    assert forms["_triage"].path.relative_to(pub.root).parts[:2] == ("qna", "_triage")

    mutasi = _front(forms["mutasi"].path)
    assert mutasi["draft"] is True and mutasi["bidang"] == "mutasi" and mutasi["officer"] == "Maria Goreti Nona"
    by_id = {q["comment_id"]: q for q in mutasi["questions"]}
    assert set(by_id) == {asked["facebook"], asked["instagram"], asked["x"]}
    fb = by_id[asked["facebook"]]
    assert fb["platform"] == "facebook" and fb["asker"] == "Maria Bria" and fb["link"] and fb["received_at"]
    assert fb["answer"] == ""
    x_question = by_id[asked["x"]]
    assert x_question["asker"] == "warga_rote" and x_question["link"].endswith(asked["x"])
    # FBS 8: the phone number is masked in the file and the question flagged for the reviewers.
    assert "0812 3456 7890" not in forms["mutasi"].path.read_text(encoding="utf-8")
    assert "0812******90" in x_question["text"]
    assert "# FBS 8:" in forms["mutasi"].path.read_text(encoding="utf-8")
    assert [q["comment_id"] for q in _front(forms["pengadaan"].path)["questions"]] == [asked["youtube"]]
    assert [q["comment_id"] for q in _front(forms["_triage"].path)["questions"]] == [asked["triage"]]
    cursors = [r for r in GitLedger(pub.root).read().records if r["kind"] == "cursor"]
    assert {r["platform"] for r in cursors} == {"facebook", "instagram", "x", "youtube"}

    # A second collection reads nothing new: no form, no cursor record.
    files_before = sorted(p.name for p in (pub.root / "qna").rglob("*.md"))
    again = collect(config, env=pub.env)
    assert again.forms == [] and again.cursors == {} and sum(again.read.values()) == 0
    assert sorted(p.name for p in (pub.root / "qna").rglob("*.md")) == files_before
    assert len([r for r in GitLedger(pub.root).read().records if r["kind"] == "cursor"]) == len(cursors)

    # The divisions answer in the pull request; it is merged; the publisher replies.
    _answer(forms["mutasi"].path, ANSWERS["mutasi"])
    _answer(forms["pengadaan"].path, ANSWERS["pengadaan"])
    pub.commit("Jawaban Q&A")
    config = load_config(pub.root / "sosmed.yml")
    _, run = publish(config, target="sandbox", env=pub.env)
    assert run is not None and not run.failed
    replies = _replies(pub)
    assert replies["facebook"][asked["facebook"]] == [ANSWERS["mutasi"]]
    assert replies["instagram"][asked["instagram"]] == [ANSWERS["mutasi"]]
    assert replies["youtube"][asked["youtube"]] == [ANSWERS["pengadaan"]]
    assert len(replies["x"][asked["x"]]) == 1 and ANSWERS["mutasi"] in replies["x"][asked["x"]][0]
    assert asked["triage"] not in replies["facebook"]

    # Publishing again changes nothing on the platforms; collecting again leaves our own replies out.
    _, second = publish(config, target="sandbox", env=pub.env)
    assert second is not None and second.calls == 0 and _replies(pub) == replies
    head = Repo(pub.root).head.commit.hexsha
    after = collect(config, env=pub.env)
    assert after.forms == [] and after.errors == {}
    assert Repo(pub.root).head.commit.hexsha == head
    assert not Repo(pub.root).is_dirty(untracked_files=True)
