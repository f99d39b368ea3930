"""Chaos: ``sosmed publish`` SIGKILLed from outside at random moments while the sandbox fails at random.

One round: a repository of sample posts plus a Q&A form answering the citizens' comments of
the seeded sandbox; faults armed at random on every platform (500, 503, 429, a connection
reset before or after the write, slow answers); ``sosmed publish`` started as a subprocess
and killed (the process, or its whole process group with the git commands it runs) after a
random delay, several times; then run again until it exits 0. The sandbox's own state is
then counted: every post live exactly once per platform, every answered question exactly
one reply. Used by ``tests/publish/test_chaos.py`` (a few seeds) and
``benchmarks/bench_chaos.py`` (many).
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import requests

from sosmed.sandbox import SandboxHandle
from tests.publish.conftest import expected_posts, ledger_index, merge_form, own_replies

PLATFORMS = ("facebook", "instagram", "x", "youtube")
WRITES = {"facebook": r"/(feed|photos|videos|comments)$", "instagram": r"/(media|media_publish|replies)$",
          "x": r"^/2/tweets$", "youtube": r"/(upload/youtube/v3/videos|youtube/v3/comments)$"}
FORM_ID = "QA-2020-05-0042"


@dataclass
class Round:
    """What one chaos round did, for the assertion messages and the benchmark."""

    seed: int
    target: str
    kills: list[float] = field(default_factory=list)
    runs: list[int] = field(default_factory=list)
    faults: list[dict] = field(default_factory=list)


def seeded_questions(handle: SandboxHandle) -> dict[str, str]:
    """One seeded citizen comment per platform (the default seed has them under earlier posts)."""
    state = requests.get(f"{handle.base_url}/_sandbox/state", timeout=10, headers=handle.admin_headers).json()
    return {"facebook": state["facebook"]["comments"][0]["id"], "instagram": state["instagram"]["comments"][0]["id"],
            "x": state["x"]["mentions"][0]["id"], "youtube": state["youtube"]["comments"][0]["id"]}


def random_faults(rng: random.Random) -> list[dict]:
    """A random handful of the faults a platform can throw, each for 1–3 calls; no real waiting asked."""
    faults = []
    for _ in range(rng.randint(4, 8)):
        platform = rng.choice(PLATFORMS)
        kind = rng.choice(["500", "503", "429", "reset", "reset_after_write", "slow"])
        spec: dict = {"platform": platform, "count": rng.randint(1, 3), "retry_after": 0}
        if kind == "reset":
            spec.update(kind="reset", method="POST", path=WRITES[platform])
        elif kind == "reset_after_write":
            spec.update(kind="reset", stage="response", method="POST", path=WRITES[platform])
        elif kind == "slow":
            spec.update(kind="delay", delay=round(rng.uniform(0.2, 1.0), 2), stage=rng.choice(["before", "after"]),
                        path=rng.choice([".*", WRITES[platform]]))
        else:
            spec.update(kind=kind, path=rng.choice([".*", WRITES[platform]]), regain_minutes=0, reset_after=0)
            if rng.random() < 0.5:
                spec["method"] = rng.choice(["GET", "POST"])
        faults.append(spec)
    return faults


def _arm(handle: SandboxHandle, faults: list[dict]) -> None:
    for spec in faults:
        answer = requests.post(f"{handle.base_url}/_sandbox/faults", json=spec, timeout=10, headers=handle.admin_headers)
        assert answer.status_code == 201, answer.text


def _publish(repo: Path, env: dict[str, str], target: str, out: Path) -> subprocess.Popen:
    with open(out, "ab") as log:
        return subprocess.Popen([sys.executable, "-m", "sosmed", "--config", str(repo / "sosmed.yml"), "publish",
                                 "--target", target], cwd=repo, env=env, stdout=log, stderr=log,
                                start_new_session=True)


def run_round(repo: Path, handle: SandboxHandle, env: dict[str, str], *, seed: int, target: str = "sandbox",
              kills: int = 4, max_delay: float = 3.0, finishing_runs: int = 12) -> Round:
    """Kill ``kills`` runs at random moments under random faults, then run until one succeeds."""
    rng = random.Random(seed)
    record = Round(seed, target)
    log = repo.parent / f"chaos-{seed}.log"
    for _ in range(kills):
        faults = random_faults(rng)
        record.faults += faults
        _arm(handle, faults)
        proc = _publish(repo, env, target, log)
        delay = rng.uniform(0.1, max_delay)
        try:
            record.runs.append(proc.wait(timeout=delay))
        except subprocess.TimeoutExpired:
            # From outside, as an operator or the runner would: the process, or its whole group.
            if rng.random() < 0.5:
                os.killpg(proc.pid, signal.SIGKILL)
            else:
                proc.kill()
            record.runs.append(proc.wait())
            record.kills.append(round(delay, 2))
    for attempt in range(finishing_runs):
        if attempt == finishing_runs // 2:
            # Faults left over by the killed runs have had their chance: the platforms recover.
            requests.delete(f"{handle.base_url}/_sandbox/faults", timeout=10, headers=handle.admin_headers)
        proc = _publish(repo, env, target, log)
        code = proc.wait(timeout=300)
        record.runs.append(code)
        if code == 0:
            break
    return record


def check_exactly_once(repo: Path, handle: SandboxHandle, questions: dict[str, str], target: str,
                       record: Round) -> None:
    """Every post live exactly once per platform, every answered question exactly one reply."""
    log = (repo.parent / f"chaos-{record.seed}.log").read_text(errors="replace")[-4000:]
    assert record.runs[-1] == 0, (record, log)
    index = ledger_index(repo, target)
    assert not index.open_intents, (record, index.open_intents)
    state = requests.get(f"{handle.base_url}/_sandbox/state", timeout=10, headers=handle.admin_headers).json()
    for platform, items in expected_posts(repo).items():
        posts = [p for p in state[platform]["posts"] if not p.get("deleted") and not p.get("seeded")
                 and not p.get("in_reply_to")]
        known: set[str] = set()
        for item in items:
            receipt = index.live[(item, platform)]["receipt"]
            known.update([receipt["id"], *receipt.get("extra_ids", [])])
        assert len(posts) == len(items), (platform, [p["id"] for p in posts], record)
        for post in posts:
            ids = {str(post["id"]), *(str(m.get("id")) for m in post.get("media") or [] if isinstance(m, dict))}
            assert ids & known, (platform, post["id"], record)
    for platform, comment in questions.items():
        assert len(own_replies(handle, platform, comment)) == 1, (platform, comment, record)


def prepare(repo: Path, handle: SandboxHandle) -> dict[str, str]:
    """The seeded comments answered by one merged form; returns platform → comment id."""
    questions = seeded_questions(handle)
    merge_form(repo, FORM_ID, questions, 70)
    return questions
