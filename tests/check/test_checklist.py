"""sosmed checklist (the PR template) and sosmed check --pr-body."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from sosmed.check.checklist import render_checklist, unticked
from sosmed.check.fbs import MANUAL
from sosmed.cli import cli
from tests.check.helpers import POST_HEAD, REPO, make_instance, write_post


def _cli(root: Path, *args: str):
    return CliRunner().invoke(cli, ["--config", str(root / "sosmed.yml"), *args], catch_exceptions=False)


def test_template_is_generated_from_the_registry_in_both_languages() -> None:
    text_id, text_en = render_checklist("id"), render_checklist("en")
    assert "- 🤖 **7. Ejaan, tanda baca, serta kualitas foto dan video** — diperiksa sistem ketika pull request " \
        "ditinjau (" in text_id
    assert "✅" not in text_id  # nothing has run yet when the template is written: no result is claimed
    assert "`spelling`" in text_id and "`image-quality`" in text_id
    for point in MANUAL:
        assert f"- [ ] **{point}. " in text_id and f"<!-- fbs-manual:{point} -->" in text_en
    assert "- [ ] **3. Useful to the audience** — This information is useful" in text_en
    assert "- [ ] **9." not in text_id  # a point the machine checks wholly is not a box
    # … while the parts of 1, 7 and 8 only a person can judge are:
    assert "- [ ] **7. Ejaan, tanda baca, serta kualitas foto dan video** — Foto dan video layak terbit" in text_id
    assert "izin atau lisensinya" in text_id and "tidak dapat dikenali" in text_id


def test_committed_template_matches_the_command() -> None:
    assert (REPO / ".github" / "pull_request_template.md").read_text(encoding="utf-8") == render_checklist("id")


def test_cli_prints_the_template(tmp_path: Path) -> None:
    root = make_instance(tmp_path)
    result = _cli(root, "--lang", "en", "checklist")
    assert result.exit_code == 0 and result.output == render_checklist("en")


def test_unticked_and_missing_points() -> None:
    body = render_checklist("id")
    assert unticked(body) == (list(MANUAL), [])
    ticked = body.replace("- [ ] **", "- [x] **")
    assert unticked(ticked) == ([], [])
    partly = ticked.replace("- [x] **4.", "- [ ] **4.")
    assert unticked(partly) == ([4], [])
    assert unticked("Tidak ada daftar periksa.") == ([], list(MANUAL))


def test_check_pr_body_fails_until_every_manual_box_is_ticked(tmp_path: Path) -> None:
    root = make_instance(tmp_path)
    write_post(root, POST_HEAD + "platforms: [facebook]\n", "Pengumuman seleksi.\n")
    body = tmp_path / "pr.md"
    body.write_text(render_checklist("id").replace("- [ ] **", "- [x] **").replace("- [x] **6.", "- [ ] **6."),
                    encoding="utf-8")
    result = _cli(root, "check", "--pr-body", str(body), str(root / "content"))
    assert result.exit_code == 1
    assert ("Daftar periksa FBS belum lengkap: kotak poin 6 belum dicentang peninjau di deskripsi pull request "
            f"({body}).") in result.output
    body.write_text(render_checklist("en").replace("- [ ] **", "- [X] **"), encoding="utf-8")
    assert _cli(root, "check", "--pr-body", str(body), str(root / "content")).exit_code == 0
    body.write_text("Menambah berita.", encoding="utf-8")
    result = _cli(root, "--lang", "en", "check", "--pr-body", str(body), str(root / "content"))
    assert result.exit_code == 1
    assert "lacks points 1, 2, 3, 4, 5, 6, 7, 8; copy the template from 'sosmed checklist'." in result.output


def test_one_open_point_is_singular_in_english(tmp_path: Path) -> None:
    root = make_instance(tmp_path)
    write_post(root, POST_HEAD + "platforms: [facebook]\n", "Pengumuman seleksi.\n")
    body = tmp_path / "pr.md"
    ticked = render_checklist("en").replace("- [ ] **", "- [x] **")
    body.write_text(ticked.replace("- [x] **6.", "- [ ] **6."), encoding="utf-8")
    result = _cli(root, "--lang", "en", "check", "--pr-body", str(body), str(root / "content"))
    assert result.exit_code == 1
    assert f"the reviewer has not ticked point 6 in the pull-request description ({body})." in result.output
    body.write_text(ticked.replace("- [x] **4.", "- [ ] **4.").replace("- [x] **6.", "- [ ] **6."), encoding="utf-8")
    result = _cli(root, "--lang", "en", "check", "--pr-body", str(body), str(root / "content"))
    assert "the reviewer has not ticked points 4, 6 in the" in result.output and "(s)" not in result.output
    result = _cli(root, "check", "--pr-body", str(body), str(root / "content"))
    assert "kotak poin 4, 6 belum dicentang peninjau" in result.output
