"""The forge interface the sign-off gate, ``sosmed review`` and ``sosmed doctor`` program against."""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import Literal

from sosmed.forge.models import (
    BranchProtection,
    ChangedFile,
    Commit,
    Environment,
    IssueComment,
    PullRequest,
    Repository,
    Review,
)
from sosmed.forge.transport import Transport

UpsertAction = Literal["created", "updated", "unchanged"]


def hidden_marker(name: str) -> str:
    """An HTML comment that marks sosmed's own PR comment (invisible once rendered)."""
    return f"<!-- sosmed:{name} -->"


class Forge(ABC):
    """One repository on one forge, reached through its REST API.

    Lists are complete (all pages are read). Errors are :class:`~sosmed.forge.errors.ForgeError`
    subclasses; nothing here prints.
    """

    kind: str = ""

    def __init__(self, transport: Transport, repository: str, token_var: str) -> None:
        self.http = transport
        self.repository = repository
        self.owner, self.name = repository.split("/", 1)
        self.token_var = token_var

    @property
    def repo_path(self) -> str:
        """``/repos/{owner}/{name}`` (relative to the API base)."""
        return f"/repos/{self.owner}/{self.name}"

    @abstractmethod
    def get_repository(self) -> Repository:
        """The repository (its default branch in particular)."""

    @abstractmethod
    def pulls_for_commit(self, sha: str) -> list[PullRequest]:
        """Pull requests associated with commit ``sha``.

        GitHub: the merged PR that brought a default-branch commit, else the open PRs that
        contain it. Forgejo: the PR whose merge commit is ``sha``, else nothing. Callers must
        still check ``merged``, ``base_ref`` and that ``merge_commit_sha``/``head_sha`` tie back.
        """

    @abstractmethod
    def get_pull(self, number: int) -> PullRequest:
        """One pull request."""

    @abstractmethod
    def list_reviews(self, number: int) -> list[Review]:
        """Every review of a pull request, oldest first (dismissed ones included, as DISMISSED)."""

    @abstractmethod
    def list_files(self, number: int) -> list[ChangedFile]:
        """The files a pull request changes."""

    @abstractmethod
    def list_commits(self, number: int) -> list[Commit]:
        """The commits of a pull request, oldest first: every commit after its parents.

        GitHub lists at most 250; the pull request's ``head_sha`` is the last push.
        """

    @abstractmethod
    def get_commit(self, sha: str) -> Commit:
        """One commit of the repository, with the accounts of its author and committer."""

    @abstractmethod
    def list_comments(self, number: int) -> list[IssueComment]:
        """Comments on a pull request's conversation, oldest first."""

    @abstractmethod
    def create_comment(self, number: int, body: str) -> IssueComment:
        """Add a comment to a pull request's conversation."""

    @abstractmethod
    def update_comment(self, comment_id: int, body: str) -> IssueComment:
        """Replace a comment's text."""

    @abstractmethod
    def branch_protection(self, branch: str) -> BranchProtection:
        """What protects ``branch`` (classic protection and rulesets merged on GitHub); needs an admin token."""

    def pushers_of(self, number: int, sha: str) -> set[str]:
        """Accounts the forge itself records as having pushed ``sha`` to the pull request.

        Git's author and committer can be written by anyone; only a forge that records who
        pushed can tell. Forgejo does (its issue timeline); GitHub's REST API does not (an
        empty set).
        """
        return set()

    def protected_branches(self) -> list[str]:
        """Names of the repository's protected branches (GitHub: classic protection only)."""
        return []

    def environment(self, name: str) -> Environment | None:
        """The deployment environment ``name``, or None when it does not exist (or the forge has none)."""
        return None

    def environment_secret_names(self, name: str) -> list[str]:
        """Names of the secrets of environment ``name`` (never their values)."""
        return []

    def repository_secret_names(self) -> list[str] | None:
        """Names of the secrets every workflow of the repository can read (repository and
        organisation secrets); None when the forge cannot list them."""
        return None

    @abstractmethod
    def is_team_member(self, org: str, team: str, login: str) -> bool:
        """Whether ``login`` is an active member of team ``team`` (slug or name) of ``org``.

        False as well when the team does not exist: both answer 404 on GitHub.
        """

    @abstractmethod
    def collaborator_permission(self, login: str) -> str:
        """``admin``, ``write``, ``read`` or ``none`` (``maintain``/``triage`` count as write/read)."""

    # --- the one sosmed comment -----------------------------------------------------------------

    def find_comment(self, number: int, marker: str) -> IssueComment | None:
        """The oldest comment on the PR whose body contains ``marker``, if any."""
        return next((c for c in self.list_comments(number) if marker in c.body), None)

    def upsert_comment(self, number: int, body: str, marker: str) -> tuple[IssueComment, UpsertAction]:
        """Create the PR comment carrying ``marker``, or update it in place; never a second one.

        ``marker`` is appended to ``body`` when missing. Returns the comment and what was done.
        """
        if marker not in body:
            body = f"{body.rstrip()}\n\n{marker}\n"
        existing = self.find_comment(number, marker)
        if existing is None:
            return self.create_comment(number, body), "created"
        if existing.body == body:
            return existing, "unchanged"
        return self.update_comment(existing.id, body), "updated"
