"""body-empty: a post needs a body."""

from __future__ import annotations

from pathlib import Path

from tests.check.helpers import POST_HEAD, make_instance, of_rule, run, write_post

HEAD = POST_HEAD + "platforms: [facebook]\n"


def test_body_present_passes(tmp_path: Path) -> None:
    root = make_instance(tmp_path)
    write_post(root, HEAD, "Isi.\n")
    assert of_rule(run(root), "body-empty") == []


def test_empty_body_is_an_error_at_the_body_line(tmp_path: Path) -> None:
    root = make_instance(tmp_path)
    write_post(root, HEAD, "\n")
    found = of_rule(run(root), "body-empty")
    assert [(p.line, p.level) for p in found] == [(12, "error")]
    assert found[0].message("id") == ("Isi tulisan kosong (minimal 1 karakter): tulis artikel lengkapnya di bawah "
                                      "front matter.")
    assert found[0].message("en") == ("The post's body is empty (at least 1 characters): write the full article "
                                      "below the front matter.")
