"""``sosmed doctor``: which safeguards are missing on the forge, and the setting to change.

The gate verifies sign-off itself, but the forge's own settings keep unapproved content
off ``main``, keep the ledger's history from being rewritten, and keep the platform
secrets out of reach of a workflow on any other branch. Everything is read through the
forge's API; each finding names the exact setting:

- the default branch: pull request with approvals, code owners, dismissal of stale
  approvals, last-push approval, the ``sosmed review`` check, no bypass by admins, no
  force push, no deletion;
- the ledger branch (``publish.ledger_branch``): protected, no force push, no deletion,
  and no pull request required (the publisher pushes to it);
- GitHub: the environment ``sosmed-live`` exists, only the default branch may deploy to
  it (a custom policy naming only that branch, or "protected branches" when no other
  branch is protected), it holds the platform secrets, and none of them is a repository
  or organisation secret (any workflow on any branch can read those). Forgejo has no
  environments: a note says what to do instead.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sosmed.config.schema import Config
from sosmed.forge.base import Forge
from sosmed.forge.models import BranchProtection, Environment
from sosmed.platforms.credentials import SECRET_VARS, missing_secrets

STATUS_CHECK = "sosmed review"
ENVIRONMENT = "sosmed-live"


@dataclass(frozen=True)
class Finding:
    """A missing safeguard: a catalogue key (the problem and its fix) and its arguments."""

    key: str
    args: dict[str, Any] = field(default_factory=dict)


@dataclass
class Diagnosis:
    """Every finding, and notes that need no fix here (what the forge cannot check)."""

    findings: list[Finding] = field(default_factory=list)
    notes: list[Finding] = field(default_factory=list)


def diagnose(protection: BranchProtection, status_check: str = STATUS_CHECK) -> list[Finding]:
    """Every missing safeguard of the default branch."""
    branch = protection.branch
    if not protection.protected:
        return [Finding("doctor.unprotected", {"branch": branch})]
    findings: list[Finding] = []
    if protection.required_approvals < 1 or protection.require_pull_request is False:
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
    return findings + _history_findings(protection)


def diagnose_ledger(protection: BranchProtection) -> list[Finding]:
    """Every missing safeguard of the ledger branch: its history must not be rewritten or deleted."""
    branch = protection.branch
    if not protection.protected:
        return [Finding("doctor.ledger_unprotected", {"branch": branch})]
    findings = _history_findings(protection)
    if protection.require_pull_request:
        findings.append(Finding("doctor.ledger_requires_pr", {"branch": branch}))
    return findings


def _history_findings(protection: BranchProtection) -> list[Finding]:
    findings: list[Finding] = []
    if protection.allow_force_pushes:
        findings.append(Finding("doctor.force_push_allowed", {"branch": protection.branch}))
    if protection.allow_deletions:
        findings.append(Finding("doctor.deletion_allowed", {"branch": protection.branch}))
    return findings


def diagnose_environment(environment: Environment | None, default_branch: str, protected: list[str],
                         name: str = ENVIRONMENT) -> list[Finding]:
    """Whether only the default branch can reach the environment's secrets."""
    if environment is None:
        return [Finding("doctor.env_missing", {"env": name, "branch": default_branch})]
    if environment.any_branch:
        return [Finding("doctor.env_any_branch", {"env": name, "branch": default_branch})]
    if environment.protected_branches:
        others = sorted(b for b in protected if b != default_branch)
        if others:
            return [Finding("doctor.env_protected_branches", {"env": name, "branch": default_branch,
                                                              "branches": ", ".join(others)})]
        return []
    if list(environment.branch_policies) != [(default_branch, "branch")]:
        shown = ", ".join(f"{pattern} ({kind})" for pattern, kind in environment.branch_policies) or "-"
        return [Finding("doctor.env_branch_policy", {"env": name, "branch": default_branch, "policies": shown})]
    return []


def diagnose_secrets(platforms: list[str], env_secrets: list[str] | None, repo_secrets: list[str] | None,
                     name: str = ENVIRONMENT) -> list[Finding]:
    """The platform secrets the environment lacks, and those any workflow can read."""
    findings: list[Finding] = []
    if env_secrets is not None:
        present = {secret: "set" for secret in env_secrets}
        missing = [n for n in missing_secrets(platforms, present) if n in SECRET_VARS]
        if missing:
            findings.append(Finding("doctor.env_secrets_missing", {"env": name, "names": ", ".join(missing)}))
    exposed = sorted({n for n in repo_secrets or [] if n in SECRET_VARS})
    if exposed:
        findings.append(Finding("doctor.secrets_outside_env", {"env": name, "names": ", ".join(exposed)}))
    return findings


def configured_platforms(config: Config) -> list[str]:
    """The social platforms ``sosmed.yml`` has an account for."""
    return [p for p in ("facebook", "instagram", "x", "youtube") if getattr(config.accounts, p, None) is not None]


def run_doctor(forge: Forge, config: Config) -> Diagnosis:
    """Read the forge's settings and diagnose them all (needs a token with admin rights)."""
    result = Diagnosis()
    default = forge.get_repository().default_branch
    result.findings += diagnose(forge.branch_protection(default))
    ledger = config.publish.ledger_branch
    result.findings += diagnose_ledger(forge.branch_protection(ledger))
    if forge.kind != "github":
        result.notes.append(Finding("doctor.forgejo_no_environments", {"branch": default, "ledger": ledger}))
        result.findings += diagnose_secrets(configured_platforms(config), None, forge.repository_secret_names())
        return result
    environment = forge.environment(ENVIRONMENT)
    protected = forge.protected_branches() if environment is not None and environment.protected_branches else []
    result.findings += diagnose_environment(environment, default, protected)
    env_secrets = forge.environment_secret_names(ENVIRONMENT) if environment is not None else None
    result.findings += diagnose_secrets(configured_platforms(config), env_secrets, forge.repository_secret_names())
    return result
