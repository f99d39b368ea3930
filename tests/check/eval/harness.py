"""Run the evaluation set (``snippets.yml``) through ``sosmed check`` and score it.

Shared by the test (``test_eval.py``) and the benchmark (``benchmarks/bench_eval.py``).
Each snippet is written as a real post (its body) or a real Q&A form (the question's text)
in a temporary instance, the whole instance is checked once, and every finding of the
text/privacy rules is mapped to a class (``nik``, ``phone``, ``profanity``, ``sara``, …).
"""

from __future__ import annotations

import shutil
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from sosmed.check.engine import CheckResult, run_checks
from sosmed.config import load_config
from sosmed.problem import Problem

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[2]
CLASSES = ("nik", "nip", "phone", "email", "plate", "secret", "profanity", "slur", "sara", "divisive",
           "political", "link")
BENIGN = ("clean", "greeting", "sara_benign")
_RULE_CLASS = {
    "privacy-nik": "nik", "privacy-nip": "nip", "privacy-phone": "phone", "privacy-email": "email",
    "privacy-plate": "plate", "account-secrets": "secret", "political-terms": "political", "link-domains": "link",
}


def tokens() -> dict[str, str]:
    """Token-shaped strings, assembled at run time so that none is written in the repository."""
    return {
        "facebook": "EA" + "AB" + "wZ3k" * 12,
        "github": "gh" + "p_" + "R4nd0m" * 6,
        "google_key": "AI" + "za" + "Sy" + "D3mo" * 8 + "x",
        "x_bearer": "A" * 22 + "%3D" + "Zq8" * 16,
        "private_key": "-----BEGIN " + "RSA PRIVATE" + " KEY-----",
    }


@dataclass(frozen=True)
class Snippet:
    """One labelled text."""

    id: str
    category: str
    text: str
    expect: frozenset[str]
    where: str = "post"


@dataclass
class Outcome:
    """What the rules found for one snippet."""

    snippet: Snippet
    found: frozenset[str]
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.level == "error"]


def load_snippets(path: Path = HERE / "snippets.yml") -> list[Snippet]:
    """The evaluation set, with token placeholders filled in."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    fill = {f"{{token:{k}}}": v for k, v in tokens().items()}
    out = []
    for entry in data:
        text = entry["text"]
        for placeholder, value in fill.items():
            text = text.replace(placeholder, value)
        out.append(Snippet(entry["id"], entry["category"], text, frozenset(entry.get("expect") or ()),
                           entry.get("where", "post")))
    return out


def classify(problem: Problem) -> str | None:
    """The evaluation class of a finding (None for rules outside the evaluation)."""
    if problem.rule == "offensive-terms":
        category = problem.key.rsplit(".", 1)[1]
        return "sara" if category.startswith("sara_") else category
    return _RULE_CLASS.get(problem.rule)


def _yaml_string(text: str) -> str:
    return yaml.safe_dump(text, allow_unicode=True, default_style='"', width=10_000).strip().removesuffix("...").strip()


def build_instance(root: Path, snippets: list[Snippet]) -> dict[str, Snippet]:
    """Write one post or form per snippet; return display path → snippet."""
    shutil.copy(REPO / "sosmed.yml", root / "sosmed.yml")
    paths: dict[str, Snippet] = {}
    for number, snippet in enumerate(snippets, 1):
        if snippet.where == "qna":
            form_id = f"QA-2020-05-{number:04d}"
            folder = root / "qna" / "sekretariat" / "2020"
            folder.mkdir(parents=True, exist_ok=True)
            (folder / f"{form_id}.md").write_text(
                f"---\nid: {form_id}\nofficer: Maria Goreti Nona\nbidang: sekretariat\nreceived: 2020-05-12 10:00\n"
                f"questions:\n  - text: {_yaml_string(snippet.text)}\n    platform: whatsapp\n---\n",
                encoding="utf-8",
            )
            paths[f"qna/sekretariat/2020/{form_id}.md"] = snippet
        else:
            slug = snippet.id.lower()
            folder = root / "content" / "2020" / "05" / f"2020-05-12-{slug}"
            folder.mkdir(parents=True)
            (folder / "index.md").write_text(
                "---\ntitle: Evaluasi\ndate: 2020-05-12 09:00\nplatforms: [facebook]\nstrategy: energizing\n"
                f"bidang: sekretariat\n---\n\n{snippet.text}\n",
                encoding="utf-8",
            )
            paths[f"content/2020/05/2020-05-12-{slug}/index.md"] = snippet
    return paths


def evaluate(root: Path, snippets: list[Snippet] | None = None) -> tuple[list[Outcome], CheckResult]:
    """Check every snippet; return one outcome per snippet and the raw result."""
    snippets = snippets if snippets is not None else load_snippets()
    paths = build_instance(root, snippets)
    config = load_config(root / "sosmed.yml")
    result = run_checks([root / "content", root / "qna"], config)
    by_path: dict[str, list[Problem]] = {}
    for problem in result.problems:
        by_path.setdefault(problem.path, []).append(problem)
    outcomes = []
    for display, snippet in paths.items():
        problems = [p for p in by_path.get(display, []) if classify(p) is not None]
        outcomes.append(Outcome(snippet, frozenset(classify(p) for p in problems), problems))  # type: ignore[misc]
    return outcomes, result


def scores(outcomes: list[Outcome]) -> dict[str, tuple[int, int, int]]:
    """Per class: (true positives, false positives, false negatives), counted per snippet."""
    counts: dict[str, Counter[str]] = {c: Counter() for c in CLASSES}
    for outcome in outcomes:
        for cls in CLASSES:
            expected, found = cls in outcome.snippet.expect, cls in outcome.found
            if expected and found:
                counts[cls]["tp"] += 1
            elif found:
                counts[cls]["fp"] += 1
            elif expected:
                counts[cls]["fn"] += 1
    return {c: (v["tp"], v["fp"], v["fn"]) for c, v in counts.items()}
