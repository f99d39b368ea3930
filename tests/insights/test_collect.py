"""``sosmed insights collect`` through the real command line, against the sandbox, with a real ledger."""

from __future__ import annotations

import json
from datetime import timedelta
from urllib.parse import parse_qs

from click.testing import CliRunner

from sosmed import clock
from sosmed.cli import cli
from sosmed.insights.snapshots import fold
from sosmed.platforms.metrics import METRICS
from sosmed.publish.ledger import open_ledger
from sosmed.publish.records import INSIGHTS, new_record
from tests.insights.conftest import DAY, Published


def run(p: Published, *args: str, env: dict[str, str | None] | None = None):
    return CliRunner().invoke(cli, ["--config", str(p.repo / "sosmed.yml"), "insights", "collect", *args],
                              env=env or p.env)


def ledger_records(p: Published) -> list[dict]:
    return open_ledger(p.repo, p.config, "sandbox").read().records


def insights_records(p: Published) -> list[dict]:
    return [r for r in ledger_records(p) if r.get("kind") == INSIGHTS]


def receipts(p: Published) -> dict[str, set[str]]:
    """Per social platform, the ids of the posts the publisher recorded."""
    out: dict[str, set[str]] = {}
    for r in ledger_records(p):
        if r.get("kind") == "success" and r.get("op") == "publish" and r.get("platform") != "website":
            out.setdefault(r["platform"], set()).add(r["receipt"]["id"])
    return out


def test_numbers_of_every_post_then_only_what_changed(published: Published) -> None:
    published.advance(3 * DAY)
    first = run(published, "--target", "sandbox")
    assert first.exit_code == 0, first.output
    assert "Unggahan dibaca" in first.output and "Dicatat di ledger sosmed-ledger-sandbox." in first.output
    [record] = insights_records(published)
    posts = receipts(published)
    assert {platform: set(ids) for platform, ids in record["values"].items()} == posts
    for platform, ids in record["values"].items():
        for numbers in ids.values():
            assert set(numbers) == set(METRICS[platform]), platform
    assert "missing" not in record and "errors" not in record

    again = run(published, "--target", "sandbox")
    assert again.exit_code == 0 and "Tidak ada angka yang berubah" in again.output
    unchanged = insights_records(published)[-1]
    assert "values" not in unchanged and len(json.dumps(unchanged)) < 300, "an unchanged run is a few bytes"

    published.advance(2 * DAY)
    before = fold(insights_records(published))
    later = run(published, "--target", "sandbox")
    assert later.exit_code == 0, later.output
    changed = insights_records(published)[-1]["values"]
    assert changed, "numbers grow as the posts age"
    for platform, ids in changed.items():
        for post_id, numbers in ids.items():
            known, _ = before.of(platform, post_id)
            assert all(known.get(name) != value for name, value in numbers.items()), "only changed numbers"
    assert fold(insights_records(published)).of("facebook", next(iter(posts["facebook"])))[0]["reach"] >= \
        before.of("facebook", next(iter(posts["facebook"])))[0]["reach"]


def test_young_posts_are_recorded_as_not_available_with_the_reason(published: Published) -> None:
    result = run(published, "--target", "sandbox")
    assert result.exit_code == 0, result.output
    assert "terlalu baru" in result.output
    [record] = insights_records(published)
    facebook = next(iter(record["missing"]["facebook"].values()))
    assert facebook["reach"] == "too_new"
    assert record["values"]["x"], "X counts are there at once"


def test_a_run_reads_only_the_posts_of_the_window(published: Published) -> None:
    # A year of older posts in the ledger: none of them is asked about.
    ledger = open_ledger(published.repo, published.config, "sandbox", published.env)
    ledger.sync()
    old, records = [], []
    for n in range(200):
        moment = f"2019-0{1 + n % 9}-1{n % 10}T02:00:00+00:00"
        old.append(f"9{n:018d}")
        records.append(new_record("success", time=moment, item=f"2019-01-01-lama-{n}", platform="x", op="publish",
                                  hash="sha256:old", attempt=1, receipt={"platform": "x", "id": old[-1], "url": None,
                                                                         "time": moment, "extra_ids": [], "raw": {}}))
    ledger.append(records)
    published.advance(DAY)
    published.clear_calls()
    result = run(published, "--target", "sandbox")
    assert result.exit_code == 0, result.output
    lookups = [c for c in published.calls() if c["platform"] == "x" and c["path"] == "/2/tweets"]
    assert len(lookups) == 1
    asked = parse_qs(lookups[0]["query"])["ids"][0].split(",")
    assert sorted(asked) == sorted(receipts(published)["x"] - set(old)), "the posts of the window, each once"


def test_interval_skips_a_run_too_soon_after_the_last(published: Published) -> None:
    assert run(published, "--target", "sandbox").exit_code == 0
    count = len(insights_records(published))
    published.clear_calls()
    soon = run(published, "--target", "sandbox", "--interval", "6")
    assert soon.exit_code == 0 and "Tidak ada yang dibaca" in soon.output
    assert published.calls() == [] and len(insights_records(published)) == count


