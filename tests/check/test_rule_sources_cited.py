"""sources-cited: informational strategies need at least one source."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.check.helpers import make_instance, of_rule, run, write_post


def _front(strategy: str, sources: bool) -> str:
    head = f"""title: "Jadwal pelayanan"
date: 2020-05-12 09:00
strategy: {strategy}
bidang: pengadaan
platforms: [facebook]
"""
    return head + ("sources:\n  - Surat Edaran Kepala BKD Nomor 800/2020\n" if sources else "")


@pytest.mark.parametrize("strategy", ["talking", "transparency", "supporting", "berbicara"])
def test_informational_post_without_sources(tmp_path: Path, strategy: str) -> None:
    root = make_instance(tmp_path)
    write_post(root, _front(strategy, sources=False), "Isi.\n")
    found = of_rule(run(root), "sources-cited")
    assert [(p.line, p.column, p.level) for p in found] == [(4, 1, "error")]
    canonical = {"berbicara": "talking"}.get(strategy, strategy)
    guideline = {"talking": "berbicara", "transparency": "transparansi", "supporting": "mendukung"}[canonical]
    assert found[0].message("id") == (
        f"Tulisan berstrategi {guideline} ({canonical}) bersifat informasi dan wajib mencantumkan paling sedikit satu sumber di "
        "'sources' (peraturan, surat resmi, atau dokumentasi instansi).")
    assert found[0].message("en") == (
        f"A post with strategy {canonical} ({guideline} in the guideline) informs, so it must cite at least one entry under 'sources' (a "
        "regulation, an official letter or the agency's documentation).")


@pytest.mark.parametrize(("strategy", "sources"), [("talking", True), ("energizing", False), ("embracing", False),
                                                    ("listening", False)])
def test_cited_or_not_informational(tmp_path: Path, strategy: str, sources: bool) -> None:
    root = make_instance(tmp_path)
    write_post(root, _front(strategy, sources), "Isi.\n")
    assert of_rule(run(root), "sources-cited") == []


def test_strategies_option(tmp_path: Path) -> None:
    root = make_instance(tmp_path)
    write_post(root, _front("energizing", sources=False), "Isi.\n")
    config = root / "sosmed.yml"
    config.write_text(config.read_text() + "  rules:\n    sources-cited:\n      strategies: [energizing]\n")
    assert [p.line for p in of_rule(run(root), "sources-cited")] == [4]
