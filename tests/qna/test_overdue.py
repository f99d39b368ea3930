"""Working days (weekends and configured holidays skipped) and ``sosmed qna overdue``."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from click.testing import CliRunner

from sosmed.cli import cli
from sosmed.config import load_config
from sosmed.qna.lookup import load_forms, read_index
from sosmed.qna.overdue import find_overdue
from sosmed.qna.workdays import holidays, working_days_since
from tests.qna.helpers import make_repo, record_reply, write_form

WITA = ZoneInfo("Asia/Makassar")


def test_working_days_skip_weekends() -> None:
    friday = date(2020, 5, 15)
    assert working_days_since(friday, friday) == 0
    assert working_days_since(friday, date(2020, 5, 16)) == 0  # Saturday
    assert working_days_since(friday, date(2020, 5, 18)) == 1  # Monday
    assert working_days_since(date(2020, 5, 11), date(2020, 5, 15)) == 4
    assert working_days_since(date(2020, 5, 1), date(2020, 6, 30)) == 42
    # Received on a Saturday: Monday is the first working day.
    assert working_days_since(date(2020, 5, 16), date(2020, 5, 18)) == 1


def test_working_days_skip_holidays_and_ranges(tmp_path: Path) -> None:
    root = make_repo(tmp_path, extra_config='qna:\n  overdue_days: 3\n  holidays: [2020-05-07, "2020-05-21", '
                                            '"2020-05-22..2020-05-27"]\n')
    off = holidays(load_config(root / "sosmed.yml"))
    assert date(2020, 5, 7) in off and date(2020, 5, 25) in off and date(2020, 5, 28) not in off
    # Waisak (7 May 2020) is a Thursday.
    assert working_days_since(date(2020, 5, 6), date(2020, 5, 8), off) == 1
    # Ascension + Idul Fitri leave: 21–27 May; only the 28th and 29th count that fortnight.
    assert working_days_since(date(2020, 5, 20), date(2020, 5, 29), off) == 2
    assert working_days_since(date(2020, 5, 1), date(2020, 6, 30), off) == 42 - 6


def test_bad_holiday_is_a_user_error(tmp_path: Path) -> None:
    root = make_repo(tmp_path, extra_config="qna:\n  holidays: [bukan-tanggal]\n")
    result = CliRunner().invoke(cli, ["--config", str(root / "sosmed.yml"), "qna", "overdue"])
    assert result.exit_code == 1 and "bukan-tanggal" in result.output and "Traceback" not in result.output


FORM = """id: QA-2020-05-0001
officer: Maria Goreti Nona
bidang: mutasi
received: 2020-05-13T10:00:00+08:00
questions:
  - text: "Pertanyaan satu?"
    platform: facebook
    comment_id: "1_2"
    received_at: 2020-05-11T09:00:00+08:00
    answer: "Jawaban satu."
  - text: "Pertanyaan dua?"
    platform: x
    comment_id: "99"
    received_at: 2020-05-15T09:00:00+08:00
    answer: ""
  - text: "Pertanyaan tiga?"
    platform: phone
    received_at: 2020-05-11T09:00:00+08:00
    answer: "Jawaban tiga."
draft: true
"""


def test_overdue_lists_unreplied_questions_by_working_days(tmp_path: Path) -> None:
    root = make_repo(tmp_path)
    write_form(root, "mutasi", "QA-2020-05-0001", FORM)
    config = load_config(root / "sosmed.yml")
    now = datetime(2020, 5, 20, 12, 0, tzinfo=WITA)  # Wednesday
    rows = find_overdue(load_forms(config), read_index(config), config, days=3, now=now)
    # Q1 and Q3: Mon 11 May → 7 working days. Q2: Fri 15 May → 3 (not more than 3).
    assert [(r.number, r.days, r.answered) for r in rows] == [(1, 7, True), (3, 7, True)]
    assert [r.number for r in find_overdue(load_forms(config), read_index(config), config, days=2, now=now)] == \
        [1, 3, 2]
    record_reply(root, "QA-2020-05-0001#q1", "facebook")
    record_reply(root, "QA-2020-05-0001#q3", "offline")
    assert find_overdue(load_forms(config), read_index(config), config, days=3, now=now) == []


def test_overdue_command_exit_codes_and_formats(tmp_path: Path) -> None:
    root = make_repo(tmp_path)
    write_form(root, "mutasi", "QA-2020-05-0001", FORM)
    args = ["--config", str(root / "sosmed.yml"), "qna", "overdue"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 1
    assert "3 pertanyaan lebih dari 3 hari kerja belum dibalas:" in result.output
    assert "QA-2020-05-0001" in result.output and "belum dijawab" in result.output
    markdown = CliRunner().invoke(cli, [*args, "--format", "markdown"])
    assert "| Formulir | No. | Bidang |" in markdown.output
    data = json.loads(CliRunner().invoke(cli, [*args, "--format", "json", "--days", "1000000"]).output)
    assert data == {"days": 1000000, "overdue": []}
    clean = CliRunner().invoke(cli, [*args, "--days", "1000000"])
    assert clean.exit_code == 0
    assert "Tidak ada pertanyaan yang lebih dari 1000000 hari kerja belum dibalas." in clean.output


@pytest.mark.parametrize("value", ["-1", "tiga"])
def test_overdue_days_in_config_must_be_a_whole_number(tmp_path: Path, value: str) -> None:
    root = make_repo(tmp_path, extra_config=f"qna:\n  overdue_days: {value}\n")
    result = CliRunner().invoke(cli, ["--config", str(root / "sosmed.yml"), "qna", "overdue"])
    assert result.exit_code == 2 and "qna.overdue_days" in result.output
