"""Forge client: what sosmed reads from (and writes to) GitHub or Forgejo about pull requests.

Build one with :func:`make_forge`::

    from sosmed.forge import make_forge
    forge = make_forge(config.forge)            # "github" | "forgejo"; repository from GITHUB_REPOSITORY

Environment:

- token: ``SOSMED_FORGE_TOKEN``, else ``GITHUB_TOKEN`` (never printed; registered for redaction);
- GitHub API: ``GITHUB_API_URL`` (default ``https://api.github.com``);
- Forgejo instance: ``SOSMED_FORGEJO_URL``, else ``GITHUB_SERVER_URL`` (Forgejo Actions); ``/api/v1`` is added;
- plain ``http://`` is refused except to 127.0.0.1/localhost (the sandbox).

:class:`Forge` (one repository):

==========================================  ====================================================
``get_repository()``                        ``Repository`` (full_name, default_branch, private, html_url)
``pulls_for_commit(sha)``                   ``[PullRequest]`` (GitHub: merged PR of a default-branch commit,
                                            else open PRs containing it; Forgejo: PR whose merge commit is sha)
``get_pull(n)``                             ``PullRequest`` (number, author, state, merged, merged_at,
                                            merge_commit_sha, base_ref/base_sha, head_ref/head_sha,
                                            base_repo/head_repo, ``from_fork``, html_url, title, body, draft)
``list_reviews(n)``                         ``[Review]`` oldest first (id, user, user_id, state, commit_id,
                                            submitted_at, body, stale); state APPROVED | CHANGES_REQUESTED |
                                            COMMENTED | DISMISSED | PENDING; ``decisive`` property
``list_files(n)``                           ``[ChangedFile]`` (filename, status, previous_filename, sha*, additions,
                                            deletions) — *blob sha on GitHub only
``list_commits(n)``                         ``[Commit]`` oldest first, every commit after its parents (sha,
                                            author_login, committer_login, names, dates, message, parents);
                                            Forgejo's newest-first list is turned round; GitHub lists ≤ 250
``get_commit(sha)``                         ``Commit`` (the PR's ``head_sha`` is the last push)
``pushers_of(n, sha)``                      set of accounts the forge recorded pushing ``sha`` (Forgejo's
                                            timeline; empty on GitHub, whose REST API does not say)
``list_comments(n)``                        ``[IssueComment]`` (id, user, body, html_url, created_at, updated_at)
``create_comment(n, body)``                 ``IssueComment``
``update_comment(comment_id, body)``        ``IssueComment``
``find_comment(n, marker)``                 the oldest comment containing ``marker``, or None
``upsert_comment(n, body, marker)``         ``(IssueComment, "created" | "updated" | "unchanged")``
``branch_protection(branch)``               ``BranchProtection`` (sources, protected, required_approvals,
                                            require_code_owner_reviews, dismiss_stale_reviews,
                                            require_last_push_approval, enforce_admins, required_status_checks);
                                            None = the forge has no such setting / cannot tell
``protected_branches()``                    names of protected branches (GitHub)
``environment(name)``                       ``Environment`` (any_branch, protected_branches, branch_policies)
                                            or None; always None on Forgejo (no environments)
``environment_secret_names(name)``          secret names of an environment (never values)
``repository_secret_names()``               repository + organisation secret names; None when unlistable
``is_team_member(org, team, login)``        bool (active members only; False when the team is unknown)
``collaborator_permission(login)``          ``admin`` | ``write`` | ``read`` | ``none``
==========================================  ====================================================

Lists read every page (``Link: rel="next"`` on the configured base only; Forgejo's links on its
ROOT_URL are rebuilt on the configured base, and its reviews, served without ``Link``, are read
until a short page). Reviews come in submission order. Errors are
:class:`ForgeError` subclasses (a ``SosmedError``, rendered from the ``forge.*``
catalogue): :class:`ForgeRateLimitError` (``wait`` seconds until the limit resets) and
:class:`ForgeRetryableError` (5xx, network) after the retry policy gave up,
:class:`ForgeAuthError` / :class:`ForgePermissionError` (``env_var`` to fix),
:class:`ForgeNotFoundError`, :class:`ForgeInvalidError`, :class:`ForgeConfigError`.
:func:`hidden_marker` makes the marker of sosmed's one PR comment.
"""

from sosmed.forge.base import Forge, hidden_marker
from sosmed.forge.errors import (
    ForgeAuthError,
    ForgeConfigError,
    ForgeError,
    ForgeInvalidError,
    ForgeNotFoundError,
    ForgePermissionError,
    ForgeRateLimitError,
    ForgeRetryableError,
)
from sosmed.forge.factory import TOKEN_VARS, forge_token, make_forge
from sosmed.forge.forgejo import ForgejoForge
from sosmed.forge.github import GitHubForge
from sosmed.forge.models import (
    APPROVED,
    CHANGES_REQUESTED,
    COMMENTED,
    DISMISSED,
    PENDING,
    BranchProtection,
    ChangedFile,
    Commit,
    Environment,
    IssueComment,
    PullRequest,
    Repository,
    Review,
)

__all__ = [
    "APPROVED", "CHANGES_REQUESTED", "COMMENTED", "DISMISSED", "PENDING", "TOKEN_VARS",
    "BranchProtection", "ChangedFile", "Commit", "Environment", "Forge", "ForgeAuthError", "ForgeConfigError", "ForgeError",
    "ForgeInvalidError", "ForgeNotFoundError", "ForgePermissionError", "ForgeRateLimitError",
    "ForgeRetryableError", "ForgejoForge", "GitHubForge", "IssueComment", "PullRequest", "Repository", "Review",
    "forge_token", "hidden_marker", "make_forge",
]
