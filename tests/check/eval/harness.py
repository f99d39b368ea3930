"""Run an evaluation set (``snippets.yml``, ``heldout.yml``) through ``sosmed check`` and score it.

Shared by the test (``test_eval.py``) and the benchmark (``benchmarks/bench_eval.py``).
Each snippet is written as a real post (its body) or a real, answered Q&A form (the citizen's
question) in a temporary instance with the project's own ``sosmed.yml``; the whole instance is
checked once with every rule. Findings of the text and privacy rules are mapped to a class
(``nik``, ``phone``, ``insult``, ``sara``, …); every other finding still counts as "a finding"
on a clean post, because an editor reads every warning.
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
MAIN = HERE / "snippets.yml"
HELDOUT = HERE / "heldout.yml"
CLASSES = ("nik", "nip", "phone", "email", "plate", "address", "secret", "insult", "sara", "political", "link")
_RULE_CLASS = {
    "privacy-nik": "nik", "privacy-nip": "nip", "privacy-phone": "phone", "privacy-email": "email",
    "privacy-plate": "plate", "privacy-address": "address", "account-secrets": "secret",
    "political-terms": "political", "link-domains": "link",
}
_LEXICON_CLASS = {"profanity": "insult", "slur": "insult", "divisive": "sara"}
# The fixed answer of every evaluation form: the agency's own words, clean by construction.
ANSWER = "Terima kasih atas pertanyaannya. Pertanyaan Anda sudah kami teruskan ke bidang terkait."


def tokens() -> dict[str, str]:
    """Token-shaped strings, assembled at run time so that none is written in the repository."""
    body = "Zk3_Qm8-Rt5x" * 14
    return {
        "facebook": "EA" + "AB" + "wZ3k" * 12,
        "instagram_basic": "IG" + "QVJ" + body,
        "instagram_igqw": "IG" + "QWR" + body[:150],
        "instagram_login": "IG" + "AA" + body.replace("_", "").replace("-", "")[:140],
        "google_oauth": "ya" + "29." + "a0Af" + body[:120],
        "google_key": "AI" + "za" + "Sy" + "D3mo" * 8 + "x",
        "github": "gh" + "p_" + "R4nd0m" * 6,
        "github_pat": "github" + "_pat_" + "11AB" + "C7d" * 6 + "_" + "Xy9" * 20 + "q",
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
    reason: str = ""

    @property
    def clean(self) -> bool:
        """A clean post (or question): no finding is expected."""
        return not self.expect


@dataclass
class Outcome:
    """What the rules found for one snippet."""

    snippet: Snippet
    problems: list[Problem] = field(default_factory=list)  # every rule's, on this snippet's file

    @property
    def found(self) -> frozenset[str]:
        """The classes found at any level."""
        return frozenset(c for p in self.problems if (c := classify(p)) is not None)

    @property
    def found_as_error(self) -> frozenset[str]:
        """The classes found as errors."""
        return frozenset(c for p in self.problems if p.level == "error" and (c := classify(p)) is not None)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.level == "error"]


def load_snippets(path: Path = MAIN) -> list[Snippet]:
    """An evaluation set, with token placeholders filled in."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    fill = {f"{{token:{k}}}": v for k, v in tokens().items()}
    out = []
    for entry in data:
        text = entry["text"]
        for placeholder, value in fill.items():
            text = text.replace(placeholder, value)
        out.append(Snippet(entry["id"], entry["category"], text, frozenset(entry.get("expect") or ()),
                           entry.get("where", "post"), entry.get("reason", "")))
    return out


def classify(problem: Problem) -> str | None:
    """The evaluation class of a finding (None for rules outside the evaluation)."""
    if problem.rule == "offensive-terms":
        category = problem.key.rsplit(".", 1)[1]
        return "sara" if category.startswith("sara_") else _LEXICON_CLASS.get(category, category)
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
                f"questions:\n  - text: {_yaml_string(snippet.text)}\n    platform: whatsapp\n"
                f"    answer: {_yaml_string(ANSWER)}\n---\n",
                encoding="utf-8",
            )
            paths[f"qna/sekretariat/2020/{form_id}.md"] = snippet
        else:
            slug = snippet.id.lower()
            folder = root / "content" / "2020" / "05" / f"2020-05-12-{slug}"
            folder.mkdir(parents=True)
            (folder / "index.md").write_text(
                "---\ntitle: Informasi Kepegawaian\ndate: 2020-05-12 09:00\nplatforms: [facebook]\n"
                f"strategy: energizing\nbidang: sekretariat\n---\n\n{snippet.text}\n",
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
    return [Outcome(snippet, by_path.get(display, [])) for display, snippet in paths.items()], result


@dataclass(frozen=True)
class Score:
    """Per-snippet counts of one class: true positives, false positives, false negatives."""

    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None


def scores(outcomes: list[Outcome], *, errors_only: bool = False) -> dict[str, Score]:
    """Per class, counted per snippet, at any level (or counting only errors)."""
    counts: dict[str, Counter[str]] = {c: Counter() for c in CLASSES}
    for outcome in outcomes:
        found = outcome.found_as_error if errors_only else outcome.found
        for cls in CLASSES:
            expected, hit = cls in outcome.snippet.expect, cls in found
            if expected and hit:
                counts[cls]["tp"] += 1
            elif hit:
                counts[cls]["fp"] += 1
            elif expected:
                counts[cls]["fn"] += 1
    return {c: Score(v["tp"], v["fp"], v["fn"]) for c, v in counts.items()}


@dataclass(frozen=True)
class Summary:
    """The figures the targets are stated in (issue #18)."""

    violations: int  # labelled (snippet, class) pairs
    detected: int  # of those, found at some level
    clean: int
    clean_with_error: int
    clean_with_any: int

    @property
    def recall(self) -> float:
        return self.detected / self.violations if self.violations else 1.0

    @property
    def clean_any_share(self) -> float:
        return self.clean_with_any / self.clean if self.clean else 0.0


def summary(outcomes: list[Outcome]) -> Summary:
    """Recall over every expected finding; clean snippets with an error, and with any finding of any rule."""
    violations = sum(len(o.snippet.expect) for o in outcomes)
    detected = sum(len(o.snippet.expect & o.found) for o in outcomes)
    clean = [o for o in outcomes if o.snippet.clean]
    return Summary(violations, detected, len(clean), sum(1 for o in clean if o.errors),
                   sum(1 for o in clean if o.problems))
