"""The benchmarks' corpus: the sample instance of this repository, scaled up by copying.

Every benchmark measures real content: the posts of ``content/`` with their photos, video
and platform texts, and the Q&A forms of ``qna/``, copied again and again under new dates,
slugs and form numbers until there are as many as asked. Nothing is generated from a
vocabulary: the text, the front matter's shape and the media are the agency's own.

Copy ``n`` of a sample post is the same post moved to a new date (every datetime in its front
matter shifted by the same amount, so the folder date and the ``date:`` field still agree)
and a new slug (the original slug plus ``-n``). Media files are hard links to the originals
when the file system allows it (the same bytes under another name, as a copy would be, without
writing gigabytes; ``media="copy"`` writes real copies). Forms keep their division folder and
get a new number ``QA-YYYY-MM-NNNN``.

    from corpus import build_instance
    build_instance(Path("/tmp/x"), posts=10_000, forms=5_000)
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
START = datetime(2020, 5, 1)
_DATETIME = re.compile(r"\b(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})([+-]\d{2}:\d{2}|Z)")
_FORM_ID = re.compile(r"^id: QA-\d{4}-\d{2}-\d{4}$", re.MULTILINE)
_POST_FOLDER = re.compile(r"^\d{4}-\d{2}-\d{2}-(.+)$")


@dataclass(frozen=True)
class SamplePost:
    """One post of the sample instance: its text, its first datetime and its media files."""

    slug: str
    text: str
    date: datetime
    media: tuple[Path, ...]


@dataclass(frozen=True)
class SampleForm:
    """One Q&A form of the sample instance: its division and text."""

    bidang: str
    text: str
    received: datetime


def _first_datetime(text: str) -> datetime:
    match = _DATETIME.search(text)
    if match is None:
        raise ValueError("a sample file without a datetime")
    return datetime.fromisoformat(f"{match.group(1)}T{match.group(2)}")


def _shift(text: str, delta: timedelta) -> str:
    """Every ISO datetime of ``text`` moved by ``delta`` (its zone kept)."""
    def moved(match: re.Match[str]) -> str:
        when = datetime.fromisoformat(f"{match.group(1)}T{match.group(2)}") + delta
        return f"{when:%Y-%m-%dT%H:%M:%S}{match.group(3)}"

    return _DATETIME.sub(moved, text)


def sample_posts(repo: Path = REPO) -> list[SamplePost]:
    """The posts of the repository's ``content/``, in path order."""
    posts = []
    for index in sorted((repo / "content").rglob("index.md")):
        text = index.read_text(encoding="utf-8")
        match = _POST_FOLDER.match(index.parent.name)
        if match is None:
            continue
        media = tuple(sorted(p for p in index.parent.iterdir() if p.name != "index.md" and p.is_file()))
        posts.append(SamplePost(match.group(1), text, _first_datetime(text), media))
    return posts


def sample_forms(repo: Path = REPO) -> list[SampleForm]:
    """The Q&A forms of the repository's ``qna/``, in path order."""
    forms = []
    for path in sorted((repo / "qna").rglob("QA-*.md")):
        text = path.read_text(encoding="utf-8")
        received = re.search(r"^received: (\S+)$", text, re.MULTILINE)
        when = datetime.fromisoformat(received.group(1)).replace(tzinfo=None) if received else _first_datetime(text)
        forms.append(SampleForm(path.parents[1].name, text, when))
    return forms


def _place(source: Path, target: Path, media: str) -> None:
    if media == "link":
        try:
            os.link(source, target)
            return
        except OSError:
            pass
    shutil.copyfile(source, target)


def write_posts(root: Path, count: int, *, media: str = "link", start: datetime = START,
                hours: float = 5) -> list[Path]:
    """``count`` copies of the sample posts under ``root/content``; returns their folders."""
    samples = sample_posts()
    folders = []
    for n in range(count):
        sample = samples[n % len(samples)]
        when = start + timedelta(hours=n * hours)
        when = when.replace(hour=sample.date.hour, minute=sample.date.minute)
        folder = root / "content" / f"{when:%Y}" / f"{when:%m}" / f"{when:%Y-%m-%d}-{sample.slug}-{n}"
        folder.mkdir(parents=True)
        (folder / "index.md").write_text(_shift(sample.text, when - sample.date), encoding="utf-8")
        for file in sample.media:
            _place(file, folder / file.name, media)
        folders.append(folder)
    return folders


