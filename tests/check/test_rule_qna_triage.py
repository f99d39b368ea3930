"""qna-triage: a form in the admins' triage folder waits for a division."""

from __future__ import annotations

from pathlib import Path

from tests.check.helpers import make_instance, of_rule, run, write_form

FORM = """id: QA-2020-05-0001
officer: Maria Goreti Nona
bidang: _triage
received: 2020-05-12 10:00
{draft}questions:
  - text: "Selamat pagi admin, ada info terbaru?"
    platform: facebook
    comment_id: "1_2"
    answer: ""
"""


def test_a_triage_draft_is_a_warning(tmp_path: Path) -> None:
    root = make_instance(tmp_path)
    write_form(root, "_triage", "QA-2020-05-0001", FORM.format(draft="draft: true\n"))
    result = run(root)
    found = of_rule(result, "qna-triage")
    assert [(p.line, p.level) for p in found] == [(4, "warning")]
    assert found[0].message("id").startswith("Formulir ini menunggu pemilahan admin: pindahkan ke qna/<bidang>/")
    assert "sekretariat, pengadaan, mutasi, pengembangan, kinerja" in found[0].message("en")
    assert result.exit_code() == 0


def test_triage_must_be_a_draft_and_in_its_folder(tmp_path: Path) -> None:
    root = make_instance(tmp_path)
    write_form(root, "_triage", "QA-2020-05-0001", FORM.format(draft=""))
    result = run(root)
    assert [p.key for p in result.errors] == ["qna.triage_not_draft"]
    (tmp_path / "two").mkdir()
    root2 = make_instance(tmp_path / "two")
    write_form(root2, "mutasi", "QA-2020-05-0001", FORM.format(draft="draft: true\n"))
    assert [p.key for p in run(root2).errors] == ["model.bidang_unknown"]


def test_a_routed_form_is_not_reported(tmp_path: Path) -> None:
    root = make_instance(tmp_path)
    write_form(root, "mutasi", "QA-2020-05-0001",
               FORM.format(draft="draft: true\n").replace("bidang: _triage", "bidang: mutasi"))
    assert of_rule(run(root), "qna-triage") == []