def test_a_platform_without_credentials_is_skipped_and_the_others_recorded(published: Published) -> None:
    env = {k: v for k, v in published.env.items() if not k.startswith("SOSMED_YOUTUBE_")}
    result = run(published, "--target", "sandbox", env=env)
    assert result.exit_code == 0, result.output
    assert "YouTube dilewati: kredensial belum diisi (SOSMED_YOUTUBE_" in result.output
    [record] = insights_records(published)
    assert "youtube" not in record["values"] and "facebook" in record["values"]


def test_a_refused_token_fails_only_its_platform_and_the_run_exits_1(published: Published) -> None:
    from tests.platforms.conftest import Sandbox

    Sandbox(published.handle).fault(platform="x", path=r"/2/tweets", method="GET", kind="401", count=1)
    result = run(published, "--target", "sandbox")
    assert result.exit_code == 1, result.output
    assert "X tidak dapat dibaca: Token akses X tidak berlaku" in result.output
    [record] = insights_records(published)
    assert record["errors"] == {"x": "AuthError"} and "facebook" in record["values"]


def test_a_spent_quota_is_not_available_not_a_failure(published: Published) -> None:
    from tests.platforms.conftest import Sandbox

    Sandbox(published.handle).fault(platform="youtube", path=r"/youtube/v3/videos", method="GET", kind="quota",
                                    count=1)
    result = CliRunner().invoke(cli, ["--lang", "en", "--config", str(published.repo / "sosmed.yml"), "insights",
                                      "collect", "--target", "sandbox"], env=published.env)
    assert result.exit_code == 0, result.output
    assert "YouTube: 3 numbers not available: the platform's read quota was spent (3)." in result.output
    [record] = insights_records(published)
    assert set(next(iter(record["missing"]["youtube"].values())).values()) == {"quota"}


def test_dry_run_records_nothing_and_exits_1_when_numbers_changed(published: Published) -> None:
    published.advance(DAY)
    result = run(published, "--target", "sandbox", "--dry-run")
    assert result.exit_code == 1 and "Uji coba: tidak ada yang dicatat." in result.output
    assert insights_records(published) == []


def test_the_live_ledger_needs_its_key(published: Published) -> None:
    result = run(published, env={**published.env, "SOSMED_LEDGER_KEY": None})
    assert result.exit_code == 1 and "SOSMED_LEDGER_KEY" in result.output and "Traceback" not in result.output


def test_the_window_is_counted_back_from_the_one_clock(published: Published) -> None:
    # With the tool's clock a year ahead, the posts are out of the 31-day window: nothing is asked.
    ahead = (clock.now() + timedelta(days=365)).isoformat()
    published.clear_calls()
    result = run(published, "--target", "sandbox", env={**published.env, "SOSMED_NOW": ahead})
    assert result.exit_code == 0 and "Tidak ada unggahan di platform sejak" in result.output
    assert published.calls() == []



def _closed_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _lines_naming(output: str, name: str) -> list[str]:
    return [line for line in output.splitlines() if line.strip().startswith(f"{name}")]


def test_an_unreachable_platform_is_one_clear_line_and_the_others_are_recorded(published: Published) -> None:
    published.advance(3 * DAY)
    env = {**published.env, "SOSMED_X_API": f"http://127.0.0.1:{_closed_port()}"}
    for lang, reason in (("id", "platform tidak dapat dihubungi atau terus gagal setelah dicoba ulang"),
                         ("en", "the platform could not be reached, or kept failing after retries")):
        result = CliRunner().invoke(cli, ["--lang", lang, "--config", str(published.repo / "sosmed.yml"), "insights",
                                          "collect", "--target", "sandbox"], env=env)
        assert result.exit_code == 0 and "Traceback" not in result.output, result.output
        [line] = _lines_naming(result.output, "X:")
        assert reason in line, line
    record = insights_records(published)[0]
    assert set(next(iter(record["missing"]["x"].values())).values()) == {"unavailable"}
    assert "facebook" in record["values"] and "youtube" in record["values"]


def test_without_tokens_every_platform_says_so_once(published: Published) -> None:
    platforms = ("SOSMED_FACEBOOK_", "SOSMED_INSTAGRAM_", "SOSMED_X_", "SOSMED_YOUTUBE_")
    env: dict[str, str | None] = {k: None if k.startswith(platforms) else v for k, v in published.env.items()}
    for lang, skipped in (("id", "dilewati: kredensial belum diisi (SOSMED_"),
                          ("en", "skipped: credentials not set (SOSMED_")):
        result = CliRunner().invoke(cli, ["--lang", lang, "--config", str(published.repo / "sosmed.yml"), "insights",
                                          "collect", "--target", "sandbox"], env=env)
        assert result.exit_code == 0 and "Traceback" not in result.output, result.output
        for name in ("Facebook", "Instagram", "X", "YouTube"):
            [line] = _lines_naming(result.output, f"{name} ")
            assert skipped in line, line
