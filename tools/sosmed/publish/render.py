"""Human-readable plan and run summaries (through the message catalogue)."""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

from sosmed.i18n import has, t
from sosmed.printing.dates import WITA, moment_text
from sosmed.problem import Problem
from sosmed.publish.outcome import RunReport
from sosmed.publish.plan import Plan
from sosmed.publish.records import Index
from sosmed.specs import SPECS, label

# Reasons whose ``date`` is a moment (ISO 8601 in the plan): people read it in the instance's zone.
_DATED = ("plan.scheduled", "plan.expired")


def platform_label(platform: str) -> str:
    """A platform's name for people; the archive website by its name in the current language, not its id."""
    if platform in SPECS:
        return label(platform)
    return t(f"publish.platform_name.{platform}") if has(f"publish.platform_name.{platform}") else platform


def _reason(key: str, args: dict[str, Any], zone: ZoneInfo = WITA) -> str:
    if key in _DATED:
        return t(key, **{**args, "date": moment_text(args.get("date"), zone)})
    if key == "plan.not_signed":
        why = "; ".join(t(k, **a) for k, a in args.get("why", ())) or "-"
        return t(key, why=why)
    if key == "plan.cannot_edit":
        return t(key, platform=platform_label(args["platform"]))
    return t(key, **args)


def _table(rows: list[tuple[str, str, str]]) -> list[str]:
    if not rows:
        return []
    width_item = max(len(r[0]) for r in rows)
    width_platform = max(len(r[1]) for r in rows)
    return [f"  {a:<{width_item}}  {b:<{width_platform}}  {c}" for a, b, c in rows]


def render_problems(problems: list[Problem]) -> list[str]:
    """Files that could not be read or validated (each fails only itself): ``path:line:col: message``."""
    if not problems:
        return []
    return [t("publish.unreadable_heading")] + [f"  {p.location()}: {p.message()}" for p in problems]


def render_plan(plan: Plan, zone: ZoneInfo = WITA, target: str = "sandbox") -> str:
    """What would be done now on ``target``, and why everything else is not (times in ``zone``)."""
    lines = render_problems(plan.problems) + [t("publish.plan_heading", target=t(f"publish.target_label.{target}"))]
    rows = [(a.key, platform_label(a.platform), t(f"publish.op.{a.op}")) for a in plan.actions]
    lines += _table(rows) or [t("publish.nothing_due")]
    if not plan.ledger_verified:
        lines.append(t("publish.unverified_plan"))
    skipped = [(s.key, platform_label(s.platform), _reason(s.reason, s.args, zone)) for s in plan.skips]
    if skipped:
        lines.append(t("publish.skips_heading"))
        lines += _table(skipped)
    return "\n".join(lines)


def render_report(report: RunReport, zone: ZoneInfo = WITA) -> str:
    """The run's summary table: item × platform, what happened and why (times in ``zone``)."""
    lines = (render_problems(report.plan.problems) if report.plan else []) + [t("publish.summary_heading")]
    rows = []
    for outcome in report.outcomes:
        status = t(f"publish.status.{outcome.status}")
        detail = outcome.url or outcome.detail or ""
        rows.append((outcome.key, platform_label(outcome.platform), f"{status}  {detail}".rstrip()))
    if report.plan is not None:
        reported = {(o.key, o.platform) for o in report.outcomes}
        for skip in report.plan.skips:
            if skip.reason == "plan.done" or (skip.key, skip.platform) in reported:
                continue
            rows.append((skip.key, platform_label(skip.platform),
                         f"{t('publish.status.skipped')}  {_reason(skip.reason, skip.args, zone)}"))
    lines += _table(rows) or [t("publish.nothing_due")]
    counts: dict[str, int] = {}
    for outcome in report.outcomes:
        counts[outcome.status] = counts.get(outcome.status, 0) + 1
    lines.append(t("publish.totals", published=counts.get("published", 0), updated=counts.get("updated", 0),
                   deleted=counts.get("deleted", 0), replied=counts.get("replied", 0),
                   failed=counts.get("failed", 0), calls=report.calls))
    return "\n".join(lines)


def render_receipt(item_id: str, index: Index, zone: ZoneInfo = WITA) -> str:
    """Who approved which content hash, when, in which PR, and where it went (times in ``zone``)."""
    history = index.history(item_id)
    lines = [t("receipt.heading", item=item_id)]
    if not index.verified:
        lines.append(t("receipt.cannot_verify"))
    for record in history:
        kind = record["kind"]
        if kind == "signoff" and not index.verified:
            continue  # a claim nobody can check: never stated as a sign-off
        if kind == "signoff":
            signoff = record.get("signoff") or {}
            if signoff.get("mode") == "rehearsal":
                lines.append(t("receipt.signoff_rehearsal", hash=record["hash"],
                               time=moment_text(record["time"], zone)))
            else:
                approvers = ", ".join(
                    f"{a.get('name', a.get('login', '?'))} (NIP {a.get('nip', '-')})" for a in signoff.get("approvers", [])
                )
                lines.append(t("receipt.signoff", hash=record["hash"], approvers=approvers or "-",
                               pr=signoff.get("pr_url") or signoff.get("pr") or "-",
                               time=moment_text(signoff.get("approved_at") or record["time"], zone),
                               commit=signoff.get("commit") or "-"))
        elif kind in ("success", "reconciled") and record.get("receipt"):
            receipt = record["receipt"]
            lines.append(t("receipt.published", platform=platform_label(record["platform"]),
                           op=t(f"publish.op.{record['op']}"),
                           id=receipt.get("id", ""), url=receipt.get("url") or "-",
                           time=moment_text(receipt.get("time"), zone),
                           hash=record.get("hash", "")))
        elif kind == "success" and record.get("op") == "delete":
            lines.append(t("receipt.deleted", platform=platform_label(record["platform"]),
                           time=moment_text(record["time"], zone)))
        elif kind == "failure":
            lines.append(t("receipt.failed", platform=platform_label(record["platform"]),
                           time=moment_text(record["time"], zone),
                           message=(record.get("error") or {}).get("message", "")))
        elif kind == "offline":
            lines.append(t("receipt.offline", item=record["item"], time=moment_text(record["time"], zone)))
    if len(lines) == 1 + (not index.verified):
        lines.append(t("receipt.none"))
    return "\n".join(lines)
