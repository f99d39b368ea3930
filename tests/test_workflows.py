"""The workflows keep the system's promise in their order and in where secrets can be read."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

WORKFLOWS = Path(__file__).resolve().parents[1] / ".github" / "workflows"


def _load(name: str) -> dict:
    return yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))


def _environment(job: dict) -> str | None:
    env = job.get("environment")
    return env.get("name") if isinstance(env, dict) else env


def test_secrets_are_read_only_in_the_main_only_environment() -> None:
    for path in WORKFLOWS.glob("*.yml"):
        for name, job in (_load(path.name).get("jobs") or {}).items():
            if re.search(r"secrets\.", yaml.safe_dump(job)):
                assert _environment(job) == "sosmed-live", f"{path.name}: job {name} reads secrets outside sosmed-live"


def test_sign_off_then_site_from_signed_content_then_platforms() -> None:
    jobs = _load("publish-run.yml")["jobs"]
    assert jobs["site"]["needs"] == "signoff" and jobs["deploy"]["needs"] == "site"
    assert jobs["publish"]["needs"] == "deploy"
    runs = {name: " ".join(step.get("run", "") for step in job.get("steps", [])) for name, job in jobs.items()}
    assert "sosmed publish --signoff-only --target live" in runs["signoff"]
    assert "sosmed site build --strict" in runs["site"] and "--preview" not in runs["site"]
    assert "sosmed publish --target live" in runs["publish"]


def test_push_and_schedule_run_the_same_steps_in_one_concurrency_group() -> None:
    for name in ("publish.yml", "scheduled.yml"):
        workflow = _load(name)
        assert workflow["concurrency"] == {"group": "sosmed-publish", "cancel-in-progress": False}
        assert workflow["jobs"]["run"]["uses"] == "./.github/workflows/publish-run.yml"


def test_the_scheduled_dry_run_fails_when_sign_off_cannot_be_checked() -> None:
    due = _load("scheduled.yml")["jobs"]["due"]
    script = next(step["run"] for step in due["steps"] if step.get("id") == "plan")
    assert "sosmed publish --dry-run --target live" in script
    assert re.search(r"0\) .*due=false", script) and re.search(r"1\) .*due=true", script)
    assert re.search(r'\*\) exit "\$rc"', script)


def test_the_scheduled_workflow_collects_insights_in_the_live_environment() -> None:
    job = _load("scheduled.yml")["jobs"]["insights"]
    script = " ".join(step.get("run", "") for step in job["steps"])
    assert "sosmed insights collect --target live --interval" in script
    assert _environment(job) == "sosmed-live" and job["permissions"] == {"contents": "write"}
    env = next(step["env"] for step in job["steps"] if "insights collect" in step.get("run", ""))
    assert {"SOSMED_LEDGER_KEY", "SOSMED_FACEBOOK_PAGE_TOKEN", "SOSMED_X_ACCESS_TOKEN",
            "SOSMED_YOUTUBE_REFRESH_TOKEN", "SOSMED_INSTAGRAM_TOKEN"} <= set(env)
    assert "needs" not in job, "a failing collection never holds up publishing, nor the other way round"