def write_forms(root: Path, count: int, *, start: datetime = START, hours: float = 7) -> list[Path]:
    """``count`` copies of the sample Q&A forms under ``root/qna``; returns their paths."""
    samples = sample_forms()
    paths = []
    for n in range(count):
        sample = samples[n % len(samples)]
        when = start + timedelta(hours=n * hours)
        when = when.replace(hour=sample.received.hour, minute=sample.received.minute)
        form_id = f"QA-{when:%Y}-{when:%m}-{n % 10_000:04d}"
        text = _FORM_ID.sub(f"id: {form_id}", _shift(sample.text, when - sample.received), count=1)
        path = root / "qna" / sample.bidang / f"{when:%Y}" / f"{form_id}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def build_instance(root: Path, posts: int, forms: int, *, media: str = "link", site: bool = False) -> Path:
    """A whole instance under ``root``: the repository's ``sosmed.yml`` (and ``mkdocs.yml`` with an
    empty ``docs/`` when ``site``), ``posts`` posts and ``forms`` forms copied from the sample."""
    root.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(REPO / "sosmed.yml", root / "sosmed.yml")
    if site:
        shutil.copyfile(REPO / "mkdocs.yml", root / "mkdocs.yml")
        (root / "docs").mkdir(exist_ok=True)
    write_posts(root, posts, media=media)
    write_forms(root, forms)
    return root


def _git(root: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=Benchmark", "-c", "user.email=bench@localhost", *args], cwd=root,
                   check=True, capture_output=True)


def sign_instance(root: Path) -> int:
    """Make ``root`` a git repository with one commit and a ledger that signs every item as it is.

    The public archive shows only signed content (read from the commit, each item's hash
    matched against a sign-off record of the verified ledger), so a site benchmark needs both.
    ``SOSMED_LEDGER_KEY`` must be set (the benchmarks make a key for the run). Returns the
    number of sign-off records.
    """
    from sosmed.config import load_config
    from sosmed.model.identity import content_hash
    from sosmed.model.loader import load_items
    from sosmed.publish.ledger import GitLedger
    from sosmed.publish.records import new_record

    _git(root, "init", "-q", "-b", "main")
    _git(root, "add", "-A")
    _git(root, "commit", "-q", "-m", "corpus")
    config = load_config(root / "sosmed.yml")
    items = load_items([root / "content", root / "qna"], config).items
    kepala = config.kepala
    records = [new_record("signoff", item=item.id, hash=digest, signoff={
        "mode": "live", "hash": digest, "pr": 1,
        "approvers": [{"login": kepala.forge_users[0], "name": kepala.name, "role": "kepala",
                       "approved_at": "2020-05-01T00:00:00Z"}]})
        for item in items for digest in [content_hash(item)]]
    ledger = GitLedger(root, config.publish.ledger_branch)
    ledger.sync()
    ledger.append(records)
    return len(records)


def describe(posts: int, forms: int) -> str:
    """One line saying what the corpus is made of."""
    samples = sample_posts()
    photos = sum(1 for s in samples for m in s.media if m.suffix.lower() in (".jpg", ".jpeg", ".png", ".webp"))
    videos = sum(1 for s in samples for m in s.media if m.suffix.lower() in (".mp4", ".mov", ".webm"))
    return (f"corpus: {posts} posts copied from the {len(samples)} sample posts ({photos} photos, {videos} video "
            f"among them) and {forms} forms from the {len(sample_forms())} sample forms")


def main() -> None:
    """``python benchmarks/corpus.py DEST [--posts N] [--forms M] [--site]``: build a corpus to time by hand."""
    import argparse

    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("dest", type=Path)
    parser.add_argument("--posts", type=int, default=10_000)
    parser.add_argument("--forms", type=int, default=5_000)
    parser.add_argument("--site", action="store_true", help="add mkdocs.yml and an empty docs/")
    parser.add_argument("--copy", action="store_true", help="copy media files instead of hard-linking them")
    args = parser.parse_args()
    if args.dest.exists() and any(args.dest.iterdir()):
        raise SystemExit(f"{args.dest} is not empty")
    build_instance(args.dest, args.posts, args.forms, media="copy" if args.copy else "link", site=args.site)
    print(describe(args.posts, args.forms))
    print(f"written to {args.dest}")


if __name__ == "__main__":
    main()
