"""The replay of the demo's month, step by step (see :mod:`sosmed.app.demo_script` for when)."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import requests

from sosmed.app.demo_forms import Asked, answered_text, collected_links, latest_post
from sosmed.app.demo_repo import BOT, FULL_NAME, Author, DemoRepo, PullRequest, before, pull_seed
from sosmed.app.demo_script import Script, Step
from sosmed.app.wiring import publish, record_signoffs
from sosmed.config import load_config
from sosmed.config.schema import Config
from sosmed.http.streams import ProgressFactory
from sosmed.i18n import count
from sosmed.insights.collect import collect_insights
from sosmed.printing.dates import long_datetime
from sosmed.publish.ledger import open_ledger
from sosmed.publish.outcome import RunReport
from sosmed.publish.signing import SANDBOX_KEY_VAR
from sosmed.qna.collect import collect
from sosmed.recap.service import RecapOutput, make_recap
from sosmed.sandbox import SandboxHandle
from sosmed.sandbox.forge_state import seed_forge
from sosmed.site.build import build_site
from sosmed.specs import label as platform_label

Tell = Callable[[str, dict[str, Any]], None]
RUN_DELAY = timedelta(minutes=1)  # the workflow a merge triggers starts a minute later
TIMEOUT = 30


@dataclass
class ReplayDone:
    """What the month produced: every run's outcomes, the recaps, the final site's counts."""

    report: RunReport
    recaps: dict[str, RecapOutput]
    site_counts: tuple[int, int, int]


@dataclass
class _Collection:
    pull: PullRequest
    written: list[Path] = field(default_factory=list)


def without_retraction(text: str) -> str:
    """A retracted post's file as it was first approved: without ``status: retracted`` and ``retraction:``."""
    head, sep, rest = text.partition("\n---\n")
    kept: list[str] = []
    skipping = False
    for line in head.split("\n"):
        if line.startswith(("status:", "retraction:")):
            skipping = line.startswith("retraction:")
            continue
        if skipping and (line.startswith((" ", "\t")) or not line.strip()):
            continue
        skipping = False
        kept.append(line)
    return "\n".join(kept) + sep + rest


