"""The personal-data corpus through ``sosmed check``: the rules report it, every output masks it.

Each case of ``tests/privacy/corpus.yml`` becomes the body of a post (a citizen's question for
the handle cases). What the rules report must be exactly the labelled findings (so what check
finds is what the site hides), clean traps and the office's contacts give no FBS 8 finding, and
no output format repeats a finding's text.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from sosmed.check.engine import CheckResult
from sosmed.cli import cli
from tests.check.helpers import POST_HEAD, make_instance, run, write_form, write_post
from tests.privacy.corpus import Case, load_corpus

CASES = load_corpus()
PRIVACY_RULES = ("privacy-nik", "privacy-nip", "privacy-phone", "privacy-email", "privacy-plate", "privacy-address")


def _write(root: Path, number: int, case: Case) -> str:
    if case.handles:
        text = case.text.replace('"', "'")
        path = write_form(root, "mutasi", f"QA-2020-05-{number:04d}", f"""id: QA-2020-05-{number:04d}
officer: Maria Goreti Nona
bidang: mutasi
received: 2020-05-12 10:00
questions:
  - text: "{text}"
    platform: whatsapp
    answer: "Silakan datang ke kantor."
""")
    else:
        path = write_post(root, POST_HEAD + "platforms: [facebook, x]\n", case.text + "\n", slug=f"kasus-{number:03d}")
    return path.relative_to(root).as_posix()


@pytest.fixture(scope="module")
def corpus_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Case], CheckResult]:
    root = make_instance(tmp_path_factory.mktemp("corpus"))
    files = {_write(root, number, case): case for number, case in enumerate(CASES, 1)}
    return root, files, run(root)


def test_rules_report_exactly_the_labelled_findings(corpus_run: tuple[Path, dict[str, Case], CheckResult]) -> None:
    _root, files, result = corpus_run
    reported: dict[str, list[str]] = {path: [] for path in files}
    for problem in result.problems:
        if problem.rule in PRIVACY_RULES:
            reported[problem.path].extend(problem.hide)
    for path, case in files.items():
        expected = [] if case.site_only else case.secrets
        assert reported[path] == expected, case.why


@pytest.mark.parametrize("fmt", ["text", "json", "github", "markdown"])
def test_no_output_format_repeats_a_finding(corpus_run: tuple[Path, dict[str, Case], CheckResult], fmt: str) -> None:
    root, files, _result = corpus_run
    output = CliRunner().invoke(cli, ["--config", str(root / "sosmed.yml"), "check", "--format", fmt,
                                      str(root / "content"), str(root / "qna")]).output
    assert "Traceback" not in output
    for case in files.values():
        for secret in case.secrets:
            if case.handles:
                continue  # questions are not previewed; the FAQ test covers handles
            assert secret not in output, (fmt, case.why)
