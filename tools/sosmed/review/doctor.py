"""``sosmed doctor``: which safeguards of the default branch are missing, and the setting to change.

The gate verifies sign-off itself, but the forge's own protection keeps unapproved
content off ``main`` in the first place. Each finding names the exact setting.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sosmed.forge.models import BranchProtection

STATUS_CHECK = "sosmed review"


@dataclass(frozen=True)
class Finding:
    """A missing safeguard: a catalogue key (the problem and its fix) and its arguments."""

    key: str
    args: dict[str, Any] = field(default_factory=dict)


def diagnose(protection: BranchProtection, status_check: str = STATUS_CHECK) -> list[Finding]:
    """Every missing safeguard of one branch."""
    branch = protection.branch
    if not protection.protected:
        return [Finding("doctor.unprotected", {"branch": branch})]
    findings: list[Finding] = []
    if protection.required_approvals < 1:
        findings.append(Finding("doctor.no_required_review", {"branch": branch}))
    if protection.require_code_owner_reviews is False:
        findings.append(Finding("doctor.no_code_owner_review", {"branch": branch}))
    if protection.dismiss_stale_reviews is False:
        findings.append(Finding("doctor.no_dismiss_stale", {"branch": branch}))
    if protection.enforce_admins is False:
        findings.append(Finding("doctor.admins_bypass", {"branch": branch}))
    if status_check not in protection.required_status_checks:
        findings.append(Finding("doctor.no_status_check", {"branch": branch, "check": status_check}))
    if protection.require_last_push_approval is False:
        findings.append(Finding("doctor.no_last_push_approval", {"branch": branch}))
    return findings