class Replay:
    """Runs the script's steps against the demo repository, the sandbox and the forge emulation."""

    def __init__(self, source: Path, workdir: Path, script: Script, sandbox: SandboxHandle, site_url: str,
                 tell: Tell, progress: ProgressFactory | None) -> None:
        self.source = source.resolve()
        self.script = script
        self.sandbox = sandbox
        self.site_dir = workdir / "site"
        self.tell = tell
        self.progress = progress
        self.repo = DemoRepo(workdir / "repo")
        self.report = RunReport()
        self.recaps: dict[str, RecapOutput] = {}
        self.recap_pulls: dict[str, PullRequest] = {}
        self.collections: dict[str, _Collection] = {}
        self.asked: dict[tuple[str, int], Asked] = {}
        # The posts keep the archive's canonical links (the site_url of sosmed.yml); Instagram fetches
        # the photos from the archive built here, served on loopback.
        os.environ.update(SOSMED_MEDIA_URL=site_url, **{SANDBOX_KEY_VAR: sandbox.env[SANDBOX_KEY_VAR]})
        self.env = {**os.environ, **sandbox.env, "GITHUB_REPOSITORY": FULL_NAME}
        source_config = load_config(self.source / "sosmed.yml")
        admins = [m for m in source_config.team if "admin" in m.roles and m.forge_users] or []
        login = admins[0].forge_users[0] if admins else "admin"
        self.admin = Author(admins[0].name if admins else "Admin", f"{login}@users.noreply.github.com", login)
        self.config: Config = source_config

    # -- the clock ------------------------------------------------------------------------------
    def at(self, moment: datetime) -> None:
        """Set the tool's clock (``SOSMED_NOW``), git's and the sandbox's to ``moment``."""
        stamp = moment.isoformat()
        os.environ["SOSMED_NOW"] = stamp
        os.environ["GIT_AUTHOR_DATE"] = os.environ["GIT_COMMITTER_DATE"] = stamp
        answer = requests.post(f"{self.sandbox.base_url}/_sandbox/clock", json={"at": stamp},
                               headers=self.sandbox.admin_headers, timeout=TIMEOUT)
        answer.raise_for_status()

    def when(self, moment: datetime) -> str:
        return long_datetime(moment, self.config.zone)

    # -- the whole month ------------------------------------------------------------------------
    def run(self) -> ReplayDone:
        """Every step in time order, then the strict site build; returns what the month produced."""
        self.at(self.script.start)
        self.repo.create(self.source, self.repo.root.parent / "origin.git", self.script.start, self.admin)
        self.config = load_config(self.repo.root / "sosmed.yml")
        self.tell("demo.step.start", {"time": self.when(self.script.start), "steps": len(self.script.steps)})
        handlers: dict[str, Callable[[Step], None]] = {
            "merge_post": self.merge_post, "retract": self.retract, "publish": self.publish,
            "comment": self.comment, "collect": self.collect, "answer": self.answer, "recap": self.recap,
            "approve_recap": self.approve_recap, "insights": self.insights}
        for step in self.script.steps:
            handlers[step.kind](step)
        last = self.script.steps[-1].at + timedelta(hours=1)
        self.at(last)
        built = build_site(self.repo.root, self.site_dir, strict=True, ledger_target="sandbox")
        self.tell("demo.step.site_final", {"time": self.when(last), "posts": count("demo.n.posts", built.posts),
                                           "forms": count("demo.n.public_forms", built.forms),
                                           "recaps": count("demo.n.recaps", built.recaps)})
        return ReplayDone(self.report, self.recaps, (built.posts, built.forms, built.recaps))

    # -- approvals ------------------------------------------------------------------------------
    def kepala_login(self, moment: datetime) -> str:
        """The Kepala's forge account, or a deputy's on a day of the deputy's term."""
        day = moment.astimezone(self.config.zone).date()
        for deputy in self.config.kepala.deputies:
            if deputy.start <= day <= deputy.end and deputy.forge_users:
                return deputy.forge_users[0]
        return self.config.kepala.forge_users[0]

    def merge(self, pull: PullRequest, at: datetime, approvers: list[str]) -> None:
        """Approve at the head (a few minutes before), merge at ``at``, and tell the forge emulation."""
        reviews = [(login, before(at, 5 * (len(approvers) - n))) for n, login in enumerate(approvers)]
        self.at(at)
        self.repo.merge(pull, at, self.admin)
        seed_forge(self.sandbox, pull_seed(pull, reviews, at))
        self.tell("demo.step.merged", {"time": self.when(at), "number": pull.number, "title": pull.title,
                                       "approvers": ", ".join(self.name_of(login) for login in approvers)})

    def name_of(self, login: str) -> str:
        """The person behind a forge account of ``sosmed.yml`` (the login itself when unknown)."""
        people = [self.config.kepala, *self.config.kepala.deputies, *(d.head for d in self.config.divisions)]
        return next((p.name for p in people if login in p.forge_users), login)

    # -- posts ----------------------------------------------------------------------------------
    def _post_pull(self, post_id: str, at: datetime, final: bool, title: str) -> None:
        item = self.script.posts[post_id]
        rel = item.folder.relative_to(self.source)
        pull = self.repo.open(f"tulisan/{post_id}" if not final else f"tarik/{post_id}", title, self.admin.login)
        self.at(before(at, 60))
        with self.repo.on_branch(pull) as root:
            if not final:
                shutil.copytree(item.folder, root / rel)
                index = root / rel / "index.md"
                index.write_text(without_retraction(index.read_text(encoding="utf-8")), encoding="utf-8")
            else:
                shutil.copy2(item.folder / "index.md", root / rel / "index.md")
            self.repo.commit(pull, [str(rel)], title, before(at, 60), self.admin)
        self.merge(pull, at, [self.kepala_login(at)])

    def merge_post(self, step: Step) -> None:
        post = self.script.posts[step.subject]
        self._post_pull(step.subject, step.at, False, f"Tulisan {post.id}: {post.post.title}")

    def retract(self, step: Step) -> None:
        post = self.script.posts[step.subject]
        self._post_pull(step.subject, step.at, True, f"Penarikan {post.id}")
        self.run_workflow(step.at + RUN_DELAY)

    def publish(self, step: Step) -> None:
        self.run_workflow(step.at, site="instagram" in self.script.posts[step.subject].post.platforms)

    def run_workflow(self, at: datetime, *, site: bool = False) -> None:
        """The publish workflow at ``at``: sign-offs, the site when a platform fetches from it, the platforms."""
        self.at(at)
        self.tell("demo.step.run", {"time": self.when(at)})
        record_signoffs(self.config, target="sandbox", env=self.env)
        if site:
            build_site(self.repo.root, self.site_dir, ledger_target="sandbox")
        _, report = publish(self.config, target="sandbox", env=self.env, on_event=self.tell,
                            progress=self.progress)
        if report is not None:
            self.report.outcomes += report.outcomes
            self.report.calls += report.calls

    # -- questions and answers ------------------------------------------------------------------
    def comment(self, step: Step) -> None:
        form = self.script.forms[step.subject]
        number = int(step.extra[0])
        question = form.form.questions[number - 1]
        self.at(step.at)
        index = open_ledger(self.repo.root, self.config, "sandbox", self.env).read()
        live = {pair: record for pair, record in index.live.items() if pair not in index.deleted}
        post = latest_post(live, question.platform, step.at)
        if post is None:
            return
        made = requests.post(f"{self.sandbox.base_url}/_sandbox/comments", headers=self.sandbox.admin_headers,
                             timeout=TIMEOUT, json={"platform": question.platform, "post_id": post,
                                                    "text": question.text, "author": question.asker or "Warga"})
        made.raise_for_status()
        comment_id = str(made.json()["id"])
        link = f"{self.sandbox.base_url}/web/{question.platform}#comment-{comment_id}"
        self.asked[(form.id, number)] = Asked(form.id, number, question.platform, comment_id, link)
        self.tell("demo.step.comment", {"time": self.when(step.at), "platform": platform_label(question.platform),
                                        "author": question.asker or "-", "text": _short(question.text)})

    def collect(self, step: Step) -> None:
        self.at(step.at)
        day = step.at.strftime("%Y-%m-%d")
        pull = self.repo.open(f"qna/{day}", f"Formulir Q&A {day}", self.admin.login)
        with self.repo.on_branch(pull) as root:
            report = collect(self.config, env=self.env, target="sandbox")
            written = [form.path for form in report.forms]
            if written:
                self.repo.commit(pull, [str(p.relative_to(root)) for p in written],
                                 f"Formulir Q&A {day} (sosmed qna collect)", step.at, self.admin)
        self.collections[step.subject] = _Collection(pull, written)
        self.tell("demo.step.collected", {"time": self.when(step.at), "questions": count("demo.n.new_questions", len(report.questions)),
                                          "forms": ", ".join(f.id for f in report.forms) or "-"})

    def answer(self, step: Step) -> None:
        """The division's answers into the collected forms (a triaged question moves to its division's
        form, as the sample has it), approved by the division heads and the Kepala, merged, replied to."""
        collection = self.collections[step.subject]
        forms = [self.script.forms[form_id] for form_id in step.extra]
        wanted = {str(form.path.relative_to(self.source)): form for form in forms}
        with self.repo.on_branch(collection.pull) as root:
            links = collected_links([p for p in collection.written if p.exists()])
            paths = set(wanted) | {str(p.relative_to(root)) for p in collection.written}
            for written in collection.written:
                if str(written.relative_to(root)) not in wanted:
                    written.unlink(missing_ok=True)
            for rel, form in wanted.items():
                asked = {n: _with_link(a, links) for (f, n), a in self.asked.items() if f == form.id}
                (root / rel).parent.mkdir(parents=True, exist_ok=True)
                (root / rel).write_text(answered_text(form, asked), encoding="utf-8")
            self.repo.commit(collection.pull, paths, f"Jawaban {', '.join(step.extra)}", before(step.at, 30),
                             self.admin)
        heads = [d.head.forge_users[0] for form in forms
                 if (d := self.config.division(form.form.bidang)) is not None and d.head.forge_users]
        self.merge(collection.pull, step.at, [*dict.fromkeys(heads), self.kepala_login(step.at)])
        self.run_workflow(step.at + RUN_DELAY)

    # -- post statistics and recaps ------------------------------------------------------------
    def insights(self, step: Step) -> None:
        """``sosmed insights collect --target sandbox`` as the scheduled workflow runs it."""
        self.at(step.at)
        report = collect_insights(self.config, env=self.env, target="sandbox")
        # Read every evening, told once a month: the last reading is the one the recap reports.
        if report.changed and (step.at + timedelta(days=1)).day == 1:
            self.tell("demo.step.insights", {"time": self.when(step.at),
                                             "uploads": count("demo.n.uploads", sum(report.changed.values()))})

    def recap(self, step: Step) -> None:
        month = step.subject
        self.at(step.at)
        pull = self.repo.open(f"rekap/{month}", f"Laporan rekapitulasi {month}", BOT.login)
        with self.repo.on_branch(pull):
            made = make_recap(self.config, month, formats=("md", "xlsx", "pdf"), target="sandbox")
            self.repo.commit(pull, ["recaps"], f"Rekap bulanan {month}", step.at, BOT)
        self.recaps[month] = made
        self.recap_pulls[month] = pull
        recap = made.recap
        self.tell("demo.step.recap", {"time": self.when(step.at), "month": month, "number": pull.number,
                                      "posts": count("demo.n.posts", recap.posts),
                                      "replies": count("demo.n.replies", len(recap.qna.replies))})

    def approve_recap(self, step: Step) -> None:
        self.merge(self.recap_pulls[step.subject], step.at, [self.kepala_login(step.at)])
        moment = step.at + RUN_DELAY
        self.at(moment)
        signed = record_signoffs(self.config, target="sandbox", env=self.env)
        self.tell("demo.step.signed", {"time": self.when(moment), "signoffs": count("demo.n.new_signoffs", signed.recorded)})


def _with_link(asked: Asked, links: dict[str, str | None]) -> Asked:
    link = links.get(asked.comment_id) or asked.link
    return Asked(asked.form, asked.number, asked.platform, asked.comment_id, link)


def _short(text: str, limit: int = 70) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"
