"""``sosmed review``: check only what a pull request changes and report it in one PR comment.

Runs on ``pull_request`` events. Reads the event (``GITHUB_EVENT_PATH``), asks the forge
which files the PR changes, checks the posts and forms among them, verifies the reviewer
checklist in the PR body, and then writes one comment — the FBS report and one mock-up per
item and platform, its images loaded from the forge at the PR's head commit (:mod:`.links`) — (found again by a hidden marker and
updated in place), the job summary (``GITHUB_STEP_SUMMARY``) and annotations. A PR from a
fork has no write token: the report then goes to the summary and the log only. The exit
code gates the merge either way.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sosmed.check.checklist import unticked
from sosmed.check.engine import CheckResult, default_paths, run_checks
from sosmed.check.markdown_report import render_markdown
from sosmed.config.schema import Config
from sosmed.errors import SosmedError, failure_reason
from sosmed.forge.base import Forge, hidden_marker
from sosmed.forge.errors import ForgeError
from sosmed.i18n import t
from sosmed.model.loader import FORM_NAME
from sosmed.review.links import head_links

MARKER = hidden_marker("review")
COMMENT_LIMIT = 65_536  # characters GitHub accepts in one comment


@dataclass
class ReviewOutcome:
    """What ``sosmed review`` found and did."""

    result: CheckResult
    report: str
    open_points: list[int]
    missing_points: list[int]
    comment: str  # created | updated | unchanged | skipped_fork | skipped_error
    exit_code: int


def read_event(path: Path) -> dict[str, Any]:
    """The webhook payload of a ``pull_request`` event; a clear error for anything else."""
    try:
        event = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise SosmedError("review.event_unreadable", path=str(path), error=failure_reason(exc)) from None
    if not isinstance(event, dict) or "pull_request" not in event:
        raise SosmedError("review.not_pull_request", path=str(path))
    return event


def changed_targets(config: Config, filenames: list[str]) -> list[Path]:
    """The posts and forms a list of changed files touches (a changed photo checks its post)."""
    root = config.root
    if "sosmed.yml" in filenames:
        return default_paths(config)  # the configuration affects every file
    targets: dict[str, Path] = {}
    for name in filenames:
        parts = name.split("/")
        if parts[0] == "content" and len(parts) >= 5:
            bundle = root.joinpath(*parts[:4])
            if (bundle / "index.md").is_file():
                targets[str(bundle)] = bundle / "index.md"
        elif parts[0] == "qna" and name.endswith(".md") and (root / name).is_file():
            targets[name] = root / name
        elif parts[0] == "qna" and FORM_NAME.match(parts[-1]):
            continue  # a removed form: nothing to check
    return sorted(targets.values())


def run_review(config: Config, event: dict[str, Any], forge: Forge, env: Mapping[str, str]) -> ReviewOutcome:
    """Check the PR's changed items, verify the checklist, and write the one comment and the summary."""
    pull = event["pull_request"]
    number = int(pull["number"])
    head_repo = ((pull.get("head") or {}).get("repo") or {}).get("full_name")
    base_repo = ((pull.get("base") or {}).get("repo") or {}).get("full_name")
    from_fork = bool(head_repo and base_repo and head_repo != base_repo)
    files = [f.filename for f in forge.list_files(number) if f.status != "removed"]
    targets = changed_targets(config, files)
    result = run_checks(targets, config) if targets else CheckResult()
    open_points, missing = unticked(pull.get("body") or "")
    links = head_links(event, forge, env)
    tail = "\n" + _checklist_section(open_points, missing) + "\n" + MARKER + "\n"
    report = render_markdown(result, config, links=links) + tail
    comment = report
    if len(comment) > COMMENT_LIMIT:  # the job summary keeps every mock-up; the comment what fits
        comment = render_markdown(result, config, links=links, budget=COMMENT_LIMIT - len(tail) - 500) + tail
    if from_fork:
        action = "skipped_fork"
    else:
        try:
            _, action = forge.upsert_comment(number, comment, MARKER)
        except ForgeError:
            action = "skipped_error"
    summary = env.get("GITHUB_STEP_SUMMARY")
    if summary:
        with open(summary, "a", encoding="utf-8") as handle:
            handle.write(report + "\n")
    failed = bool(result.errors or open_points or missing)
    return ReviewOutcome(result, report, open_points, missing, action, 1 if failed else 0)


def _checklist_section(open_points: list[int], missing: list[int]) -> str:
    lines = [f"### {t('review.checklist_heading')}", ""]
    if missing:
        lines.append("- ❌ " + t("review.checklist_missing", points=", ".join(map(str, missing))))
    if open_points:
        lines.append("- 👤 " + t("review.checklist_open", points=", ".join(map(str, open_points))))
    if not missing and not open_points:
        lines.append("- ✅ " + t("review.checklist_done"))
    return "\n".join(lines) + "\n"
