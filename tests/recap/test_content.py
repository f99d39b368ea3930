"""What the recap counts: months in WITA, Q&A figures, takedowns, corrections, retries, as of month end."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from sosmed.config.schema import Config
from sosmed.errors import UsageError
from sosmed.publish.ledger import GitLedger
from sosmed.publish.records import new_record
from sosmed.recap.build import build_recap
from sosmed.recap.data import Recap
from sosmed.recap.period import parse_month
from sosmed.recap.service import make_recap
from tests.recap import ledger_fixture as fx


def _recap(config: Config, month: str) -> Recap:
    return build_recap(config, GitLedger(config.root).read(), parse_month(month, config.zone))


def _items(recap: Recap, platform: str) -> list[str]:
    return [e.item for e in recap.publications[platform]]


def test_month_is_counted_in_wita_not_utc(instance: Config) -> None:
    may, june, april = (_recap(instance, m) for m in ("2020-05", "2020-06", "2020-04"))
    # 2020-05-31T23:30Z is 1 June 07:30 WITA: June, not May.
    assert fx.PANCASILA not in _items(may, "facebook")
    assert fx.PANCASILA in _items(june, "facebook")
    assert june.publications["facebook"][0].time.isoformat() == "2020-06-01T07:30:00+08:00"
    # 2020-05-31T15:30Z is 23:30 WITA on 31 May: still May.
    assert fx.PENUTUPAN in _items(may, "facebook")
    # 2020-04-30T16:30Z is 1 May 00:30 WITA: May, not April.
    assert fx.BURUH in _items(may, "website")
    assert april.posts == 0 and not april.publications["website"]


def test_per_platform_lists_carry_titles_links_and_archive_pages(instance: Config) -> None:
    may = _recap(instance, "2020-05")
    assert {p: len(e) for p, e in may.publications.items()} == {
        "website": 6, "facebook": 7, "instagram": 2, "x": 2, "youtube": 1}
    video = next(e for e in may.publications["youtube"] if e.item == fx.VIDEO)
    assert video.title == "Video: alih status guru SMA/SMK"
    assert video.url == "https://www.youtube.com/watch?v=vid1009"
    assert video.archive == "https://bkd-ntt.example.org/arsip/2020/05/2020-05-11-video-alih-status-guru/"
    assert video.time.isoformat() == "2020-05-11T11:05:00+08:00"
    # A reconciled result (found after a crash) counts; a post gone from the repository keeps its id.
    assert fx.BURUH in _items(may, "facebook")
    gone = next(e for e in may.publications["facebook"] if e.item == fx.GONE)
    assert (gone.title, gone.strategy, gone.archive) == (fx.GONE, None, None)


def test_strategies_and_divisions(instance: Config) -> None:
    may = _recap(instance, "2020-05")
    assert may.posts == 7
    assert may.strategies == {"listening": 0, "talking": 1, "transparency": 1, "energizing": 2, "supporting": 1,
                              "embracing": 1, "unknown": 1}
    rows = {d.slug: (d.posts, d.questions) for d in may.divisions}
    assert rows == {"sekretariat": (2, 0), "pengadaan": (1, 2), "mutasi": (1, 2), "pengembangan": (1, 0),
                    "kinerja": (1, 1), "unknown": (1, 0)}


def test_qna_figures_in_working_days(instance: Config) -> None:
    qna = _recap(instance, "2020-05").qna
    assert (qna.received, qna.answered, len(qna.replies)) == (5, 3, 4)
    response = {r.key: round(r.days or 0, 3) for r in qna.replies}
    # Asked Friday 16:00, answered Monday 09:00: 8 h + 9 h, the weekend does not count.
    assert response["QA-2020-05-0001#q1"] == round(17 / 24, 3)
    assert response["QA-2020-05-0001#q2"] == round(40 / 24, 3)
    assert response["QA-2020-05-0002#q2"] == 2.0  # answered outside the platforms (offline record)
    assert response["QA-2020-04-0001#q1"] == 5.0  # received in April, answered in May
    assert qna.median_days == pytest.approx((40 / 24 + 2.0) / 2)
    assert qna.p90_days == 5.0
    assert [(o.key, o.days) for o in qna.overdue] == [("QA-2020-05-0002#q1", 7)]


def test_qna_overdue_follows_configured_holidays(tmp_path: Path) -> None:
    config = fx.build_instance(tmp_path / "holidays")
    text = (config.root / "sosmed.yml").read_text(encoding="utf-8")
    (config.root / "sosmed.yml").write_text(
        text.replace("  overdue_days: 3", "  overdue_days: 3\n  holidays: [2020-05-21, 2020-05-22..2020-05-29]"),
        encoding="utf-8")
    from sosmed.config import load_config

    qna = _recap(load_config(config.root / "sosmed.yml"), "2020-05").qna
    assert qna.overdue == []  # received Wednesday 20 May; every working day after it was a holiday
    assert qna.replies[-1].key == "QA-2020-05-0002#q2" and qna.replies[-1].days == pytest.approx(14 / 24)


def test_takedowns_corrections_and_retries(instance: Config) -> None:
    may = _recap(instance, "2020-05")
    takedowns = [(d.platform, d.manual) for d in may.takedowns]
    assert takedowns == [("instagram", True), ("facebook", False), ("website", False), ("x", False)]
    assert may.takedowns[0].reason == "Jadwal dari BKN berubah; pengumuman diganti."
    assert [(c.item, c.platforms, c.texts) for c in may.corrections] == [
        (fx.PELATIHAN, ("website", "facebook"), ("Ralat: pelatihan dimulai 3 Juni, bukan 2 Juni.",))]
    retries = {(r.item, r.platform): r for r in may.retries}
    video = retries[(fx.VIDEO, "youtube")]
    assert (video.failures, video.attempt, video.error) == (1, 2, "RetryableError 503")
    assert video.succeeded == datetime.fromisoformat("2020-05-11T11:05:00+08:00")
    # The X retry succeeded in June: as of the end of May it had not.
    closing = retries[(fx.PENUTUPAN, "x")]
    assert (closing.succeeded, closing.error) == (None, "QuotaError 429")
    june = _recap(instance, "2020-06")
    assert fx.PENUTUPAN in _items(june, "x") and june.retries == []


def test_recap_of_a_closed_month_does_not_change_when_the_ledger_grows(instance: Config, tmp_path: Path) -> None:
    before = make_recap(instance, "2020-05", out=tmp_path / "a").markdown
    ledger = GitLedger(instance.root)
    ledger.sync()
    ledger.append([new_record("failure", time="2020-07-01T00:00:00+00:00", item=fx.VIDEO, platform="x",
                                 op="publish", hash="sha256:x", attempt=1, error={"class": "AuthError"})])
    assert make_recap(instance, "2020-05", out=tmp_path / "b").markdown == before


def test_month_with_nothing_published(instance: Config, tmp_path: Path) -> None:
    result = make_recap(instance, "2020-03", out=tmp_path)
    recap = result.recap
    assert recap.empty and recap.posts == 0
    assert all(not entries for entries in recap.publications.values())
    assert recap.qna.received == 0 and recap.qna.median_days is None and recap.qna.overdue == []
    text = result.markdown
    assert "### Facebook (0)" in text and "(tidak ada)" in text
    assert "| Median waktu tanggap | – |" in text


def test_empty_ledger_and_no_content(tmp_path: Path) -> None:
    config = fx.build_instance(tmp_path / "empty", records=[new_record("cursor", platform="x", cursor="1")])
    result = make_recap(config, "2020-05", formats=("md", "xlsx"), out=tmp_path / "out")
    assert result.recap.posts == 0
    assert (tmp_path / "out" / "2020-05.xlsx").is_file()


def test_markdown_escapes_titles_and_links(instance: Config, tmp_path: Path) -> None:
    text = make_recap(instance, "2020-05", out=tmp_path).markdown
    assert "Jadwal layanan kepegawaian \\| Mei 2020" in text
    assert "Pelatihan daring &lt;pengelola&gt; kepegawaian" in text and "<pengelola>" not in text
    assert "[unggahan](https://www.youtube.com/watch?v=vid1009) · [arsip](https://bkd-ntt.example.org/arsip/" \
        "2020/05/2020-05-11-video-alih-status-guru/)" in text


def test_front_matter_for_the_site(instance: Config, tmp_path: Path) -> None:
    import frontmatter

    post = frontmatter.loads(make_recap(instance, "2020-05", out=tmp_path).markdown)
    assert post["month"] == "2020-05" and post["lang"] == "id"
    assert post["title"] == "Rekapitulasi Bulanan Media Sosial Mei 2020"
    assert post["totals"]["platforms"] == {"website": 6, "facebook": 7, "instagram": 2, "x": 2, "youtube": 1}
    assert post["charts"] == {"weekly": "2020-05/weekly.svg", "strategy": "2020-05/strategy.svg",
                              "engagement": "2020-05/engagement.svg",
                              "engagement_strategy": "2020-05/engagement_strategy.svg"}
    assert post["engagement"]["platforms"]["facebook"] == {
        "posts": 7, "reach": 10095, "views": 13585, "engagement": 639,
        "previous": {"reach": None, "views": None, "engagement": None},  # no collection before May ended
        "change_percent": {"reach": None, "views": None, "engagement": None}}
    assert post["engagement"]["platforms"]["x"]["reach"] is None


@pytest.mark.parametrize("text", ["2020-13", "2020-5", "Mei 2020", "", "2020-05-01"])
def test_bad_month_is_a_usage_error(text: str) -> None:
    from zoneinfo import ZoneInfo

    with pytest.raises(UsageError) as error:
        parse_month(text, ZoneInfo("Asia/Makassar"))
    assert "TTTT-BB" in error.value.format_message()
